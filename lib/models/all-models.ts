import { EDIT_MODELS } from "./edit-models";
import { MODELS } from "./registry";

/**
 * Every model, generating and editing, for what spans both registries (names, prices, limits). Server side: a
 * page loads the editing registry only with the edit form.
 */
export const ALL_MODELS = [...MODELS, ...EDIT_MODELS];
