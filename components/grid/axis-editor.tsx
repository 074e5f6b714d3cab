"use client";

import { useState } from "react";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { randomSeed } from "@/components/playground/seed-field";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { COMPARE_ASPECTS } from "@/lib/compare/fit-to-model";
import { seedValue, type GridAxis } from "@/lib/grid/grid-request";
import { AXIS_TYPES, GRID_LIMITS, tooManyValues, type AxisType } from "@/lib/grid/grid-plan";
import { format, plural } from "@/lib/i18n/format";
import { modelsByFamily, type ModelId } from "@/lib/models/registry";
import { notSeeds, seedsFrom } from "@/lib/grid/seed-text";

const GROUPS = modelsByFamily();

/** What an axis holds when it is first given a type: a small, useful start the user edits. */
export const freshAxis = (type: AxisType): GridAxis => {
  switch (type) {
    case "model":
      return { type, values: ["wan2.6-t2i", "qwen-image-max"] };
    case "seed":
      return { type, values: [randomSeed(), randomSeed(), randomSeed()] };
    case "replace":
      return { type, values: [] };
    case "variables":
      return { type, mode: "all", count: 4, pickSeed: randomSeed() };
    case "aspect":
      return { type, values: ["1:1", "16:9", "9:16"] };
    case "promptExtend":
      return { type, values: [false, true] };
    case "negative":
      return { type, values: ["", "blurry, low quality"] };
  }
};

/** Typed text to an axis's values: terms by commas, lines by lines (seeds: lib/grid/seed-text.ts). */
const termsFrom = (text: string): string[] => text.split(/[,，]/).map((term) => term.trim()).filter(Boolean);
const linesFrom = (text: string): string[] => text.split("\n").map((line) => line.trim()).filter(Boolean);

