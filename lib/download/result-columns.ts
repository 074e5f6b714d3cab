/**
 * The columns of a set's results table (the CSV download, and the zip's manifests), and its `settings` cell:
 * what else the gateway was asked, as JSON. Apart from the table's writer so that a batch can read the file
 * back (lib/batch/batch-rows.ts) without the writer's dependencies.
 */
export const RESULT_COLUMNS = ["item", "prompt", "negative_prompt", "revised_prompt", "model", "size", "seed", "settings", "created", "request_id", "status", "error", "file", "image_url", "input_file", "input_url"] as const;

/**
 * `size` as sent: null for an edit that sent none (it followed its input). `input`: an edit's input image,
 * there for edits alone (the `input_file` and `input_url` columns give its picture).
 */
export type ResultSettings = {
  readonly size: string | null;
  readonly n: number;
  readonly prompt_extend: boolean;
  readonly watermark: boolean;
  readonly input?: { readonly id: string; readonly width: number; readonly height: number };
};
