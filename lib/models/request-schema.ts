// zod/mini: the same checks as classic zod at a tenth of the bytes, because the form ships this to the browser.
import * as z from "zod/mini";
import { MODELS, SEED_MAX, type ModelSpec } from "./registry";
import { checkSize } from "./size-rules";
import { charCount, isWellFormedText } from "../text/well-formed";

/**
 * zod/mini carries no message catalogue, so every refusal a person may see is written here: a wrong type,
 * and a field the contract does not have.
 */
export const text = (what: string) =>
  z.string({ error: `${what} must be text.` }).check(
    // Such text cannot be written out as UTF-8 (a download's metadata, say); it comes from a broken paste or client.
    z.refine(isWellFormedText, `${what} holds a broken character (half of an emoji or a rare character). Type or paste it again.`),
    // Said at the field in the form; the server refuses any request holding one (lib/http/read-json-body.ts).
    z.refine((value) => !value.includes("\u0000"), `${what} holds a NUL character (U+0000), which cannot be kept. Remove it.`),
  );
/**
 * At most `max` characters, counted as the models count a prompt (code points: an emoji or a rare CJK
 * character is one), whatever a zod version's own length checks count.
 */
export const maxChars = (max: number, message: string) => z.refine<string>((value) => charCount(value) <= max, message);
export const flag = (what: string) => z.boolean({ error: `${what} must be true or false.` });
export const strictFields = {
  error: (issue: { code?: string; keys?: readonly string[] }) =>
    issue.code === "unrecognized_keys" ? `Unrecognized key${(issue.keys?.length ?? 0) === 1 ? "" : "s"}: ${(issue.keys ?? []).join(", ")}.` : "Send a JSON object.",
};

/**
 * A whole number (and a safe one), refused without stopping the request's other checks: zod's own `int`
 * stops them all, those across fields too, so a count of 2.5 hid that the prompt was too long.
 */
export const wholeNumber = (message: string) => z.refine<number>(Number.isSafeInteger, message);

/** The field an issue stops the parse of (a wrong type, say), where a failed check on a value lets it go on. */
const stoppedAt = (issue: { readonly path?: readonly PropertyKey[]; readonly continue?: boolean }): PropertyKey | undefined =>
  issue.continue === true ? undefined : (issue.path?.[0] ?? "");

/**
 * A request's checks across its fields, run even when some fields could not be read (zod's default skips
 * them then), so that a form shows every fault at once: an image count left empty used to hide that the
 * prompt is too long. `check` is told those fields, to leave each to its own message. Not run on what is no
 * object or has unknown fields, nor when a field in `needs` (what every check reads: the model) is unread.
 */
export const acrossFields = <T>(
  needs: readonly string[],
  check: (value: T, addIssue: (path: PropertyKey[], message: string) => void, refused: ReadonlySet<PropertyKey>) => void,
) =>
  z.superRefine<T>(
    (value, ctx) =>
      check(value, (path, message) => ctx.addIssue({ code: "custom", path, message }), new Set(ctx.issues.flatMap((issue) => stoppedAt(issue) ?? []))),
    {
      when: (payload) =>
        payload.issues.every((issue) => {
          const field = stoppedAt(issue);
          return field === undefined || (field !== "" && !needs.includes(String(field)));
        }),
    },
  );

/** Empty (null) means a new random seed each time. Shared by every form that takes a seed. */
export const seedSchema = z.nullable(
  z
    .number({ error: "Seed must be a number." })
    .check(wholeNumber("Seed must be a whole number."), z.minimum(0, `Seed must be between 0 and ${SEED_MAX}.`), z.maximum(SEED_MAX, `Seed must be between 0 and ${SEED_MAX}.`)),
);

/** The fields every request shape shares, whatever task it is for. */
export const sharedFields = {
  prompt: text("The prompt"),
  negativePrompt: text("The negative prompt"),
  n: z.number({ error: "Number of images must be a number." }).check(wholeNumber("Number of images must be a whole number.")),
  seed: seedSchema,
  promptExtend: flag("Prompt rewriting"),
  watermark: flag("Watermark"),
};

