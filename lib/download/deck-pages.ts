import { columnLabel, isHidden } from "../compare/column-label";
import { isBatch, isModelComparison } from "../generation/set-kind";
import { setColumnNames, type SetNameWords } from "../generation/set-names";
import type { HistoryItem } from "../generation/view";
import { requestSize } from "../generation/request-size";
import { clientItem } from "../history/client-view";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";
import { translateRuleMessage } from "../i18n/rule-messages";
import { nameModels } from "../models/model-names";
import { formatSize } from "../models/size-rules";
import { buildSlides, type Slide, type SlideWords } from "../present/slides";
import type { DeckPage } from "./deck";
import { deckContents } from "./image-cap";
import type { NumberedItem } from "./numbered-item";
import { captionWords } from "./set-results";

type PicturesPage = Extract<DeckPage, { kind: "pictures" }>;
type Words = (typeof MESSAGES)[Locale]["sets"]["slides"];

/**
 * The pages of a deck of history items, in the interface's language: a slide per image or comparison (as the
 * presentation shows them: an unrevealed blind comparison under its letters), within the deck's cap on
 * pictures, then the settings of every item those slides show. `leftOut`: the pictures past the cap.
 */
export const historyDeckPages = (items: readonly NumberedItem[], locale: Locale, maxImages: number): { pages: DeckPage[]; leftOut: number } => {
  const messages = MESSAGES[locale];
  const words = messages.sets.slides;
  const ruleText = (message: string) => nameModels(translateRuleMessage(message, messages.rules));
  const slideWords = { ...messages.present.slides, blindModel: messages.compare.blindModel, errorText: ruleText, axisNames: messages.grid.axisNames, axisValue: messages.grid.axisValue, values: messages.grid.values };
  const names = captionWords(locale);
  const { slides, tabled, leftOut } = deckContents(
    items.map(({ item, number }) => ({ item: clientItem(item), number })),
    ({ item }) => itemSlides(item, slideWords, names).map((slide) => picturesPage(slide, words, item.kind === "comparison" && isHidden(item))),
    maxImages,
  );
  const onOff = (value: boolean) => (value ? words.on : words.off);
  return { pages: [...slides, { kind: "table", heading: words.settings, columns: words.columns, rows: settingsRows(tabled, { ...words, onOff, blindModel: messages.compare.blindModel, names }) }], leftOut };
};

/** A batch's rows named by their lines as its card, CSV and contact sheet name them: "Line 2 · Wan 2.6". */
const itemSlides = (item: HistoryItem, words: SlideWords, names: SetNameWords): Slide[] => {
  const lines = item.kind === "comparison" && isBatch(item) ? setColumnNames(item, names) : null;
  if (item.kind === "generation" || !lines) return buildSlides([item], words);
  return item.columns.flatMap(({ generation }, index) =>
    buildSlides([generation], words).map((slide) => ({ ...slide, panels: slide.panels.map((panel) => ({ ...panel, label: `${lines[index] ?? ""} · ${panel.label}` })) })),
  );
};

/**
 * A slide's pictures, each captioned with its revised prompt; its notes hold the prompts whole. `hidden`: of a
 * blind comparison not yet revealed, whose revised prompts wait for the reveal (a model's way of rewriting
 * would name it), as its card says.
 */
const picturesPage = (slide: Slide, words: Words, hidden: boolean): PicturesPage => {
  const named = (name: string, text: string) => `${name}${words.separator}${text}`;
  const revised = (text: string) => (text !== "" ? text : hidden ? words.hidden : words.noRevised);
  const negatives = [...new Set(slide.panels.map((panel) => panel.negativePrompt))];
  return {
    kind: "pictures",
    heading: slide.prompt,
    panels: slide.panels.map((panel) => ({ label: panel.label, image: panel.image, missing: panel.missing, detail: { lead: named(words.revised, ""), text: revised(panel.revisedPrompt) } })),
    footer: null,
    notes: [
      named(words.prompt, slide.prompt),
      // When the panels share one: panels that differ are a grid's row across negative prompts, each named by its own.
      ...(negatives.length === 1 ? negatives.filter(Boolean).map((negative) => named(words.negativePrompt, negative)) : []),
      ...slide.panels.map((panel) => `${panel.label} · ${named(words.revised, revised(panel.revisedPrompt))}`),
    ].join("\n\n"),
  };
};

/**
 * One line per generation shown: its item's number (and column's, or a batch's line, as the take-away's other
 * files name it: "1 · Line 2"), its model (or letter), size, seed, images, options and negative prompt.
 */
const settingsRows = (
  items: readonly NumberedItem[],
  words: { hidden: string; blindModel: string; onOff: (value: boolean) => string; names: SetNameWords },
): string[][] =>
  items.flatMap(({ item, number }) => {
    const generations = item.kind === "generation" ? [item] : item.columns.map(({ generation }) => generation);
    const hidden = item.kind === "comparison" && isHidden(item);
    const lines = item.kind === "comparison" && isBatch(item) ? setColumnNames(item, words.names) : null;
    return generations.map((generation, column) => {
      const { request } = generation;
      const model = item.kind === "comparison" && isModelComparison(item) ? columnLabel(item, column, words.blindModel) : nameModels(request.model);
      return [
        lines ? `${number} · ${lines[column] ?? ""}` : generations.length > 1 ? `${number}.${column + 1}` : `${number}`,
        model,
        hidden ? words.hidden : formatSize(requestSize(request)),
        String(generation.seed ?? request.seed ?? ""),
        String(generation.images.length),
        words.onOff(request.promptExtend),
        words.onOff(request.watermark),
        request.negativePrompt,
      ];
    });
  });
