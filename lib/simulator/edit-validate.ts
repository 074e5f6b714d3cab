import type { EditModelSpec } from "../models/edit-models";
import type { Size } from "../models/size-rules";
import type { EditWireRequest } from "./edit-body";
import { checkShared, checkWireSize, type Checked, type SharedParams } from "./validate-shared";

/** An edit the simulated upstream will run, with its defaults filled in; the input image is checked apart. */
export type EditParams = SharedParams & {
  readonly model: EditModelSpec;
  /** Null: the output follows the input image's aspect ratio. */
  readonly size: Size | null;
};

const readSize = (text: string | undefined, model: EditModelSpec): Checked<Size | null> => {
  if (text === undefined) return { ok: true, params: null };
  if (!model.size) return { ok: false, message: `${model.id} takes no size: its output follows the input image. Leave size out.` };
  return checkWireSize(text, model, model.size.rule, model.size.presets);
};

/** The editing model's limits from its table entry, so the simulator and the edit form never drift. */
export const validateEdit = (wire: EditWireRequest, model: EditModelSpec): Checked<EditParams> => {
  if (wire.prompt.trim() === "") {
    return { ok: false, message: `The edit instruction is missing or empty: add a {"text": "..."} part to the user message's content.` };
  }
  const shared = checkShared(wire, model, "instruction");
  if (!shared.ok) return shared;
  const size = readSize(wire.size, model);
  if (!size.ok) return size;
  return { ok: true, params: { ...shared.params, model, size: size.params } };
};
