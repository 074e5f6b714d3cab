"use client";

import type { FieldIssue } from "@/lib/errors";
import { useServerFieldErrors } from "@/components/playground/use-server-fields";
import { schemaResolver } from "@/lib/forms/schema-resolver";
import { useEffect } from "react";
import { Controller, useForm } from "react-hook-form";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { ReplacedNote } from "@/components/lazy";
import { useUndoReplace } from "@/components/playground/undo-replace";
import { RuleNotices } from "@/components/playground/rule-notices";
import { useLoadedNotice } from "@/components/sets/use-loaded-notice";
import type { LoadOrigin } from "@/lib/forms/load-origin";
import { SeedField } from "@/components/playground/seed-field";
import { reveal } from "@/components/playground/reveal";
import { useCost } from "@/components/pricing/prices";
import { SUBMIT_KEYS, SubmitArea, useCostGate, useSubmitOnce } from "@/components/playground/submit-area";
import { TextCounter } from "@/components/playground/text-counter";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import {
  COMPARE_MODELS,
  COMPARE_PER_MODEL,
  comparisonImageCount,
  compareRequestSchema,
  DEFAULT_COMPARE,
  perModelAsked,
  planComparison,
  type CompareRequest,
} from "@/lib/compare/compare-request";
import { AspectField, CountField } from "@/components/sets/set-fields";
import { usePasteCut } from "@/components/playground/use-paste-cut";
import { format, plural } from "@/lib/i18n/format";
import { findModel, getModel, MODEL_IDS, modelsByFamily, type ModelId } from "@/lib/models/registry";
import { draftStamp, isKeptSeed } from "@/lib/forms/draft";
import { useDraft } from "@/components/playground/use-draft";
import { aspectLabel, formatSize } from "@/lib/models/size-rules";
import { watermarkHelp } from "@/lib/models/watermark-help";
import { charCount, maxLengthFor } from "@/lib/text/well-formed";
import { differsFrom } from "@/lib/forms/typed-work";

const GROUPS = modelsByFamily();

/** One prompt and one seed on 2 to 4 models; shows what each model will get before anything is sent. */
/** A past comparison to fill the form with; a new object each time, so loading the same one twice works. */
export type CompareLoad = { readonly request: CompareRequest; readonly origin: LoadOrigin };

const DRAFT_STAMP = draftStamp(DEFAULT_COMPARE, MODEL_IDS);

