import pg from "pg";
import { CHANGES_CHANNEL, SIGN_OUTS_CHANNEL } from "../store/sql-changes";

/** How often the idle LISTEN connection is asked a question, so that one silently dropped is noticed. */
const CHECK_MS = 30_000;

/** What another instance's NOTIFY can tell this one. */
export type InstanceNews = {
  /** A change was committed (by any instance): look for it. */
  readonly wake: () => void;
  /** This session was signed out (on any instance). */
  readonly signedOut?: (sessionId: string) => void;
};

/**
 * Wakes this instance's feed when any instance commits a change, and tells it of every sign-out, so that
 * session's streams end at once wherever they are: one LISTEN connection per instance,
 * whatever the number of streams. A dropped connection is opened again after a second, and the feed is woken
 * then too, since what was committed meanwhile sent its NOTIFY to nobody. An idle LISTEN sends nothing, so
 * a connection a NAT or firewall dropped without a word would never say so: TCP keepalive, and a question
 * every 30 s, find it.
 */
export const listenForChanges = (url: string, { wake, signedOut }: InstanceNews): { close(): Promise<void> } => {
  /** The connection being opened or open; events from any other (one given up on) are ignored. */
  let attempt: pg.Client | null = null;
  let open = false;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const connect = async () => {
    const next = new pg.Client({ connectionString: url, keepAlive: true });
    attempt = next;
    open = false;
    next.on("notification", (message) => {
      if (message.channel === SIGN_OUTS_CHANNEL) signedOut?.(message.payload ?? "");
      else wake();
    });
    next.on("error", () => reconnect(next));
    next.on("end", () => reconnect(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (signedOut) await next.query(`LISTEN ${SIGN_OUTS_CHANNEL}`);
      if (closed) {
        await next.end();
        return;
      }
      open = true;
      wake();
    } catch (error) {
      console.error(`listening for the history's changes failed (retrying): ${String(error)}`);
      reconnect(next);
    }
  };

  const reconnect = (failed: pg.Client) => {
    if (closed || retry || failed !== attempt) return;
    attempt = null;
    open = false;
    failed.removeAllListeners("notification");
    void failed.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, 1_000);
    retry.unref?.();
  };

  const check = setInterval(() => {
    const current = attempt;
    if (!current || !open) return;
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("no answer within 10 s")), 10_000).unref?.());
    Promise.race([current.query("SELECT 1"), timeout]).catch((error: unknown) => {
      console.error(`the history's change listener stopped answering (reconnecting): ${String(error)}`);
      reconnect(current);
    });
  }, CHECK_MS);
  check.unref?.();

  void connect();
  return {
    async close() {
      closed = true;
      clearInterval(check);
      if (retry) clearTimeout(retry);
      await attempt?.end().catch(() => undefined);
    },
  };
};
