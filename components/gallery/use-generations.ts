import { useCallback, useRef, useState } from "react";
import { ApiError, useGenerateMutation } from "@/lib/api/generate";
import type { GenerationResult } from "@/lib/generation/result";
import type { GenerateRequest } from "@/lib/models/request-schema";

export type Generation = {
  readonly id: string;
  readonly request: GenerateRequest;
  readonly startedAt: number;
  readonly finishedAt?: number;
  readonly state:
    | { readonly status: "running" }
    | { readonly status: "done"; readonly result: GenerationResult }
    | { readonly status: "failed"; readonly error: ApiError }
    | { readonly status: "cancelled" };
};

let counter = 0;
// Not crypto.randomUUID: it only exists in secure contexts, and the playground may be opened over plain http.
const nextId = () => `g${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** The session's generations, newest first; each runs on its own and can be cancelled on its own. */
export const useGenerations = () => {
  const [generations, setGenerations] = useState<readonly Generation[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const mutation = useGenerateMutation();

  const finish = useCallback((id: string, state: Generation["state"]) => {
    controllers.current.delete(id);
    setGenerations((all) => all.map((g) => (g.id === id ? { ...g, state, finishedAt: Date.now() } : g)));
  }, []);

  const start = useCallback(
    (request: GenerateRequest) => {
      const id = nextId();
      const controller = new AbortController();
      controllers.current.set(id, controller);
      setGenerations((all) => [{ id, request, startedAt: Date.now(), state: { status: "running" } }, ...all]);
      mutation
        .mutateAsync({ input: request, signal: controller.signal })
        .then((result) => finish(id, { status: "done", result }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return finish(id, { status: "cancelled" });
          finish(id, {
            status: "failed",
            error: error instanceof ApiError ? error : new ApiError("internal_error", 0, "Something went wrong in the browser."),
          });
        });
    },
    [mutation, finish],
  );

  const cancel = useCallback((id: string) => controllers.current.get(id)?.abort(), []);

  return { generations, start, cancel };
};
