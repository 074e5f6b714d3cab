import type { GenerationView } from "./view";

/**
 * What a card's clock counts from: its creation while it waits in the queue, its sending once it is sent, the
 * moment a model's typical time counts from too (a wait in the queue would make every run look slow).
 */
export const clockStart = (generation: Pick<GenerationView, "status" | "createdAt" | "sentAt">): number =>
  generation.status === "running" && generation.sentAt !== null ? generation.sentAt : generation.createdAt;
