import { z } from "zod";
import { isWellFormedText } from "../text/well-formed";
import { POLL_TITLE_MAX } from "./poll";

/** What making a poll asks: its sets (comparisons of models, grids with a model axis), when to reveal, who may vote. */
export const pollRequestSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, "Give the poll a title.")
    .max(POLL_TITLE_MAX, `A poll's title may be at most ${POLL_TITLE_MAX} characters.`)
    // Refused as a share link's title is: stored, the lone half would come back as U+FFFD, changed without a word.
    .refine(isWellFormedText, "The title holds a broken character (half of an emoji or a rare character). Type or paste it again."),
  // A set named twice is in the poll once: its items twice would let a voter count twice.
  sets: z
    .array(z.string().min(1))
    .min(1, "Choose at least one comparison or grid.")
    .max(50, "A poll is made of at most 50 comparisons or grids.")
    .transform((sets) => [...new Set(sets)]),
  reveal: z.enum(["after_vote", "on_close"], { error: "Reveal the models after each vote, or when the poll is closed." }),
  access: z.enum(["gate", "link"], { error: "Voting is for those signed in, or for anyone with the link." }),
});

export type PollRequest = z.infer<typeof pollRequestSchema>;

/** A vote as a voter sends it: the image picked by its place on their screen, a tie, or all bad. */
export const voteRequestSchema = z.strictObject({
  item: z.number().int().min(0),
  /** Whom the page was shown to (a page of before it was sent has none). */
  seat: z.string().max(64).optional(),
  choice: z.union([z.strictObject({ slot: z.number().int().min(0) }), z.literal("tie"), z.literal("bad")]),
});
