import { z } from "zod";
import { strictFields } from "../models/request-schema";
import { isWellFormedText } from "../text/well-formed";
import { distinctEntries } from "./distinct-entries";
import { SHARE_MAX_ITEMS } from "./share-limits";

const ENTRY_ID = "An item's id must be text of 1 to 100 characters.";

/**
 * A share link's contents as the browser asks for them: which history items, and a title for the page. Every
 * refusal is written here, as in the other request schemas: zod's own words would reach the page untranslated.
 */
export const shareRequestSchema = z.strictObject(
  {
    title: z
      .string({ error: "The title must be text." })
      .trim()
      .max(200, "A title may be at most 200 characters.")
      .refine(isWellFormedText, "The title holds a broken character (half of an emoji or a rare character). Type or paste it again."),
    entries: z
      .array(
        z.strictObject(
          {
            kind: z.enum(["generation", "comparison"], { error: 'An item\'s kind must be "generation" or "comparison".' }),
            id: z.string({ error: ENTRY_ID }).min(1, ENTRY_ID).max(100, ENTRY_ID),
          },
          strictFields,
        ),
        { error: "Send the items to share as a list." },
      )
      .min(1, "Choose at least one item to share.")
      .max(SHARE_MAX_ITEMS, `A link can hold at most ${SHARE_MAX_ITEMS} items.`)
      .transform(distinctEntries),
  },
  strictFields,
);

export type ShareRequest = z.infer<typeof shareRequestSchema>;

export type ShareCreated = { readonly id: string; readonly path: string };

export const sharePath = (id: string): string => `/share/${id}`;

/** The refusal of a link whose items were deleted since the page loaded (a function of its counts, for the translation tests). */
export const itemsGone = (missing: number, chosen: number): string =>
  `The link was not made: ${missing} of the ${chosen} chosen items no longer exist (deleted since the page loaded). Reload the history and try again.`;
