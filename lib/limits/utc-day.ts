/** The day the daily image budget counts a time under: its UTC date. */
export const utcDay = (time: number): string => new Date(time).toISOString().slice(0, 10);

export const secondsToNextUtcDay = (time: number): number => {
  const midnight = new Date(time);
  midnight.setUTCHours(24, 0, 0, 0);
  return Math.ceil((midnight.getTime() - time) / 1000);
};
