/** Every image is billed: a run bigger than this many images waits for one explicit yes. */
export const CONFIRM_ABOVE = 4;
