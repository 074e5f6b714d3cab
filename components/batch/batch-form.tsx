"use client";

import { ReplacedNote } from "@/components/lazy";
import { useUndoReplace } from "@/components/playground/undo-replace";
import { RuleNotices } from "@/components/playground/rule-notices";
import { useLoadedNotice } from "@/components/sets/use-loaded-notice";
import type { LoadOrigin } from "@/lib/forms/load-origin";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { reveal } from "@/components/playground/reveal";
import { SeedField } from "@/components/playground/seed-field";
import { SUBMIT_KEYS, SubmitArea, useSubmitOnce, useCostGate } from "@/components/playground/submit-area";
import { useCost } from "@/components/pricing/prices";
import { announce } from "@/components/ui/announce";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { ScrollBox } from "@/components/ui/scroll-box";
import { Switch } from "@/components/ui/switch";
import { budgetLeft } from "@/lib/api/budget-left";
import { usageQuery } from "@/lib/api/limits";
import { SPENDING_OFF } from "@/lib/jobs/refusals";
import { useLive } from "@/lib/api/live";
import { defaultsProblems } from "@/lib/batch/batch-defaults";
import { BATCH_NAME_MAX, rowProblems, toBatchRequest, type BatchRequest } from "@/lib/batch/batch-request";
import { BATCH_COLUMNS, BATCH_LIMITS, batchSwitches, batchToCsv, readBatch, type BatchDefaults, type BatchSource, type DraftRow } from "@/lib/batch/batch-rows";
import { AspectField, CountField } from "@/components/sets/set-fields";
import { format, plural } from "@/lib/i18n/format";
import { findModel, getModel, MODEL_IDS, modelsByFamily, type ModelId } from "@/lib/models/registry";
import { draftStamp, isKeptSeed } from "@/lib/forms/draft";
import { useDraft } from "@/components/playground/use-draft";
import type { GenerateRequest } from "@/lib/models/request-schema";
import { formatSize } from "@/lib/models/size-rules";
import { watermarkHelp } from "@/lib/models/watermark-help";
import { CSV_ENCODINGS, decodeCsvFile, type CsvEncoding } from "@/lib/batch/decode-file";
import { cutText } from "@/lib/text/well-formed";

const GROUPS = modelsByFamily();
/** Rows listed before a batch is sent; the count says how many more there are. */
const PREVIEW_ROWS = 50;
/** The refused rows named in the box's description: the rest are in the preview, each beside its line. */
const REFUSALS_AT_BOX = 3;

type Values = BatchDefaults & { name: string; source: BatchSource; text: string };

const DEFAULT_VALUES: Values = { name: "", source: "lines", text: "", model: "wan2.6-t2i", aspect: "1:1", n: 1, seed: null, promptExtend: true, watermark: false };
const DRAFT_STAMP = draftStamp(DEFAULT_VALUES, MODEL_IDS);

/** A past batch to fill the form with (its rows' requests); a new object each time, so loading one twice works. */
/** What a batch's rows are: changed, they are no longer the ones loaded. */
const BATCH_ROWS_FIELDS: readonly string[] = ["text", "source"];

export type BatchLoad = { readonly name: string; readonly requests: readonly GenerateRequest[]; readonly origin: LoadOrigin };

