/**
 * The browser's time zone, sent with a request whose answer is dated (a deck's cover): the server's own is
 * no one's in particular, and in UTC a deck made in Beijing before 08:00 would bear yesterday's date.
 */
export const TIME_ZONE_HEADER = "x-time-zone";

/** The zone named, if the runtime knows it (an IANA name such as "Asia/Shanghai"); otherwise undefined. */
export const timeZoneOf = (value: string | null): string | undefined => {
  const name = value?.trim() ?? "";
  if (name === "" || name.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
};
