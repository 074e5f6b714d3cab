import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { CodeDialog, Lightbox } from "@/components/lazy";
import { Button } from "@/components/ui/button";
import { generationQuery, useCancelGeneration, useStarGeneration } from "@/lib/api/generations";
import type { GenerationView, ImageView } from "@/lib/generation/view";
import { findModel } from "@/lib/models/registry";
import type { HistoryActions } from "./actions";
import { CopyButton } from "./copy-button";
import { ImageResult } from "./image-result";
import { ShareButton } from "./share-button";
import { StarButton } from "./star-button";
import { SettingsList } from "./settings-list";
import { formatSeconds, useElapsed } from "./use-elapsed";

const NO_SEED_YET = "The seed is known once the request has gone to the gateway.";

export function GenerationCard({ initial, actions, selection }: { initial: GenerationView; actions: HistoryActions; selection: React.ReactNode }) {
  const { data: generation } = useQuery(generationQuery(initial));
  const cancel = useCancelGeneration();
  const star = useStarGeneration();
  const [open, setOpen] = useState<ImageView | null>(null);
  const [showCode, setShowCode] = useState(false);
  const card = useRef<HTMLElement>(null);
  const { request, status } = generation;
  const running = status === "running";
  const elapsed = useElapsed(generation.createdAt, running);
  const firstRevised = generation.images.find((image) => image.revisedPrompt !== "")?.revisedPrompt;

  return (
    <article
      ref={card}
      tabIndex={-1}
      aria-label={`${findModel(request.model)?.name ?? request.model}: ${request.prompt.slice(0, 60)}`}
      aria-busy={running}
      className="space-y-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <p className="min-w-0 flex-1 whitespace-pre-wrap text-sm text-slate-900 dark:text-slate-100">
          <span className="sr-only">Prompt: </span>
          {request.prompt}
        </p>
        <div className="flex h-9 items-center gap-2">
          {selection}
          {/* One width for "timer + Cancel" and for the badge that replaces them: nothing moves when it ends. */}
          <div className="flex h-9 w-32 items-center justify-end gap-2">
          {running ? (
            <>
              <span role="timer" aria-label="Elapsed time" className="text-sm tabular-nums text-slate-600 dark:text-slate-400">
                {formatSeconds(elapsed)}
              </span>
              <Button
                variant="danger"
                onClick={() => {
                  cancel.mutate(generation.id);
                  // The Cancel button is about to disappear; the card keeps the keyboard's place.
                  card.current?.focus();
                }}
                disabled={cancel.isPending}
              >
                Cancel
              </Button>
            </>
          ) : (
            <StatusBadge status={status} />
          )}
          </div>
          <StarButton starred={generation.starred} onToggle={() => star.mutate({ id: generation.id, starred: !generation.starred })} />
        </div>
      </header>

      {running && <Placeholders request={request} />}
      {status === "succeeded" && (
        <ul className="grid gap-4">
          {generation.images.map((image, index) => (
            <ImageResult key={image.id} image={image} index={index} count={generation.images.length} prompt={request.prompt} onOpen={() => setOpen(image)} />
          ))}
        </ul>
      )}
      {generation.error && (
        <div role="alert" className="rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-3 text-sm text-red-800 dark:text-red-200">
          {generation.error.message}
        </div>
      )}
      {status === "cancelled" && generation.finishedAt !== null && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Cancelled after {formatSeconds(generation.finishedAt - generation.createdAt)}. Nothing was kept; if the request had reached the gateway, it may
          still finish and bill the images.
        </p>
      )}

      <SettingsList generation={generation} />

      <div className="flex flex-wrap gap-2">
        {(status === "failed" || status === "interrupted" || status === "cancelled") && (
          <Button variant="primary" onClick={() => actions.retry(generation)}>
            Retry
          </Button>
        )}
        <Button onClick={() => actions.reuseSettings(generation)}>Reuse settings</Button>
        {/* Every action is there from the start, disabled with its reason until it applies: the row never
            reflows when the result arrives (no layout shift), and nothing appears from nowhere. */}
        <Button onClick={() => actions.reuseSeed(generation.seed ?? 0)} disabled={generation.seed === null} title={generation.seed === null ? NO_SEED_YET : undefined}>
          Reuse seed
        </Button>
        <Button
          onClick={() => firstRevised && actions.usePrompt(firstRevised)}
          disabled={!firstRevised}
          title={firstRevised ? undefined : running ? "The revised prompt comes with the result." : "The model returned no revised prompt."}
        >
          Use revised prompt
        </Button>
        <CopyButton text={request.prompt} label="Copy prompt" />
        <Button onClick={() => setShowCode(true)} disabled={generation.seed === null} title={generation.seed === null ? NO_SEED_YET : undefined}>
          Copy as code
        </Button>
        <Button
          onClick={() => actions.present([generation])}
          disabled={generation.images.length === 0}
          title={generation.images.length === 0 ? (running ? "There is nothing to present until the images arrive." : "This generation has no images.") : undefined}
        >
          Present
        </Button>
        <ShareButton entries={[{ kind: "generation", id: generation.id }]} title={request.prompt.slice(0, 80)} />
        <Button variant="danger" onClick={() => actions.remove(generation)}>
          Delete
        </Button>
      </div>

      {open && <Lightbox generation={generation} image={open} actions={actions} onClose={() => setOpen(null)} />}
      {showCode && <CodeDialog generation={generation} onClose={() => setShowCode(false)} />}
    </article>
  );
}

function Placeholders({ request }: { request: { width: number; height: number; n: number } }) {
  return (
    <ul className="grid gap-4" aria-label="Images being generated">
      {Array.from({ length: request.n }, (_, index) => (
        <li key={index} className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <div className="w-full animate-pulse rounded-md border border-slate-200 dark:border-slate-700 bg-slate-200 dark:bg-slate-700" style={{ aspectRatio: `${request.width} / ${request.height}` }} />
          <div className="space-y-2">
            <div className="h-3 w-24 rounded bg-slate-200 dark:bg-slate-700" />
            <div className="h-3 w-full rounded bg-slate-100 dark:bg-slate-800" />
          </div>
        </li>
      ))}
    </ul>
  );
}

const BADGES = {
  succeeded: ["Done", "bg-emerald-100 dark:bg-emerald-900/50 text-emerald-800 dark:text-emerald-200"],
  failed: ["Failed", "bg-red-100 dark:bg-red-900/50 text-red-800 dark:text-red-200"],
  cancelled: ["Cancelled", "bg-slate-200 dark:bg-slate-700 text-slate-700 dark:text-slate-300"],
  interrupted: ["Interrupted", "bg-amber-100 dark:bg-amber-900/50 text-amber-800 dark:text-amber-200"],
} as const;

function StatusBadge({ status }: { status: keyof typeof BADGES }) {
  const [label, className] = BADGES[status];
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${className}`}>{label}</span>;
}
