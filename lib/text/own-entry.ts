/**
 * A record's own entry under a key someone typed (a list's name, a column's heading): never one every object
 * inherits, so "toString" or "constructor" is looked for and not found instead of answering a function.
 */
export const ownEntry = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);
