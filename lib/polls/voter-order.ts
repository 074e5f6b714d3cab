import { createHash } from "node:crypto";
import { createRandom } from "../random/seeded-random";

/**
 * The order a voter sees an item's images in: shuffled for each voter and item (the same each time they come
 * back), so a place on the screen says nothing about the model across voters.
 */
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
