import { findEditModel } from "./edit-models";
import { findModel } from "./registry";

/** A model's display name from either table (text-to-image or editing), or its id when neither knows it. */
export const modelName = (id: string): string => findModel(id)?.name ?? findEditModel(id)?.name ?? id;
