import { MARKS_BY_FAMILY } from "../models/marks-by-family";

/** What the voting routes say when they refuse, in one place for the routes and the translations' test. */
export const POLL_CLOSED = "This poll is closed: it takes no more votes.";
export const ALREADY_VOTED = "You have already voted on this one: a vote is kept as first given.";
export const NO_SUCH_ITEM = "This poll has no such item.";
export const WHOSE_POLLS = "Say whose polls to list: ?set=<the comparison's or grid's id>.";
export const VOTER_UNKNOWN = "This browser's place in the poll was not found (are cookies blocked for this site?): reload the voting page, and allow cookies here if it happens again.";
export const OTHER_SEAT =
  "This page was shown to another voter of this browser (the poll was opened in two tabs at once, and the browser kept the other's place): it reads the poll again, as your place now has it.";
export const NO_SUCH_IMAGE = "There is no such image to pick.";
export const STILL_RUNNING = "A chosen comparison or grid is still running: make the poll once it has finished, so that every model's image is in it.";
export const NOTHING_TO_VOTE_ON = "Nothing here can be voted on: a poll needs a comparison of models, or a grid with a model axis, with images from two models at least.";
export const POLL_WATERMARK = `A chosen set was made with the watermark, which reads ${MARKS_BY_FAMILY}: its voters would tell the models apart. Make the poll of sets run without it.`;
