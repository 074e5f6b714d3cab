import { useRef } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

/** The vote for the candidate shown, as its button on the page has it (waiting for the pictures, or a vote). */
export type CandidatePick = { label: string; disabled: boolean; reason: string; onPick: () => void };

/**
 * One candidate of a vote as large as the screen allows, for a voter whose side-by-side pictures are small (on
 * a phone, three share 390 px). It shows what the page shows and nothing more: the same anonymised picture
 * under its letter (with its model only once the poll reveals it), its pick and Close. A native modal
 * <dialog>: it traps focus, closes on Escape and gives the focus back to the button that opened it.
 */
export function EnlargedCandidate({ src, label, caption, pick, onClose }: { src: string; label: string; caption: string; pick: CandidatePick | null; onClose: () => void }) {
  const t = useMessages().polls.vote;
  const closeButton = useRef<HTMLButtonElement>(null);
  // Close, not the pick, takes the focus: a pick waiting for the pictures would hold it while doing nothing,
  // and an Enter meant to close would vote.
  const dialog = useModalDialog(closeButton);
  return (
    <dialog
      ref={dialog.ref}
      onClose={onClose}
      aria-label={label}
      className="m-auto h-[95dvh] max-h-none w-[min(1400px,96vw)] max-w-none overflow-hidden rounded-lg bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/80 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="grid h-full grid-rows-[minmax(0,1fr)_auto]">
        <div className="flex min-h-0 items-center justify-center bg-slate-100 p-2 dark:bg-slate-950">
          {/* eslint-disable-next-line @next/next/no-img-element -- anonymised images served by the poll */}
          <img src={src} alt={label} className="max-h-full max-w-full rounded object-contain" />
        </div>
        <div className="flex flex-wrap items-center gap-2 p-3">
          <p className="mr-auto text-sm font-medium">{caption}</p>
          {pick && (
            <Button
              variant="primary"
              disabled={pick.disabled}
              reason={pick.reason}
              onClick={() => {
                pick.onPick();
                dialog.close();
              }}
            >
              {pick.label}
            </Button>
          )}
          <Button ref={closeButton} onClick={dialog.close}>
            {t.close}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
