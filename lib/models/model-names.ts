import { EDIT_MODELS } from "./edit-models";
import { modelNamer, type ModelName } from "./name-models";
import { MODELS } from "./registry";

/** Every model's id and name, generating and editing: what the server hands a page to name them with. */
export const MODEL_NAMES: readonly ModelName[] = [...MODELS, ...EDIT_MODELS].map(({ id, name }) => ({ id, name }));

export const nameModels = modelNamer(MODEL_NAMES);
