/** A grid's seeds as typed: separated by commas (either width) or spaces. */
const seedTokens = (text: string): string[] => text.split(/[\s,，]+/).filter(Boolean);

/** Digits alone, as a seed is written: `Number` would also read "0x10" as 16 and "1e3" as 1000, unsaid. */
const isSeedText = (token: string) => /^-?\d+$/.test(token);

/** The seeds typed (one out of range stays, for the rules to say so). */
export const seedsFrom = (text: string): number[] => seedTokens(text).filter(isSeedText).map(Number);

/** What was typed among the seeds that is not one: said at the field, so the grid is not smaller unseen. */
export const notSeeds = (text: string): string[] => seedTokens(text).filter((token) => !isSeedText(token));
