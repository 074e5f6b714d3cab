"use client";

import { schemaResolver } from "@/lib/forms/schema-resolver";
import { useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from "react";
import { Controller, FormProvider, useForm } from "react-hook-form";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { format } from "@/lib/i18n/format";
import { defaultRequest } from "@/lib/models/defaults";
import { getModel, type ModelId } from "@/lib/models/registry";
import { generateRequestSchema, type GenerateRequest } from "@/lib/models/request-schema";
import { switchModel } from "@/lib/models/switch-model";
import { CONFIRM_ABOVE, CostConfirm } from "./cost-confirm";
import { ExamplePrompts } from "./example-prompts";
import { ModelPicker } from "./model-picker";
import { CountSeedOptions, PromptFields } from "./shared-fields";
import { SizePicker } from "./size-picker";

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
  const form = useForm<GenerateRequest>({
    resolver: schemaResolver(generateRequestSchema),
    defaultValues: defaultRequest(),
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { control, handleSubmit, watch, getValues, reset, setValue, formState } = form;
  const [notices, setNotices] = useState<readonly string[]>([]);
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

  return (
    <FormProvider {...form}>
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

      <PromptFields limits={model} idPrefix="" promptHelp={t.promptHelp} promptPlaceholder={t.promptPlaceholder} />

      <SizePicker
        key={model.id}
        model={model}
        value={{ width: watch("width"), height: watch("height") }}
        onChange={(size) => {
          setValue("width", size.width, { shouldValidate: formState.isSubmitted });
          setValue("height", size.height, { shouldValidate: formState.isSubmitted });
        }}
      />

      <CountSeedOptions limits={model} idPrefix="" />

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
    </FormProvider>
  );
}
