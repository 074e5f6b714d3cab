"use client";

import { ReplacedNote } from "@/components/lazy";
import { useUndoReplace } from "@/components/playground/undo-replace";
import type { FieldIssue } from "@/lib/errors";
import { useServerFieldErrors } from "@/components/playground/use-server-fields";
import { useCallback, useEffect, useRef, useState, type BaseSyntheticEvent, type ClipboardEvent } from "react";
import { Controller, FormProvider, useForm } from "react-hook-form";
import { useMessages } from "@/components/i18n/i18n-provider";
import { ModelSelect } from "@/components/playground/model-select";
import { RuleNotices } from "@/components/playground/rule-notices";
import { useFormNotices } from "@/components/playground/use-form-notices";
import { CountField, MoreOptions, NegativePromptField, PromptField } from "@/components/playground/shared-fields";
import { SubmitArea, useSubmitOnce, useModelCostGate } from "@/components/playground/submit-area";
import { defaultEdit, NO_INPUT, switchEditModel } from "@/lib/edit/edit-defaults";
import { editRequestSchema, type EditRequest } from "@/lib/edit/edit-request";
import { schemaResolver } from "@/lib/forms/schema-resolver";
import type { InputImageView } from "@/lib/generation/view";
import { format } from "@/lib/i18n/format";
import { EDIT_MODELS, getEditModel, type EditModelId } from "@/lib/models/edit-models";
import { modelName } from "@/lib/models/model-name";
import type { LoadOrigin } from "@/lib/forms/load-origin";
import { draftStamp } from "@/lib/forms/draft";
import { isKeptEdit, keptInput } from "@/lib/edit/kept-input";
import { useDraft } from "@/components/playground/use-draft";
import { groupByFamily } from "@/lib/models/registry";
import { firstImage, InputPicker, type InputPickerApi } from "./input-picker";
import { OutputSize } from "./output-size";
import { reveal } from "@/components/playground/reveal";
import { useCost } from "@/components/pricing/prices";

const GROUPS = groupByFamily(EDIT_MODELS);
const DEFAULTS = defaultEdit();
const DRAFT_STAMP = draftStamp(DEFAULTS, EDIT_MODELS.map((model) => model.id));

/**
 * What the playground hands the edit form: a result from the history to edit; a past edit's settings and
 * input, with `confirm` to put the cost question for running it again; or one value (a seed, a prompt) that
 * leaves everything else as it is. A new object each time, so the same one twice still applies; the form
 * may mount after it is set (it loads on first use). Applying one twice (React's strict mode does) changes
 * nothing: a result is put on record once however often it is asked for, and only the latest ask counts.
 */
export type EditLoad =
  | { readonly kind: "result"; readonly imageId: string }
  | { readonly kind: "settings"; readonly input: InputImageView; readonly request: EditRequest; readonly confirm: boolean; readonly origin: LoadOrigin }
  | { readonly kind: "patch"; readonly patch: { readonly seed: number } | { readonly prompt: string } };

const inputOf = (view: InputImageView): EditRequest["input"] => ({ id: view.id, width: view.width, height: view.height });

/**
 * Edit mode: an input image beside the prompt, only the models that edit, and each one's own limits (some
 * take no size at all). The same schema checks it here and on the server.
 */
