import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { generationQuery, useCancelGeneration, useStarGeneration } from "@/lib/api/generations";
import type { GenerationView, ImageView } from "@/lib/generation/view";
import { findModel } from "@/lib/models/registry";
import type { HistoryActions } from "./actions";
import { CodeDialog } from "./code-dialog";
import { CopyButton } from "./copy-button";
import { Lightbox } from "./lightbox";
import { PromptDiff } from "./prompt-diff";
import { SettingsList } from "./settings-list";
import { formatSeconds, useElapsed } from "./use-elapsed";

export function GenerationCard({ initial, actions }: { initial: GenerationView; actions: HistoryActions }) {
  const { data: generation } = useQuery(generationQuery(initial));
  const cancel = useCancelGeneration();
  const star = useStarGeneration();
  const [open, setOpen] = useState<ImageView | null>(null);
  const [showCode, setShowCode] = useState(false);
  const card = useRef<HTMLElement>(null);
  const [diffOf, setDiffOf] = useState<string | null>(null);
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
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <p className="min-w-0 flex-1 whitespace-pre-wrap text-sm text-slate-900">
          <span className="sr-only">Prompt: </span>
          {request.prompt}
        </p>
        <div className="flex h-9 items-center gap-2">
          {running ? (
            <>
              <span role="timer" aria-label="Elapsed time" className="text-sm tabular-nums text-slate-600">
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
          <button
            type="button"
            aria-pressed={generation.starred}
            aria-label="Favourite"
            title={generation.starred ? "Remove from favourites" : "Add to favourites"}
            onClick={() => star.mutate({ id: generation.id, starred: !generation.starred })}
            className={`rounded-md px-2 py-1 text-lg leading-none ${generation.starred ? "text-amber-500" : "text-slate-300 hover:text-slate-500"}`}
          >
            ★
          </button>
        </div>
      </header>

      {running && <Placeholders request={request} />}
      {status === "succeeded" && (
        <ul className="grid gap-4">
          {generation.images.map((image, index) => (
            <li key={image.id} className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
              <button type="button" onClick={() => setOpen(image)} className="block rounded-md" aria-label={`Open image ${index + 1} of ${generation.images.length}`}>
                {/* eslint-disable-next-line @next/next/no-img-element -- small stored thumbnails served by the app */}
                <img
                  src={image.thumbSrc}
                  width={image.width}
                  height={image.height}
                  loading="lazy"
                  alt={`Image ${index + 1} of ${generation.images.length} for: ${request.prompt.slice(0, 120)}`}
                  className="h-auto w-full rounded-md border border-slate-200 bg-slate-100"
                />
              </button>
              <figure className="space-y-1 text-sm">
                <figcaption className="text-xs font-semibold uppercase tracking-wide text-slate-500">Revised prompt</figcaption>
                {image.revisedPrompt !== "" ? (
                  <>
                    {diffOf === image.id ? (
                      <PromptDiff prompt={request.prompt} revised={image.revisedPrompt} />
                    ) : (
                      <p className="whitespace-pre-wrap text-slate-800" data-testid="revised-prompt">
                        {image.revisedPrompt}
                      </p>
                    )}
                    <button
                      type="button"
                      aria-expanded={diffOf === image.id}
                      onClick={() => setDiffOf(diffOf === image.id ? null : image.id)}
                      className="mr-3 text-xs font-medium text-indigo-700 underline"
                    >
                      {diffOf === image.id ? "Show the revised prompt" : "Show what the rewriter changed"}
                    </button>
                  </>
                ) : (
                  <p className="italic text-slate-500" data-testid="revised-prompt">
                    No revised prompt returned.
                  </p>
                )}
                <a href={image.downloadSrc} download className="inline-block text-xs font-medium text-indigo-700 underline">
                  Download PNG
                </a>
              </figure>
            </li>
          ))}
        </ul>
      )}
      {generation.error && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {generation.error.message}
        </div>
      )}
      {status === "cancelled" && generation.finishedAt !== null && (
        <p className="text-sm text-slate-600">
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
        {generation.seed !== null && <Button onClick={() => actions.reuseSeed(generation.seed ?? 0)}>Reuse seed</Button>}
        {firstRevised && <Button onClick={() => actions.usePrompt(firstRevised)}>Use revised prompt</Button>}
        <CopyButton text={request.prompt} label="Copy prompt" />
        {generation.seed !== null && <Button onClick={() => setShowCode(true)}>Copy as code</Button>}
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
          <div className="w-full animate-pulse rounded-md border border-slate-200 bg-slate-200" style={{ aspectRatio: `${request.width} / ${request.height}` }} />
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
  succeeded: ["Done", "bg-emerald-100 text-emerald-800"],
  failed: ["Failed", "bg-red-100 text-red-800"],
  cancelled: ["Cancelled", "bg-slate-200 text-slate-700"],
  interrupted: ["Interrupted", "bg-amber-100 text-amber-800"],
} as const;

function StatusBadge({ status }: { status: keyof typeof BADGES }) {
  const [label, className] = BADGES[status];
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${className}`}>{label}</span>;
}
