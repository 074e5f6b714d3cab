import { editOutputSize } from "../edit/output-size";
import { getEditModel } from "../models/edit-models";
import type { Size } from "../models/size-rules";
import { isEditRequest, type GenerationRequest } from "./view";

/** The size a request's images come out at: the one asked for, or for an edit without one, what following its input gives. */
export const requestSize = (request: GenerationRequest): Size =>
  isEditRequest(request) ? editOutputSize(getEditModel(request.model), request) : { width: request.width, height: request.height };
