"use client";

import { useState } from "react";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { PollStatus } from "@/components/polls/poll-button";
import { DeckButton } from "@/components/sets/deck-button";
import { loadedHeightCap } from "@/components/ui/height-cap";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { ScrollBox } from "@/components/ui/scroll-box";
import { ThemeSwitch } from "@/components/ui/theme-switch";
import { useRefresh } from "@/components/ui/use-refresh";
import { format } from "@/lib/i18n/format";
import { modelName } from "@/lib/models/model-name";
import { keptLeftOutLines } from "@/lib/polls/left-out-lines";
import type { PollLeftOut } from "@/lib/polls/poll";
import { placeLabel } from "@/lib/polls/place-label";
import type { ItemResult, PollResults } from "@/lib/polls/poll-results";
import type { PollSummary } from "@/lib/polls/poll-summary";
import { pairColumns, pairRows, rankingColumns, rankingNotes, rankingRows } from "@/lib/polls/ranking-rows";
import { votesLine } from "@/lib/polls/votes-line";

const cell = "border-t border-slate-200 dark:border-slate-700 py-1.5 pr-3 align-top";

/** The ranking with its intervals, each model's speed and cost beside it, and the head-to-head counts. */
/**
 * `poll`: the one poll shown (its report can be taken away as slides), or null for every vote; `polls`: every
 * poll's link and counts under every vote's ranking, so a poll's owner finds them again after the page it was
 * made on has gone.
 */
