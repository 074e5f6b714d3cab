// zod/mini, like the generate schema: the batch form ships it to the browser.
import * as z from "zod/mini";
import { MODELS } from "../models/registry";
import { generateRequestSchema, strictFields, text, type GenerateRequest } from "../models/request-schema";
import { BATCH_LIMITS, type DraftRow } from "./batch-rows";

/**
 * A batch: rows of prompts and their settings, each row one generation (a queued job), kept as one history
 * item. Every row is checked against the registry's rules before anything is sent, and a refused row says
 * its line and the rule, in the form and at the route alike.
 */

/** What is wrong with each row, as "Line 3: qwen-image reads at most 800 characters; …" (the first problem of each). */
export const BATCH_NAME_MAX = 200;

/**
 * The largest batch body the route reads: every row at the longest prompt and negative prompt any model takes,
 * each character at UTF-8's four bytes, with room for its settings. A body the rules allow is never refused
 * for its size (a cap in bytes under rules in characters would refuse a hundred rows of long Chinese prompts).
 */
export const BATCH_MAX_BYTES =
  BATCH_LIMITS.rows * (Math.max(...MODELS.map((model) => model.promptMaxLength + model.negativePromptMaxLength)) * 4 + 1024) + BATCH_NAME_MAX * 4 + 1024;

export const rowProblems = (rows: ReadonlyArray<{ readonly line: number; readonly request: unknown; readonly unreadable?: string | null }>): Array<{ index: number; line: number; field: string; message: string }> =>
  rows.flatMap((row, index) => {
    if (row.unreadable) return [{ index, line: row.line, field: "request", message: `Line ${row.line}: ${capitalise(row.unreadable)}` }];
    const parsed = z.safeParse(generateRequestSchema, row.request);
    const issue = parsed.success ? undefined : parsed.error.issues[0];
    return issue ? [{ index, line: row.line, field: ["request", ...issue.path.map(String)].join("."), message: `Line ${row.line}: ${issue.message}` }] : [];
  });

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const batchRequestSchema = z
  .strictObject(
    {
      kind: z.literal("batch", { error: 'A batch\'s kind is "batch".' }),
      // What the history shows it by and finds it by: the first prompt, unless the batch is given a name.
      prompt: text("The batch's name").check(
        z.refine((name) => name.trim() !== "", "Give the batch a name."),
        z.maxLength(BATCH_NAME_MAX, `The batch's name may be at most ${BATCH_NAME_MAX} characters.`),
      ),
      source: z.enum(["lines", "csv"], { error: "A batch comes from lines or from a CSV." }),
      rows: z
        .array(
          z.strictObject(
            {
              line: z.number({ error: "A row's line must be a number." }).check(z.int("A row's line must be a whole number."), z.minimum(1, "A row's line must be 1 or more.")),
              // Checked below, row by row, so each refusal can name its line.
              request: z.custom<GenerateRequest>(),
            },
            strictFields,
          ),
          { error: "Send the rows as a list." },
        )
        .check(
          z.minLength(1, "Give at least one prompt."),
          z.maxLength(BATCH_LIMITS.rows, `A batch has at most ${BATCH_LIMITS.rows} rows; split it in two.`),
          // A row is named by its line wherever it is shown (refusals, its card, the CSV, the zip, the deck):
          // two rows of one line could not be told apart.
          z.superRefine((rows, ctx) => {
            const at = rows.findIndex((row, index) => index > 0 && row.line <= (rows[index - 1]?.line ?? 0));
            const [before, row] = [rows[at - 1], rows[at]];
            if (!before || !row) return;
            const message = row.line === before.line ? `Line ${row.line} is given to two rows: each row has a line of its own.` : `Line ${row.line} comes after line ${before.line}: rows come in the order of their lines.`;
            ctx.addIssue({ code: "custom", path: [at, "line"], message });
          }),
        ),
    },
    strictFields,
  )
  .check(
    z.superRefine((batch, ctx) => {
      for (const problem of rowProblems(batch.rows)) ctx.addIssue({ code: "custom", path: ["rows", problem.index, ...problem.field.split(".")], message: problem.message });
    }),
  );

export type BatchRequest = z.infer<typeof batchRequestSchema>;

/** The rows as the server will take them: their lines and requests (what could not be read is refused first). */
export const toBatchRequest = (name: string, source: BatchRequest["source"], rows: readonly DraftRow[]): BatchRequest => ({
  kind: "batch",
  prompt: name,
  source,
  rows: rows.map(({ line, request }) => ({ line, request })),
});
