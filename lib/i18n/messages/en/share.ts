/** English text of the share part of the interface. Plain strings: `{name}` placeholders, plural as { one, other }. */
export const share = {
  pageTitle: "Shared · OneToken Image Playground",
  from: "Shared from the OneToken Image Playground · read-only",
  title: "Shared images",
  /** Followed by the date and time the link was made. */
  sharedOn: "Shared",
  present: "Present",
  playground: "Go to the playground",
  missing: {
    one: "{count} of the shared items has been deleted since this link was made.",
    other: "{count} of the shared items have been deleted since this link was made.",
  },
  held: {
    one: "{count} of the shared items is held back until the models of its blind comparison are revealed: shown alone, it would name its model.",
    other: "{count} of the shared items are held back until the models of their blind comparisons are revealed: shown alone, each would name its model.",
  },
  item: { generation: "Generation: {prompt}", comparison: "Comparison: {prompt}", grid: "Grid: {prompt}", batch: "Batch: {prompt}" },
  prompt: "Prompt",
  open: "Open in playground",
  imageAlt: "{label}, image {n}: {prompt}",
  openFull: "Open image {n} at full size",
  revised: "Revised prompt",
  noRevised: "No revised prompt returned.",
  revisedHidden: "Shown when the models are revealed.",
};
