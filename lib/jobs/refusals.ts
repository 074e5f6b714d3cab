/**
 * What the job runner says when it turns work away, as functions of their numbers: the runner throws them,
 * and the interface's Chinese translations are tested against these very sentences.
 */

/** Waiting would never help here: said so rather than "try again". */
export const tooManyAtOnce = (jobs: number, max: number): string =>
  `This comparison needs ${jobs} generations at once and this playground runs at most ${max}: compare fewer models.`;

export const busy = (jobs: number, running: number, max: number): string =>
  jobs === 1
    ? `The playground is already running ${max} generations at once, its limit. Try again in a few seconds.`
    : `This comparison needs ${jobs} generations at once and ${running} of the playground's ${max} are running. Try again in a few seconds.`;

export const dailyLimit = (limit: number | null, left: number, asked: number, hours: number): string =>
  `Today's budget of ${limit} images is ${left === 0 ? "used up" : `down to ${left}, fewer than the ${asked} asked for`}. It resets at midnight UTC, in ${hours} hours.`;
