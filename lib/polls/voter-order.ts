import { createHash } from "node:crypto";
import { createRandom } from "../random/seeded-random";

/**
 * The order a voter sees an item's images in: shuffled for each voter and item (the same each time they come
 * back), so a place on the screen says nothing about the model across voters.
 */
/**
 * A tag of the voter a page was shown to, for the page to send back: two tabs opened at once without a cookie
 * are each given an id, and the browser keeps the last, so the other tab's page shows an order that is no
 * longer its cookie's. Its pictures and votes are refused rather than read in another voter's order (a pick
 * would count for another model). A hash, so the page's script never holds the HttpOnly id itself.
 */
export const voterSeat = (voter: string): string => createHash("sha256").update(`seat\u0000${voter}`).digest("base64url").slice(0, 16);

export const voterOrder = (pollId: string, voter: string, item: number, count: number): number[] => {
  const seed = createHash("sha256").update(`${pollId}\u0000${voter}\u0000${item}`).digest().readUInt32BE(0);
  const random = createRandom(seed);
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return order;
};
