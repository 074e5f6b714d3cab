import { z } from "zod";
import { getModel, type ModelId } from "../models/registry";
import { checkSharedFields, seedSchema, sharedFields } from "../models/request-schema";

/**
 * What is wrong with a batch's own count and seed, in the request schema's own words, for their fields: rows
 * that leave them out take them, so a count the model cannot make is said once, at the count, rather than as
 * every row's refusal (or, worse, quietly replaced).
 */
export const defaultsProblems = ({ model, n, seed }: { model: ModelId; n: number; seed: number | null }): { n?: string; seed?: string } => {
  const problems: { n?: string; seed?: string } = {};
  const count = z.safeParse(sharedFields.n, n);
  if (!count.success) problems.n = count.error.issues[0]?.message;
  const seeded = z.safeParse(seedSchema, seed);
  if (!seeded.success) problems.seed = seeded.error.issues[0]?.message;
  if (count.success && seeded.success) {
    checkSharedFields(getModel(model), { prompt: "-", negativePrompt: "", n, seed, promptExtend: false, watermark: false }, (path, message) => {
      if ((path === "n" || path === "seed") && !problems[path]) problems[path] = message;
    });
  }
  return problems;
};
