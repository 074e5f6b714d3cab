import { Controller, useFormContext } from "react-hook-form";
import { useLocale, useMessages } from "@/components/i18n/i18n-provider";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { format, plural } from "@/lib/i18n/format";
import type { ModelOption } from "@/lib/models/registry";
import { charCount, maxLengthFor } from "@/lib/text/well-formed";
import { SeedField } from "./seed-field";
import { SUBMIT_KEYS } from "./submit-area";
import { TextCounter } from "./text-counter";
import { usePasteCut } from "./use-paste-cut";

/**
 * The fields the generation and edit forms share: prompt, negative prompt, image count, and the rarely
 * changed options (seed and the two switches) folded under "More options", each held to the chosen model's
 * limits. Each form mounts them inside its own FormProvider, in its own order; the id prefix keeps the two
 * forms' controls apart, since both stay mounted.
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

/** `keys`: the form's Ctrl+Enter, in words; `help`: anything the form says before it. */
export function PromptField({ limits, idPrefix, help, keys, placeholder }: { limits: FieldLimits; idPrefix: string; help?: string; keys: string; placeholder: string }) {
  const t = useMessages().playground.form;
  const { register, watch, formState } = useFormContext<SharedValues>();
  const error = formState.errors.prompt;
  const promptCount = charCount(watch("prompt"));
  const id = `${idPrefix}prompt`;
  return (
    <Field id={id} label={t.prompt} error={error?.message} aside={<TextCounter id={`${id}-count`} length={promptCount} max={limits.promptMaxLength} />} help={help} keys={keys}>
      <textarea
        id={id}
        rows={4}
        className={inputClass}
        placeholder={placeholder}
        aria-invalid={Boolean(error) || promptCount > limits.promptMaxLength}
        aria-describedby={`${id}-count ${describedBy(id, true, Boolean(error))}`}
        aria-keyshortcuts={SUBMIT_KEYS}
        {...register("prompt")}
      />
    </Field>
  );
}

export function NegativePromptField({ limits, idPrefix }: { limits: FieldLimits; idPrefix: string }) {
  const t = useMessages().playground.form;
  const { register, watch, formState } = useFormContext<SharedValues>();
  const negativePrompt = watch("negativePrompt");
  const negativeCount = charCount(negativePrompt);
  const pasteCut = usePasteCut(limits.negativePromptMaxLength);
  const id = `${idPrefix}negativePrompt`;
  if (!limits.options.negativePrompt) return null;

  return (
    <Field
      id={id}
      label={t.negativePrompt}
      error={formState.errors.negativePrompt?.message}
      aside={<TextCounter id={`${id}-count`} length={negativeCount} max={limits.negativePromptMaxLength} />}
      help={pasteCut.said ?? (negativeCount >= limits.negativePromptMaxLength ? format(t.negativeLimit, { max: limits.negativePromptMaxLength }) : t.negativeHelp)}
    >
      <textarea
        id={id}
        rows={2}
        maxLength={maxLengthFor(negativePrompt, limits.negativePromptMaxLength)}
        className={inputClass}
        placeholder={t.negativePlaceholder}
        aria-describedby={`${id}-count ${describedBy(id, true, Boolean(formState.errors.negativePrompt))}`}
        onPaste={pasteCut.onPaste}
        {...register("negativePrompt")}
      />
    </Field>
  );
}

export function CountField({ limits, idPrefix }: { limits: FieldLimits; idPrefix: string }) {
  const t = useMessages().playground.form;
  const locale = useLocale();
  const { control } = useFormContext<SharedValues>();
  const id = `${idPrefix}n`;
  return (
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
          <Field id={id} label={t.n} error={fieldState.error?.message} help={format(t.nHelp, { min: limits.n.min, max: limits.n.max })}>
            <input
              id={id}
              type="number"
              inputMode="numeric"
              min={limits.n.min}
              max={limits.n.max}
              step={1}
              className={`${inputClass} max-w-28`}
              value={Number.isNaN(field.value) ? "" : field.value}
              aria-invalid={Boolean(fieldState.error)}
              aria-describedby={describedBy(id, true, Boolean(fieldState.error))}
              onChange={(event) => field.onChange(event.target.value === "" ? Number.NaN : Number(event.target.value))}
            />
          </Field>
        )
      }
    />
  );
}

/**
 * The seed and the two switches, folded under a summary of what they are set to. It opens by itself when
 * one of them is refused, so no error is ever hidden; `open` is the form's, so "Reuse seed" can open it.
 */
export function MoreOptions({ limits, idPrefix, open, onOpenChange }: { limits: FieldLimits; idPrefix: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const messages = useMessages().playground;
  const t = messages.form;
  const { register, control, watch, formState } = useFormContext<SharedValues>();
  const [seed, promptExtend, watermark] = watch(["seed", "promptExtend", "watermark"]);
  const shown = open || Boolean(formState.errors.seed);
  const summary = [
    limits.options.seed && format(t.moreSeed, { seed: seed === null ? messages.seed.placeholder : String(seed) }),
    limits.options.promptExtend && format(t.moreRewriting, { state: promptExtend ? t.on : t.off }),
    limits.options.watermark && format(t.moreWatermark, { state: watermark ? t.on : t.off }),
  ].filter(Boolean);
  if (summary.length === 0) return null;
  return (
    <details open={shown} onToggle={(event) => onOpenChange(event.currentTarget.open)} className="group rounded-md border border-slate-200 dark:border-slate-700">
      <summary className="cursor-pointer select-none rounded-md px-3 py-2 text-sm">
        <span className="font-medium text-slate-800 dark:text-slate-200">{t.more}</span>{" "}
        <span className="text-xs text-slate-500 dark:text-slate-400">{summary.join(" · ")}</span>
      </summary>
      <div className="space-y-4 px-3 pb-3 pt-1">
        {limits.options.seed && (
          <Controller
            control={control}
            name="seed"
            render={({ field, fieldState }) => <SeedField id={`${idPrefix}seed`} value={field.value} onChange={field.onChange} error={fieldState.error?.message} />}
          />
        )}
        {limits.options.promptExtend && <Switch id={`${idPrefix}promptExtend`} label={t.promptExtend} help={t.promptExtendHelp} {...register("promptExtend")} />}
        {limits.options.watermark && <Switch id={`${idPrefix}watermark`} label={t.watermark} help={t.watermarkHelp} {...register("watermark")} />}
      </div>
    </details>
  );
}
