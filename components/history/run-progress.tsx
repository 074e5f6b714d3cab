import { useMessages } from "@/components/i18n/i18n-provider";
import { format, formatSeconds } from "@/lib/i18n/format";
import type { GenerationView } from "@/lib/generation/view";

/** Past this share of the typical time, a run says it is taking longer than usual. */
const LONGER = 1.25;

/**
 * What a running generation is doing and how its time compares with this model's usual time here: the stage
 * it is at (request out, model at work, images being fetched, being kept) and a bar filling towards the
 * typical time. Both come from the server as they change.
 */
export function RunProgress({ generation, elapsed }: { generation: Pick<GenerationView, "status" | "stage" | "typicalMs" | "queuedAhead">; elapsed: number }) {
  const t = useMessages().history.card.progress;
  const { stage, typicalMs, queuedAhead } = generation;
  if (generation.status === "queued") {
    // Two lines, as when it runs, so little moves when it starts.
    return (
      <div className="space-y-1 text-xs text-slate-600 dark:text-slate-400">
        <p aria-live="polite" className="font-medium text-slate-700 dark:text-slate-300">
          {queuedAhead ? format(t.waiting, { ahead: queuedAhead }) : t.waitingNext}
        </p>
        <p className="tabular-nums">{format(t.waited, { elapsed: formatSeconds(elapsed) })}</p>
      </div>
    );
  }
  const time = { elapsed: formatSeconds(elapsed), typical: typicalMs === null ? "" : formatSeconds(typicalMs) };
  const words = typicalMs === null ? t.firstRun : elapsed > typicalMs * LONGER ? t.longer : t.typically;
  return (
    <div className="space-y-1 text-xs text-slate-600 dark:text-slate-400">
      <p aria-live="polite" className="font-medium text-slate-700 dark:text-slate-300">
        {stage ? t.stage[stage] : t.starting}
      </p>
      {typicalMs !== null && (
        <progress
          aria-label={t.label}
          className="block h-1.5 w-full appearance-none overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700 [&::-moz-progress-bar]:bg-sky-600 [&::-webkit-progress-bar]:bg-slate-200 dark:[&::-webkit-progress-bar]:bg-slate-700 [&::-webkit-progress-value]:bg-sky-600"
          max={typicalMs}
          value={Math.min(elapsed, typicalMs)}
        />
      )}
      <p className="tabular-nums">{format(words, time)}</p>
    </div>
  );
}
