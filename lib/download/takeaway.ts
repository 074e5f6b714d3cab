import "server-only";
import { isHidden } from "../compare/column-label";
import { inHiddenComparison } from "../compare/hidden-column";
import { AppError } from "../errors";
import { getHistory } from "../history";
import { notFound } from "../http/responses";
import { format, plural } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";
import { modelName } from "../models/model-name";
import { distinctEntries } from "../share/distinct-entries";
import { SHARE_MAX_ITEMS } from "../share/share-limits";
import type { ShareEntry } from "../store/types";
import { numbered, pollNumbered, type NumberedItem } from "./numbered-item";
import { setEntries, type ItemWords, type TakeawayEntry } from "./set-results";

/**
 * What to take away beyond one set: the items chosen in the history (in the order chosen), the favourites
 * (newest first), or the sets a poll was made of. Items deleted since they were chosen are left out and
 * counted, so the files can say so.
 */

export const TAKEAWAY_MAX_ITEMS = SHARE_MAX_ITEMS;

/** The favourites' take-away with none starred: the page says the same in its disclosure before any click. */
export const NO_FAVOURITES = "No favourites yet: mark the results to take away with their star (Favourite), then download them here.";

export type TakeawaySource =
  | { readonly kind: "selection"; readonly entries: readonly ShareEntry[] }
  | { readonly kind: "favourites" }
  | { readonly kind: "poll"; readonly id: string };

const ENTRY = /^(generation|comparison):([\w-]{1,100})$/;

/** `?items=generation:<id>,comparison:<id>` (a selection), `?starred=1` (the favourites) or `?poll=<id>`. */
export const takeawaySource = (url: URL): TakeawaySource => {
  // One source: a download asked for two would take one of them without a word.
  if (["starred", "poll", "items"].filter((name) => url.searchParams.has(name)).length > 1) {
    throw new AppError("invalid_request", "Ask for one thing to download: ?items=generation:<id>,comparison:<id>, ?starred=1 or ?poll=<id>, not two of them.");
  }
  if (url.searchParams.get("starred") === "1") return { kind: "favourites" };
  const poll = url.searchParams.get("poll");
  if (poll !== null && /^[\w-]{1,100}$/.test(poll)) return { kind: "poll", id: poll };
  const listed = (url.searchParams.get("items") ?? "").split(",").filter(Boolean);
  const entries = listed.map((text) => ENTRY.exec(text)).map((match) => (match ? { kind: match[1] as ShareEntry["kind"], id: match[2] ?? "" } : null));
  if (entries.length === 0 || entries.some((entry) => entry === null)) {
    throw new AppError("invalid_request", "Say what to download: ?items=generation:<id>,comparison:<id>, ?starred=1 or ?poll=<id>.");
  }
  if (entries.length > TAKEAWAY_MAX_ITEMS) throw new AppError("invalid_request", `A download can hold at most ${TAKEAWAY_MAX_ITEMS} items.`);
  // An item named twice is taken once, where first named, as a share link takes it.
  return { kind: "selection", entries: distinctEntries(entries.filter((entry) => entry !== null)) };
};

export type Takeaway = {
  readonly kind: TakeawaySource["kind"];
  /** A poll's title; null for the others. */
  readonly title: string | null;
  readonly items: readonly NumberedItem[];
  /** Chosen, then deleted before the download. */
  readonly deleted: number;
  /** Of a poll's comparisons (its items), those whose set was deleted since: the poll keeps only their images. */
  readonly pollGone: number;
  /** Images chosen on their own from a blind comparison not yet revealed: alone, each would name its model. */
  readonly blind: number;
  /** Favourites beyond the most a download holds (the newest are taken). */
  readonly more: boolean;
};

export const loadTakeaway = async (source: TakeawaySource): Promise<Takeaway> => {
  const { store } = await getHistory();
  if (source.kind === "favourites") {
    const page = await store.list({ limit: TAKEAWAY_MAX_ITEMS, starred: true });
    // None: every file would be empty (a title, manifests, a header); its check says so, and the page shows why.
    if (page.items.length === 0) throw new AppError("conflict", NO_FAVOURITES);
    return { kind: "favourites", title: null, items: numbered(page.items), deleted: 0, pollGone: 0, blind: 0, more: page.nextCursor !== null };
  }
  if (source.kind === "poll") {
    const poll = await store.getPoll(source.id);
    if (!poll) throw notFound("This poll");
    // The sets its images came from, in the poll's order, each once (a grid gives several items).
    const generations = await Promise.all(poll.items.map((item) => Promise.all(item.candidates.map((candidate) => store.get(candidate.generationId)))));
    const sets = [...new Set(generations.flat().map((generation) => generation?.comparisonId).filter((id) => typeof id === "string"))];
    const read = await Promise.all(sets.map((id) => store.getComparison(id)));
    const items = read.filter((item) => item !== null);
    return { kind: "poll", title: poll.title, items: pollNumbered(items, poll.items), deleted: 0, pollGone: itemsOfGoneSets(generations, new Set(items.map((item) => item.id))), blind: 0, more: false };
  }
  const read = await Promise.all(source.entries.map((entry) => (entry.kind === "generation" ? store.get(entry.id) : store.getComparison(entry.id))));
  // Numbered before any is left out: every file numbers items by their place in the selection.
  const present = read.flatMap((item, index) => (item ? [{ item, number: index + 1 }] : []));
  const shown = await Promise.all(present.map(async (entry) => (entry.item.kind === "generation" && (await inHiddenComparison(store, entry.item)) ? null : entry)));
  const items = shown.filter((entry) => entry !== null);
  return { kind: "selection", title: null, items, deleted: read.length - present.length, pollGone: 0, blind: present.length - items.length, more: false };
};

