import { ALL_MODELS } from "./all-models";
import { modelNamer, type ModelName } from "./name-models";

/** Every model's id and name, generating and editing: what the server hands a page to name them with. */
export const MODEL_NAMES: readonly ModelName[] = ALL_MODELS.map(({ id, name }) => ({ id, name }));

export const nameModels = modelNamer(MODEL_NAMES);
