import { columnLabel } from "../compare/column-label";
import type { ComparisonView } from "../generation/view";
import { format } from "../i18n/format";
import type { Messages } from "../i18n/messages/en";
import { excerpt } from "../text/well-formed";
import { placeLabel } from "./place-label";
import { pollLeftOut } from "./poll-items";

/**
 * What a poll of these sets leaves out, a sentence a place, in the reader's language: which columns made no
 * image and why, and whether the place's item compares the others or is not in the poll at all. Columns are
 * named as their card names them, so a blind comparison's say "Model B", not the model.
 */
export const leftOutLines = (sets: readonly ComparisonView[], messages: Pick<Messages, "polls" | "compare" | "grid">): string[] => {
  const t = messages.polls.owner;
  return sets.flatMap((set) =>
    pollLeftOut(set).map(({ prompt, place, missing, whole }) => {
      const at = placeLabel(place, messages);
      const where = format(at === "" ? t.leftOutWhere : t.leftOutWhereAt, { prompt: excerpt(prompt, 60), place: at });
      const columns = missing.map(({ index, status }) => format(t.leftOutColumn, { label: columnLabel(set, index, messages.compare.blindModel), why: t.leftOutWhy[status] }));
      return format(whole ? t.leftOutPlace : t.leftOutOthers, { where, columns: columns.join(t.leftOutSeparator) });
    }),
  );
};
