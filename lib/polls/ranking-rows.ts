import { format, formatSeconds } from "../i18n/format";
import { HTML_LANG, type Locale } from "../i18n/locale";
import type { Messages } from "../i18n/messages/en";
import { modelName } from "../models/model-name";
import { formatMoney } from "../pricing/prices";
import { ENOUGH, shortfall, tooFewVotes } from "./bradley-terry";
import type { PollResults } from "./poll-results";

/** The leaderboard's tables as text, as the page and the slide deck both show them. */

type Words = Messages["leaderboard"];

export const rankingColumns = (t: Words): string[] => [t.rank, t.model, t.score, t.comparisons, t.winRate, t.time, t.images, t.cost];

/** A score as the tables show it; models whose shown scores are equal share a rank. */
const shown = (value: number): string => value.toFixed(2);

/**
 * A row a model, best first: rank, name, score with its 95% interval, comparisons, win rate, median time,
 * images and cost. Models level to the shown decimals share a rank and are listed by name; models no vote
 * compared yet come last, without a rank or a score.
 */
export const rankingRows = (results: PollResults, t: Words, currency: string, locale: Locale): string[][] => {
  const facts = new Map(results.facts.map((fact) => [fact.model, fact]));
  const about = (model: string) => {
    const fact = facts.get(model);
    return [fact?.medianMs == null ? t.noTime : formatSeconds(fact.medianMs), String(fact?.images ?? 0), formatMoney(fact?.cost ?? 0, currency, HTML_LANG[locale])];
  };
  const ranked = [...results.ranking].sort((x, y) => Number(shown(y.score)) - Number(shown(x.score)) || modelName(x.model).localeCompare(modelName(y.model)));
  return [
    ...ranked.map((entry) => [
      String(1 + ranked.filter((other) => Number(shown(other.score)) > Number(shown(entry.score))).length),
      modelName(entry.model),
      `${shown(entry.score)} (${shown(entry.low)} … ${shown(entry.high)})`,
      String(entry.comparisons),
      `${Math.round(entry.winRate * 100)}%`,
      ...about(entry.model),
    ]),
    ...results.unranked.map((model) => [t.noRank, modelName(model), t.notCompared, "0", t.noRank, ...about(model)]),
  ];
};

/**
 * Which of the ranking's needs the votes leave unmet, with their numbers: votes that rank (counted apart from
 * the "all bad" ones, which the line above them includes), and each model's comparisons.
 */
const unmet = (results: PollResults, t: Words): string[] => {
  const short = shortfall(results);
  return [
    ...(short.votes ? [format(t.uncertainVotes, { needed: ENOUGH.votes, votes: results.votes }) + (results.allBad > 0 ? format(t.uncertainBad, { bad: results.allBad }) : "")] : []),
    ...(short.models.length > 0
      ? [
          format(t.uncertainModels, {
            needed: ENOUGH.perModel,
            models: short.models.map(({ model, comparisons }) => format(comparisons > 0 ? t.uncertainModel : t.uncertainNever, { model: modelName(model), count: comparisons })).join(t.listSeparator),
          }),
        ]
      : []),
  ];
};

/**
 * Why the order is not to be gone by yet, as the page and the deck both say it: which need the votes leave
 * unmet, or models the votes never linked (their groups' order is the prior's, not the voters').
 */
export const rankingNotes = (results: PollResults, t: Words): string[] => [
  ...(tooFewVotes(results) ? [format(t.uncertain, { reasons: unmet(results, t).join(t.reasonSeparator) })] : []),
  ...(results.groups.length > 1 ? [format(t.apart, { groups: results.groups.map((group) => group.map(modelName).join(", ")).join(" · ") })] : []),
];

export const pairColumns = (t: Words): string[] => [t.pair, t.wins, t.ties];

/** A row a pair of models set side by side: their names, each one's wins, and the ties. */
export const pairRows = (results: PollResults): string[][] => results.pairs.map((pair) => [`${modelName(pair.a)} / ${modelName(pair.b)}`, `${pair.aWins} : ${pair.bWins}`, String(pair.ties)]);
