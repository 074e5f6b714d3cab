import type { GenerationView } from "./view";

/**
 * What a card's clock counts from: its creation while it waits in the queue, its sending once it is sent, the
 * moment a model's typical time counts from too (a wait in the queue would make every run look slow).
 */
export const clockStart = (generation: Pick<GenerationView, "status" | "createdAt"> & { readonly sentAt?: number | null }): number =>
  // Loosely: an instance on the code before sending times (a rolling deploy) sends views without the field.
  generation.status === "running" && generation.sentAt != null ? generation.sentAt : generation.createdAt;
