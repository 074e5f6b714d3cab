/**
 * Says a sentence to a screen reader once, through one polite live region of the page, made on first use.
 * For what happens away from where the focus is (a refused submit, an error that comes after a click); text
 * that changes as the user types is tied to its field instead and never said from here.
 */
let region: HTMLElement | null = null;
let pending: ReturnType<typeof setTimeout> | undefined;

export const announce = (text: string): void => {
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
