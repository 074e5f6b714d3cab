import type { ModelSpec } from "../models/registry";
import type { WireRequest } from "./parse-body";
import { checkShared, checkWireSize, type Checked, type SharedParams } from "./validate-shared";

/** A request the simulated upstream will run, with the upstream's defaults filled in. */
export type GenerationParams = SharedParams & { readonly model: ModelSpec; readonly width: number; readonly height: number };

/** The model's real limits, checked with the registry's own rules so the simulator and the form never drift. */
export const validateRequest = (wire: WireRequest, model: ModelSpec): Checked<GenerationParams> => {
  // After the model is known, as upstream: an unknown model is named as such whatever else is wrong.
  if (wire.prompt.trim() === "") return { ok: false, message: "The prompt is missing or empty." };
  const shared = checkShared(wire, model, "prompt");
  if (!shared.ok) return shared;
  const size = checkWireSize(wire.size ?? `${model.defaultSize.width}*${model.defaultSize.height}`, model, model.sizeRule, model.presets);
  if (!size.ok) return size;
  return { ok: true, params: { ...shared.params, model, width: size.params.width, height: size.params.height } };
};
