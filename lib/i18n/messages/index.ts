import type { Locale } from "../locale";
import { en, type Messages } from "./en";
import { zh } from "./zh";

export type { Messages };

/** Read on the server only: the page gets the one catalogue it needs, as data, not as code in the bundle. */
export const MESSAGES: Record<Locale, Messages> = { en, zh };
