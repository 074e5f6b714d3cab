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

/** Empty (null) means a new random seed each time. Shared by every form that takes a seed. */
export const seedSchema = z.nullable(
  z
    .number({ error: "Seed must be a number." })
    .check(z.int("Seed must be a whole number."), z.minimum(0, `Seed must be between 0 and ${SEED_MAX}.`), z.maximum(SEED_MAX, `Seed must be between 0 and ${SEED_MAX}.`)),
);

/** The fields every request shape shares, whatever task it is for. */
export const sharedFields = {
  prompt: text("The prompt"),
  negativePrompt: text("The negative prompt"),
  n: z.number({ error: "Number of images must be a number." }).check(z.int("Number of images must be a whole number.")),
  seed: seedSchema,
  promptExtend: flag("Prompt rewriting"),
  watermark: flag("Watermark"),
};

/** The limits every request shape shares, whatever task it is for. */
type SharedLimits = Pick<ModelSpec, "id" | "promptMaxLength" | "negativePromptMaxLength" | "n" | "options">;
type SharedValues = {
  readonly prompt: string;
  readonly negativePrompt: string;
  readonly n: number;
  readonly seed: number | null;
  readonly promptExtend: boolean;
  readonly watermark: boolean;
};

/** The checks of the prompt, negative prompt, image count and options, for generating and editing alike. */
export const checkSharedFields = (model: SharedLimits, value: SharedValues, addIssue: (path: keyof SharedValues, message: string) => void): void => {
  // Checked here rather than on the field so every other rule still runs (and shows) on an empty prompt.
  if (value.prompt.trim() === "") addIssue("prompt", "Write a prompt first.");
  const promptCount = charCount(value.prompt);
  if (promptCount > model.promptMaxLength) {
    addIssue("prompt", `${model.id} reads at most ${model.promptMaxLength} characters; this prompt has ${promptCount}.`);
  }
  const negativeCount = charCount(value.negativePrompt);
  if (negativeCount > model.negativePromptMaxLength) {
    addIssue(
      "negativePrompt",
      `The negative prompt may be at most ${model.negativePromptMaxLength} characters; it has ${negativeCount}.`,
    );
  }
  if (value.n < model.n.min || value.n > model.n.max) {
    addIssue(
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
    if (field) addIssue(field, `${model.id} does not take this option.`);
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
      z.superRefine((value, ctx) => {
      const model = byId.get(value.model);
      if (!model) return;
      checkSharedFields(model, value, (path, message) => ctx.addIssue({ code: "custom", path: [path], message }));
      const size = checkSize(model.id, model.sizeRule, model.presets, value);
      if (!size.ok) {
        // Both fields carry the reason: the rule is about the pair, and either input may be the one to fix.
        ctx.addIssue({ code: "custom", path: ["width"], message: size.reason });
        ctx.addIssue({ code: "custom", path: ["height"], message: size.reason });
      }
      }),
    );
};

export const generateRequestSchema = buildGenerateRequestSchema(MODELS);

export type GenerateRequest = z.infer<typeof generateRequestSchema>;
