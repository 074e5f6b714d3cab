/**
 * The shared rules' sentences are English already: nothing to translate. Other catalogues list
 * [pattern source, template] pairs, by capture group the fixed words to swap in that group's values, and
 * by capture group the separator that joins the items of a list written with ", " (see lib/i18n/rule-messages.ts).
 */
export const rules: {
  translations: ReadonlyArray<readonly [pattern: string, template: string]>;
  names: Readonly<Record<string, Readonly<Record<string, string>>>>;
  lists: Readonly<Record<string, string>>;
} = {
  translations: [],
  names: {},
  lists: {},
};
