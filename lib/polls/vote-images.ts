import "server-only";
import { processSingleton } from "../process-singleton";
import { createMadeOnce } from "./made-once";

/**
 * Poll images as voters see them (lib/compare/blind-image.ts), made once per process: every voter of an item
 * gets the same bytes, and decoding a full image and encoding it again on each request would let anyone
 * with a link keep the server's cores busy. 64 MB holds a few hundred of them.
 */
export const getVoteImages = processSingleton("vote-images", async () => createMadeOnce(64 * 1024 * 1024));
