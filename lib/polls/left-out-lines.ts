import { columnLabel } from "../compare/column-label";
import type { ComparisonView, GenerationStatus } from "../generation/view";
import { format } from "../i18n/format";
import type { Messages } from "../i18n/messages/en";
import { modelName } from "../models/model-name";
import { excerpt } from "../text/well-formed";
import { placeLabel } from "./place-label";
import type { PollLeftOut, PollPlace } from "./poll";
import { pollLeftOut } from "./poll-items";

type Texts = Pick<Messages, "polls" | "compare" | "grid">;
/** The report's texts: it names an item as its Results page heads it ("Comparison 3"). */
type ReportTexts = Texts & Pick<Messages, "leaderboard">;

/** A place's parts, in the reader's language: where it is, and which columns made no image and why. */
type Parts = { readonly where: string; readonly columns: string; readonly whole: boolean };

const partsOf = (
  { prompt, place, missing, whole }: { prompt: string; place?: PollPlace; missing: ReadonlyArray<{ label: string; status: GenerationStatus }>; whole: boolean },
  messages: Texts,
): Parts => {
  const t = messages.polls.owner;
  const at = placeLabel(place, messages);
  const where = format(at === "" ? t.leftOutWhere : t.leftOutWhereAt, { prompt: excerpt(prompt, 60), place: at });
  const columns = missing.map(({ label, status }) => format(t.leftOutColumn, { label, why: t.leftOutWhy[status] }));
  return { where, columns: columns.join(t.leftOutSeparator), whole };
};

/** A place's sentence: where, which columns and why, and what the poll does there. */
const sentence = ({ where, columns, whole }: Parts, messages: Texts): string =>
  format(whole ? messages.polls.owner.leftOutPlace : messages.polls.owner.leftOutOthers, { where, columns });

/**
 * What a poll of these sets leaves out, a sentence a place, in the reader's language: which columns made no
 * image and why, and whether the place's item compares the others or is not in the poll at all. Columns are
 * named as their card names them, so a blind comparison's say "Model B", not the model.
 */
export const leftOutLines = (sets: readonly ComparisonView[], messages: Texts): string[] =>
  sets.flatMap((set) =>
    pollLeftOut(set).map(({ missing, ...rest }) =>
      sentence(partsOf({ ...rest, missing: missing.map(({ index, status }) => ({ label: columnLabel(set, index, messages.compare.blindModel), status })) }, messages), messages),
    ),
  );

/**
 * What a poll kept when it was made, for its report: read once its models are shown, so by model; a place that
 * still has an item names it, as two places of a poll can share a prompt.
 */
const keptParts = (leftOut: readonly PollLeftOut[], messages: ReportTexts): Parts[] =>
  leftOut.map(({ missing, item, ...rest }) => {
    const parts = partsOf({ ...rest, missing: missing.map(({ model, status }) => ({ label: modelName(model), status })) }, messages);
    const t = messages.leaderboard;
    return item === undefined ? parts : { ...parts, where: format(t.leftOutInItem, { where: parts.where, item: format(t.item, { n: item + 1 }) }) };
  });

/** The report's sentences, as the form said them before the poll was made. */
export const keptLeftOutLines = (leftOut: readonly PollLeftOut[], messages: ReportTexts): string[] =>
  keptParts(leftOut, messages).map((parts) => sentence(parts, messages));

/** The same as a slide's table rows (a cover has no room for a line a place): where, which models and why, what the poll does. */
export const keptLeftOutRows = (leftOut: readonly PollLeftOut[], messages: ReportTexts): string[][] => {
  const t = messages.leaderboard.leftOutTable;
  return keptParts(leftOut, messages).map(({ where, columns, whole }) => [where, columns, whole ? t.whole : t.others]);
};
