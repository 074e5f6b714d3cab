import { announceRefusal } from "./announce";

const INVALID = '[aria-invalid="true"]';

/** The text of a control's errors: the elements its description names that are errors (`…-error`, ./field.tsx). */
const errorsOf = (control: Element): string =>
  (control.getAttribute("aria-describedby") ?? "")
    .split(/\s+/)
    .filter((id) => id.endsWith("-error"))
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
    .filter(Boolean)
    .join(" ");

/**
 * After a submit, once the page shows what it refused: the focus on the first refused field in the form, as a
 * person reads it, and that field's error said. Not where the form's own check left it: that check goes by the
 * order its fields were registered in (a custom size's fields come after the count, being shown later), and it
 * cannot focus a field it does not hold (the grid's saved lists, a refusal only the page checks). It focuses its
 * field before the error is on the page, too, so a screen reader reading the field heard no error in its
 * description. A form with no refused field says nothing.
 */
export const sayRefusal = (form: HTMLFormElement): void => {
  const field = form.querySelector(INVALID);
  if (!(field instanceof HTMLElement)) return;
  if (field !== document.activeElement) field.focus();
  const said = errorsOf(field);
  if (said) announceRefusal(said);
};
