import { DEFAULT_EDIT_MODEL_ID, getEditModel, type EditModelId } from "../models/edit-models";
import { checkSize, formatSize, isWhole } from "../models/size-rules";
import { switchSharedFields, type SwitchNotice, type SwitchResult } from "../models/switch-model";
import type { EditRequest } from "./edit-request";

/** No input yet: the form says "choose an input image first" until one is chosen. */
export const NO_INPUT: EditRequest["input"] = { id: "", width: 0, height: 0 };

/** A fresh edit form for a model: following the input's size, one image, rewriting as the model allows. */
export const defaultEdit = (modelId: EditModelId = DEFAULT_EDIT_MODEL_ID, input: EditRequest["input"] = NO_INPUT): EditRequest => {
  const model = getEditModel(modelId);
  return {
    model: modelId,
    input,
    prompt: "",
    negativePrompt: "",
    size: null,
    n: model.n.default,
    seed: null,
    promptExtend: model.options.promptExtend,
    watermark: false,
  };
};

/** Moves the edit form to another editing model, like switchModel does for generation, saying what changed. */
export const switchEditModel = (values: EditRequest, to: EditModelId): SwitchResult<EditRequest> => {
  const model = getEditModel(to);
  const notices: SwitchNotice<keyof EditRequest>[] = [];
  const next: EditRequest = { ...values, model: to };
  if (values.size && !(model.size && checkSize(model.id, model.size.rule, model.size.presets, values.size).ok)) {
    next.size = null;
    notices.push({
      text: !model.size
        ? `${model.id} takes no size; the output now follows the input image.`
        : isWhole(values.size)
          ? `Size ${formatSize(values.size)} does not fit ${model.id}; the output now follows the input image.`
          : "The size was not filled in; the output now follows the input image.",
      about: ["size"],
    });
  }
  notices.push(...switchSharedFields(values, next, model));
  return { values: next, notices };
};