export function LeaderboardView({
  results,
  items,
  leftOut,
  held,
  itemsHeld,
  title,
  poll,
  polls,
  currency,
}: {
  results: PollResults;
  items: readonly ItemResult[];
  /** What one poll left out for want of images, said with its items. */
  leftOut: readonly PollLeftOut[];
  /** Votes kept out until their polls close (one poll's page: all of its own). */
  held: boolean;
  /** One poll's items (its images under their models) kept back until it closes. */
  itemsHeld: boolean;
  title: string | null;
  poll: string | null;
  polls: readonly PollSummary[];
  currency: string;
}) {
  const messages = useMessages();
  const t = messages.leaderboard;
  const locale = useLocale();
  const refresh = useRefresh();
  // The list stays as loaded when the page is read again: a poll deleted here keeps its line, which says so and
  // holds the focus, and each line keeps its own counts (PollStatus).
  const [listed] = useState(polls);
  return (
    <main className="mx-auto max-w-5xl space-y-4 px-4 py-6">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-xl font-bold">{t.heading}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">{title === null ? t.all : format(t.poll, { title })}</p>
        </div>
        {/* Every link and control here is of no use on paper. */}
        <nav className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm print:hidden">
          {title !== null && <a href="/leaderboard" className="whitespace-nowrap underline">{t.allLink}</a>}
          <a href="/" className="whitespace-nowrap underline">{t.back}</a>
          {poll !== null && <DeckButton href={`/api/takeaway/deck?poll=${encodeURIComponent(poll)}`} help={t.deckHelp} />}
          <button type="button" onClick={() => window.print()} className="whitespace-nowrap underline">
            {t.print}
          </button>
          <ThemeSwitch />
          <LanguageSwitch />
        </nav>
      </header>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t.intro}</p>
      {held && poll !== null ? (
        <p role="note" className="rounded-md border border-slate-300 dark:border-slate-600 p-2 text-sm">
          {t.held}
        </p>
      ) : (
        <>
      <p className="text-sm">{votesLine(locale, t, results)}</p>
      {rankingNotes(results, t).map((note) => (
        <p key={note} role="note" className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-2 text-sm">
          {note}
        </p>
      ))}
      {/* Words and figures keep whole (the page's break-anywhere is for people's text); a phone scrolls the table sideways. */}
      <ScrollBox label={t.rankingBox} className="overflow-x-auto print:overflow-visible">
        <table className="w-full text-left text-sm [overflow-wrap:normal]">
          <caption className="sr-only">{t.heading}</caption>
          <thead className="text-xs text-slate-500 dark:text-slate-400">
            <tr>
              {rankingColumns(t).map((heading) => (
                <th key={heading} scope="col" className="min-w-16 py-1 pr-3 align-bottom font-medium first:min-w-10">{heading}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rankingRows(results, t, currency, locale).map(([rank, model, ...figures]) => (
              <tr key={model}>
                <td className={`${cell} whitespace-nowrap tabular-nums`}>{rank}</td>
                <th scope="row" className={`${cell} min-w-28 font-medium`}>{model}</th>
                {figures.map((figure, index) => (
                  <td key={index} className={`${cell} whitespace-nowrap tabular-nums`}>{figure}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {results.pairs.length > 0 && (
        <ScrollBox label={t.pairsBox} className="overflow-x-auto print:overflow-visible">
          <table className="w-full text-left text-sm [overflow-wrap:normal]">
            <caption className="mb-1 text-left font-medium">{t.pairs}</caption>
            <thead className="text-xs text-slate-500 dark:text-slate-400">
              <tr>
                {pairColumns(t).map((heading) => (
                  <th key={heading} scope="col" className="min-w-12 py-1 pr-3 align-bottom font-medium">{heading}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {pairRows(results).map(([pair, wins, ties]) => (
                <tr key={pair}>
                  <th scope="row" className={`${cell} min-w-40 font-medium`}>{pair}</th>
                  <td className={`${cell} whitespace-nowrap tabular-nums`}>{wins}</td>
                  <td className={`${cell} whitespace-nowrap tabular-nums`}>{ties}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {items.length > 0 && (
        <section aria-labelledby="poll-items" className="space-y-4">
          {/* On paper it keeps with the first item rather than end a page alone. */}
          <h2 id="poll-items" className="font-medium break-after-avoid">{t.items}</h2>
          {leftOut.length > 0 && (
            <div role="note" aria-labelledby="poll-left-out" className="space-y-1 break-inside-avoid rounded-md border border-slate-300 dark:border-slate-600 p-2 text-sm">
              <p id="poll-left-out" className="font-medium">{t.leftOut}</p>
              <ul className="list-disc space-y-1 pl-5">
                {keptLeftOutLines(leftOut, messages).map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            </div>
          )}
          {items.map((item, index) => (
            <article key={index} aria-label={format(t.item, { n: index + 1 })} className="space-y-2 break-inside-avoid rounded-md border border-slate-200 dark:border-slate-700 p-3">
              <p className="text-sm">{item.prompt}</p>
              {item.place && <p className="text-sm text-slate-600 dark:text-slate-300">{placeLabel(item.place, messages)}</p>}
              <ul className="grid gap-3" style={{ gridTemplateColumns: `repeat(${Math.min(item.candidates.length, 4)}, minmax(0, 1fr))` }}>
                {item.candidates.map((candidate) => (
                  <li key={candidate.imageId} className="space-y-1 text-sm">
                    {/* eslint-disable-next-line @next/next/no-img-element -- stored thumbnails served by the app */}
                    <img src={`/api/images/${candidate.imageId}/thumb`} alt={format(t.imageAlt, { model: modelName(candidate.model) })} className="mx-auto block h-auto w-auto max-w-full rounded" style={loadedHeightCap} />
                    <p>
                      <span className="font-medium">{modelName(candidate.model)}</span> · {format(t.picks, { count: candidate.picks })}
                    </p>
                  </li>
                ))}
              </ul>
              <p className="text-xs text-slate-500 dark:text-slate-400">{format(t.itemOther, { ties: item.ties, bad: item.bad })}</p>
            </article>
          ))}
        </section>
      )}
          {itemsHeld && <p role="note" className="text-sm text-slate-600 dark:text-slate-400">{t.itemsHeld}</p>}
          {held && <p className="text-sm text-slate-600 dark:text-slate-400">{t.heldSome}</p>}
        </>
      )}
      {listed.length > 0 && (
        <section aria-labelledby="poll-list" className="space-y-3 print:hidden">
          <div>
            <h2 id="poll-list" className="font-medium">{t.polls}</h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">{t.pollsHelp}</p>
          </div>
          {/* A close or a delete changes what the ranking counts: the page reads it again, in place (its scroll and this list kept). */}
          {listed.map((summary) => (
            <PollStatus key={summary.id} initial={summary} watch={false} onChanged={refresh} />
          ))}
        </section>
      )}
    </main>
  );
}
