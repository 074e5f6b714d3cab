import pg from "pg";
import { CHANGES_CHANNEL } from "../store/sql-changes";

/**
 * Wakes this instance's feed when any instance commits a change: one LISTEN connection per instance,
 * whatever the number of streams. A dropped connection is opened again after a second, and the feed is woken
 * then too, since what was committed meanwhile sent its NOTIFY to nobody.
 */
export const listenForChanges = (url: string, wake: () => void): { close(): Promise<void> } => {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", wake);
    next.on("error", () => reconnect(next));
    next.on("end", () => reconnect(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      wake();
    } catch (error) {
      console.error(`listening for the history's changes failed (retrying): ${String(error)}`);
      reconnect(next);
    }
  };

  const reconnect = (failed: pg.Client) => {
    if (closed || retry || (client !== null && client !== failed)) return;
    client = null;
    failed.removeAllListeners("notification");
    void failed.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, 1_000);
    retry.unref?.();
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
};
