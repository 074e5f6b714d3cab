import type { HistoryItem } from "../generation/view";
import type { PollSummary } from "../polls/poll-summary";
import type { ShareEntry } from "../store/types";

/**
 * What the history's live stream sends: one message per batch of committed changes, carrying the items as they
 * now are (so no page has to ask again), the ones gone, the day's usage when it may have moved, and the polls
 * voted on or closed, with their counts as their owner sees them. `id` is the last change it covers: the
 * browser sends it back as Last-Event-ID when it reconnects.
 */
export type LiveChange<Usage> = {
  readonly items: readonly HistoryItem[];
  readonly deleted: readonly ShareEntry[];
  readonly usage: Usage | null;
  /** Absent from an instance of before polls were told (a rolling deploy). */
  readonly polls?: readonly PollSummary[];
};

/**
 * The first message of every connection. `resumed`: the changes since the browser's Last-Event-ID follow (or
 * there were none). Otherwise the page must read afresh what it shows, once: it is a first connection, or the
 * changes it missed are no longer kept.
 */
export type LiveHello = { readonly resumed: boolean };

/**
 * The header of the answer to this tab's own change of an item (a star, a reveal, a cancel): the id of the last
 * change the log holds of that item once it was made. The stream's messages of the item with a lower id were
 * read before it, and must not undo it.
 */
export const OWN_CHANGE_HEADER = "playground-change-id";

/** The history item a generation shows as: itself, or the comparison it is a column of. */
export const historyItemOf = (generation: { readonly id: string; readonly comparisonId: string | null }): ShareEntry =>
  generation.comparisonId ? { kind: "comparison", id: generation.comparisonId } : { kind: "generation", id: generation.id };

/** The header's value: the id, or nothing when the log holds no change of the item. */
export const ownChangeHeaders = (changeId: number | null): Record<string, string> => (changeId === null ? {} : { [OWN_CHANGE_HEADER]: String(changeId) });

const encoder = new TextEncoder();

/** One Server-Sent Events frame, encoded once however many streams it goes to. JSON holds no raw newline. */
export const sseFrame = (event: "change" | "hello", id: number, data: unknown): Uint8Array =>
  encoder.encode(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * A ping: proxies that close idle connections see traffic, and the page, which cannot see comment lines, can
 * tell a quiet stream from a dead one (a connection a proxy left hanging). It has no id, so a reconnect still
 * resumes from the last change.
 */
export const SSE_HEARTBEAT = encoder.encode("event: ping\ndata: {}\n\n");

/** Said before a stream is ended for its session (signed out, or run out): the page goes to sign in, rather than reconnect to a refusal. */
export const SSE_SIGNED_OUT = encoder.encode("event: signed-out\ndata: {}\n\n");

/** How long a browser waits before reconnecting a dropped stream (its own default is about 3 s). */
export const SSE_RETRY = encoder.encode("retry: 1000\n\n");

/** Last-Event-ID as a cursor: a non-negative integer, or null for anything else (a first connection). */
export const parseCursor = (value: string | null): number | null => {
  if (value === null || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
};