/** Many prompts at once, from lines or a CSV; every row checked by the shared rules and priced before it runs. */
export function BatchForm({
  load,
  onRun,
  submitError,
  submitting,
}: {
  load: BatchLoad | null;
  onRun: (request: BatchRequest) => void;
  submitError: string | null;
  submitting: boolean;
}) {
  const { register, control, handleSubmit, watch, reset, setValue, getValues } = useForm<Values>({ defaultValues: DEFAULT_VALUES });
  useDraft("batch", { getValues, reset, watch }, { stamp: DRAFT_STAMP, defaults: DEFAULT_VALUES, accept: (values) => (findModel(values.model) && isKeptSeed(values.seed) ? values : null) });
  const messages = useMessages();
  const { replaced, replace, undo, sent } = useUndoReplace({ getValues, reset }, (values) => values.text.trim() !== "", messages.common.formReplaced);
  const loadedNotice = useLoadedNotice(watch, BATCH_ROWS_FIELDS);
  const { loaded } = loadedNotice;
  const t = messages.batch.form;
  // The last CSV file chosen as read: its encoding is said under the file while its text is what the form holds.
  const [readAs, setReadAs] = useState<{ readonly text: string; readonly encoding: CsvEncoding } | null>(null);
  const locale = useLocale();
  const ruleText = useRuleText();
  const cost = useCost();
  const live = useLive();
  const usage = useQuery(usageQuery(live)).data;
  const values = watch();

  useEffect(() => {
    if (!load) return;
    // As CSV, every column written out: the rows run as they ran, whatever the defaults say.
    replace(() => reset({ ...DEFAULT_VALUES, ...batchSwitches(load.requests), name: load.name, source: "csv", text: batchToCsv(load.requests) }));
    loaded(load.origin);
    reveal("batch-text");
  }, [load, reset, replace, loaded]);

  // Taken as typed: a count or seed the model refuses is said at its field (and blocks), never replaced.
  const defaults: BatchDefaults = { model: values.model, aspect: values.aspect, n: values.n, seed: values.seed, promptExtend: values.promptExtend, watermark: values.watermark };
  const fieldProblems = defaultsProblems({ model: values.model as ModelId, n: values.n, seed: values.seed });
  const read = useMemo((): { rows: DraftRow[]; error: string | null } => {
    try {
      return { rows: readBatch(values.source, values.text, defaults), error: null };
    } catch (error) {
      return { rows: [], error: error instanceof Error ? error.message : String(error) };
    }
    // The defaults are read field by field: a new object each render would redo this on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values.source, values.text, defaults.model, defaults.aspect, defaults.n, defaults.seed, defaults.promptExtend, defaults.watermark]);
  const problems = useMemo(() => new Map(rowProblems(read.rows).map((problem) => [problem.index, problem.message])), [read.rows]);
  // A count being typed (empty, or one the model refuses) adds nothing to the estimate until it is fixed.
  const countOf = (n: number) => (Number.isInteger(n) && n > 0 ? n : 0);
  const images = read.rows.reduce((sum, row) => sum + countOf(row.request.n), 0);
  const price = read.rows.reduce((sum, row) => sum + cost.of(row.request.model, countOf(row.request.n)), 0);
  const left = usage ? budgetLeft(usage) : null;
  // In the server's words, before anything else: no fix to the batch and no waiting would run it.
  const spendingOff = left === "off" ? ruleText(SPENDING_OFF) : null;
  const firstPrompt = read.rows[0]?.request.prompt ?? "";
  const blocked =
    spendingOff !== null
      ? spendingOff
      : fieldProblems.n !== undefined || fieldProblems.seed !== undefined
      ? t.fixDefaults
      : read.error !== null
      ? ruleText(read.error)
      : read.rows.length === 0
        ? t.empty
        : read.rows.length > BATCH_LIMITS.rows
          ? format(t.tooMany, { max: BATCH_LIMITS.rows, count: read.rows.length })
          : problems.size > 0
            ? plural(locale, t.refused, problems.size)
            : typeof left === "number" && images > left
              ? format(t.overBudget, { images, left })
              : null;

  // Said at the box too, in short, as its description: what a screen reader hears on the box, and on a refused run.
  const refusals = [...problems.values()].map(ruleText);
  const boxError =
    read.error ??
    (refusals.length > 0
      ? [plural(locale, t.refused, refusals.length), ...refusals.slice(0, REFUSALS_AT_BOX), refusals.length > REFUSALS_AT_BOX ? plural(locale, t.more, refusals.length - REFUSALS_AT_BOX) : ""].join(" ").trim()
      : undefined);

  // The first rows, and every refused row wherever it is: a refusal is said beside its line, never hidden below the fold.
  const shown = read.rows.flatMap((row, index) => (index < PREVIEW_ROWS || problems.has(index) ? [{ row, index }] : []));

  const gate = useCostGate(
    (request: BatchRequest) => ({ images: request.rows.reduce((sum, row) => sum + row.request.n, 0), cost: price }),
    (request: BatchRequest) => {
      sent(request);
      loadedNotice.sent();
      onRun(request);
    },
    watch,
  );
  const submit = handleSubmit((form) => {
    // Said, as the button says it: a Ctrl+Enter that ran nothing would be silent. A refused row's own words,
    // at the box, follow (./submit-refusal.ts).
    if (blocked) return announce(blocked);
    gate.request(toBatchRequest(form.name.trim() || cutText(firstPrompt, 80), form.source, read.rows));
  });
  const submitOnce = useSubmitOnce(submit, submitting, gate);

  return (
    <form {...submitOnce} noValidate aria-label={t.label} className="space-y-5">
      {replaced && <ReplacedNote said={replaced.said} onUndo={undo} />}
      <RuleNotices notices={loadedNotice.notices} />
      <p className="text-xs text-slate-600 dark:text-slate-400">{t.intro}</p>
      <Field id="batch-name" label={t.name} help={t.nameHelp}>
        <input id="batch-name" className={inputClass} maxLength={BATCH_NAME_MAX} placeholder={cutText(firstPrompt, 80)} aria-describedby="batch-name-help" {...register("name")} />
      </Field>

      <fieldset className="flex flex-wrap items-center gap-4 text-sm">
        <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">{t.source}</legend>
        {(["lines", "csv"] as const).map((source) => (
          <label key={source} className="flex items-center gap-1.5">
            <input type="radio" value={source} className="accent-indigo-600" {...register("source")} />
            {source === "lines" ? t.lines : t.csv}
          </label>
        ))}
      </fieldset>

      {values.source === "csv" && (
        <Field id="batch-file" label={t.csvFile} help={readAs && readAs.encoding !== "utf-8" && readAs.text === values.text ? format(t.csvReadAs, { encoding: CSV_ENCODINGS[readAs.encoding] }) : undefined}>
          <input
            id="batch-file"
            type="file"
            accept=".csv,text/csv"
            className="block text-sm"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              const { text, encoding } = decodeCsvFile(new Uint8Array(await file.arrayBuffer()));
              setReadAs({ text, encoding });
              // Rows typed or pasted before are not lost to the file: they can be put back.
              replace(() => setValue("text", text));
            }}
          />
        </Field>
      )}
      <Field
        id="batch-text"
        label={values.source === "csv" ? t.csvText : t.prompts}
        help={values.source === "csv" ? format(t.csvHelp, { columns: BATCH_COLUMNS.join(", ") }) : undefined}
        error={boxError}
      >
        <textarea
          id="batch-text"
          rows={8}
          spellCheck={false}
          className={`${inputClass} font-mono text-xs`}
          placeholder={values.source === "csv" ? `${BATCH_COLUMNS.join(",")}\n${t.csvExampleRow},,qwen-image,1328*1328,7,1` : t.promptsPlaceholder}
          aria-invalid={boxError !== undefined}
          aria-describedby={describedBy("batch-text", values.source === "csv", boxError !== undefined)}
          aria-keyshortcuts={SUBMIT_KEYS}
          {...register("text")}
        />
      </Field>

      <fieldset className="space-y-3 rounded-md border border-slate-200 dark:border-slate-700 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800 dark:text-slate-200">{t.defaults}</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">{t.defaultsHelp}</p>
        <Field id="batch-model" label={t.model}>
          <select id="batch-model" className={inputClass} {...register("model")}>
            {GROUPS.map((group) => (
              <optgroup key={group.family} label={messages.playground.familyLabels[group.family]}>
                {group.models.map((model) => (
                  <option key={model.id} value={model.id}>
                    {model.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <AspectField id="batch-aspect" label={t.aspect} help={t.aspectHelp} registration={register("aspect")} />
          <CountField
            id="batch-n"
            label={t.n}
            min={1}
            max={getModel(values.model as ModelId).n.max}
            error={fieldProblems.n && ruleText(fieldProblems.n)}
            registration={register("n", { valueAsNumber: true })}
          />
        </div>
        <Controller
          control={control}
          name="seed"
          render={({ field }) => <SeedField id="batch-seed" value={field.value} onChange={field.onChange} help={t.seedHelp} {...(fieldProblems.seed && { error: ruleText(fieldProblems.seed) })} />}
        />
        <Switch id="batch-extend" label={t.promptExtend} help={t.promptExtendHelp} {...register("promptExtend")} />
        <Switch
          id="batch-watermark"
          label={t.watermark}
          help={watermarkHelp(read.rows.length > 0 ? read.rows.map((row) => row.request.model) : [values.model], messages.sets.watermarkHelp)}
          {...register("watermark")}
        />
      </fieldset>

      {read.rows.length > 0 && (
        <div className="space-y-1">
          <ScrollBox label={t.previewBox} className="max-h-96 overflow-auto">
            <table className="w-full text-left text-xs">
              <caption className="mb-1 text-left text-sm font-medium text-slate-800 dark:text-slate-200">{t.preview}</caption>
              <thead className="text-slate-500 dark:text-slate-400">
                <tr>
                  <th scope="col" className="whitespace-nowrap py-1 pr-2 font-medium">{t.line}</th>
                  <th scope="col" className="py-1 pr-2 font-medium">{t.prompt}</th>
                  <th scope="col" className="py-1 font-medium">{t.settings}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map(({ row, index }) => {
                  const problem = problems.get(index);
                  return (
                    <tr key={row.line} className={`border-t border-slate-100 dark:border-slate-800 align-top ${problem ? "bg-red-50 dark:bg-red-950/40" : ""}`}>
                      <th scope="row" className="py-1 pr-2 font-medium tabular-nums">{row.line}</th>
                      <td className="py-1 pr-2 [overflow-wrap:anywhere]">
                        {cutText(row.request.prompt, 120)}
                        {problem && <span className="block font-medium text-red-700 dark:text-red-300">{ruleText(problem)}</span>}
                      </td>
                      <td className="py-1 tabular-nums text-slate-600 dark:text-slate-400">
                        {/* A row that could not be read holds the defaults where its cells failed: they are not what it asked for. */}
                        {row.unreadable ? "—" : `${getModel(row.request.model).name} · ${formatSize(row.request)} · ${row.request.seed ?? t.randomSeed} · ${row.request.n}`}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollBox>
          {read.rows.length > shown.length && <p className="text-xs text-slate-500 dark:text-slate-400">{plural(locale, t.more, read.rows.length - shown.length)}</p>}
        </div>
      )}
      <div className="space-y-1 text-xs text-slate-600 dark:text-slate-400">
        <p data-testid="batch-size">{plural(locale, t.summary, read.rows.length, { images: plural(locale, t.images, images) })}</p>
        {/* Why it cannot be sent, in words (the button says it too, to a screen reader). */}
        {blocked && (read.rows.length > 0 || spendingOff) && <p className="font-medium text-red-700 dark:text-red-300">{blocked}</p>}
      </div>

      <SubmitArea gate={gate} action="Make" label={t.submit} error={submitError} submitting={submitting} waitFor={blocked} estimate={{ images, cost: price }} />
    </form>
  );
}
