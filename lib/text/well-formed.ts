/**
 * Text that can always be written out (as UTF-8, into a PNG text chunk, a header, a file name): no lone
 * surrogate, and never cut inside a character. Pure.
 */

// With the u flag a surrogate pair reads as the one character it encodes, so only an unpaired half matches.
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/**
 * Each unpaired surrogate replaced by U+FFFD, as a UTF-8 encoder would, and each NUL left out: it ends the
 * text in a PNG's text chunk and in SQLite, and PostgreSQL's text refuses it.
 */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATES, "\uFFFD").replaceAll("\u0000", "");

/**
 * How many characters (code points) the text has. The upstream's limits count these; `.length` counts UTF-16
 * units, which makes an emoji or a rare CJK character two.
 */
export const charCount = (text: string): number => {
  let count = 0;
  for (const _character of text) count++;
  return count;
};

/** The first `max` characters (code points), never half of an emoji or a rare CJK character. */
export const cutText = (text: string, max: number): string => {
  let end = 0;
  let count = 0;
  for (const character of text) {
    if (count === max) return text.slice(0, end);
    end += character.length;
    count++;
  }
  return text;
};

/**
 * Text shortened for a label or a title: at most `max` characters, ending at a word's end where one is near
 * (text without spaces, like Chinese, is cut where it must), with an ellipsis when anything was left out.
 */
export const excerpt = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  const cut = cutText(flat, max);
  if (cut.length === flat.length) return flat;
  const space = cut.lastIndexOf(" ");
  const words = space > cut.length * 0.6 ? cut.slice(0, space) : cut;
  return `${words.replace(/[\s,.;:!?，。；：、]+$/u, "")}…`;
};

/**
 * The `maxLength` that holds a field holding `text` to `max` characters. The browser counts `maxLength` in UTF-16
 * units, where an emoji or a rare CJK character is two: each such character already in the field adds its
 * second unit, so the field stops where the upstream's count does. The last character's room is two units, or
 * an emoji typed there would be dropped without a word; two ordinary characters put in at once there (an IME's
 * word) then go one past the limit, which the counter and the form's check show rather than cut.
 */
export const maxLengthFor = (text: string, max: number): number => {
  const count = charCount(text);
  return max + text.length - count + (count === max - 1 ? 1 : 0);
};
