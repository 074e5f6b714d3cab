/** A model as its sentences name it: its id, and the name people know it by. */
export type ModelName = { readonly id: string; readonly name: string };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A namer of sentences from the server: each model's id replaced by the name people know it by ("wan2.6-t2i
 * is temporarily unavailable" reads "Wan 2.6 is temporarily unavailable"). The server writes ids, since its
 * words are also the API's. The models come in (model-names.ts has every one), so a page gets their names
 * without the registries' data. Pure.
 */
export const modelNamer = (models: readonly ModelName[]): ((text: string) => string) => {
  // The longest id first, so "qwen-image-max" is named before "qwen-image" could match in it.
  const names = [...new Map(models.map((model) => [model.id, model.name])).entries()].sort(([a], [b]) => b.length - a.length);
  if (names.length === 0) return (text) => text;
  // An id only where it stands alone: not inside a longer id, a file name or a URL.
  const pattern = new RegExp(`(?<![\\w./:-])(${names.map(([id]) => escape(id)).join("|")})(?![\\w/-]|\\.\\w)`, "g");
  const byId = new Map(names);
  return (text) => text.replace(pattern, (id) => byId.get(id) ?? id);
};
