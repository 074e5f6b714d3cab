/**
 * Says a sentence to a screen reader once, through one polite live region of the page, made on first use.
 * For what happens away from where the focus is (a refused submit, an error that comes after a click); text
 * that changes as the user types is tied to its field instead and never said from here.
 */
let region: HTMLElement | null = null;
let pending: ReturnType<typeof setTimeout> | undefined;

/** How long a refused submit's sentence keeps the region: its fields' errors come in the same moment. */
const REFUSAL_HOLD_MS = 500;
let heldUntil = 0;

const say = (text: string): void => {
  if (!region?.isConnected) {
    region = document.createElement("p");
    region.setAttribute("aria-live", "polite");
    region.className = "sr-only";
    document.body.append(region);
  }
  const target = region;
  // Emptied, then filled a moment later: a region made with its text, or given the same text again, is not
  // read. Two calls within that moment (a field and its form saying the same refusal) are said once, the last.
  target.textContent = "";
  clearTimeout(pending);
  pending = setTimeout(() => {
    target.textContent = text;
  }, 100);
};

export const announce = (text: string): void => {
  if (performance.now() < heldUntil) return;
  say(text);
};

/**
 * A refused submit's one sentence (the error of the field it focused). Each of the form's other refused fields
 * says its own error as it appears away from the focus, and React may run those effects just after this:
 * the last said being the one heard, a screen reader would have heard another field's error than the focused one's.
 */
export const announceRefusal = (text: string): void => {
  heldUntil = performance.now() + REFUSAL_HOLD_MS;
  say(text);
};