/** One axis of the grid form: what it varies, and its values. */
export function AxisEditor({
  index,
  axis,
  taken,
  onChange,
  onRemove,
  problem,
  combinations,
}: {
  index: number;
  axis: GridAxis;
  /** How many prompts the prompt's variables make: random picks past it are said to take them all. */
  combinations: number;
  /** Types other axes already vary (a setting is one axis only). */
  taken: ReadonlySet<AxisType>;
  /** What the form's check refused of this axis: said at its values where they are typed, else at its type. */
  problem?: string | undefined;
  onChange: (axis: GridAxis) => void;
  onRemove: () => void;
}) {
  const t = useMessages().grid;
  const id = `grid-axis-${index}`;
  const place = t.axisPlaces[index] ?? "";
  const typed = axis.type === "seed" || axis.type === "replace" || axis.type === "negative";
  // More values than a grid takes is said as they are typed, as a grid of too many cells is, not only once run.
  const said = problem ?? (axis.type !== "variables" && axis.values.length > GRID_LIMITS.values ? tooManyValues(axis.type) : undefined);
  const typeProblem = typed ? undefined : said;
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 dark:border-slate-700 p-3">
      <legend className="px-1 text-sm font-medium text-slate-800 dark:text-slate-200">{format(t.form.axis, { n: index + 1, place })}</legend>
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <Field id={`${id}-type`} label={t.form.axisType} error={typeProblem}>
            <select
              id={`${id}-type`}
              className={inputClass}
              value={axis.type}
              aria-invalid={typeProblem !== undefined}
              aria-describedby={describedBy(`${id}-type`, false, typeProblem !== undefined)}
              onChange={(event) => onChange(freshAxis(event.target.value as AxisType))}>
              {AXIS_TYPES.map((type) => (
                <option key={type} value={type} disabled={type !== axis.type && taken.has(type)}>
                  {t.axisNames[type]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Button onClick={onRemove} aria-label={format(t.form.removeAxis, { n: index + 1 })}>
          {t.form.remove}
        </Button>
      </div>
      {/* Keyed by type: text typed for one kind of axis is not carried to another. */}
      <AxisValues key={axis.type} id={id} axis={axis} onChange={onChange} refused={typed ? said : undefined} combinations={combinations} />
    </fieldset>
  );
}

function AxisValues({ id, axis, onChange, refused, combinations }: { id: string; axis: GridAxis; onChange: (axis: GridAxis) => void; refused: string | undefined; combinations: number }) {
  const t = useMessages().grid.form;
  switch (axis.type) {
    case "model":
      return (
        <fieldset className="space-y-1">
          <legend className="text-sm text-slate-700 dark:text-slate-300">{t.models}</legend>
          <Checkboxes
            options={GROUPS.flatMap((group) => group.models.map((model) => ({ value: model.id as ModelId, label: model.name })))}
            chosen={axis.values}
            onChange={(values) => onChange({ type: "model", values })}
          />
        </fieldset>
      );
    case "aspect":
      return (
        <fieldset className="space-y-1">
          <legend className="text-sm text-slate-700 dark:text-slate-300">{t.aspects}</legend>
          <Checkboxes options={COMPARE_ASPECTS.map((aspect) => ({ value: aspect, label: aspect }))} chosen={axis.values} onChange={(values) => onChange({ type: "aspect", values })} />
        </fieldset>
      );
    case "seed":
      return <SeedValues id={id} values={axis.values} onChange={(values) => onChange({ type: "seed", values })} refused={refused} />;
    case "replace":
      return (
        <TextValues
          id={`${id}-terms`}
          label={t.terms}
          help={t.termsHelp}
          initial={axis.values.join(", ")}
          parse={termsFrom}
          onChange={(values) => onChange({ type: "replace", values })}
          refused={refused}
        />
      );
    case "negative":
      return <NegativeValues id={id} values={axis.values} onChange={(values) => onChange({ type: "negative", values })} refused={refused} />;
    case "promptExtend":
      return <p className="text-xs text-slate-500 dark:text-slate-400">{t.promptExtendValues}</p>;
    case "variables":
      return <VariablesMode id={id} axis={axis} onChange={onChange} combinations={combinations} />;
  }
}

function Checkboxes<Value extends string>({ options, chosen, onChange }: { options: ReadonlyArray<{ value: Value; label: string }>; chosen: readonly Value[]; onChange: (values: Value[]) => void }) {
  return (
    <div className="grid gap-1 sm:grid-cols-2">
      {options.map((option) => {
        const checked = chosen.includes(option.value);
        return (
          <label key={option.value} className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-200 dark:border-slate-700 px-2 py-1 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 dark:has-[:checked]:bg-indigo-950/40">
            <input
              type="checkbox"
              className="accent-indigo-600"
              checked={checked}
              // In the order of the list, whatever the order of the clicks: the grid's columns follow it.
              onChange={() => onChange(options.map((entry) => entry.value).filter((value) => (value === option.value ? !checked : chosen.includes(value))))}
            />
            {option.label}
          </label>
        );
      })}
    </div>
  );
}

/** Free text whose parsed values go to the form at each keystroke; the text itself stays as typed. */
function TextValues<Value>({
  id,
  label,
  help,
  initial,
  parse,
  onChange,
  multiline = false,
  problem = () => undefined,
  refused,
}: {
  id: string;
  label: string;
  help: string;
  initial: string;
  parse: (text: string) => Value[];
  onChange: (values: Value[]) => void;
  multiline?: boolean;
  /** What in the text is left out, and why; said at the field. */
  problem?: (text: string) => string | undefined;
  /** What the form's check refused of the values, once submitted; said at the field too. */
  refused: string | undefined;
}) {
  const [text, setText] = useState(initial);
  const change = (next: string) => {
    setText(next);
    onChange(parse(next));
  };
  const said = problem(text) ?? refused;
  const described = describedBy(id, true, said !== undefined);
  return (
    <Field id={id} label={label} help={help} error={said}>
      {multiline ? (
        <textarea id={id} rows={3} className={inputClass} value={text} aria-invalid={said !== undefined} aria-describedby={described} onChange={(event) => change(event.target.value)} />
      ) : (
        <input id={id} className={inputClass} value={text} aria-invalid={said !== undefined} aria-describedby={described} onChange={(event) => change(event.target.value)} />
      )}
    </Field>
  );
}

function SeedValues({ id, values, onChange, refused }: { id: string; values: readonly number[]; onChange: (values: number[]) => void; refused: string | undefined }) {
  const t = useMessages().grid.form;
  // A new key after "Random seeds", so the text shows the seeds drawn.
  const [drawn, setDrawn] = useState(0);
  return (
    <div className="space-y-2">
      <TextValues
        key={drawn}
        id={`${id}-seeds`}
        label={t.seeds}
        help={t.seedsHelp}
        initial={values.join(", ")}
        parse={seedsFrom}
        onChange={onChange}
        refused={refused}
        problem={(text) => {
          const left = notSeeds(text);
          if (left.length > 0) return format(t.notSeeds, { tokens: left.join(", ") });
          // Out of range (a minus sign, one digit too many): said as typed, by the schema's own rule, not only once run.
          return seedsFrom(text)
            .map((seed) => seedValue.safeParse(seed).error?.issues[0]?.message)
            .find(Boolean);
        }}
      />
      <Button
        size="sm"
        onClick={() => {
          onChange(Array.from({ length: Math.min(GRID_LIMITS.values, Math.max(2, values.length)) }, randomSeed));
          setDrawn((count) => count + 1);
        }}
      >
        {t.randomSeeds}
      </Button>
    </div>
  );
}

function NegativeValues({ id, values, onChange, refused }: { id: string; values: readonly string[]; onChange: (values: string[]) => void; refused: string | undefined }) {
  const t = useMessages().grid.form;
  const [withNone, setWithNone] = useState(values.includes(""));
  const [lines, setLines] = useState(values.filter(Boolean));
  const send = (none: boolean, next: string[]) => onChange(none ? ["", ...next] : next);
  return (
    <div className="space-y-2">
      <TextValues
        id={`${id}-negatives`}
        label={t.negatives}
        help={t.negativesHelp}
        initial={lines.join("\n")}
        parse={linesFrom}
        multiline
        refused={refused}
        onChange={(next) => {
          setLines(next);
          send(withNone, next);
        }}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="accent-indigo-600"
          checked={withNone}
          onChange={(event) => {
            setWithNone(event.target.checked);
            send(event.target.checked, lines);
          }}
        />
        {t.withoutNegative}
      </label>
    </div>
  );
}

function VariablesMode({ id, axis, onChange, combinations }: { id: string; axis: Extract<GridAxis, { type: "variables" }>; onChange: (axis: GridAxis) => void; combinations: number }) {
  const t = useMessages().grid.form;
  const locale = useLocale();
  const fewer = combinations > 0 && axis.count > combinations ? plural(locale, t.randomFewer, combinations) : undefined;
  return (
    <div className="space-y-2">
      <fieldset className="flex flex-wrap items-center gap-3 text-sm">
        <legend className="sr-only">{t.expand}</legend>
        <span className="text-slate-700 dark:text-slate-300" aria-hidden>
          {t.expand}
        </span>
        {(["all", "random"] as const).map((mode) => (
          <label key={mode} className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-mode`} className="accent-indigo-600" checked={axis.mode === mode} onChange={() => onChange({ ...axis, mode })} />
            {mode === "all" ? t.expandAll : t.expandRandom}
          </label>
        ))}
      </fieldset>
      {axis.mode === "random" && (
        <div className="flex items-end gap-2">
          {/* More picks than combinations would run fewer cells than typed, the preview alone saying so. */}
          <Field id={`${id}-count`} label={t.randomCount} help={fewer}>
            <input
              id={`${id}-count`}
              aria-describedby={describedBy(`${id}-count`, fewer !== undefined, false)}
              type="number"
              min={2}
              max={GRID_LIMITS.cells}
              className={`${inputClass} max-w-24`}
              value={Number.isFinite(axis.count) ? axis.count : ""}
              onChange={(event) => onChange({ ...axis, count: event.target.valueAsNumber })}
            />
          </Field>
          <Button onClick={() => onChange({ ...axis, pickSeed: randomSeed() })}>{t.pickAgain}</Button>
        </div>
      )}
    </div>
  );
}
