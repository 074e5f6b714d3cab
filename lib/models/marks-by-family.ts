import { FAMILY_MARKS } from "./registry";

/**
 * Each family's watermark as the server's refusals name it ("“AI generated” on Wan and “Qwen-Image” on Qwen"),
 * from the registry, so a refusal cannot name a mark the gateway no longer draws.
 */
export const MARKS_BY_FAMILY = new Intl.ListFormat("en", { type: "conjunction" }).format(Object.values(FAMILY_MARKS).map(({ family, mark }) => `“${mark}” on ${family}`));
