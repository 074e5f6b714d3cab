import type { ReactNode } from "react";
import { LocalTime } from "@/components/ui/local-time";
import type { GenerationView } from "@/lib/generation/view";
import { findModel } from "@/lib/models/registry";
import { aspectLabel, formatSize } from "@/lib/models/size-rules";
import { formatSeconds } from "./use-elapsed";

/** The settings that made a result, as label/value pairs. */
export function SettingsList({ generation }: { generation: GenerationView }) {
  const { request } = generation;
  const rows: Array<[string, ReactNode]> = [
    ["Model", `${findModel(request.model)?.name ?? request.model} (${request.model})`],
    ["Size", `${formatSize(request)} (${aspectLabel(request)})`],
    ["Images", String(request.n)],
    ["Seed", generation.seed === null ? "random" : String(generation.seed)],
    ["Prompt rewriting", request.promptExtend ? "on" : "off"],
    ["Watermark", request.watermark ? "on" : "off"],
  ];
  if (request.negativePrompt !== "") rows.push(["Negative prompt", request.negativePrompt]);
  // The row is there while it runs too, so the list keeps its height when the result arrives.
  if (generation.finishedAt !== null) {
    const total = formatSeconds(generation.finishedAt - generation.createdAt);
    rows.push(["Time taken", generation.durationMs !== null ? `${total} (gateway ${formatSeconds(generation.durationMs)})` : total]);
  } else rows.push(["Time taken", "still running"]);
  rows.push(["Created", <LocalTime key="created" value={generation.createdAt} />]);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="break-words text-slate-800 dark:text-slate-200">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
