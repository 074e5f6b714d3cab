import type { Usage } from "./limits";

/**
 * What today's budget leaves for a form to send: null without a budget, "off" for a budget of 0 (the
 * operator's switch, which waiting for tomorrow does not undo: lib/jobs/refusals.ts, SPENDING_OFF).
 */
export const budgetLeft = ({ dailyImageLimit, imagesToday }: Pick<Usage, "dailyImageLimit" | "imagesToday">): number | "off" | null =>
  dailyImageLimit === null ? null : dailyImageLimit === 0 ? "off" : Math.max(0, dailyImageLimit - imagesToday);
