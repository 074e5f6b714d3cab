import "server-only";
import { sessionRevoked } from "../access/revocations";
import { createFeed, type Feed } from "../events/feed";
import { listenForChanges } from "../events/postgres-wake";
import { processSingleton } from "../process-singleton";
import { getHistory } from ".";
import { getStorage } from "./storage";
import { readUsage } from "./usage";

/**
 * The history's live feed, one per server process: woken by this process's commits, and on PostgreSQL by
 * every instance's through LISTEN/NOTIFY, which also tells it of sign-outs made on other instances.
 */
export const getFeed: () => Promise<Feed> = processSingleton("live-feed", async () => {
  const [{ store }, { config }] = await Promise.all([getHistory(), getStorage()]);
  const feed = createFeed({ store, usage: readUsage });
  if (config.databaseUrl) listenForChanges(config.databaseUrl, { wake: feed.wake, signedOut: sessionRevoked });
  return feed;
});