export function EditForm({
  load,
  onEdit,
  submitError,
  submitFields,
  submitting,
}: {
  load: EditLoad | null;
  onEdit: (request: EditRequest) => void;
  submitError: string | null;
  /** The fields the server's refusal named, said at those fields. */
  submitFields?: readonly FieldIssue[] | undefined;
  submitting: boolean;
}) {
  const t = useMessages().edit;
  const form = useForm<EditRequest>({
    resolver: schemaResolver(() => editRequestSchema).resolver,
    defaultValues: DEFAULTS,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { control, handleSubmit, watch, getValues, reset, setValue, formState } = form;
  useServerFieldErrors(submitFields, form);
  const [preview, setPreviewState] = useState<InputImageView | null>(null);
  // The picture shown, for what runs before the next render (a replacement keeping it for "Put mine back").
  const shown = useRef<InputImageView | null>(null);
  const setPreview = (view: InputImageView | null) => {
    shown.current = view;
    setPreviewState(view);
  };
  // A form opened to take a history result: that picture is the input, not the one a draft kept; the draft's
  // is held back, and put back if the result cannot be taken.
  const mountedWith = useRef(load);
  const heldBack = useRef<InputImageView | null>(null);
  useDraft("edit", form, {
    stamp: DRAFT_STAMP,
    defaults: DEFAULTS,
    accept: (values, side) => {
      if (!isKeptEdit(values, side)) return null;
      if (mountedWith.current?.kind !== "result") return values;
      const kept = keptInput(values.input, side);
      heldBack.current = kept.ok ? kept.view : null;
      return { ...values, input: NO_INPUT };
    },
    side: {
      value: preview,
      restore: (side, values) => {
        const kept = keptInput(values.input, side);
        if (kept.ok) setPreview(kept.view);
      },
    },
  });
  const undoable = useUndoReplace(form, (values) => values.prompt.trim() !== "", useMessages().common.formReplaced);
  /** The input shown when typed work was replaced: put back with it. */
  const previewBefore = useRef<InputImageView | null>(null);
  const replaceWork = (apply: () => void) => {
    const before = shown.current;
    if (undoable.replace(apply)) previewBefore.current = before;
  };
  const [notices, setNotices] = useFormNotices(watch);
  const [moreOpen, setMoreOpen] = useState(false);
  // While a new input is read, scaled or put on record, an edit would start from the image it replaces.
  const [inputBusy, setInputBusy] = useState(false);
  const [toldToWait, setToldToWait] = useState(false);
  const onInputBusy = useCallback((busy: boolean) => {
    setInputBusy(busy);
    if (!busy) setToldToWait(false);
  }, []);
  const cost = useCost();
  const gate = useModelCostGate((request: EditRequest) => {
    undoable.sent(request);
    // What the notices said was about the form before this run.
    setNotices([]);
    onEdit(request);
  }, watch);
  const picker = useRef<InputPickerApi>(null);
  const model = getEditModel(watch("model"));

  const choose = (input: InputImageView | null) => {
    setPreview(input);
    setValue("input", input ? inputOf(input) : NO_INPUT, { shouldValidate: formState.isSubmitted });
  };

  useEffect(() => {
    if (!load) return;
    switch (load.kind) {
      case "result":
        void picker.current?.takeResult(load.imageId, heldBack.current).then((taken) => {
          heldBack.current = null;
          if (!taken) return;
          setNotices([{ text: (messages) => messages.edit.imageLoaded, about: ["input"] }]);
          reveal("edit-prompt");
        });
        return;
      case "patch":
        // A seed or a prompt taken from the history is a load too: the notices of the last one no longer hold.
        setNotices([]);
        if ("seed" in load.patch) {
          setValue("seed", load.patch.seed, { shouldDirty: true });
          setMoreOpen(true);
          reveal("edit-seed");
        } else {
          const { prompt } = load.patch;
          replaceWork(() => setValue("prompt", prompt, { shouldDirty: true, shouldValidate: formState.isSubmitted }));
          reveal("edit-prompt");
        }
        return;
      case "settings": {
        const request = { ...load.request, input: inputOf(load.input) };
        replaceWork(() => {
          setPreview(load.input);
          reset(request);
        });
        setNotices([{ text: (messages) => format(messages.edit.loaded[load.origin], { model: modelName(request.model) }) }]);
        // A rerun's cost question takes the focus itself.
        reveal("edit-prompt", { focus: !load.confirm });
        if (load.confirm) {
          undoable.keepAcross(request);
          gate.ask(request);
        }
      }
    }
    // Applied once per load: the other values are read as they are at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load]);

  const send = handleSubmit(gate.request);
  // While the input is on its way, waiting for it is the one thing to say (not "choose an input image").
  const submit = async (event?: BaseSyntheticEvent) => {
    if (!inputBusy) return send(event);
    event?.preventDefault();
    setToldToWait(true);
  };
  const submitOnce = useSubmitOnce(submit, submitting, gate);

  // A pasted picture anywhere in the form becomes the input; pasted text goes where it always goes.
  const onPaste = (event: ClipboardEvent<HTMLFormElement>) => {
    const file = firstImage(event.clipboardData.files);
    if (!file) return;
    event.preventDefault();
    picker.current?.accept(file);
  };
  // Clicking the input's box (not a field) leaves the focus on the page itself, where a paste never reaches
  // the form: while this form is the one shown, such a paste is taken too.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const onPagePaste = (event: globalThis.ClipboardEvent) => {
      const form = formRef.current;
      if (!form || form.closest("[hidden]") || event.target !== document.body) return;
      const file = event.clipboardData && firstImage(event.clipboardData.files);
      if (!file) return;
      event.preventDefault();
      picker.current?.accept(file);
    };
    document.addEventListener("paste", onPagePaste);
    return () => document.removeEventListener("paste", onPagePaste);
  }, []);

  return (
    <FormProvider {...form}>
      <form ref={formRef} {...submitOnce} onPaste={onPaste} noValidate aria-label={t.formLabel} className="space-y-5">
        <RuleNotices notices={notices} />
        {undoable.replaced && (
          <ReplacedNote
            said={undoable.replaced.said}
            onUndo={() => {
              undoable.undo();
              setPreview(previewBefore.current);
              setNotices([]);
            }}
          />
        )}

        <div className="grid gap-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
          <InputPicker
            ref={picker}
            value={preview}
            onChange={choose}
            onBusyChange={onInputBusy}
            error={toldToWait ? t.input.busy : (formState.errors.input?.id?.message ?? formState.errors.input?.message)}
          />
          <div className="space-y-4">
            <PromptField limits={model} idPrefix="edit-" help={t.promptHelp} keys={t.promptKeys} placeholder={t.promptPlaceholder} />
          </div>
        </div>

        <Controller
          control={control}
          name="model"
          render={({ field }) => (
            <ModelSelect<EditModelId>
              value={field.value}
              groups={GROUPS}
              idPrefix="edit-"
              summaries={t.modelSummaries}
              onChange={(id) => {
                const switched = switchEditModel(getValues(), id);
                reset(switched.values, { keepErrors: false, keepSubmitCount: true });
                setNotices(switched.notices);
              }}
            />
          )}
        />

        <SubmitArea
          gate={gate}
          action="Make"
          label={t.submit}
          error={submitError}
          submitting={submitting}
          estimate={Number.isInteger(watch("n")) ? { images: watch("n"), cost: cost.of(model.id, watch("n")) } : null}
          waitFor={inputBusy ? t.input.busy : null}
        />

        <Controller
          control={control}
          name="size"
          render={({ field, fieldState }) => (
            <OutputSize
              model={model}
              input={preview}
              value={field.value}
              onChange={(size) => setValue("size", size, { shouldValidate: formState.isSubmitted })}
              error={fieldState.error?.message}
            />
          )}
        />

        <CountField limits={model} idPrefix="edit-" />

        <NegativePromptField limits={model} idPrefix="edit-" />

        <MoreOptions limits={model} idPrefix="edit-" open={moreOpen} onOpenChange={setMoreOpen} />
      </form>
    </FormProvider>
  );
}