export function CompareForm({
  load,
  onCompare,
  submitError,
  submitFields,
  submitting,
}: {
  load: CompareLoad | null;
  onCompare: (request: CompareRequest) => void;
  submitError: string | null;
  /** The fields the server's refusal named, said at those fields. */
  submitFields?: readonly FieldIssue[] | undefined;
  submitting: boolean;
}) {
  const { register, control, handleSubmit, watch, reset, formState, setError, getValues } = useForm<CompareRequest>({
    resolver: schemaResolver(() => compareRequestSchema).resolver,
    defaultValues: load?.request ?? DEFAULT_COMPARE,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  useDraft("compare", { getValues, reset, watch }, { stamp: DRAFT_STAMP, defaults: DEFAULT_COMPARE, accept: (values) => (values.models.every((id) => typeof id === "string" && findModel(id)) && isKeptSeed(values.seed) ? values : null) });
  useServerFieldErrors(submitFields, { setError, getValues });
  const messages = useMessages();
  const { replaced, replace, undo, sent } = useUndoReplace({ getValues, reset }, (values) => differsFrom(values, DEFAULT_COMPARE, ["models"]), messages.common.formReplaced);
  const loadedNotice = useLoadedNotice(watch);
  const { loaded } = loadedNotice;
  const t = messages.compare.form;
  const { familyLabels } = messages.playground;
  const modelSummaries: Readonly<Record<string, string | undefined>> = messages.playground.modelSummaries;
  const ruleText = useRuleText();
  const locale = useLocale();
  const cost = useCost();
  /** What a comparison's plans make, model by model, and what that costs. */
  const measure = (planned: ReturnType<typeof planComparison>) => ({
    images: comparisonImageCount(planned),
    cost: planned.reduce((sum, plan) => sum + cost.of(plan.request.model, plan.request.n), 0),
  });
  const gate = useCostGate(
    (request: CompareRequest) => measure(planComparison(request)),
    (request: CompareRequest) => {
      sent(request);
      loadedNotice.sent();
      onCompare(request);
    },
    watch,
  );
  const errors = formState.errors;
  const values = watch();
  const chosen = values.models.map(getModel);
  // The plan is shown whatever the prompt says; it only depends on the models and the shared settings.
  const perModel = Number.isInteger(values.perModel) ? Math.min(Math.max(values.perModel, 1), COMPARE_PER_MODEL.max) : 1;
  const plans = planComparison({ ...values, perModel });
  // Blind mode may ask each model for fewer than typed: said at the count itself, which keeps what was typed.
  const perModelUsed = perModelAsked({ ...values, perModel });
  const total = comparisonImageCount(plans);
  // A note every model's row would repeat (blind's shared count) is said once, under the plan.
  const sharedNotes = plans.length > 1 ? (plans[0]?.notes ?? []).filter((note) => plans.every((plan) => plan.notes.includes(note))) : [];
  const promptMax = Math.min(...chosen.map((model) => model.promptMaxLength), 2100);
  const negativeMax = Math.min(...chosen.filter((model) => model.options.negativePrompt).map((model) => model.negativePromptMaxLength), 500);
  const negativePaste = usePasteCut(negativeMax);

  useEffect(() => {
    if (!load) return;
    replace(() => reset(load.request));
    loaded(load.origin);
    reveal("compare-prompt");
  }, [load, reset, replace, loaded]);

  const submit = handleSubmit(gate.request);
  const submitOnce = useSubmitOnce(submit, submitting, gate);

  return (
    <form {...submitOnce} noValidate aria-label={t.label} className="space-y-5">
      {replaced && <ReplacedNote said={replaced.said} onUndo={undo} />}
      <RuleNotices notices={loadedNotice.notices} />
      <Controller
        control={control}
        name="models"
        // The watermark's refusal depends on the models and blind mode: said again as either changes.
        rules={{ deps: ["watermark"] }}
        render={({ field, fieldState }) => {
          const full = field.value.length >= COMPARE_MODELS.max;
          return (
            <fieldset className="space-y-2" aria-describedby="models-help">
              <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t.models}</legend>
              <p id="models-help" className="text-xs text-slate-500 dark:text-slate-400">
                {full
                  ? format(t.modelsFull, { max: COMPARE_MODELS.max })
                  : format(t.modelsHelp, { min: COMPARE_MODELS.min, max: COMPARE_MODELS.max })}
              </p>
              {GROUPS.map((group) => (
                <div key={group.family} role="group" aria-label={familyLabels[group.family]} className="grid gap-1 sm:grid-cols-2">
                  {group.models.map((model) => {
                    const checked = field.value.includes(model.id as ModelId);
                    return (
                      <label
                        key={model.id}
                        title={!checked && full ? format(t.modelsAtMost, { max: COMPARE_MODELS.max }) : (modelSummaries[model.id] ?? model.summary)}
                        className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-200 dark:border-slate-700 px-2 py-1.5 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 dark:has-[:checked]:bg-indigo-950/40 has-[:disabled]:cursor-not-allowed has-[:disabled]:text-slate-400"
                      >
                        <input
                          type="checkbox"
                          className="accent-indigo-600"
                          checked={checked}
                          disabled={!checked && full}
                          onChange={() => field.onChange(checked ? field.value.filter((id) => id !== model.id) : [...field.value, model.id])}
                        />
                        {model.name}
                      </label>
                    );
                  })}
                </div>
              ))}
              {/* What each chosen model is good at, in words anyone can read (the tooltips only reach a pointer). */}
              {field.value.length > 0 && (
                <ul aria-label={t.chosenAbout} className="space-y-0.5 text-xs text-slate-600 dark:text-slate-400">
                  {field.value.map(getModel).map((model) => (
                    <li key={model.id}>
                      <span className="font-medium text-slate-700 dark:text-slate-300">{format(t.chosenName, { model: model.name })}</span>
                      {modelSummaries[model.id] ?? model.summary}
                    </li>
                  ))}
                </ul>
              )}
              {fieldState.error && (
                <p role="alert" className="text-xs font-medium text-red-700 dark:text-red-300">
                  {ruleText(fieldState.error.message ?? fieldState.error.root?.message ?? "")}
                </p>
              )}
            </fieldset>
          );
        }}
      />

      <Field
        id="compare-prompt"
        label={t.prompt}
        error={errors.prompt?.message}
        aside={<TextCounter id="compare-prompt-count" length={charCount(values.prompt)} max={promptMax} />}
        help={t.promptHelp}
        keys={t.promptKeys}
      >
        <textarea
          id="compare-prompt"
          rows={4}
          className={inputClass}
          placeholder={t.promptPlaceholder}
          aria-invalid={Boolean(errors.prompt)}
          aria-describedby={`compare-prompt-count ${describedBy("compare-prompt", true, Boolean(errors.prompt))}`}
          aria-keyshortcuts={SUBMIT_KEYS}
          {...register("prompt")}
        />
      </Field>

      <Field
        id="compare-negative"
        label={t.negativePrompt}
        error={errors.negativePrompt?.message}
        aside={<TextCounter id="compare-negative-count" length={charCount(values.negativePrompt)} max={negativeMax} />}
        help={negativePaste.said ?? (charCount(values.negativePrompt) >= negativeMax ? format(messages.playground.form.negativeLimit, { max: negativeMax }) : t.negativePromptHelp)}
      >
        <textarea
          id="compare-negative"
          rows={2}
          maxLength={maxLengthFor(values.negativePrompt, negativeMax)}
          className={inputClass}
          aria-describedby={`compare-negative-count ${describedBy("compare-negative", true, Boolean(errors.negativePrompt))}`}
          onPaste={negativePaste.onPaste}
          {...register("negativePrompt")}
        />
      </Field>

      <div className="grid grid-cols-2 gap-3">
        <AspectField id="compare-aspect" label={t.aspect} help={t.aspectHelp} registration={register("aspect")} />
        <CountField
          id="compare-per-model"
          label={t.perModel}
          error={errors.perModel?.message}
          help={
            perModelUsed < perModel
              ? plural(locale, t.perModelBlind, perModelUsed, { typed: perModel })
              : format(t.perModelHelp, { min: COMPARE_PER_MODEL.min, max: COMPARE_PER_MODEL.max })
          }
          min={COMPARE_PER_MODEL.min}
          max={COMPARE_PER_MODEL.max}
          registration={register("perModel", { valueAsNumber: true })}
        />
      </div>

      <Controller
        control={control}
        name="seed"
        render={({ field, fieldState }) => <SeedField id="compare-seed" value={field.value} onChange={field.onChange} error={fieldState.error?.message} />}
      />

      <div className="space-y-3">
        <Switch id="compare-extend" label={t.promptExtend} help={t.promptExtendHelp} {...register("promptExtend")} />
        <Switch id="compare-watermark" label={t.watermark} help={watermarkHelp(values.models, messages.sets.watermarkHelp)} error={errors.watermark?.message} {...register("watermark")} />
        <Switch
          id="compare-blind"
          label={t.blind}
          help={t.blindHelp}
          {...register("blind", { deps: ["watermark"] })}
        />
      </div>

      <table className="w-full text-left text-xs">
        <caption className="mb-1 text-left text-sm font-medium text-slate-800 dark:text-slate-200">{t.plan.caption}</caption>
        <thead className="text-slate-500 dark:text-slate-400">
          <tr>
            <th scope="col" className="py-1 pr-2 font-medium">{t.plan.model}</th>
            <th scope="col" className="whitespace-nowrap py-1 pr-2 font-medium">{t.plan.size}</th>
            <th scope="col" className="whitespace-nowrap py-1 font-medium">{t.plan.images}</th>
          </tr>
        </thead>
        <tbody>
          {plans.map(({ request, notes }) => {
            const own = notes.filter((note) => !sharedNotes.includes(note));
            return (
              <tr key={request.model} className="border-t border-slate-100 dark:border-slate-800 align-top">
                <th scope="row" className="py-1 pr-2 font-medium">
                  {getModel(request.model).name}
                  {own.length > 0 && <span className="block font-normal text-slate-500 dark:text-slate-400">{own.map(ruleText).join(" ")}</span>}
                </th>
                <td className="whitespace-nowrap py-1 pr-2 tabular-nums">
                  {formatSize(request)} ({aspectLabel(request)})
                </td>
                <td className="whitespace-nowrap py-1 tabular-nums">{request.n}</td>
              </tr>
            );
          })}
        </tbody>
        {sharedNotes.length > 0 && (
          <tfoot>
            <tr className="border-t border-slate-100 dark:border-slate-800">
              <td colSpan={3} className="py-1 text-slate-500 dark:text-slate-400">
                {sharedNotes.map(ruleText).join(" ")}
              </td>
            </tr>
          </tfoot>
        )}
      </table>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {plans.length > 0 ? plural(locale, t.total, total) : t.noModels}
      </p>

      <SubmitArea
        gate={gate}
        action="Make"
        label={format(t.submit, { count: values.models.length })}
        error={submitError}
        submitting={submitting}
        estimate={measure(plans)}
      />
    </form>
  );
}
