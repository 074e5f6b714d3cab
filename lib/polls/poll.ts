import type { GenerationStatus } from "../generation/view";
import type { AxisType } from "../grid/grid-plan";

/**
 * A blind poll: items made of images of one prompt by different models, frozen when the poll is made, which
 * voters compare without anything that names a model. The owner chooses when the models are shown (after
 * each vote, or only once the poll is closed) and who may vote (anyone signed in, or anyone with the link).
 */

export type PollCandidate = { readonly generationId: string; readonly imageId: string; readonly model: string };

/**
 * Where in a grid an item was made: each of its axes but the model's (voted on) and those the prompt holds,
 * with its value, said in the reader's language when shown. Absent on a comparison's item, and on items of
 * polls made before it was kept.
 */
export type PollPlace = ReadonlyArray<{ readonly axis: AxisType; readonly value: string | number | boolean }>;

export type PollItem = { readonly prompt: string; readonly place?: PollPlace; readonly candidates: readonly PollCandidate[] };

/**
 * A place of a set the poll left out, or compares fewer models at, for want of their images: kept when the
 * poll is made, so its report can say why a model is missing there after the set has gone. By model, as the
 * report is read once the models are shown; none is kept for polls made before it was.
 */
export type PollLeftOut = {
  readonly prompt: string;
  readonly place?: PollPlace;
  /** The place's item in the poll (its index in `items`), when the models left compare there. */
  readonly item?: number;
  readonly missing: ReadonlyArray<{ readonly model: string; readonly status: GenerationStatus }>;
  /** No item at this place: fewer than two images were left to compare. */
  readonly whole: boolean;
};

/** How many characters (code points: an emoji is one, as the title's counter counts) a poll's title may have. */
export const POLL_TITLE_MAX = 200;

export type PollReveal = "after_vote" | "on_close";
export type PollAccess = "gate" | "link";

export type Poll = {
  readonly id: string;
  /** The voting link's secret: 128 random bits; it allows voting on this poll and nothing else. */
  readonly token: string;
  readonly createdAt: number;
  readonly title: string;
  readonly reveal: PollReveal;
  readonly access: PollAccess;
  readonly closedAt: number | null;
  readonly items: readonly PollItem[];
  readonly leftOut: readonly PollLeftOut[];
};

/** A vote: the model picked, or a tie among them all, or all of them bad. */
export type PollChoice = { readonly kind: "pick"; readonly model: string } | { readonly kind: "tie" } | { readonly kind: "bad" };

export type PollVote = { readonly pollId: string; readonly item: number; readonly voter: string; readonly choice: PollChoice; readonly createdAt: number };

export const choiceText = (choice: PollChoice): string => (choice.kind === "pick" ? `pick:${choice.model}` : choice.kind);
export const choiceOf = (text: string): PollChoice => (text.startsWith("pick:") ? { kind: "pick", model: text.slice(5) } : text === "tie" ? { kind: "tie" } : { kind: "bad" });

/** Every image a poll's items show, in order (an image in two items is listed twice). */
export const pollImageIds = (items: Poll["items"]): string[] => items.flatMap((item) => item.candidates.map((candidate) => candidate.imageId));
