/**
 * Whether a form holds the user's own work: a field that differs from what the form starts with, text
 * compared as trimmed; `ignore` names the fields whose choice is not typing (the model picked). A negative
 * prompt, a seed or a size set before the prompt is written is work a click must not replace unasked.
 */
export const differsFrom = <T extends object>(values: T, start: T, ignore: readonly (keyof T)[]): boolean =>
  (Object.keys(start) as (keyof T)[]).some((key) => {
    if (ignore.includes(key)) return false;
    const [now, then] = [values[key], start[key]];
    return typeof now === "string" && typeof then === "string" ? now.trim() !== then.trim() : JSON.stringify(now) !== JSON.stringify(then);
  });
