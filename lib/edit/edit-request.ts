// zod/mini, like the generation schema: the edit form ships this to the browser.
import * as z from "zod/mini";
import { EDIT_MODELS, type EditModelSpec } from "../models/edit-models";
import { acrossFields, checkSharedFields, sharedFields, strictFields, text, wholeNumber, type SharedValues } from "../models/request-schema";
import { checkSize, type Size } from "../models/size-rules";

const whole = (what: string) => z.number({ error: `${what} must be a number.` }).check(wholeNumber(`${what} must be a whole number.`));

/** The edit's input: an image the server holds (an upload or a result from the history), by its id. */
const inputSchema = z.strictObject(
  {
    id: text("The input image's id").check(z.minLength(1, "Choose an input image first.")),
    width: whole("The input image's width"),
    height: whole("The input image's height"),
  },
  strictFields,
);

/** What an edit whose input has gone from the server is told (a day unused, then cleaned up). */
export const INPUT_GONE = "The input image is no longer on the server (an input no edit uses is dropped a day after it was last chosen). Choose it again.";

/** Say why an input image does not suit a model, or null when it does. */
export const inputProblem = (model: Pick<EditModelSpec, "id" | "input">, input: Size): string | null => {
  const { minSide, maxSide } = model.input;
  if (Math.min(input.width, input.height) < minSide) {
    return `The input image is ${input.width}*${input.height}; ${model.id} needs at least ${minSide} px on each side.`;
  }
  if (Math.max(input.width, input.height) > maxSide) {
    return `The input image is ${input.width}*${input.height}; ${model.id} takes at most ${maxSide} px on each side.`;
  }
  return null;
};

/** What the edit's checks across fields read. */
type EditShape = SharedValues & { readonly model: string; readonly input: Size & { readonly id: string }; readonly size: Size | null };

/**
 * The edit contract between the browser and the server, like the generation one: the same checks in the
 * form and in the route. `size` null means "no size": the output follows the input image.
 */
export const buildEditRequestSchema = <const Models extends readonly EditModelSpec[]>(models: Models) => {
  const ids = models.map((model) => model.id) as [Models[number]["id"], ...Models[number]["id"][]];
  const byId = new Map<string, EditModelSpec>(models.map((model) => [model.id, model]));

  return z
    .strictObject(
      {
        model: z.enum(ids, { error: "Choose one of the listed editing models." }),
        input: inputSchema,
        size: z.nullable(z.strictObject({ width: whole("Width"), height: whole("Height") }, strictFields)),
        ...sharedFields,
      },
      strictFields,
    )
    .check(
      acrossFields<EditShape>(["model"], (value, addIssue, refused) => {
        const model = byId.get(value.model);
        if (!model) return;
        // With no input chosen yet, "choose an input image first" (on the id) is the one thing to say.
        const problem = refused.has("input") || value.input.id === "" ? null : inputProblem(model, value.input);
        if (problem) addIssue(["input"], problem);
        checkSharedFields(model, value, (path, message) => addIssue([path], message), refused);
        if (value.size !== null && !refused.has("size")) {
          const size = model.size ? checkSize(model.id, model.size.rule, model.size.presets, value.size) : null;
          const reason = size === null ? `${model.id} takes no size: its output follows the input image.` : size.ok ? null : size.reason;
          if (reason) addIssue(["size"], reason);
        }
      }),
    );
};

export const editRequestSchema = buildEditRequestSchema(EDIT_MODELS);

export type EditRequest = z.infer<typeof editRequestSchema>;
