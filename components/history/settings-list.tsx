import type { ReactNode } from "react";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { ClampedText } from "@/components/ui/clamped-text";
import { LocalTime } from "@/components/ui/local-time";
import { useCost } from "@/components/pricing/prices";
import { requestSize } from "@/lib/generation/request-size";
import { isActive, isEditRequest, type GenerationView } from "@/lib/generation/view";
import { format, formatSeconds, plural } from "@/lib/i18n/format";
import { modelName } from "@/lib/models/model-name";
import { aspectLabel, formatSize, sameSize } from "@/lib/models/size-rules";
import { UpstreamId } from "./gateway-report";
import { inputOrigin } from "@/lib/edit/input-origin";
import { knownBill } from "@/lib/generation/known-bill";

/** The settings that made a result, as label/value pairs. */
export function SettingsList({ generation }: { generation: GenerationView }) {
  const messages = useMessages();
  const t = messages.history.settings;
  const ids = messages.history.gateway;
  const locale = useLocale();
  const { each, money } = useCost();
  /** What the generation cost by the deployment's prices: what it billed, or at most all it asked for. */
  const costText = (shown: GenerationView): string => {
    const { status, request: { model, n } } = shown;
    const price = each(model);
    const billed = knownBill(shown);
    if (isActive(status)) return plural(locale, t.costUpTo, n, { cost: money(price * n) });
    if (billed === null) return format(t.costUnknown, { cost: money(price * n) });
    if (billed === 0) return t.costNothing;
    return plural(locale, t.costBilled, billed, { cost: money(price * billed), each: money(price) });
  };
  const card = messages.edit.card;
  const { request, input } = generation;
  const edit = isEditRequest(request);
  // Once there is an image, its own size is the fact: an edit that follows its input comes out at a size the
  // upstream picks, and a gateway may return another size than asked. Before, an edit's is said to be an estimate.
  const made = generation.images[0];
  const asked = requestSize(request);
  const size = made ?? asked;
  const sizeText = `${formatSize(size)} (${aspectLabel(size)})`;
  const sizeValue =
    edit && request.size === null
      ? format(made ? card.followsInput : card.followsInputAbout, { size: sizeText })
      : sameSize(size, asked)
        ? sizeText
        : format(t.sizeNotAsked, { size: sizeText, asked: formatSize(asked) });
  const rows: Array<[string, ReactNode]> = [
    [t.model, `${modelName(request.model)} (${request.model})`],
    ...(edit && input ? [[card.input, inputOrigin(input, card)] as [string, ReactNode]] : []),
    [t.size, sizeValue],
    [
      t.images,
      generation.billedImages === null || generation.billedImages === request.n
        ? String(request.n)
        : format(ids.imagesBilled, { n: request.n, billed: generation.billedImages }),
    ],
    [t.seed, generation.seed === null ? t.randomSeed : String(generation.seed)],
    [t.promptRewriting, request.promptExtend ? t.on : t.off],
    [t.watermark, request.watermark ? t.on : t.off],
  ];
  if (request.negativePrompt !== "") rows.push([t.negativePrompt, <ClampedText key="negative" lines={3}>{request.negativePrompt}</ClampedText>]);
  // The row is there while it runs too, so the list keeps its height when the result arrives.
  if (generation.finishedAt !== null) {
    const total = formatSeconds(generation.finishedAt - generation.createdAt);
    rows.push([t.timeTaken, generation.durationMs !== null ? format(t.timeWithGateway, { total, gateway: formatSeconds(generation.durationMs) }) : total]);
  } else rows.push([t.timeTaken, t.stillRunning]);
  rows.push([t.created, <LocalTime key="created" value={generation.createdAt} />]);
  rows.push([t.cost, costText(generation)]);
  // Always a row, so the list keeps its height when the answer arrives.
  rows.push([
    ids.requestId,
    generation.requestId ? <UpstreamId key="request" id={generation.requestId} name={ids.requestId} /> : isActive(generation.status) ? ids.notYet : ids.notGiven,
  ]);
  if (generation.taskId) rows.push([ids.taskId, <UpstreamId key="task" id={generation.taskId} name={ids.taskId} />]);
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
          <dd className="min-w-0 text-slate-800 dark:text-slate-200">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
