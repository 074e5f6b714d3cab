import { formatSeconds } from "../i18n/format";
import { HTML_LANG, type Locale } from "../i18n/locale";
import type { Messages } from "../i18n/messages/en";
import { modelName } from "../models/model-name";
import { formatMoney } from "../pricing/prices";
import type { PollResults } from "./poll-results";

/** The leaderboard's tables as text, as the page and the slide deck both show them. */

type Words = Messages["leaderboard"];

export const rankingColumns = (t: Words): string[] => [t.rank, t.model, t.score, t.comparisons, t.winRate, t.time, t.images, t.cost];

/** A row a model, best first: rank, name, score with its 95% interval, comparisons, win rate, median time, images and cost. */
export const rankingRows = (results: PollResults, t: Words, currency: string, locale: Locale): string[][] => {
  const facts = new Map(results.facts.map((fact) => [fact.model, fact]));
  const score = (value: number) => value.toFixed(2);
  return results.ranking.map((entry, index) => {
    const fact = facts.get(entry.model);
    return [
      String(index + 1),
      modelName(entry.model),
      `${score(entry.score)} (${score(entry.low)} … ${score(entry.high)})`,
      String(entry.comparisons),
      `${Math.round(entry.winRate * 100)}%`,
      fact?.medianMs == null ? t.noTime : formatSeconds(fact.medianMs),
      String(fact?.images ?? 0),
      formatMoney(fact?.cost ?? 0, currency, HTML_LANG[locale]),
    ];
  });
};

export const pairColumns = (t: Words): string[] => [t.pair, t.wins, t.ties];

/** A row a pair of models set side by side: their names, each one's wins, and the ties. */
export const pairRows = (results: PollResults): string[][] => results.pairs.map((pair) => [`${modelName(pair.a)} / ${modelName(pair.b)}`, `${pair.aWins} : ${pair.bWins}`, String(pair.ties)]);
