"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { loadedHeightCap } from "@/components/ui/height-cap";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { ThemeSwitch } from "@/components/ui/theme-switch";
import { useVote, voterQuery } from "@/lib/api/polls";
import { format } from "@/lib/i18n/format";
import { placeLabel } from "@/lib/polls/place-label";
import { EnlargedCandidate } from "./enlarged-candidate";

const letter = (slot: number) => String.fromCharCode(65 + slot);

/**
 * A voter's page: one comparison at a time, its images side by side in this voter's order and under letters
 * only; a pick, a tie or "all bad" (once each), or a skip; the models afterwards if the owner allows it.
 */
export function VotePage({ token }: { token: string }) {
  const messages = useMessages();
  const { polls, common } = messages;
  const t = polls.vote;
  const { working } = common;
  const ruleText = useRuleText();
  const query = useQuery(voterQuery(token));
  const vote = useVote(token);
  const [position, setPosition] = useState<number | null>(null);
  /** The slot shown large, if any. */
  const [enlarged, setEnlarged] = useState<number | null>(null);
  // The images of the item on screen that have arrived: until all have, a pick could be of the last item's
  // picture still painted in its place.
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(new Set());
  const arrived = (src: string) => setLoaded((sources) => new Set(sources).add(src));
  // Refused, perhaps, as a page shown to another voter of this browser: the poll is read as the cookie has it.
  const failed = (src: string) => {
    arrived(src);
    void query.refetch();
  };
  const recorded = useRef<HTMLParagraphElement>(null);
  const section = useRef<HTMLElement>(null);
  // The next item starts at its own beginning (its images, then its picks), and a screen reader hears which one it is.
  const move = (to: number) => {
    vote.reset();
    setPosition(to);
    requestAnimationFrame(() => section.current?.focus());
  };
  /** The vote's answer moves the first unvoted item on: the voter stays to see what was recorded (and the models). */
  const cast = (at: number, choice: { slot: number } | "tie" | "bad") => {
    setPosition(at);
    if (query.data) vote.mutate({ item: at, seat: query.data.seat, choice }, { onSuccess: () => setVotes((count) => count + 1) });
  };
  // The buttons go with the answer: the focus goes to what was recorded, once it shows (the render that has
  // both the answer and the count), not to the top of the page.
  const [votes, setVotes] = useState(0);
  const focusedFor = useRef(0);
  useEffect(() => {
    if (votes === focusedFor.current || !recorded.current) return;
    focusedFor.current = votes;
    recorded.current.focus();
  });
  const loadError = query.isError ? <p role="alert" className="p-6 text-red-700 dark:text-red-300">{format(t.loadError, { error: ruleText(query.error.message) })}</p> : null;
  const view = query.data;
  // A failed read again (a blip on a refocus) keeps the page as it was, with the error above it.
  if (!view) return loadError ?? <p role="status" className="p-6 text-sm text-slate-600 dark:text-slate-400">{t.loading}</p>;
  const firstOpen = view.items.findIndex((item) => item.vote === null);
  const index = position ?? (firstOpen < 0 ? 0 : firstOpen);
  const item = view.items[index];
  const allDone = firstOpen < 0;
  const chosen = item?.vote;
  // A vote refused (by the poll's limit on new voters from one address, say) keeps the choice on screen: named
  // in the refusal and marked on its picture, for the voter to send again.
  const refused = vote.error ? vote.variables?.choice : undefined;
  const sources = Array.from({ length: item?.slots ?? 0 }, (_, slot) => `/api/vote/${token}/items/${index}/images/${slot}?seat=${view.seat}`);
  const waiting = sources.some((src) => !loaded.has(src)) ? t.imagesLoading : undefined;
  // Every choice's button waits alike: for the item's pictures, then for the vote on its way.
  const choosing = { disabled: vote.isPending || waiting !== undefined, reason: waiting ?? working };
  const votable = item !== undefined && item.vote === null && !view.closed;
  const imageName = (slot: number) => format(t.image, { letter: letter(slot) });
  const choiceName = (choice: { slot: number } | "tie" | "bad") => (choice === "tie" ? t.choiceTie : choice === "bad" ? t.choiceBad : imageName(choice.slot));
  // The model only where the poll already shows it: the large view tells no more than the page.
  const caption = (slot: number) => (item?.models ? format(t.made, { letter: letter(slot), model: item.models[slot] ?? "" }) : imageName(slot));
  const shownLarge = enlarged === null ? undefined : sources[enlarged];
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-indigo-700 dark:text-indigo-300">{t.heading}</p>
          <h1 className="text-xl font-bold">{view.title}</h1>
        </div>
        <div className="flex items-center gap-2">
          <ThemeSwitch />
          <LanguageSwitch />
        </div>
      </header>
      {/* A closed poll asks nothing and hides nothing any more: its intro says what the page is now. */}
      <p className="text-sm text-slate-600 dark:text-slate-400">{t.intro[view.closed ? "closed" : view.reveal]}</p>
      {loadError}
      {view.closed && <p role="status" className="rounded-md bg-amber-50 dark:bg-amber-950/40 p-2 text-sm">{t.closed}</p>}
      {allDone && !view.closed && <p role="status" className="rounded-md bg-emerald-50 dark:bg-emerald-950/40 p-2 text-sm">{t.done}</p>}
      {item && (
        <section ref={section} tabIndex={-1} aria-label={format(t.progress, { n: index + 1, count: view.items.length })} className="space-y-3 outline-none">
          <p className="text-sm text-slate-500 dark:text-slate-400">{format(t.progress, { n: index + 1, count: view.items.length })}</p>
          <p className="text-base">
            <span className="font-medium">{t.promptLabel}</span>
            {item.prompt}
          </p>
          {item.place && <p className="text-sm text-slate-600 dark:text-slate-300">{placeLabel(item.place, messages)}</p>}
          <ol className="grid gap-4" style={{ gridTemplateColumns: `repeat(${Math.min(item.slots, 4)}, minmax(0, 1fr))` }}>
            {sources.map((src, slot) => {
              const picked = chosen !== null && typeof chosen === "object" && chosen.slot === slot;
              // Not once a vote of this item is on record (another tab's, say): then that one is the choice shown.
              const kept = chosen === null && typeof refused === "object" && refused.slot === slot;
              return (
                // Keyed by the image, not the slot: a new item's pictures replace the last item's, never load under them.
                // Marked by an outline, not a ring: forced colours take a ring (a box-shadow) away, and keep an outline.
                <li key={src} className={`space-y-2 rounded-md border p-2 ${picked ? "border-indigo-500 outline-2 outline-offset-1 outline-indigo-500" : kept ? "border-dashed border-indigo-500 outline-2 outline-offset-1 outline-dashed outline-indigo-300" : "border-slate-200 dark:border-slate-700"}`}>
                  {/* A tap on the picture enlarges it too, as on a phone's own gallery; the button says so in words. */}
                  {/* eslint-disable-next-line @next/next/no-img-element -- anonymised images served by the poll */}
                  <img src={src} alt={imageName(slot)} onLoad={() => arrived(src)} onError={() => failed(src)} onClick={() => setEnlarged(slot)} className="mx-auto block h-auto w-auto max-w-full cursor-zoom-in rounded" style={loadedHeightCap} />
                  <p className="text-sm font-medium">{caption(slot)}</p>
                  <Button size="sm" className="w-full" onClick={() => setEnlarged(slot)}>
                    {format(t.enlarge, { letter: letter(slot) })}
                  </Button>
                  {votable && (
                    <Button variant="primary" className="w-full" {...choosing} onClick={() => cast(index, { slot })}>
                      {format(t.pick, { letter: letter(slot) })}
                    </Button>
                  )}
                </li>
              );
            })}
          </ol>
          <div className="flex flex-wrap items-center gap-2">
            {votable && (
              <>
                <Button {...choosing} onClick={() => cast(index, "tie")}>{t.tie}</Button>
                <Button {...choosing} onClick={() => cast(index, "bad")}>{t.bad}</Button>
              </>
            )}
            {chosen !== null && chosen !== undefined && (
              <p ref={recorded} tabIndex={-1} role="status" className="text-sm outline-none">
                {format(t.yourVote, { choice: choiceName(chosen) })}
                {!item.models && ` ${t.hiddenUntilClose}`}
              </p>
            )}
            <span className="flex-1" />
            {/* A refusal concerns the item it was about: moving on lets it go. */}
            {index > 0 && <Button onClick={() => move(index - 1)}>{t.previous}</Button>}
            {index < view.items.length - 1 && <Button onClick={() => move(index + 1)}>{chosen === null ? t.skip : t.next}</Button>}
          </div>
          {vote.error && refused && <p role="alert" className="text-sm text-red-700 dark:text-red-300">{format(t.error, { choice: choiceName(refused), error: ruleText(vote.error.message) })}</p>}
          {enlarged !== null && shownLarge && (
            <EnlargedCandidate
              src={shownLarge}
              label={imageName(enlarged)}
              caption={caption(enlarged)}
              pick={votable ? { label: format(t.pick, { letter: letter(enlarged) }), ...choosing, onPick: () => cast(index, { slot: enlarged }) } : null}
              onClose={() => setEnlarged(null)}
            />
          )}
        </section>
      )}
    </main>
  );
}
