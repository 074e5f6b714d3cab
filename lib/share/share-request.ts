import { z } from "zod";
import { isWellFormedText } from "../text/well-formed";
import { distinctEntries } from "./distinct-entries";
import { SHARE_MAX_ITEMS } from "./share-limits";


/** A share link's contents as the browser asks for them: which history items, and a title for the page. */
export const shareRequestSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .max(200, "A title may be at most 200 characters.")
    .refine(isWellFormedText, "The title holds a broken character (half of an emoji or a rare character). Type or paste it again."),
  entries: z
    .array(z.strictObject({ kind: z.enum(["generation", "comparison"]), id: z.string().min(1).max(100) }))
    .min(1, "Choose at least one item to share.")
    .max(SHARE_MAX_ITEMS, `A link can hold at most ${SHARE_MAX_ITEMS} items.`)
    .transform(distinctEntries),
});

export type ShareRequest = z.infer<typeof shareRequestSchema>;

export type ShareCreated = { readonly id: string; readonly path: string };

export const sharePath = (id: string): string => `/share/${id}`;

/** The refusal of a link whose items were deleted since the page loaded (a function of its counts, for the translation tests). */
export const itemsGone = (missing: number, chosen: number): string =>
  `The link was not made: ${missing} of the ${chosen} chosen items no longer exist (deleted since the page loaded). Reload the history and try again.`;