/** The limits every request shape shares, whatever task it is for. */
type SharedLimits = Pick<ModelSpec, "id" | "promptMaxLength" | "negativePromptMaxLength" | "n" | "options">;
export type SharedValues = {
  readonly prompt: string;
  readonly negativePrompt: string;
  readonly n: number;
  readonly seed: number | null;
  readonly promptExtend: boolean;
  readonly watermark: boolean;
};

/**
 * The checks of the prompt, negative prompt, image count and options, for generating and editing alike. A
 * field in `refused` failed its own check already (not text, not a whole number): it is left to that
 * message.
 */
export const checkSharedFields = (
  model: SharedLimits,
  value: SharedValues,
  addIssue: (path: keyof SharedValues, message: string) => void,
  refused: ReadonlySet<PropertyKey> = new Set(),
): void => {
  const add = (path: keyof SharedValues, message: string) => {
    if (!refused.has(path)) addIssue(path, message);
  };
  // Checked here rather than on the field so every other rule still runs (and shows) on an empty prompt.
  if (!refused.has("prompt") && value.prompt.trim() === "") add("prompt", "Write a prompt first.");
  const promptCount = refused.has("prompt") ? 0 : charCount(value.prompt);
  if (promptCount > model.promptMaxLength) {
    add("prompt", `${model.id} reads at most ${model.promptMaxLength} characters; this prompt has ${promptCount}.`);
  }
  const negativeCount = refused.has("negativePrompt") ? 0 : charCount(value.negativePrompt);
  if (negativeCount > model.negativePromptMaxLength) {
    add(
      "negativePrompt",
      `The negative prompt may be at most ${model.negativePromptMaxLength} characters; it has ${negativeCount}.`,
    );
  }
  // An unread count may be any value, even one that throws when compared (an object whose toString is no function).
  if (!refused.has("n") && (value.n < model.n.min || value.n > model.n.max)) {
    add(
      "n",
      model.n.min === model.n.max
        ? `${model.id} makes exactly ${model.n.min} image per request.`
        : `${model.id} makes ${model.n.min} to ${model.n.max} images per request.`,
    );
  }
  const unsupported = [
    !model.options.negativePrompt && value.negativePrompt !== "" ? "negativePrompt" : null,
    !model.options.seed && value.seed !== null ? "seed" : null,
    !model.options.promptExtend && value.promptExtend ? "promptExtend" : null,
    !model.options.watermark && value.watermark ? "watermark" : null,
  ] as const;
  for (const field of unsupported) {
    if (field) add(field, `${model.id} does not take this option.`);
  }
};

/**
 * The one contract between the browser and the server: the form validates with it (lib/forms/schema-resolver.ts) and the
 * route parses with it. Built from a model table so that tests can feed it a synthetic one.
 */
export const buildGenerateRequestSchema = <const Models extends readonly ModelSpec[]>(models: Models) => {
  const ids = models.map((model) => model.id) as [Models[number]["id"], ...Models[number]["id"][]];
  const byId = new Map<string, ModelSpec>(models.map((model) => [model.id, model]));

  return z
    .strictObject({
      model: z.enum(ids, { error: "Choose one of the listed models." }),
      width: z.number({ error: "Width must be a number." }),
      height: z.number({ error: "Height must be a number." }),
      ...sharedFields,
    }, strictFields)
    .check(
      acrossFields<{ model: string } & SharedValues & { width: number; height: number }>(["model"], (value, addIssue, refused) => {
        const model = byId.get(value.model);
        if (!model) return;
        checkSharedFields(model, value, (path, message) => addIssue([path], message), refused);
        if (refused.has("width") || refused.has("height")) return;
        const size = checkSize(model.id, model.sizeRule, model.presets, value);
        if (!size.ok) {
          // Both fields carry the reason: the rule is about the pair, and either input may be the one to fix.
          addIssue(["width"], size.reason);
          addIssue(["height"], size.reason);
        }
      }),
    );
};

export const generateRequestSchema = buildGenerateRequestSchema(MODELS);

export type GenerateRequest = z.infer<typeof generateRequestSchema>;
