import { Button } from "@/components/ui/button";
import { getModel } from "@/lib/models/registry";
import { ResultImages } from "./result-images";
import { SettingsList } from "./settings-list";
import { formatSeconds, useElapsed } from "./use-elapsed";
import type { Generation } from "./use-generations";

export function GenerationCard({ generation, onCancel }: { generation: Generation; onCancel: () => void }) {
  const { request, state } = generation;
  const running = state.status === "running";
  const elapsed = useElapsed(generation.startedAt, running);
  const took = generation.finishedAt !== undefined ? formatSeconds(generation.finishedAt - generation.startedAt) : null;
  const seed = state.status === "done" ? state.result.request.seed : request.seed;

  return (
    <article aria-label={`Generation with ${getModel(request.model).name}`} aria-busy={running} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <p className="min-w-0 flex-1 whitespace-pre-wrap text-sm text-slate-900">
          <span className="sr-only">Prompt: </span>
          {request.prompt}
        </p>
        {running ? (
          <div className="flex h-9 items-center gap-2">
            <span role="timer" aria-label="Elapsed time" className="text-sm tabular-nums text-slate-600">
              {formatSeconds(elapsed)}
            </span>
            <Button variant="danger" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        ) : (
          <StatusBadge status={state.status} />
        )}
      </header>

      {running && <Placeholders request={request} />}
      {state.status === "done" && <ResultImages result={state.result} />}
      {state.status === "failed" && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {state.error.message}
        </div>
      )}
      {state.status === "cancelled" && <p className="text-sm text-slate-600">Cancelled after {took}. Nothing was kept.</p>}

      <SettingsList
        request={request}
        seed={seed}
        took={state.status === "done" ? `${took} (gateway ${formatSeconds(state.result.durationMs)})` : null}
      />
    </article>
  );
}

function Placeholders({ request }: { request: { width: number; height: number; n: number } }) {
  return (
    <ul className="grid gap-4" aria-label="Images being generated">
      {Array.from({ length: request.n }, (_, index) => (
        <li key={index} className="grid gap-3 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <div
            className="w-full animate-pulse rounded-md border border-slate-200 bg-slate-200"
            style={{ aspectRatio: `${request.width} / ${request.height}` }}
          />
          <div className="space-y-2">
            <div className="h-3 w-24 rounded bg-slate-200" />
            <div className="h-3 w-full rounded bg-slate-100" />
          </div>
        </li>
      ))}
    </ul>
  );
}

const BADGES = {
  done: ["Done", "bg-emerald-100 text-emerald-800"],
  failed: ["Failed", "bg-red-100 text-red-800"],
  cancelled: ["Cancelled", "bg-slate-200 text-slate-700"],
} as const;

function StatusBadge({ status }: { status: keyof typeof BADGES }) {
  const [label, className] = BADGES[status];
  // As tall as the Cancel button it replaces, so the card does not move when a generation ends.
  return (
    <span className="flex h-9 items-center">
      <span className={`rounded px-2 py-0.5 text-xs font-medium ${className}`}>{label}</span>
    </span>
  );
}
