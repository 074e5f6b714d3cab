import { DEFAULT_MODEL_ID, getModel, type ModelId } from "./registry";
import type { GenerateRequest } from "./request-schema";

/** A fresh form for a model: every value from the registry, prompt_extend on and watermark off as documented. */
export const defaultRequest = (modelId: ModelId = DEFAULT_MODEL_ID): GenerateRequest => {
  const model = getModel(modelId);
  return {
    model: modelId,
    prompt: "",
    negativePrompt: "",
    width: model.defaultSize.width,
    height: model.defaultSize.height,
    n: model.n.default,
    seed: null,
    promptExtend: model.options.promptExtend,
    watermark: false,
  };
};
