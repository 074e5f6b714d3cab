import { englishCount } from "../text/english-count";

/**
 * What the job runner says when it turns work away, as functions of their numbers: the runner throws them,
 * and the interface's Chinese translations are tested against these very sentences.
 */

/** A single generation (a comparison's columns wait in the queue instead). */
export const busy = (max: number): string => `The playground is already running ${englishCount(max, "generation")} at once, its limit. Try again in a few seconds.`;

/** How the two refusals of a cap that held places fill begin: how many are held, and why they are. */
const heldLead = (max: number, held: number): string => {
  const one = held === 1;
  return (
    `The playground is at its limit of ${englishCount(max, "generation")} at once, and ${held} of its places ${one ? "is held by a call stopped after it was" : "are held by calls stopped after they were"} sent ` +
    `(cancelled, interrupted, or with no clear answer): the gateway may still be making ${one ? "its" : "their"} images`
  );
};

/**
 * The cap is full, and held places must free before one more call fits (no running call's end alone would make
 * room): `held` of its places are kept for calls whose outcome is unknown, so "a few seconds" would be wrong;
 * there is room in `seconds`.
 */
export const heldPlaces = (max: number, held: number, seconds: number): string => {
  const one = held === 1;
  return `${heldLead(max, held)}, so ${one ? "its" : "each"} place is kept until it surely has stopped. ${one ? "It frees" : "There is room again"} in ${englishCount(seconds, "second")}.`;
};

/**
 * The cap is full of held places and running calls together, so any running call ending makes room: no held
 * place's end bounds the wait, and the other `max - held` places are running.
 */
export const heldAmongRunning = (max: number, held: number): string => {
  const running = max - held;
  return `${heldLead(max, held)}. The ${running === 1 ? "other is" : `other ${running} are`} running, so a place may free at any moment. Try again in a few seconds.`;
};

/** A stopping server's: what it started now would be cut off when it exits, so it starts nothing. */
export const STOPPING =
  "This playground server is stopping (a restart or an update), so it starts nothing new: nothing was sent or charged. Try again in a few seconds.";

/** A budget of 0 is the operator's switch, not a day's spending: nothing resets it at midnight. */
export const SPENDING_OFF = "Spending is switched off here (DAILY_IMAGE_LIMIT is 0), so no images can be made. Ask whoever runs the playground.";

export const dailyLimit = (limit: number | null, left: number, asked: number, hours: number): string =>
  `Today's budget of ${limit} images is ${left === 0 ? "used up" : `down to ${left}, fewer than the ${asked} asked for`}. It resets at midnight UTC, in ${englishCount(hours, "hour")}.`;
