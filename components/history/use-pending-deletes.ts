import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "@/lib/api/client";
import { deleteHistoryItem, generationKeys } from "@/lib/api/generations";
import type { HistoryItem } from "@/lib/generation/view";
import { undoDelay } from "@/lib/history/undo-window";

/**
 * Delete with undo: the entry turns into an Undo notice in its place at once, and the server is only told
 * when the undo window closes (or the tab goes away), so an undo costs nothing and loses nothing. While the
 * pointer rests on the notice or someone brings the focus back to it, the window stays open, up to a bound.
 */
export const usePendingDeletes = () => {
  const client = useQueryClient();
  const timers = useRef(new Map<string, { timer: ReturnType<typeof setTimeout>; item: HistoryItem; since: number }>());
  const [pending, setPending] = useState<readonly HistoryItem[]>([]);
  /** Told to the server, not yet known gone: hidden, with no Undo any more (and no second Delete to press). */
  const [committing, setCommitting] = useState<ReadonlySet<string>>(new Set());
  // The server's own words: the history words them in the interface's language when it shows them.
  const [failure, setFailure] = useState<string | null>(null);

  const commit = useCallback(
    (item: HistoryItem) => {
      clearTimeout(timers.current.get(item.id)?.timer);
      timers.current.delete(item.id);
      setPending((all) => all.filter((g) => g.id !== item.id));
      setCommitting((ids) => new Set(ids).add(item.id));
      // A delete that failed brings the entry back (the list is refetched) and says why. One already gone
      // (deleted from another tab meanwhile) is what was asked: no failure.
      void deleteHistoryItem(item)
        .then(() => setFailure(null))
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 404) setFailure(null);
          else setFailure(error instanceof Error ? error.message : String(error));
        })
        // Shown again only once the list read after the delete is in: gone by then, or back for a reason.
        .finally(async () => {
          await client.invalidateQueries({ queryKey: generationKeys.lists });
          setCommitting((ids) => {
            const left = new Set(ids);
            left.delete(item.id);
            return left;
          });
        });
    },
    [client],
  );

  const remove = useCallback(
    (item: HistoryItem) => {
      setPending((all) => [...all, item]);
      timers.current.set(item.id, { timer: setTimeout(() => commit(item), undoDelay(false, 0)), item, since: Date.now() });
    },
    [commit],
  );

  /** Keeps the window open while someone is at the notice (up to its bound); `false` lets it close again. */
  const hold = useCallback(
    (id: string, held: boolean) => {
      const entry = timers.current.get(id);
      if (!entry) return;
      clearTimeout(entry.timer);
      entry.timer = setTimeout(() => commit(entry.item), undoDelay(held, Date.now() - entry.since));
    },
    [commit],
  );

  const undo = useCallback((id: string) => {
    clearTimeout(timers.current.get(id)?.timer);
    timers.current.delete(id);
    setPending((all) => all.filter((g) => g.id !== id));
  }, []);

  useEffect(() => {
    const flush = () => [...timers.current.values()].forEach(({ item }) => commit(item));
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, [commit]);

  return { pending, committing, remove, undo, hold, failure };
};
