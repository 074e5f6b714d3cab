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
 * After a submit, once the page shows what it refused: the focus on the first refused field (where the form's
 * own check left it, else the first in the form: a field it cannot focus, a refusal only the page checks), and
 * that field's error said. The form's check focuses its field before the error is on the page, so a screen
 * reader reading the field heard no error in its description. A form with no refused field says nothing.
 */
export const sayRefusal = (form: HTMLFormElement): void => {
  const focused = document.activeElement;
  const field = focused && form.contains(focused) && focused.matches(INVALID) ? focused : form.querySelector(INVALID);
  if (!(field instanceof HTMLElement)) return;
  if (field !== focused) field.focus();
  const said = errorsOf(field);
  if (said) announceRefusal(said);
};
