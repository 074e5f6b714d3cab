import { columnLabel, isHidden } from "../compare/column-label";
import { isModelComparison } from "../generation/set-kind";
import { setColumnNames, type SetNameWords } from "../generation/set-names";
import { clientItem } from "../history/client-view";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";
import { translateRuleMessage } from "../i18n/rule-messages";
import { nameModels } from "../models/model-names";
import { buildSlides, type Slide, type SlidePanel } from "../present/slides";
import { askedSize } from "./asked-settings";
import type { DeckPage } from "./deck";
import { deckContents } from "./image-cap";
import type { NumberedItem } from "./numbered-item";
import { captionWords } from "./set-results";

type PicturesPage = Extract<DeckPage, { kind: "pictures" }>;
/** The deck's own words, and the lead of an edit's input ("Input"), as its card names it. */
type Words = (typeof MESSAGES)[Locale]["sets"]["slides"] & { readonly input: string };

/**
 * The pages of a deck of history items, in the interface's language: a slide per image or comparison (as the
 * presentation shows them: an unrevealed blind comparison under its letters), within the deck's cap on
 * pictures, then the settings of every item those slides show. `leftOut`: the pictures past the cap.
 */
export const historyDeckPages = (items: readonly NumberedItem[], locale: Locale, maxImages: number): { pages: DeckPage[]; leftOut: number } => {
  const messages = MESSAGES[locale];
  const words = { ...messages.sets.slides, input: messages.edit.card.input };
  const ruleText = (message: string) => nameModels(translateRuleMessage(message, messages.rules));
  const names = captionWords(locale);
  const slideWords = { ...messages.present.slides, ...names, errorText: ruleText, edit: messages.edit.card };
  const { slides, tabled, leftOut } = deckContents(
    items.map(({ item, number }) => ({ item: clientItem(item), number })),
    ({ item }) => buildSlides([item], slideWords).map((slide) => picturesPage(slide, words, item.kind === "comparison" && isHidden(item))),
    maxImages,
  );
  const onOff = (value: boolean) => (value ? words.on : words.off);
  return { pages: [...slides, { kind: "table", heading: words.settings, columns: words.columns, rows: settingsRows(tabled, { ...words, onOff, blindModel: messages.compare.blindModel, names }) }], leftOut };
};

/**
 * A slide's pictures, each captioned with its revised prompt; its notes hold the prompts whole. `hidden`: of a
 * blind comparison not yet revealed, whose revised prompts wait for the reveal (a model's way of rewriting
 * would name it), as its card says.
 */
const picturesPage = (slide: Slide, words: Words, hidden: boolean): PicturesPage => {
  const named = (name: string, text: string) => `${name}${words.separator}${text}`;
  const revised = (text: string) => (text !== "" ? text : hidden ? words.hidden : words.noRevised);
  // An edit's input says where it came from, as its card does; a result its revised prompt.
  const detail = (panel: SlidePanel): [name: string, text: string] => (panel.origin !== undefined ? [words.input, panel.origin] : [words.revised, revised(panel.revisedPrompt)]);
  const negatives = [...new Set(slide.panels.map((panel) => panel.negativePrompt))];
  return {
    kind: "pictures",
    // "Edit: make the sky stormy": an instruction, not a prompt to make a picture from.
    heading: slide.badge !== null ? named(slide.badge, slide.prompt) : slide.prompt,
    panels: slide.panels.map((panel) => {
      const [name, text] = detail(panel);
      // A place no picture filled (a model that makes fewer, a failed column) has no revised prompt to be without.
      return { label: panel.label, image: panel.image, missing: panel.missing, detail: panel.image ? { lead: named(name, ""), text } : null };
    }),
    footer: null,
    notes: [
      named(words.prompt, slide.prompt),
      // When the panels share one: panels that differ are a grid's row across negative prompts, each named by its own.
      ...(negatives.length === 1 ? negatives.filter(Boolean).map((negative) => named(words.negativePrompt, negative)) : []),
      ...slide.panels.map((panel) => `${panel.label} · ${panel.image ? named(...detail(panel)) : (panel.missing ?? "")}`),
    ].join("\n\n"),
  };
};

/**
 * One line per generation shown: its item's number and, as the take-away's other files name it, a batch's line
 * ("1 · Line 2") or a grid's cell by its values ("1 · Prompt variables: red · Seed: 7": cells may differ in nothing the
 * other columns show), else a comparison's column ("1.2"); its model (or letter), size as sent (an edit that
 * sent none followed its input), seed, images, options and negative prompt.
 */
const settingsRows = (
  items: readonly NumberedItem[],
  words: { hidden: string; blindModel: string; followsInput: string; onOff: (value: boolean) => string; names: SetNameWords },
): string[][] =>
  items.flatMap(({ item, number }) => {
    const generations = item.kind === "generation" ? [item] : item.columns.map(({ generation }) => generation);
    const hidden = item.kind === "comparison" && isHidden(item);
    const lines = item.kind === "comparison" ? setColumnNames(item, words.names) : null;
    return generations.map((generation, column) => {
      const { request } = generation;
      const model = item.kind === "comparison" && isModelComparison(item) ? columnLabel(item, column, words.blindModel) : nameModels(request.model);
      return [
        lines ? `${number} · ${lines[column] ?? ""}` : generations.length > 1 ? `${number}.${column + 1}` : `${number}`,
        model,
        hidden ? words.hidden : (askedSize(request) ?? words.followsInput),
        String(generation.seed ?? request.seed ?? ""),
        String(generation.images.length),
        words.onOff(request.promptExtend),
        words.onOff(request.watermark),
        request.negativePrompt,
      ];
    });
  });
