import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { deleteGeneration, generationKeys } from "@/lib/api/generations";
import type { GenerationView } from "@/lib/generation/view";

const UNDO_MS = 6000;

/**
 * Delete with undo: the entry disappears at once, and the server is only told when the undo window closes
 * (or the tab goes away), so an undo costs nothing and loses nothing.
 */
export const usePendingDeletes = () => {
  const client = useQueryClient();
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const [pending, setPending] = useState<readonly GenerationView[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  const commit = useCallback(
    (id: string) => {
      clearTimeout(timers.current.get(id));
      timers.current.delete(id);
      setPending((all) => all.filter((g) => g.id !== id));
      // A delete that failed brings the entry back (the list is refetched) and says why.
      void deleteGeneration(id)
        .then(() => setFailure(null))
        .catch((error: unknown) => setFailure(`Could not delete: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => client.invalidateQueries({ queryKey: generationKeys.lists }));
    },
    [client],
  );

  const remove = useCallback(
    (generation: GenerationView) => {
      setPending((all) => [...all, generation]);
      timers.current.set(generation.id, setTimeout(() => commit(generation.id), UNDO_MS));
    },
    [commit],
  );

  const undo = useCallback((id: string) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setPending((all) => all.filter((g) => g.id !== id));
  }, []);

  useEffect(() => {
    const flush = () => [...timers.current.keys()].forEach(commit);
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, [commit]);

  return { pending, remove, undo, failure };
};
