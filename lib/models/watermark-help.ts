import { format } from "../i18n/format";
import { FAMILY_MARKS, findModel, type ModelFamily } from "./registry";

/** A language's words for the watermark's help: `one` names a mark, `several` lists each family's with `each`. */
export type WatermarkWords = { readonly one: string; readonly several: string; readonly each: string; readonly separator: string };

/**
 * The watermark's help for a form whose images come from these models: the mark they all draw, or each
 * family's (every family's while none is chosen yet).
 */
export const watermarkHelp = (models: readonly string[], words: WatermarkWords): string => {
  const families = new Set(models.map((id) => findModel(id)?.family));
  const chosen = (Object.keys(FAMILY_MARKS) as ModelFamily[]).filter((family) => families.has(family)).map((family) => FAMILY_MARKS[family]);
  const marks = chosen.length > 0 ? chosen : Object.values(FAMILY_MARKS);
  const [only, ...others] = marks;
  if (only && others.length === 0) return format(words.one, only);
  return format(words.several, { marks: marks.map((mark) => format(words.each, mark)).join(words.separator) });
};
