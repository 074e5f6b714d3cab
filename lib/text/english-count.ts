/** A count and its noun in an English sentence of the server's: "1 hour", "5 hours". */
export const englishCount = (count: number, noun: string, nouns = `${noun}s`): string => `${count} ${count === 1 ? noun : nouns}`;
