import type { ComparisonView, GenerationView } from "@/lib/generation/view";
import { planGrid } from "@/lib/grid/grid-plan";
import type { GridRequest } from "@/lib/grid/grid-request";
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

/** A grid's view as the history holds it: a column for each cell of `request` planned at `seed`, `cell(index)` patching its generation. */
export const gridView = (request: GridRequest, seed: number, cell: (index: number) => Partial<GenerationView> = () => ({})): ComparisonView => ({
  kind: "comparison",
  id: "grid",
  createdAt: 0,
  request,
  seed,
  starred: false,
  revealed: false,
  columns: planGrid(request, seed).cells.map((planned, index) => ({ generation: { ...generationView({ id: `g${index}`, ...cell(index) }), request: planned.request }, notes: [] })),
});
