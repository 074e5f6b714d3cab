import type { GenerationView } from "./view";

/**
 * The images an ended generation is known to have billed: the gateway's count, every image of a success
 * without one, none for what never went out (cancelled while it waited: its seed was never sent); null where
 * no one can tell (a timeout, a proxy's 502, a cancel after the request went out), which today's count
 * takes as every image asked.
 */
export const knownBill = ({ status, billedImages, images, seed }: Pick<GenerationView, "status" | "billedImages" | "images" | "seed">): number | null =>
  billedImages ?? (status === "succeeded" ? images.length : seed === null ? 0 : null);
