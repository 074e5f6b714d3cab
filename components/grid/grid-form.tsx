"use client";

import { ReplacedNote } from "@/components/lazy";
import { useUndoReplace } from "@/components/playground/undo-replace";
import { RuleNotices } from "@/components/playground/rule-notices";
import { useLoadedNotice } from "@/components/sets/use-loaded-notice";
import type { LoadOrigin } from "@/lib/forms/load-origin";
import type { FieldIssue } from "@/lib/errors";
import { useServerFieldErrors } from "@/components/playground/use-server-fields";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Controller, useFieldArray, useForm, type FieldErrors } from "react-hook-form";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { reveal } from "@/components/playground/reveal";
import { SeedField } from "@/components/playground/seed-field";
import { SUBMIT_KEYS, SubmitArea, useSubmitOnce, useCostGate, type RunCost } from "@/components/playground/submit-area";
import { TextCounter } from "@/components/playground/text-counter";
import { useCost } from "@/components/pricing/prices";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { Button } from "@/components/ui/button";
import { announce } from "@/components/ui/announce";
import { promptListsQuery } from "@/lib/api/grids";
import { budgetLeft } from "@/lib/api/budget-left";
import { usageQuery } from "@/lib/api/limits";
import { SPENDING_OFF } from "@/lib/jobs/refusals";
import { useLive } from "@/lib/api/live";
import { COMPARE_PER_MODEL } from "@/lib/compare/compare-request";
import { AspectField, CountField } from "@/components/sets/set-fields";
import { gridRequestSchema, missingLists, missingListsMessage, type GridRequest } from "@/lib/grid/grid-request";
import { AXIS_TYPES, cellCount, cellsByModel, DEFAULT_GRID, GRID_LIMITS, gridPromptMax, tooManyCells, variablePrompts } from "@/lib/grid/grid-plan";
import { combinationCount, findVariables, listNames } from "@/lib/grid/prompt-variables";
import { schemaResolver } from "@/lib/forms/schema-resolver";
import { format, plural } from "@/lib/i18n/format";
import { MODEL_IDS, modelsByFamily } from "@/lib/models/registry";
import { watermarkHelp } from "@/lib/models/watermark-help";
import { isKeptGrid } from "@/lib/grid/kept-grid";
import { draftStamp } from "@/lib/forms/draft";
import { useDraft } from "@/components/playground/use-draft";
import { charCount } from "@/lib/text/well-formed";
import { AxisEditor, freshAxis } from "./axis-editor";
import { PromptLists } from "./prompt-lists";
import { ownEntry } from "@/lib/text/own-entry";

const GROUPS = modelsByFamily();
/** The prompts listed before a grid is sent; the count says how many more there are. */
const PREVIEW_PROMPTS = 12;
const DRAFT_STAMP = draftStamp(DEFAULT_GRID, MODEL_IDS);

/** A past grid to fill the form with; a new object each time, so loading the same one twice works. */
export type GridLoad = { readonly request: GridRequest; readonly origin: LoadOrigin };

