/**
 * A form's typed work, kept in its browser tab so that a reload, or the sign-in a signed-out tab is sent to,
 * gives it back. Stored as JSON beside a stamp of the form's shape and the registry's models: a draft written
 * by another deployment, whose form or models differ, is dropped rather than poured into a form it does not fit.
 */

const FORMAT = 1;

/** The stamp a form's drafts are written and read with: its defaults' shape, and the models that exist. */
export const draftStamp = (defaults: unknown, models: readonly string[]): string => JSON.stringify([FORMAT, shapeOf(defaults), models]);

const shapeOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]));
  return typeof value;
};

/** A number field left empty or unreadable holds NaN, which JSON cannot: kept as this, which no field can hold. */
const NAN = { $nan: 1 };
const isNanMark = (value: unknown): boolean => isRecord(value) && value.$nan === 1 && Object.keys(value).length === 1;

/**
 * The text kept for a form's values, and for what the form holds beside them (the edit form's input
 * picture), which its reader checks itself.
 */
export const encodeDraft = (stamp: string, values: unknown, side: unknown = null): string =>
  JSON.stringify({ stamp, values, side }, (_key, value: unknown) => (typeof value === "number" && Number.isNaN(value) ? NAN : value));

export type Draft<Values> = { readonly values: Values; readonly side: unknown };

/** A form's values back from the text kept, or null when it is unreadable or does not fit the form's defaults. */
export const decodeDraft = <Values>(text: string | null, stamp: string, defaults: Values): Draft<Values> | null => {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (_key, value: unknown) => (isNanMark(value) ? Number.NaN : value));
  } catch {
    return null;
  }
  if (!isRecord(parsed) || parsed.stamp !== stamp) return null;
  const values = fit(parsed.values, defaults);
  return values === MISFIT ? null : { values: values as Values, side: parsed.side ?? null };
};

const MISFIT = Symbol("misfit");

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The value read back, checked against what the form holds by default: the same keys, and at each the same
 * kind of value. An empty default object (a map such as the grid's lists) or a default array takes any of its
 * kind, and a null default (a seed left random, an edit's size left to follow its input) a number, a text or
 * a record of numbers (a size).
 */
const fit = (value: unknown, template: unknown): unknown => {
  if (template === null) {
    const numbers = isRecord(value) && Object.values(value).every((item) => typeof item === "number");
    return value === null || typeof value === "number" || typeof value === "string" || numbers ? value : MISFIT;
  }
  if (Array.isArray(template)) return Array.isArray(value) ? value : MISFIT;
  if (isRecord(template)) {
    if (!isRecord(value)) return MISFIT;
    const keys = Object.keys(template);
    if (keys.length === 0) return value;
    if (Object.keys(value).length !== keys.length) return MISFIT;
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      if (!(key in value)) return MISFIT;
      const item = fit(value[key], template[key]);
      if (item === MISFIT) return MISFIT;
      out[key] = item;
    }
    return out;
  }
  return typeof value === typeof template ? value : MISFIT;
};

/** A seed read back: a number (NaN for one typed that is not) or none; a size's record fits its field, not this one. */
export const isKeptSeed = (seed: unknown): boolean => seed === null || typeof seed === "number";
