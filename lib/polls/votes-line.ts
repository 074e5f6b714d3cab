import { plural } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import type { Messages } from "../i18n/messages/en";
import type { PollResults } from "./poll-results";

/** How many voted, as the leaderboard and its slide deck both say it (each count in its own plural). */
export const votesLine = (locale: Locale, t: Messages["leaderboard"], results: PollResults): string =>
  results.votes === 0 && results.allBad === 0
    ? t.none
    : plural(locale, t.counts, results.voters, { votes: plural(locale, t.votes, results.votes + results.allBad), allBad: results.allBad });
