/**
 * The shared rules' sentences are English already: nothing to translate. Other catalogues list
 * [pattern source, template] pairs and, by capture group, the fixed words to swap in that group's values
 * (see lib/i18n/rule-messages.ts).
 */
export const rules: {
  translations: ReadonlyArray<readonly [pattern: string, template: string]>;
  names: Readonly<Record<string, Readonly<Record<string, string>>>>;
} = {
  translations: [],
  names: {},
};
