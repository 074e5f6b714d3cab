import { Button } from "@/components/ui/button";
import { useMessages } from "@/components/i18n/i18n-provider";

/** The note that says the form's work was replaced, with the way back. */
export function ReplacedNote({ said, onUndo }: { said: string; onUndo: () => void }) {
  const common = useMessages().common;
  return (
    <p role="status" className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
      {said}
      <Button size="sm" onClick={onUndo}>
        {common.examplesUndo}
      </Button>
    </p>
  );
}