/**
 * A poll's items none of whose images comes from a set still there. Counted by item: a set deleted since took
 * its generations along, and the poll kept no word of which set an item came from (a grid gives several).
 * `generations`: each item's candidates' generations, null where deleted; `sets`: the sets still there.
 */
export const itemsOfGoneSets = (generations: ReadonlyArray<ReadonlyArray<{ readonly comparisonId: string | null } | null>>, sets: ReadonlySet<string>): number =>
  generations.filter((candidates) => !candidates.some((generation) => generation?.comparisonId != null && sets.has(generation.comparisonId))).length;

/**
 * The generations of the items, each named by its item's number (a poll's grid: its column's) and its own name (a model, a batch's line, a
 * grid's cell, in `words`), for the files whose images carry their model's name (a zip, a CSV, a contact
 * sheet). An unrevealed blind comparison is left out of those, and counted.
 */
export const takeawayEntries = (items: readonly NumberedItem[], words: ItemWords): { entries: TakeawayEntry[]; hidden: number } => {
  const shown = items.filter(({ item }) => item.kind === "generation" || !isHidden(item));
  // A zip's file names start with the number the other files give ("2"), a set's columns numbered after it as
  // the deck numbers them ("2.1"), padded so that they sort in order.
  const largest = shown.reduce((most, { number, columns }) => Math.max(most, number, ...(columns?.values() ?? [])), 0);
  const width = Math.max(3, String(largest).length);
  const entries = shown.flatMap(({ item, number, columns }): TakeawayEntry[] => {
    const padded = (value: number) => String(value).padStart(width, "0");
    if (item.kind === "generation") return [{ name: `${number} · ${modelName(item.request.model)}`, generation: item, place: padded(number) }];
    const set = setEntries(item, words);
    const numbers = set.map((entry) => columns?.get(entry.generation.id) ?? number);
    const sharing = new Map<number, number>();
    for (const own of numbers) sharing.set(own, (sharing.get(own) ?? 0) + 1);
    const seen = new Map<number, number>();
    return set.map((entry, column) => {
      const own = numbers[column] ?? number;
      // Several columns of one number (a comparison's models; a poll's comparison of a grid's cells) told apart by their order.
      const count = sharing.get(own) ?? 1;
      const nth = (seen.get(own) ?? 0) + 1;
      seen.set(own, nth);
      return { ...entry, name: `${own} · ${entry.name}`, place: count > 1 ? `${padded(own)}.${String(nth).padStart(String(count).length, "0")}` : padded(own) };
    });
  });
  return { entries, hidden: items.length - shown.length };
};

/** A take-away's title on its deck and its contact sheet: a poll's own, else what was taken, in the interface's language. */
export const takeawayTitle = (locale: Locale, { title, kind, items }: Pick<Takeaway, "title" | "kind" | "items">): string => {
  const words = MESSAGES[locale].sets.files;
  return title ?? (kind === "favourites" ? words.favourites : plural(locale, words.selection, items.length));
};

/**
 * What a take-away's files say was left out, in the interface's language, one sentence each. `hidden`: the
 * unrevealed blind comparisons left out of the files that would name their models (a deck shows them, so 0).
 */
export const leftOutNotes = (locale: Locale, takeaway: Pick<Takeaway, "deleted" | "pollGone" | "blind" | "more">, hidden: number): string[] => {
  const words = MESSAGES[locale].sets.files;
  const counted = [
    [takeaway.deleted, words.deleted],
    [takeaway.pollGone, words.pollGone],
    [takeaway.blind, words.blindImages],
    [hidden, words.blindSets],
  ] as const;
  return [...counted.flatMap(([count, message]) => (count > 0 ? [plural(locale, message, count)] : [])), ...(takeaway.more ? [format(words.more, { count: TAKEAWAY_MAX_ITEMS })] : [])];
};
