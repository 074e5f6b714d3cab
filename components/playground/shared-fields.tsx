import { useState, type ClipboardEvent } from "react";
import { Controller, useFormContext } from "react-hook-form";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { format, plural } from "@/lib/i18n/format";
import type { ModelOption } from "@/lib/models/registry";
import { SeedField } from "./seed-field";
import { TextCounter } from "./text-counter";

/**
 * The fields the generation and edit forms share: prompt, negative prompt, image count, seed and the two
 * switches, each held to the chosen model's limits. Each form mounts them inside its own FormProvider; the
 * id prefix keeps the two forms' controls apart, since both stay mounted.
 */

type SharedValues = {
  prompt: string;
  negativePrompt: string;
  n: number;
  seed: number | null;
  promptExtend: boolean;
  watermark: boolean;
};

export type FieldLimits = {
  readonly name: string;
  readonly promptMaxLength: number;
  readonly negativePromptMaxLength: number;
  readonly n: { readonly min: number; readonly max: number };
  readonly options: Readonly<Record<ModelOption, boolean>>;
};

export function PromptFields({ limits, idPrefix, promptHelp, promptPlaceholder }: { limits: FieldLimits; idPrefix: string; promptHelp: string; promptPlaceholder: string }) {
  const t = useMessages().playground.form;
  const { register, watch, formState } = useFormContext<SharedValues>();
  const errors = formState.errors;
  const prompt = watch("prompt");
  const negativePrompt = watch("negativePrompt");
  // Counts, not text: the note is worded at render, in the language of the moment.
  const [pasteCut, setPasteCut] = useState<{ fit: number; pasted: number } | null>(null);
  const promptId = `${idPrefix}prompt`;
  const negativeId = `${idPrefix}negativePrompt`;

  // The upstream silently cuts a negative prompt at its limit; the field stops there instead, and says
  // how much of a paste did not fit rather than dropping it without a word.
  const onNegativePaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = event.clipboardData.getData("text");
    const target = event.currentTarget;
    const room = limits.negativePromptMaxLength - (target.value.length - (target.selectionEnd - target.selectionStart));
    setPasteCut(pasted.length > room ? { fit: Math.max(room, 0), pasted: pasted.length } : null);
  };

  return (
    <>
      <Field
        id={promptId}
        label={t.prompt}
        error={errors.prompt?.message}
        aside={<TextCounter id={`${promptId}-count`} length={prompt.length} max={limits.promptMaxLength} />}
        help={promptHelp}
      >
        <textarea
          id={promptId}
          rows={4}
          className={inputClass}
          placeholder={promptPlaceholder}
          aria-invalid={Boolean(errors.prompt) || prompt.length > limits.promptMaxLength}
          aria-describedby={`${promptId}-count ${describedBy(promptId, true, Boolean(errors.prompt))}`}
          {...register("prompt")}
        />
      </Field>

      {limits.options.negativePrompt && (
        <Field
          id={negativeId}
          label={t.negativePrompt}
          error={errors.negativePrompt?.message}
          aside={<TextCounter id={`${negativeId}-count`} length={negativePrompt.length} max={limits.negativePromptMaxLength} />}
          help={
            pasteCut
              ? format(t.negativePasteCut, { ...pasteCut, max: limits.negativePromptMaxLength })
              : negativePrompt.length >= limits.negativePromptMaxLength
                ? format(t.negativeLimit, { max: limits.negativePromptMaxLength })
                : t.negativeHelp
          }
        >
          <textarea
            id={negativeId}
            rows={2}
            maxLength={limits.negativePromptMaxLength}
            className={inputClass}
            placeholder={t.negativePlaceholder}
            aria-describedby={`${negativeId}-count ${describedBy(negativeId, true, Boolean(errors.negativePrompt))}`}
            onPaste={onNegativePaste}
            {...register("negativePrompt")}
          />
        </Field>
      )}
    </>
  );
}

export function CountSeedOptions({ limits, idPrefix }: { limits: FieldLimits; idPrefix: string }) {
  const t = useMessages().playground.form;
  const locale = useLocale();
  const { register, control } = useFormContext<SharedValues>();
  const nId = `${idPrefix}n`;
  return (
    <>
      <Controller
        control={control}
        name="n"
        render={({ field, fieldState }) =>
          limits.n.min === limits.n.max ? (
            <div className="space-y-1">
              <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{t.n}</p>
              <p className="text-xs text-slate-500 dark:text-slate-400">{plural(locale, t.nFixed, limits.n.min, { model: limits.name })}</p>
            </div>
          ) : (
            <Field id={nId} label={t.n} error={fieldState.error?.message} help={format(t.nHelp, { min: limits.n.min, max: limits.n.max })}>
              <input
                id={nId}
                type="number"
                inputMode="numeric"
                min={limits.n.min}
                max={limits.n.max}
                step={1}
                className={`${inputClass} w-24`}
                value={Number.isNaN(field.value) ? "" : field.value}
                aria-invalid={Boolean(fieldState.error)}
                aria-describedby={describedBy(nId, true, Boolean(fieldState.error))}
                onChange={(event) => field.onChange(event.target.value === "" ? Number.NaN : Number(event.target.value))}
              />
            </Field>
          )
        }
      />

      {limits.options.seed && (
        <Controller
          control={control}
          name="seed"
          render={({ field, fieldState }) => (
            <SeedField id={`${idPrefix}seed`} value={field.value} onChange={field.onChange} error={fieldState.error?.message} />
          )}
        />
      )}

      <div className="space-y-3">
        {limits.options.promptExtend && (
          <Switch id={`${idPrefix}promptExtend`} label={t.promptExtend} help={t.promptExtendHelp} {...register("promptExtend")} />
        )}
        {limits.options.watermark && <Switch id={`${idPrefix}watermark`} label={t.watermark} help={t.watermarkHelp} {...register("watermark")} />}
      </div>
    </>
  );
}
