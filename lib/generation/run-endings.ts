import { isActive, type HistoryItem } from "./view";

/**
 * Which history items ended since the list was last seen: what a screen reader is told of as it happens
 * (a finished image is otherwise silent). An item ended if it was seen running, or if it is new since the
 * first look (made after the newest item then) and arrives already ended (a refusal can come before the
 * list ever shows it running). Items only ever seen ended otherwise (the first look, an older page scrolled
 * to) ended long ago, and are not told of.
 */

export type RunsSeen = {
  /** Each item seen, and whether it was running when last seen. */
  readonly running: ReadonlyMap<string, boolean>;
  /** The newest item's time at the first look (the server's clock, as every item's). */
  readonly since: number;
};

const running = (item: HistoryItem): boolean =>
  item.kind === "generation" ? isActive(item.status) : item.columns.some((column) => isActive(column.generation.status));

const states = (items: readonly HistoryItem[]): Array<[string, boolean]> => items.map((item) => [item.id, running(item)]);

/**
 * Takes in what a view of the list shows without telling of it: the first look, or a new view (another
 * filter), whose items never seen ended while out of view, however long ago.
 */
export const absorb = (seen: RunsSeen, items: readonly HistoryItem[]): RunsSeen => ({
  running: new Map([...seen.running, ...states(items)]),
  since: items.reduce((newest, item) => Math.max(newest, item.createdAt), seen.since),
});

export const firstLook = (items: readonly HistoryItem[]): RunsSeen => absorb({ running: new Map(), since: Number.NEGATIVE_INFINITY }, items);

export const lookAgain = (seen: RunsSeen, items: readonly HistoryItem[]): { readonly ended: HistoryItem[]; readonly seen: RunsSeen } => ({
  ended: items.filter((item) => !running(item) && (seen.running.get(item.id) ?? item.createdAt > seen.since)),
  seen: { running: new Map([...seen.running, ...states(items)]), since: seen.since },
});
