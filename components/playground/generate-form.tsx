"use client";

import type { FieldIssue } from "@/lib/errors";
import { useServerFieldErrors } from "@/components/playground/use-server-fields";
import { schemaResolver } from "@/lib/forms/schema-resolver";
import { useImperativeHandle, useRef, useState, type Ref } from "react";
import { Controller, FormProvider, useForm } from "react-hook-form";
import { useMessages, useModelName } from "@/components/i18n/i18n-provider";
import { format } from "@/lib/i18n/format";
import { defaultRequest } from "@/lib/models/defaults";
import type { LoadOrigin } from "@/lib/forms/load-origin";
import { findModel, getModel, MODEL_IDS, type ModelId } from "@/lib/models/registry";
import { draftStamp, isKeptSeed } from "@/lib/forms/draft";
import type { GenerateRequest } from "@/lib/models/request-schema";
import { ExamplePrompts } from "./example-prompts";
import { ModelSelect } from "./model-select";
import { RuleNotices, type Notice } from "./rule-notices";
import { useFormNotices } from "./use-form-notices";
import { CountField, MoreOptions, NegativePromptField, PromptField } from "./shared-fields";
import { SizePicker } from "./size-picker";
import { useCost } from "@/components/pricing/prices";
import { reveal } from "./reveal";
import { SubmitArea, useModelCostGate, useSubmitOnce } from "./submit-area";
import { ReplacedNote } from "@/components/lazy";
import { useUndoReplace } from "./undo-replace";
import { useDraft } from "./use-draft";
import { differsFrom } from "@/lib/forms/typed-work";

// The schema (and zod) arrive when the form is first focused, well before its first submit needs them.
const validation = schemaResolver(() => import("@/lib/models/request-schema").then((module) => module.generateRequestSchema));
// So do a model switch's rules (sizes kept in shape among them): choosing a model or an example focuses first.
type SwitchModule = typeof import("@/lib/models/switch-model");
type SwitchModel = SwitchModule["switchModel"];
let switching: Promise<SwitchModule> | null = null;
const loadSwitch = () =>
  (switching ??= import("@/lib/models/switch-model").catch((error: unknown) => {
    // A failed fetch (a network hiccup) is tried again at the next choice.
    switching = null;
    throw error;
  }));
const preload = () => {
  validation.preload();
  void loadSwitch().catch(() => undefined);
};

const DEFAULTS = defaultRequest();
const DRAFT_STAMP = draftStamp(DEFAULTS, MODEL_IDS);

/** What the history may do to the form: fill it from a past generation. */
export type FormApi = {
  load(request: GenerateRequest, origin: LoadOrigin): void;
  /** Runs a request (a retry) through the same cost confirmation as the Generate button. */
  generate(request: GenerateRequest): void;
  setSeed(seed: number): void;
  setPrompt(prompt: string): void;
};

