import { z } from "zod";
import { findModel, SEED_MAX } from "../models/registry";
import { checkSize } from "../models/size-rules";
import { charCount } from "../text/well-formed";

/**
 * Image URLs carry everything needed to draw the picture again, so the simulator keeps no store and any
 * instance (or a restarted one) serves a URL another handed out.
 */

const tokenSchema = z.strictObject({
  model: z.string(),
  prompt: z.string(),
  negativePrompt: z.string(),
  seed: z.int().min(0).max(SEED_MAX),
  width: z.int(),
  height: z.int(),
  index: z.int().min(0),
  watermark: z.boolean(),
});

type ImageToken = z.infer<typeof tokenSchema>;

export const encodeImageToken = (token: ImageToken): string =>
  Buffer.from(JSON.stringify(token), "utf8").toString("base64url");

/**
 * Null for anything a generation could not have produced: a forged token must not make the simulator draw a
 * 100000*100000 picture, so the size and count are held to the model's own rules.
 */
export const decodeImageToken = (text: string): ImageToken | null => {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = tokenSchema.safeParse(json);
  if (!parsed.success) return null;
  const token = parsed.data;
  const model = findModel(token.model);
  if (!model) return null;
  if (!checkSize(model.id, model.sizeRule, model.presets, token).ok) return null;
  if (token.index >= model.n.max) return null;
  if (charCount(token.prompt) > model.promptMaxLength || charCount(token.negativePrompt) > model.negativePromptMaxLength) return null;
  return token;
};
