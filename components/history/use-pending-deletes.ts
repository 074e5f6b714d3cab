import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "@/lib/api/client";
import { deleteHistoryItem, generationKeys } from "@/lib/api/generations";
import type { HistoryItem } from "@/lib/generation/view";

/** Long enough to notice, read and reach the Undo; it starts again (shorter) once the pointer or focus leaves it. */
export const UNDO_MS = 12_000;
const UNDO_AFTER_HOLD_MS = 6_000;

/**
 * Delete with undo: the entry turns into an Undo notice in its place at once, and the server is only told
 * when the undo window closes (or the tab goes away), so an undo costs nothing and loses nothing. While the
 * pointer rests on the notice or it has focus, the window stays open.
 */
export const usePendingDeletes = () => {
  const client = useQueryClient();
  const timers = useRef(new Map<string, { timer: ReturnType<typeof setTimeout>; item: HistoryItem }>());
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
      timers.current.set(item.id, { timer: setTimeout(() => commit(item), UNDO_MS), item });
    },
    [commit],
  );

  /** Keeps the window open while someone is at the notice; `false` starts it again. */
  const hold = useCallback(
    (id: string, held: boolean) => {
      const entry = timers.current.get(id);
      if (!entry) return;
      clearTimeout(entry.timer);
      if (!held) entry.timer = setTimeout(() => commit(entry.item), UNDO_AFTER_HOLD_MS);
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
