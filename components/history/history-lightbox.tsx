import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { generationKeys } from "@/lib/api/generations";
import { columnLabel, isHidden } from "@/lib/compare/column-label";
import { setColumnNames } from "@/lib/generation/set-names";
import type { ComparisonView, GenerationView, HistoryItem } from "@/lib/generation/view";
import type { Messages } from "@/lib/i18n/messages";
import type { HistoryActions } from "./actions";
import { Lightbox, type LightboxEntry } from "./lightbox";
import { useOnward, type MorePages } from "./use-onward";

/**
 * The history's lightbox over the loaded list, loaded the first time an image is opened: naming a grid's
 * cells takes the grid's planning code, which the first screen does without. Past the loaded list's last
 * image, Next loads the history's next page (`more`) and goes on.
 */
export function HistoryLightbox({
  items,
  more,
  viewing,
  onView,
  actions,
  onClose,
  onGone,
}: {
  items: readonly HistoryItem[];
  more: MorePages;
  viewing: { generationId: string; imageId: string };
  onView: (viewing: { generationId: string; imageId: string }) => void;
  actions: HistoryActions;
  onClose: () => void;
  /** The image shown is gone (deleted, in another tab say). */
  onGone: () => void;
}) {
  const client = useQueryClient();
  const messages = useMessages();
  const entries = lightboxEntries(items, client, messages.compare.blindModel, messages.grid, messages.batch.card.row);
  const keys = entries.map((entry) => `${entry.generation.id}/${entry.image.id}`);
  const index = keys.indexOf(`${viewing.generationId}/${viewing.imageId}`);
  const onIndex = (next: number) => {
    const entry = entries[next];
    if (entry) onView({ generationId: entry.generation.id, imageId: entry.image.id });
  };
  const onward = useOnward(keys, index, more, onIndex);
  if (index < 0) return <WhenGone onGone={onGone} />;
  return (
    <Lightbox
      entries={entries}
      index={index}
      onIndex={onIndex}
      onPastEnd={onward.onPastEnd}
      note={onward.state && messages.history.lightbox[onward.state === "loading" ? "loadingMore" : "moreFailed"]}
      actions={actions}
      onClose={onClose}
    />
  );
}

/** Runs `onGone` once, after the render that found what it showed gone. */
function WhenGone({ onGone }: { onGone: () => void }) {
  const once = useRef(onGone);
  useEffect(() => once.current(), []);
  return null;
}

/**
 * Every image of the loaded history in the order it is shown, for the lightbox to move through. Each item
 * as its card last saw it (the cards follow running ones in their own queries); a blind comparison's images
 * with their column's label and nothing that names the model.
 */
const lightboxEntries = (items: readonly HistoryItem[], client: QueryClient, blindModel: string, grid: Messages["grid"], batchRow: string): LightboxEntry[] =>
  items.flatMap((listed): LightboxEntry[] => {
    if (listed.kind === "generation") {
      const generation = client.getQueryData<GenerationView>(generationKeys.one(listed.id)) ?? listed;
      return generation.images.map((image) => ({ generation, image }));
    }
    const comparison = client.getQueryData<ComparisonView>(generationKeys.comparison(listed.id)) ?? listed;
    const hideSettings = isHidden(comparison);
    // A grid's cell is named by where it sits ("Seed: 7 · Model: Wan 2.6"), a batch's row by its line.
    const names = setColumnNames(comparison, { ...grid, row: batchRow });
    return comparison.columns.flatMap(({ generation }, index) =>
      generation.images.map((image) => ({ generation, image, title: names?.[index] ?? columnLabel(comparison, index, blindModel), hideSettings })),
    );
  });
