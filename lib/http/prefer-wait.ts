/** The longest a client may ask a route to hold its answer, so a forgotten header cannot pin a socket. */
export const MAX_WAIT_SECONDS = 60;

/**
 * `Prefer: wait=N` (RFC 7240): the client would rather have the finished result than an immediate 202,
 * if it comes within N seconds. Scripts use it to make one call per generation. Null when not asked.
 */
export const preferredWait = (header: string | null): number | null => {
  if (!header) return null;
  for (const preference of header.split(",")) {
    const match = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(;.*)?$/i.exec(preference);
    if (match) return Math.min(Number(match[1]), MAX_WAIT_SECONDS);
  }
  return null;
};
