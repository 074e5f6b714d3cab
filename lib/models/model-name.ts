import { EDIT_MODELS, findEditModel } from "./edit-models";
import { findModel, MODELS } from "./registry";

/** A model's display name from either table (text-to-image or editing), or its id when neither knows it. */
export const modelName = (id: string): string => findModel(id)?.name ?? findEditModel(id)?.name ?? id;

/** Every model of both tables once, in table order: what the history can be filtered by. */
export const EVERY_MODEL_ID = [...MODELS, ...EDIT_MODELS.filter((model) => !findModel(model.id))].map((model) => model.id) as [string, ...string[]];
