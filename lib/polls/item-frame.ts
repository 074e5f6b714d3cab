import type { Poll, PollItem } from "./poll";

/** The one frame an item's images are shown in: the mean shape of them all, whatever order they are stored in; null without any. */
export const itemAspect = (records: readonly { readonly width: number; readonly height: number }[]): number | null =>
  records.length === 0 ? null : records.reduce((sum, record) => sum + record.width / record.height, 0) / records.length;

/**
 * An item of an open poll that shows this image, or null. While there is one, the image is shown to everyone
 * as its voters see it: a voter may be signed in too, and the original's size and format would name its model.
 */
export const openItemShowing = (polls: readonly Poll[], imageId: string): PollItem | null =>
  polls
    .filter((poll) => poll.closedAt === null)
    .flatMap((poll) => poll.items)
    .find((item) => item.candidates.some((candidate) => candidate.imageId === imageId)) ?? null;
