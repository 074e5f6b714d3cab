import type { ReactNode } from "react";
import { Button } from "./button";
import { useModalDialog } from "./use-modal-dialog";

/**
 * A modal panel with a heading, its actions and a Close button: the code dialog and "Check connection". It
 * opens on mount, traps focus, closes on Escape and gives focus back to what opened it.
 */
export function DialogFrame({
  label,
  heading,
  closeLabel,
  actions,
  onClose,
  children,
}: {
  label: string;
  heading: string;
  closeLabel: string;
  actions?: ReactNode;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useModalDialog();
  return (
    <dialog
      ref={dialog.ref}
      onClose={onClose}
      aria-label={label}
      className="m-auto max-h-[90vh] w-[min(900px,95vw)] overflow-y-auto rounded-lg bg-white dark:bg-slate-900 p-0 text-slate-900 dark:text-slate-100 shadow-2xl backdrop:bg-slate-900/70"
    >
      <div className="space-y-4 p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-semibold">{heading}</h2>
          <div className="flex gap-2">
            {actions}
            <Button onClick={dialog.close}>{closeLabel}</Button>
          </div>
        </div>
        {children}
      </div>
    </dialog>
  );
}
