import { followInputSize } from "../edit/output-size";
import { findEditModel, EDIT_MODELS } from "../models/edit-models";
import { parseEditBody } from "./edit-body";
import type { EditFileStore } from "./edit-files";
import { describeInput, readInputImage, undecodable } from "./edit-input";
import { decodeInputAt, renderEdit, type EditBase } from "./edit-render";
import { validateEdit, type EditParams } from "./edit-validate";
import {
  handleImageCall,
  imageEndpoint,
  invalidParameter,
  lastRequest,
  type GenerationContext,
  type Delivery,
  type ImageEndpoint,
  type ImageItem,
} from "./generate";
import { revisePrompt } from "./revise-prompt";

export type EditContext = GenerationContext & { readonly editFiles: EditFileStore };

const EDIT_MODEL_LIST = EDIT_MODELS.map((model) => model.id).join(", ");

/**
 * `POST /v1/images/edits`: one input image (a data: URI) and an instruction in, n edited PNGs out, with the
 * same faults, key check, latency and stats as generations. Checks run cheapest first, so the image is only
 * decoded once everything else about the request is known to be fine.
 */
export const handleEdit = (request: Request, context: EditContext, signal: AbortSignal): Promise<Response> =>
  handleImageCall(request, context, signal, editEndpoint(context.editFiles));

const editEndpoint = (files: EditFileStore): ImageEndpoint =>
  imageEndpoint({
    parse: parseEditBody,
    findModel: findEditModel,
    unknownModel: (id) => `The model ${JSON.stringify(id)} does not edit images; the editing models are ${EDIT_MODEL_LIST}.`,
    check: async (wire, model, stats) => {
      const validation = validateEdit(wire, model);
      if (!validation.ok) return invalidParameter(validation.message);
      const input = await readInputImage(wire.image, model);
      if (!input.ok) return invalidParameter(input.message);
      const base = await decodeInputAt(input.image.bytes, validation.params.size ?? followInputSize(model, input.image));
      if (!base) return invalidParameter(undecodable(input.image.type));
      stats.setLastRequest({ ...lastRequest(wire), image: describeInput(input.image) });
      return {
        ok: true,
        prompt: validation.params.prompt,
        size: { width: base.width, height: base.height },
        responseFormat: wire.response_format,
        images: (delivery) => editedImages(validation.params, base, delivery, files),
      };
    },
  });

const editedImages = async (params: EditParams, base: EditBase, { format, link }: Delivery, files: EditFileStore): Promise<ImageItem[]> => {
  const revised = params.promptExtend ? revisePrompt(params.prompt, params.seed) : "";
  const look = { model: params.model.id, prompt: params.prompt, negativePrompt: params.negativePrompt, seed: params.seed, watermark: params.watermark };
  const items: ImageItem[] = [];
  // In turn rather than all at once, for the same reason as generations: sharp already keeps every core busy.
  for (let index = 0; index < params.n; index++) {
    const png = await renderEdit(base, { ...look, index });
    const item = format === "url" ? { url: link(files.put(png)), b64_json: "" } : { url: "", b64_json: png.toString("base64") };
    items.push({ ...item, revised_prompt: revised });
  }
  return items;
};