/** Up to three axes over one set of settings; priced, checked against today's budget and previewed before it runs. */
export function GridForm({
  load,
  onRun,
  submitError,
  submitFields,
  submitting,
}: {
  load: GridLoad | null;
  onRun: (request: GridRequest) => void;
  submitError: string | null;
  /** The fields the server's refusal named, said at those fields. */
  submitFields?: readonly FieldIssue[] | undefined;
  submitting: boolean;
}) {
  const { register, control, handleSubmit, watch, reset, setValue, formState, setError, getValues } = useForm<GridRequest>({
    // Each axis's problems at that axis's own fields, not all under the list.
    resolver: schemaResolver(() => gridRequestSchema, { byItem: ["axes"] }).resolver,
    defaultValues: load?.request ?? DEFAULT_GRID,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  useDraft("grid", { getValues, reset, watch }, { stamp: DRAFT_STAMP, defaults: DEFAULT_GRID, accept: (values) => (isKeptGrid(values) ? values : null) });
  useServerFieldErrors(submitFields, { setError, getValues });
  const axes = useFieldArray({ control, name: "axes" });
  const addAxis = useRef<HTMLButtonElement>(null);
  const messages = useMessages();
  const { replaced, replace, undo, sent } = useUndoReplace({ getValues, reset }, (values) => values.prompt.trim() !== "", messages.common.formReplaced);
  const loadedNotice = useLoadedNotice(watch);
  const { loaded } = loadedNotice;
  const t = messages.grid.form;
  const locale = useLocale();
  const cost = useCost();
  // The shared rules speak English; shown in the interface's language where known.
  const ruleText = useRuleText();
  const live = useLive();
  const usage = useQuery(usageQuery(live)).data;
  const saved = useQuery(promptListsQuery()).data;
  const errors = formState.errors;
  // The resolver says each part's first problem on the part itself (lib/forms/schema-resolver.ts).
  const listsProblem = (errors.lists as { message?: string } | undefined)?.message;
  // The axes' own problems (too many cells, a variables axis missing); one axis's are said at that axis, and
  // the server's refusal naming the axes, on the list.
  const axesProblem = axesWide(errors);
  const values = watch();

  // The lists the prompt names go with the grid as they are now, so it runs (and is reused) as previewed;
  // a list deleted since a reused grid ran keeps the items that grid had.
  const usedNames = listNames(values.prompt).join("\u0000");
  const prompts = variablePrompts(values);
  // A list the prompt names that is not saved is said as it is typed (once the saved lists are known), not
  // only when Run refuses it: the preview and the counts below would otherwise show nothing without a reason.
  const unsaved = saved ? missingLists(values.prompt, Object.fromEntries(saved.map((list) => [list.name, list.items]))).filter((name) => !ownEntry(values.lists, name)?.length) : [];
  const listsNote = listsProblem ?? (unsaved.length > 0 ? missingListsMessage(unsaved) : undefined);
  useEffect(() => {
    const names = usedNames === "" ? [] : usedNames.split("\u0000");
    const current = values.lists;
    const next = Object.fromEntries(
      names.flatMap((name) => {
        const items = saved?.find((list) => list.name === name)?.items ?? ownEntry(current, name);
        return items ? [[name, [...items]]] : [];
      }),
    );
    if (JSON.stringify(next) !== JSON.stringify(current)) setValue("lists", next);
  }, [usedNames, saved, values.lists, setValue]);

  // Variables typed into the prompt get their axis at once (where there is room), so the preview shows them.
  const hasVariables = findVariables(values.prompt, {}).length > 0;
  const combinations = combinationCount(findVariables(values.prompt, values.lists));
  const variablesAxis = values.axes.some((axis) => axis.type === "variables");
  const axisCount = values.axes.length;
  const { append } = axes;
  useEffect(() => {
    if (hasVariables && !variablesAxis && axisCount < GRID_LIMITS.axes) append(freshAxis("variables"));
  }, [hasVariables, variablesAxis, axisCount, append]);

  useEffect(() => {
    if (!load) return;
    replace(() => reset(load.request));
    loaded(load.origin);
    reveal("grid-prompt");
  }, [load, reset, replace, loaded]);

  const cells = cellCount(values);
  // Uncountable (variables past counting) is said at the prompt: no figures are made up for it.
  const counted = Number.isFinite(cells);
  /** What a grid makes and costs, every cell counted (past the cell limit too, which is then said as it is). */
  const measure = (grid: Pick<GridRequest, "model" | "perCell" | "prompt" | "lists" | "axes">): RunCost =>
    cellsByModel(grid).reduce((sum, { model, cells: share, n }) => ({ images: sum.images + share * n, cost: sum.cost + share * cost.of(model, n) }), { images: 0, cost: 0 });
  // A count being typed (empty, or past the range) counts as the nearest it could be until it is fixed.
  const estimate = measure({ ...values, perCell: Number.isInteger(values.perCell) ? Math.min(Math.max(values.perCell, 1), COMPARE_PER_MODEL.max) : 1 });
  const { images } = estimate;
  const gate = useCostGate(
    measure,
    (request: GridRequest) => {
      sent(request);
      loadedNotice.sent();
      onRun(request);
    },
    watch,
  );
  const modelAxis = values.axes.some((axis) => axis.type === "model");
  const left = usage ? budgetLeft(usage) : null;
  const taken = new Set(values.axes.map((axis) => axis.type));
  // In the server's words, whatever the grid's size: no smaller grid and no waiting would run.
  const spendingOff = left === "off" ? ruleText(SPENDING_OFF) : null;
  const overBudget = counted && typeof left === "number" && images > left ? format(t.overBudget, { images, left }) : null;
  // The route's own refusal, said as the grid is typed rather than once Run is pressed.
  const tooMany = tooManyCells(values);
  const overLimit = tooMany === null ? null : format(t.overLimit, { refusal: ruleText(tooMany) });
  // Said on a line of its own; a grid over what is left today is said on the budget's line.
  const refused = spendingOff ?? overLimit;
  const blocked = refused ?? overBudget;
  // Ctrl+Enter as well as the button: a blocked grid is not sent.
  const submit = handleSubmit(
    (request) => {
      // Said, as the button says it: a Ctrl+Enter that ran nothing would be silent.
      if (blocked === null) gate.request(request);
      else announce(blocked);
    },
    // A refusal of the axes as a whole is no field's, so no field's description says it: said here, once (a
    // refused field the submit focuses says its own error over it).
    (found) => {
      const whole = axesWide(found);
      if (whole) announce(ruleText(whole));
    },
  );
  const submitOnce = useSubmitOnce(submit, submitting, gate);

  return (
    <form {...submitOnce} noValidate aria-label={t.label} className="space-y-5">
      {replaced && <ReplacedNote said={replaced.said} onUndo={undo} />}
      <RuleNotices notices={loadedNotice.notices} />
      <p className="text-xs text-slate-600 dark:text-slate-400">{t.intro}</p>
      <Field id="grid-model" label={t.model} help={modelAxis ? t.modelByAxis : undefined}>
        <select id="grid-model" className={inputClass} disabled={modelAxis} aria-describedby={modelAxis ? "grid-model-help" : undefined} {...register("model")}>
          {GROUPS.map((group) => (
            <optgroup key={group.family} label={messages.playground.familyLabels[group.family]}>
              {group.models.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>

      <Field
        id="grid-prompt"
        label={t.prompt}
        error={errors.prompt?.message}
        aside={<TextCounter id="grid-prompt-count" length={charCount(values.prompt)} max={gridPromptMax(values)} />}
        help={t.promptHelp}
        keys={t.promptKeys}
      >
        <textarea
          id="grid-prompt"
          rows={4}
          className={inputClass}
          placeholder={t.promptPlaceholder}
          aria-invalid={Boolean(errors.prompt ?? listsProblem)}
          aria-describedby={[`grid-prompt-count ${describedBy("grid-prompt", true, Boolean(errors.prompt))}`, listsNote && "grid-lists-error"].filter(Boolean).join(" ")}
          aria-keyshortcuts={SUBMIT_KEYS}
          {...register("prompt")}
        />
      </Field>
      {/*
        The saved lists the prompt names go with the grid: what is wrong with them is said under the prompt, as
        a part of the prompt's description (said once, by a refused submit), not an alert spoken at each change.
      */}
      {listsNote && (
        <p id="grid-lists-error" className="-mt-3 text-xs font-medium text-red-700 dark:text-red-300">
          {ruleText(listsNote)}
        </p>
      )}

      <PromptLists />

      <Field id="grid-negative" label={t.negativePrompt} error={errors.negativePrompt?.message} help={t.negativePromptHelp}>
        <textarea
          id="grid-negative"
          rows={2}
          className={inputClass}
          aria-invalid={Boolean(errors.negativePrompt)}
          aria-describedby={describedBy("grid-negative", true, Boolean(errors.negativePrompt))}
          {...register("negativePrompt")}
        />
      </Field>

      <div className="grid grid-cols-2 gap-3">
        <AspectField id="grid-aspect" label={t.aspect} help={t.aspectHelp} registration={register("aspect")} />
        <CountField
          id="grid-per-cell"
          label={t.perCell}
          error={errors.perCell?.message}
          help={format(t.perCellHelp, { min: COMPARE_PER_MODEL.min, max: COMPARE_PER_MODEL.max })}
          min={COMPARE_PER_MODEL.min}
          max={COMPARE_PER_MODEL.max}
          registration={register("perCell", { valueAsNumber: true })}
        />
      </div>

      <Controller
        control={control}
        name="seed"
        render={({ field, fieldState }) => (
          <SeedField id="grid-seed" value={field.value} onChange={field.onChange} error={fieldState.error?.message} help={taken.has("seed") ? t.seedByAxis : t.seedHelp} />
        )}
      />

      <div className="space-y-3">
        <Switch id="grid-extend" label={t.promptExtend} help={t.promptExtendHelp} {...register("promptExtend")} />
        <Switch id="grid-watermark" label={t.watermark} help={watermarkHelp(cellsByModel(values).map(({ model }) => model), messages.sets.watermarkHelp)} {...register("watermark")} />
      </div>

      <section aria-labelledby="grid-axes-heading" className="space-y-3">
        <div>
          <h2 id="grid-axes-heading" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            {t.axes}
          </h2>
          <p className="text-xs text-slate-500 dark:text-slate-400">{format(t.axesHelp, { max: GRID_LIMITS.axes })}</p>
        </div>
        {axes.fields.map((field, index) => {
          const axis = values.axes[index];
          if (!axis) return null;
          return (
            <AxisEditor
              key={field.id}
              index={index}
              axis={axis}
              taken={new Set([...taken].filter((type) => type !== axis.type))}
              problem={errors.axes?.[index]?.message}
              combinations={combinations}
              // Not the field array's update: that mounts the editor afresh, and typing in it would lose its focus and its text.
              onChange={(next) => setValue(`axes.${index}`, next, { shouldDirty: true, shouldValidate: formState.isSubmitted })}
              onRemove={() => {
                axes.remove(index);
                // Its Remove went with it: the focus goes to Add an axis, which is there once one is removed.
                requestAnimationFrame(() => addAxis.current?.focus());
              }}
            />
          );
        })}
        {axes.fields.length < GRID_LIMITS.axes && (
          <Button
            ref={addAxis}
            onClick={() => {
              const type = AXIS_TYPES.find((entry) => !taken.has(entry));
              if (type) axes.append(freshAxis(type));
            }}
          >
            {t.addAxis}
          </Button>
        )}
        {/* Not an alert: its counts change as the axes are typed, and it would be said again at every key. */}
        {axesProblem && (
          <p className="text-xs font-medium text-red-700 dark:text-red-300">
            {ruleText(axesProblem)}
          </p>
        )}
        {values.axes.some((axis) => axis.type === "variables") && prompts.length === 0 && unsaved.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">{t.variablesNone}</p>}
      </section>

      {prompts.length > 0 && (
        <section aria-labelledby="grid-preview-heading" className="space-y-1">
          <h2 id="grid-preview-heading" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            {t.preview}
          </h2>
          <ol className="ml-5 list-decimal space-y-0.5 text-xs text-slate-700 dark:text-slate-300" aria-label={t.preview}>
            {prompts.slice(0, PREVIEW_PROMPTS).map((entry) => (
              <li key={entry.picks.join("\u0000")}>{entry.prompt}</li>
            ))}
          </ol>
          {prompts.length > PREVIEW_PROMPTS && <p className="text-xs text-slate-500 dark:text-slate-400">{plural(locale, t.previewMore, prompts.length - PREVIEW_PROMPTS)}</p>}
        </section>
      )}

      <div className="space-y-1 text-xs text-slate-600 dark:text-slate-400" data-testid="grid-size">
        <p>
          {format(values.axes.length > 1 ? t.shape : t.size, {
            shape: values.axes.map((axis) => (axis.type === "variables" ? prompts.length : axis.values.length)).join(" × "),
            cells: counted ? plural(locale, t.cells, cells) : "∞",
            images: counted ? plural(locale, t.images, images) : "∞",
          })}
        </p>
        {refused && <p className="font-medium text-red-700 dark:text-red-300">{refused}</p>}
        {counted && typeof left === "number" && usage && (
          <p className={overBudget ? "font-medium text-red-700 dark:text-red-300" : undefined}>
            {overBudget ?? format(t.budget, { used: usage.imagesToday, limit: usage.dailyImageLimit ?? 0, images })}
          </p>
        )}
        {usage && !overLimit && cells > usage.maxConcurrent && <p>{t.queueNote}</p>}
      </div>

      <SubmitArea
        gate={gate}
        action="Make"
        label={t.submit}
        error={submitError}
        submitting={submitting}
        waitFor={blocked}
        estimate={counted ? estimate : null}
      />
    </form>
  );
}

/** A refusal of the axes as a whole (too many cells, a missing variables axis), not of one axis. */
const axesWide = (errors: FieldErrors<GridRequest>): string | undefined => errors.axes?.root?.message ?? errors.axes?.message;
