import { memo, useCallback, type Dispatch, type Ref, type SetStateAction } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { BatchCard } from "@/components/batch/batch-card";
import { ComparisonCard } from "@/components/compare/comparison-card";
import { GridCard } from "@/components/grid/grid-card";
import { format } from "@/lib/i18n/format";
import { isBatch, isGrid, isModelComparison } from "@/lib/generation/set-kind";
import type { HistoryItem } from "@/lib/generation/view";
import { excerpt } from "@/lib/text/well-formed";
import type { HistoryActions } from "./actions";
import { GenerationCard } from "./generation-card";
import { DeletedNotice } from "./deleted-notice";
import { useStableActions } from "./use-stable-actions";

type Selection = ReadonlyMap<string, HistoryItem>;

/**
 * The history's cards, each re-rendered only when its own item, its selection or its deletion changes: a
 * page landing, a click on one card's Select or a delete leaves every other card as it was (with hundreds
 * loaded, re-rendering them all was most of each landing's time). `onSelect`, `onUndo` and `onHold` must
 * keep their identity (a state setter, the pending deletes' own); `actions` need not.
 */
export function CardList({
  ref,
  items,
  deleting,
  selected,
  actions,
  onSelect,
  onUndo,
  onHold,
}: {
  /** The list's own element: its children are the rows (see useListFocus). */
  ref?: Ref<HTMLDivElement>;
  items: readonly HistoryItem[];
  deleting: ReadonlySet<string>;
  selected: Selection;
  actions: HistoryActions;
  onSelect: Dispatch<SetStateAction<Selection>>;
  onUndo: (id: string) => void;
  onHold: (id: string, held: boolean) => void;
}) {
  const stable = useStableActions(actions);
  const toggle = useCallback(
    (item: HistoryItem) =>
      onSelect((current) => {
        const next = new Map(current);
        if (next.has(item.id)) next.delete(item.id);
        else next.set(item.id, item);
        return next;
      }),
    [onSelect],
  );
  return (
    <div ref={ref} className="space-y-4">
      {items.map((item) => (
        <CardRow
          key={item.id}
          item={item}
          deleting={deleting.has(item.id)}
          selected={selected.has(item.id)}
          actions={stable}
          onToggle={toggle}
          onUndo={onUndo}
          onHold={onHold}
        />
      ))}
    </div>
  );
}

type RowProps = {
  item: HistoryItem;
  deleting: boolean;
  selected: boolean;
  actions: HistoryActions;
  onToggle: (item: HistoryItem) => void;
  onUndo: (id: string) => void;
  onHold: (id: string, held: boolean) => void;
};

/** One entry: its card, or what a deletion leaves in its place. No element of its own: the list's children are its rows (see useListFocus). */
const CardRow = memo(function CardRow({ item, deleting, selected, actions, onToggle, onUndo, onHold }: RowProps) {
  if (deleting) return <DeletedNotice item={item} onUndo={() => onUndo(item.id)} onHold={(held) => onHold(item.id, held)} />;
  const selection = <SelectBox item={item} selected={selected} onToggle={onToggle} />;
  return item.kind === "generation" ? (
    <GenerationCard initial={item} actions={actions} selection={selection} />
  ) : isBatch(item) ? (
    <BatchCard initial={item} actions={actions} selection={selection} />
  ) : isGrid(item) ? (
    <GridCard initial={item} actions={actions} selection={selection} />
  ) : isModelComparison(item) ? (
    <ComparisonCard initial={item} actions={actions} selection={selection} />
  ) : null;
});

function SelectBox({ item, selected, onToggle }: { item: HistoryItem; selected: boolean; onToggle: (item: HistoryItem) => void }) {
  const t = useMessages().history;
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
      <input
        type="checkbox"
        aria-label={format(t.selectItem, { prompt: excerpt(item.request.prompt, 60) })}
        className="accent-indigo-600"
        checked={selected}
        onChange={() => onToggle(item)}
      />
      {t.select}
    </label>
  );
}