export function GenerateForm({
  ref,
  onGenerate,
  submitError,
  submitFields,
  submitting,
}: {
  ref?: Ref<FormApi>;
  onGenerate: (request: GenerateRequest) => void;
  submitError: string | null;
  /** The fields the server's refusal named, said at those fields. */
  submitFields?: readonly FieldIssue[] | undefined;
  submitting: boolean;
}) {
  const t = useMessages().playground.form;
  const form = useForm<GenerateRequest>({
    resolver: validation.resolver,
    defaultValues: DEFAULTS,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { control, handleSubmit, watch, getValues, reset, setValue, formState } = form;
  useServerFieldErrors(submitFields, form);
  useDraft("generate", form, { stamp: DRAFT_STAMP, defaults: DEFAULTS, accept: (values) => (findModel(values.model) && isKeptSeed(values.seed) ? values : null) });
  const [notices, setNotices] = useFormNotices(watch);
  const common = useMessages().common;
  const modelName = useModelName();
  const undoable = useUndoReplace(form, (values) => differsFrom(values, findModel(values.model) ? defaultRequest(values.model) : DEFAULTS, ["model"]), common.formReplaced);
  const [moreOpen, setMoreOpen] = useState(false);
  const cost = useCost();
  const gate = useModelCostGate((request: GenerateRequest) => {
    undoable.sent(request);
    // What the notices said was about the form before this run.
    setNotices([]);
    onGenerate(request);
  }, watch);

  const modelId = watch("model");
  const model = getModel(modelId);

  // A choice waits for the switch's rules; a later choice or a whole form put in meanwhile (a history Load, a
  // retry) wins, and a failed fetch is said, the select still showing the model in use.
  const latestChoice = useRef(0);
  const whenSwitchLoads = (apply: (switchModel: SwitchModel) => void, failed: Notice) => {
    const choice = ++latestChoice.current;
    loadSwitch().then(
      ({ switchModel }) => {
        if (latestChoice.current === choice) apply(switchModel);
      },
      () => {
        if (latestChoice.current === choice) setNotices([{ text: failed }]);
      },
    );
  };

  const chooseModel = (id: ModelId) =>
    whenSwitchLoads((switchModel) => {
      const switched = switchModel(getValues(), id);
      reset(switched.values, { keepErrors: false, keepSubmitCount: true });
      setNotices(switched.notices);
    }, (messages) => messages.playground.form.switchFailed);

  useImperativeHandle(
    ref,
    () => ({
      load(request, origin) {
        latestChoice.current += 1;
        undoable.replace(() => reset(request));
        setNotices([{ text: (messages) => format(messages.playground.form.loaded[origin], { model: modelName(request.model) }) }]);
        reveal("model");
      },
      generate(request) {
        // A retry is shown in the form as it runs (the form first: a change to it closes an open question), so
        // a refusal's field messages are said at the values they are about; what was typed can be put back.
        latestChoice.current += 1;
        undoable.replace(() => reset(request));
        setNotices([]);
        undoable.keepAcross(request);
        if (gate.asks(request)) gate.ask(request);
        else gate.request(request);
      },
      // A seed or a prompt taken from the history is a load too: the notices of the last one no longer hold.
      setSeed(seed) {
        setValue("seed", seed, { shouldDirty: true });
        setNotices([]);
        setMoreOpen(true);
        reveal("seed");
      },
      setPrompt(prompt) {
        undoable.replace(() => setValue("prompt", prompt, { shouldDirty: true, shouldValidate: formState.isSubmitted }));
        setNotices([]);
        reveal("prompt");
      },
    }),
    [reset, setValue, formState.isSubmitted, gate, t, undoable, common],
  );

  const submit = handleSubmit(gate.request);
  const submitOnce = useSubmitOnce(submit, submitting, gate);

  return (
    <FormProvider {...form}>
    <form {...submitOnce} onFocus={preload} noValidate aria-label={t.label} className="space-y-5">
      {/* What every visit needs comes first: the model, the prompt and the button; the rest follows. */}
      <Controller control={control} name="model" render={({ field }) => <ModelSelect value={field.value} onChange={chooseModel} />} />

      <RuleNotices notices={notices} />

      <ExamplePrompts
        onPick={(example) =>
          whenSwitchLoads((switchModel) =>
            // The example's prompt goes in first, so the notices speak of it and not of the text it replaces.
            undoable.replace(() => {
              const switched = switchModel({ ...getValues(), prompt: example.prompt }, example.model);
              reset(switched.values, { keepErrors: false, keepSubmitCount: true });
              setNotices(switched.notices);
            }, common.examplesReplaced),
            (messages) => messages.playground.form.exampleFailed,
          )
        }
      />
      {undoable.replaced && (
        <ReplacedNote
          said={undoable.replaced.said}
          onUndo={() => {
            undoable.undo();
            setNotices([]);
          }}
        />
      )}

      <PromptField limits={model} idPrefix="" keys={t.promptKeys} placeholder={t.promptPlaceholder} />

      <SubmitArea
        gate={gate}
        action="Generate"
        label={t.generate}
        error={submitError}
        submitting={submitting}
        estimate={Number.isInteger(watch("n")) ? { images: watch("n"), cost: cost.of(modelId, watch("n")) } : null}
      />

      <SizePicker
        key={model.id}
        model={model}
        value={{ width: watch("width"), height: watch("height") }}
        onChange={(size) => {
          setValue("width", size.width, { shouldValidate: formState.isSubmitted });
          setValue("height", size.height, { shouldValidate: formState.isSubmitted });
        }}
      />

      <CountField limits={model} idPrefix="" />

      <NegativePromptField limits={model} idPrefix="" />

      <MoreOptions limits={model} idPrefix="" open={moreOpen} onOpenChange={setMoreOpen} />

    </form>
    </FormProvider>
  );
}
