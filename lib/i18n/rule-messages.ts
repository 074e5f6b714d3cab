import { format } from "./format";
import type { Messages } from "./messages/en";

/**
 * The shared rules (the request schemas, the size rules, model switching, the compare plan) and the server's
 * refusals and gateway errors speak English, because their words are also the API's answers. The interface shows each known sentence, matched whole,
 * in its own language from the catalogue's table; anything else is shown as it came. The table is data in
 * the catalogue, so an English page carries none of it. rule-messages.test.ts produces every sentence from
 * the real rules, so a reworded rule cannot slip by untranslated.
 */

const compiled = new WeakMap<Messages["rules"]["translations"], ReadonlyArray<readonly [RegExp, string]>>();

export const translateRuleMessage = (text: string, rules: Messages["rules"]): string => {
  let table = compiled.get(rules.translations);
  if (!table) compiled.set(rules.translations, (table = rules.translations.map(([source, template]) => [new RegExp(source), template] as const)));
  for (const [pattern, template] of table) {
    const match = pattern.exec(text);
    if (!match) continue;
    // A captured `sentence` is a whole sentence of its own (a refusal quoting a rule), translated in turn. Other
    // values are swapped only by their own group's words: a group not listed holds someone's own text (a list
    // named "width" stays "width"). A group listed in `lists` keeps its items and takes the language's separator.
    const value = (name: string, captured: string): string => {
      if (name === "sentence") return translateRuleMessage(captured, rules);
      const separator = rules.lists[name];
      return separator === undefined ? (rules.names[name]?.[captured] ?? captured) : captured.split(", ").join(separator);
    };
    const values = Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, captured]) => [name, value(name, captured)]));
    return format(template, values);
  }
  return text;
};
