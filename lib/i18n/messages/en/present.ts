/** English text of the present part of the interface. Plain strings: `{name}` placeholders, plural as { one, other }. */
export const present = {
  label: "Presentation",
  roleDescription: "slide show",
  noSlides: "No slides",
  loading: "Loading…",
  position: "Slide {n} of {total}",
  previous: "Previous",
  next: "Next",
  /** Why Previous does nothing on the first slide, and Next on the last. */
  first: "This is the first slide.",
  last: "This is the last slide.",
  exit: "Exit",
  /** Shown after "Exit" only where a keyboard is likely: a touch screen has no Escape key. */
  exitKey: "(Esc)",
  nothing: "Nothing to present: none of these has an image yet.",
  current: "Current slide",
  imageAlt: "{label}: {prompt}",
  revised: "Revised: {prompt}",
  /** Why a comparison's column has no image on a slide (the words lib/present/slides.ts writes). */
  slides: {
    missingImage: "No image {n} from this model.",
    stillGenerating: "Still generating.",
    noImage: {
      queued: "No image (queued).",
      running: "No image (running).",
      succeeded: "No image (succeeded).",
      failed: "No image (failed).",
      cancelled: "No image (cancelled).",
      interrupted: "No image (interrupted).",
    },
  },
};
