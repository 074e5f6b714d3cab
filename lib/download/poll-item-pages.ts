import { format } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";
import { modelName } from "../models/model-name";
import type { ItemResult } from "../polls/poll-results";
import { placeLabel } from "../polls/place-label";
import { slideParts } from "../present/slide-parts";
import type { DeckPage } from "./deck";

/**
 * A poll's items as slides, each headed by its prompt (and, made from a grid, where in it): the item's images
 * under their models' names with the votes each got, a model too many for one slide going on over the next
 * (as a grid's row does), each slide saying which part of its item it is; the notes hold every model's count.
 */
export const pollItemPages = (items: readonly ItemResult[], locale: Locale): DeckPage[] => {
  const messages = MESSAGES[locale];
  const { leaderboard: t, sets } = messages;
  return items.flatMap((item, index): DeckPage[] => {
    const others = format(t.itemOther, { ties: item.ties, bad: item.bad });
    const picks = item.candidates.map((candidate) => `${modelName(candidate.model)}${sets.slides.separator}${format(t.picks, { count: candidate.picks })}`);
    const place = placeLabel(item.place, messages);
    const heading = place ? `${item.prompt} — ${place}` : item.prompt;
    const notes = [heading, ...picks, others].join("\n\n");
    const parts = slideParts(item.candidates);
    return parts.map((part, partIndex): DeckPage => ({
      kind: "pictures",
      heading,
      panels: part.map((candidate) => ({
        label: modelName(candidate.model),
        image: { id: candidate.imageId },
        missing: null,
        detail: { lead: "", text: format(t.picks, { count: candidate.picks }) },
      })),
      footer: [
        parts.length > 1 ? format(t.itemPart, { n: index + 1, part: partIndex + 1, parts: parts.length }) : format(t.item, { n: index + 1 }),
        others,
      ].join(" · "),
      notes,
    }));
  });
};
