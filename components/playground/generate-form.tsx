"use client";

import { schemaResolver } from "@/lib/forms/schema-resolver";
import { useImperativeHandle, useRef, useState, type ClipboardEvent, type KeyboardEvent, type Ref } from "react";
import { Controller, useForm } from "react-hook-form";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { format, plural } from "@/lib/i18n/format";
import { defaultRequest } from "@/lib/models/defaults";
import { getModel, type ModelId } from "@/lib/models/registry";
import { generateRequestSchema, type GenerateRequest } from "@/lib/models/request-schema";
import { switchModel } from "@/lib/models/switch-model";
import { CONFIRM_ABOVE, CostConfirm } from "./cost-confirm";
import { ExamplePrompts } from "./example-prompts";
import { ModelPicker } from "./model-picker";
import { SeedField } from "./seed-field";
import { SizePicker } from "./size-picker";
import { TextCounter } from "./text-counter";

/** What the history may do to the form: fill it from a past generation. */
export type FormApi = {
  load(request: GenerateRequest): void;
  /** Runs a request (a retry) through the same cost confirmation as the Generate button. */
  generate(request: GenerateRequest): void;
  setSeed(seed: number): void;
  setPrompt(prompt: string): void;
};

export function GenerateForm({
  ref,
  onGenerate,
  submitError,
  submitting,
}: {
  ref?: Ref<FormApi>;
  onGenerate: (request: GenerateRequest) => void;
  submitError: string | null;
  submitting: boolean;
}) {
  const t = useMessages().playground.form;
  const ruleText = useRuleText();
  const locale = useLocale();
  const form = useForm<GenerateRequest>({
    resolver: schemaResolver(generateRequestSchema),
    defaultValues: defaultRequest(),
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { register, control, handleSubmit, watch, getValues, reset, setValue, formState } = form;
  const [notices, setNotices] = useState<readonly string[]>([]);
  // Counts, not text: the note is worded at render, in the language of the moment.
  const [pasteCut, setPasteCut] = useState<{ fit: number; pasted: number } | null>(null);
  // Every image is billed: a run bigger than CONFIRM_ABOVE images waits for one explicit yes.
  const [confirming, setConfirming] = useState<GenerateRequest | null>(null);
  const generateButton = useRef<HTMLButtonElement>(null);
  // Focus goes back to Generate once the question is answered, not to the page's start.
  const answer = (go: boolean) => {
    if (go && confirming) onGenerate(confirming);
    setConfirming(null);
    requestAnimationFrame(() => generateButton.current?.focus());
  };

  const modelId = watch("model");
  const model = getModel(modelId);
  const prompt = watch("prompt");
  const negativePrompt = watch("negativePrompt");
  const errors = formState.errors;

  const chooseModel = (id: ModelId) => {
    const switched = switchModel(getValues(), id);
    reset(switched.values, { keepErrors: false, keepSubmitCount: true });
    setNotices(switched.notices);
  };

  useImperativeHandle(
    ref,
    () => ({
      load(request) {
        reset(request);
        setNotices([format(t.loaded, { model: request.model })]);
      },
      generate(request) {
        if (request.n > CONFIRM_ABOVE) {
          reset(request);
          setConfirming(request);
        } else onGenerate(request);
      },
      setSeed(seed) {
        setValue("seed", seed, { shouldDirty: true });
      },
      setPrompt(prompt) {
        setValue("prompt", prompt, { shouldDirty: true, shouldValidate: formState.isSubmitted });
      },
    }),
    [reset, setValue, formState.isSubmitted, onGenerate, t],
  );

  const submit = handleSubmit((values) => {
    if (values.n > CONFIRM_ABOVE) setConfirming(values);
    else onGenerate(values);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  // The upstream silently cuts a negative prompt at its limit; the field stops there instead, and says
  // how much of a paste did not fit rather than dropping it without a word.
  const onNegativePaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = event.clipboardData.getData("text");
    const target = event.currentTarget;
    const room = model.negativePromptMaxLength - (target.value.length - (target.selectionEnd - target.selectionStart));
    setPasteCut(pasted.length > room ? { fit: Math.max(room, 0), pasted: pasted.length } : null);
  };

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label={t.label} className="space-y-5">
      <ExamplePrompts
        onPick={(example) => {
          // The example's prompt goes in first, so the notices speak of it and not of the text it replaces.
          const switched = switchModel({ ...getValues(), prompt: example.prompt }, example.model);
          reset(switched.values, { keepErrors: false, keepSubmitCount: true });
          setNotices(switched.notices);
        }}
      />

      <Controller control={control} name="model" render={({ field }) => <ModelPicker value={field.value} onChange={chooseModel} />} />

      {notices.length > 0 && (
        <div role="status" className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-3 text-xs text-amber-900 dark:text-amber-200">
          <ul className="ml-4 list-disc">
            {notices.map((notice) => (
              <li key={notice}>{ruleText(notice)}</li>
            ))}
          </ul>
        </div>
      )}

      <Field
        id="prompt"
        label={t.prompt}
        error={errors.prompt?.message}
        aside={<TextCounter id="prompt-count" length={prompt.length} max={model.promptMaxLength} />}
        help={t.promptHelp}
      >
        <textarea
          id="prompt"
          rows={4}
          className={inputClass}
          placeholder={t.promptPlaceholder}
          aria-invalid={Boolean(errors.prompt) || prompt.length > model.promptMaxLength}
          aria-describedby={`prompt-count ${describedBy("prompt", true, Boolean(errors.prompt))}`}
          {...register("prompt")}
        />
      </Field>

      {model.options.negativePrompt && (
        <Field
          id="negativePrompt"
          label={t.negativePrompt}
          error={errors.negativePrompt?.message}
          aside={<TextCounter id="negative-count" length={negativePrompt.length} max={model.negativePromptMaxLength} />}
          help={
            pasteCut
              ? format(t.negativePasteCut, { ...pasteCut, max: model.negativePromptMaxLength })
              : negativePrompt.length >= model.negativePromptMaxLength
                ? format(t.negativeLimit, { max: model.negativePromptMaxLength })
                : t.negativeHelp
          }
        >
          <textarea
            id="negativePrompt"
            rows={2}
            maxLength={model.negativePromptMaxLength}
            className={inputClass}
            placeholder={t.negativePlaceholder}
            aria-describedby={`negative-count ${describedBy("negativePrompt", true, Boolean(errors.negativePrompt))}`}
            onPaste={onNegativePaste}
            {...register("negativePrompt")}
          />
        </Field>
      )}

      <SizePicker
        key={model.id}
        model={model}
        value={{ width: watch("width"), height: watch("height") }}
        onChange={(size) => {
          setValue("width", size.width, { shouldValidate: formState.isSubmitted });
          setValue("height", size.height, { shouldValidate: formState.isSubmitted });
        }}
      />

      <Controller
        control={control}
        name="n"
        render={({ field, fieldState }) =>
          model.n.min === model.n.max ? (
            <div className="space-y-1">
              <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{t.n}</p>
              <p className="text-xs text-slate-500 dark:text-slate-400">{plural(locale, t.nFixed, model.n.min, { model: model.name })}</p>
            </div>
          ) : (
            <Field
              id="n"
              label={t.n}
              error={fieldState.error?.message}
              help={format(t.nHelp, { min: model.n.min, max: model.n.max })}
            >
              <input
                id="n"
                type="number"
                inputMode="numeric"
                min={model.n.min}
                max={model.n.max}
                step={1}
                className={`${inputClass} w-24`}
                value={Number.isNaN(field.value) ? "" : field.value}
                aria-invalid={Boolean(fieldState.error)}
                aria-describedby={describedBy("n", true, Boolean(fieldState.error))}
                onChange={(event) => field.onChange(event.target.value === "" ? Number.NaN : Number(event.target.value))}
              />
            </Field>
          )
        }
      />

      {model.options.seed && (
        <Controller
          control={control}
          name="seed"
          render={({ field, fieldState }) => <SeedField value={field.value} onChange={field.onChange} error={fieldState.error?.message} />}
        />
      )}

      <div className="space-y-3">
        {model.options.promptExtend && (
          <Switch
            id="promptExtend"
            label={t.promptExtend}
            help={t.promptExtendHelp}
            {...register("promptExtend")}
          />
        )}
        {model.options.watermark && (
          <Switch id="watermark" label={t.watermark} help={t.watermarkHelp} {...register("watermark")} />
        )}
      </div>

      {submitError && (
        <p role="alert" className="rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-2 text-sm text-red-800 dark:text-red-200">
          {submitError}
        </p>
      )}
      {confirming ? (
        <CostConfirm images={confirming.n} action="Generate" onAnswer={answer} />
      ) : (
        <Button ref={generateButton} type="submit" variant="primary" className="w-full py-2.5" disabled={submitting}>
          {t.generate}
        </Button>
      )}
    </form>
  );
}
