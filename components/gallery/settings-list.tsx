import { getModel } from "@/lib/models/registry";
import type { GenerateRequest } from "@/lib/models/request-schema";
import { aspectLabel, formatSize } from "@/lib/models/size-rules";

/** The settings that made a result, as label/value pairs. */
export function SettingsList({ request, seed, took }: { request: GenerateRequest; seed: number | null; took: string | null }) {
  const rows: Array<[string, string]> = [
    ["Model", `${getModel(request.model).name} (${request.model})`],
    ["Size", `${formatSize(request)} (${aspectLabel(request)})`],
    ["Images", String(request.n)],
    ["Seed", seed === null ? "random" : String(seed)],
    ["Prompt rewriting", request.promptExtend ? "on" : "off"],
    ["Watermark", request.watermark ? "on" : "off"],
  ];
  if (request.negativePrompt !== "") rows.push(["Negative prompt", request.negativePrompt]);
  if (took !== null) rows.push(["Time taken", took]);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="break-words text-slate-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
