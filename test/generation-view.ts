import type { GenerationView } from "@/lib/generation/view";
import { defaultRequest } from "@/lib/models/defaults";

/** A generation's view for tests that need one and care about a few fields: a running Wan 2.6 run, then `patch`. */
export const generationView = (patch: Partial<GenerationView> = {}): GenerationView =>
  ({
    kind: "generation",
    id: "g1",
    comparisonId: null,
    status: "running",
    createdAt: 0,
    finishedAt: null,
    request: { ...defaultRequest("wan2.6-t2i"), prompt: "a prompt" },
    seed: null,
    durationMs: null,
    error: null,
    starred: false,
    requestId: null,
    taskId: null,
    billedImages: null,
    notices: [],
    images: [],
    input: null,
    chain: [],
    stage: null,
    typicalMs: null,
    queuedAhead: null,
    timings: null,
    sentAt: null,
    ...patch,
  }) as GenerationView;
