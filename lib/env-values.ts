/** Environment values: a blank `NAME=` (common in .env files) means the same as leaving NAME out. */
export const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
