import { useState } from "react";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { format } from "@/lib/i18n/format";
import { allowsCustomSize, type ModelSpec } from "@/lib/models/registry";
import { aspectLabel, checkSize, describeSizeRule, formatSize, sameSize, type Size } from "@/lib/models/size-rules";
import { inputClass } from "@/components/ui/field";

/** A size option: the chosen one is marked by a tick and a thicker edge, not by its colour alone (and in forced colours by Highlight). */
const OPTION =
  "shows-focus shows-chosen group relative flex cursor-pointer items-center gap-2 rounded-md border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1.5 text-xs has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 has-[:checked]:ring-1 has-[:checked]:ring-indigo-500 dark:has-[:checked]:bg-indigo-950/40";

/**
 * In the option's bottom right corner, out of the row: a narrow option's size text keeps its room, and the tick
 * stays inside the edge. At the bottom, level with the aspect ratio, a short line: the size above it can run
 * to the right edge, and the tick still has room of its own.
 */
function ChosenMark() {
  return (
    <span aria-hidden className="pointer-events-none absolute bottom-1.5 right-2 hidden text-[11px] font-bold leading-none text-indigo-700 dark:text-indigo-300 group-has-[:checked]:inline">
      ✓
    </span>
  );
}

/**
 * The model's presets as radio cards (each with a little frame of its shape), plus a custom width and
 * height where the model allows free sizes. The rule is checked live with the registry's own check, so
 * the reason shown here is the one the server would give.
 */
export function SizePicker({
  model,
  value,
  onChange,
  idPrefix = "",
}: {
  model: Pick<ModelSpec, "id" | "name" | "sizeRule" | "presets">;
  value: Size;
  onChange: (size: Size) => void;
  /** Keeps two mounted pickers' controls apart. */
  idPrefix?: string;
}) {
  const t = useMessages().playground.size;
  const isPreset = model.presets.some((preset) => sameSize(preset, value));
  // Custom is shown when chosen, or when the size (say, kept from another model) is none of the presets.
  // The form remounts this picker per model, so a choice made for one model does not stick to the next.
  const [customChosen, setCustom] = useState(false);
  const custom = customChosen || !isPreset;

  const check = checkSize(model.id, model.sizeRule, model.presets, value);
  const ruleText = useRuleText();
  const rule = ruleText(describeSizeRule(model.sizeRule, model.presets));

  return (
    <fieldset className="space-y-2" aria-describedby={`${idPrefix}size-rule`}>
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t.legend}</legend>
      <p id={`${idPrefix}size-rule`} className="text-xs text-slate-600 dark:text-slate-400">
        {format(t.rule, { model: model.name, rule })}
      </p>
      <div className="grid grid-cols-2 gap-1.5 sm:grid-cols-3">
        {model.presets.map((preset) => {
          const id = `${idPrefix}size-${preset.width}x${preset.height}`;
          const scale = 28 / Math.max(preset.width, preset.height);
          return (
            <label
              key={id}
              htmlFor={id}
              className={OPTION}
            >
              <input
                id={id}
                type="radio"
                name={`${idPrefix}size`}
                className="absolute inset-0 cursor-pointer opacity-0"
                checked={!custom && sameSize(preset, value)}
                onChange={() => {
                  setCustom(false);
                  onChange({ width: preset.width, height: preset.height });
                }}
              />
              <span
                aria-hidden
                className="shrink-0 rounded-sm border border-slate-400 bg-slate-100 dark:bg-slate-800"
                style={{ width: preset.width * scale, height: preset.height * scale }}
              />
              <span className="whitespace-nowrap">
                <span className="block font-medium">{formatSize(preset)}</span>{" "}
                <span className="text-slate-600 dark:text-slate-400">{aspectLabel(preset)}</span>
              </span>
              <ChosenMark />
            </label>
          );
        })}
        {allowsCustomSize(model) && (
          <label
            htmlFor={`${idPrefix}size-custom`}
            className={`${OPTION} font-medium`}
          >
            <input id={`${idPrefix}size-custom`} type="radio" name={`${idPrefix}size`} className="absolute inset-0 cursor-pointer opacity-0" checked={custom} onChange={() => setCustom(true)} />
            {t.custom}
            <ChosenMark />
          </label>
        )}
      </div>
      {custom && allowsCustomSize(model) && (
        <div className="flex items-end gap-2">
          <Dimension id={`${idPrefix}size-width`} errorId={`${idPrefix}size-error`} ruleId={`${idPrefix}size-rule`} label={t.width} value={value.width} onChange={(width) => onChange({ ...value, width })} invalid={!check.ok} />
          <span className="pb-2 text-slate-400 dark:text-slate-500">×</span>
          <Dimension id={`${idPrefix}size-height`} errorId={`${idPrefix}size-error`} ruleId={`${idPrefix}size-rule`} label={t.height} value={value.height} onChange={(height) => onChange({ ...value, height })} invalid={!check.ok} />
          <span className="pb-2 text-xs text-slate-600 dark:text-slate-400">{check.ok ? aspectLabel(value) : ""}</span>
        </div>
      )}
      {!check.ok && (
        // Checked as it is typed: no live region, which would say it at every key; the width and height it
        // describes say it (and a refused submit, from the field it focuses).
        <p id={`${idPrefix}size-error`} className="text-xs font-medium text-red-700 dark:text-red-300">
          {ruleText(check.reason)}
        </p>
      )}
    </fieldset>
  );
}

function Dimension({
  id,
  errorId,
  ruleId,
  label,
  value,
  onChange,
  invalid,
}: {
  id: string;
  errorId: string;
  ruleId: string;
  label: string;
  value: number;
  onChange: (value: number) => void;
  invalid: boolean;
}) {
  return (
    <div className="w-28 space-y-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        className={inputClass}
        value={Number.isNaN(value) ? "" : value}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : ruleId}
        onChange={(event) => onChange(event.target.value === "" ? Number.NaN : Number(event.target.value))}
      />
    </div>
  );
}
