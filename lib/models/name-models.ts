import { EDIT_MODELS } from "./edit-models";
import { MODELS } from "./registry";

/** Every model's id and name, the longest id first, so "qwen-image-max" is named before "qwen-image" could match in it. */
const NAMES = [...new Map<string, string>([...MODELS, ...EDIT_MODELS].map((model) => [model.id, model.name])).entries()].sort(([a], [b]) => b.length - a.length);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// An id only where it stands alone: not inside a longer id, a file name or a URL.
const PATTERN = new RegExp(`(?<![\\w./:-])(${NAMES.map(([id]) => escape(id)).join("|")})(?![\\w/-]|\\.\\w)`, "g");
const BY_ID = new Map(NAMES);

/**
 * A sentence from the server with each model's id replaced by the name people know it by ("wan2.6-t2i is
 * temporarily unavailable" reads "Wan 2.6 is temporarily unavailable"). The server writes ids, since its
 * words are also the API's. Pure.
 */
export const nameModels = (text: string): string => text.replace(PATTERN, (id) => BY_ID.get(id) ?? id);
