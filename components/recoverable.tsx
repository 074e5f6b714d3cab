import { useState, useSyncExternalStore, type ComponentType } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";

type Load<P> = () => Promise<ComponentType<P>>;

/**
 * A lazy part's loader that cannot fail. When the part's code cannot be fetched (the network dropped, or a
 * deploy replaced the build since the page loaded and the old chunk names are gone), it resolves to a note in
 * the part's place, where a failed loader would make the part throw at render and take the whole page to the
 * error page. next/dynamic keeps what its loader first resolved to, so Try again is the note's own: it fetches
 * the code afresh, and once it is here every note of that part, shown or shown later, is the part itself.
 * Kept to what the first load already holds (React, the messages, the button): it ships with every page.
 */
export const recoverable = <P extends object>(load: Load<P>): Load<P> => {
  let part: ComponentType<P> | undefined;
  const notes = new Set<() => void>();
  const subscribe = (change: () => void) => {
    notes.add(change);
    return () => void notes.delete(change);
  };
  const retry = () =>
    load().then((loaded) => {
      part = loaded;
      notes.forEach((change) => change());
    });

  function Unloaded(props: P) {
    const t = useMessages().common;
    const Part = useSyncExternalStore(subscribe, () => part);
    const [trying, setTrying] = useState(false);
    // A dialog's part: the note is as much in view as the dialog would have been, and closes as it would have,
    // giving the keyboard's place back to what opened it.
    const { onClose } = props as { onClose?: () => void };
    const [opener] = useState(() => document.activeElement);
    if (Part) return <Part {...props} />;
    return (
      <p
        role="alert"
        className={`rounded-md border border-red-200 dark:border-red-800 bg-red-50 p-3 text-sm text-red-800 dark:text-red-200 ${onClose ? "fixed inset-x-4 bottom-4 z-50 mx-auto max-w-md shadow-lg dark:bg-red-950" : "dark:bg-red-950/40"}`}
      >
        {t.partUnloaded}{" "}
        <Button
          disabled={trying}
          reason={t.working}
          onClick={() => {
            setTrying(true);
            retry().catch(() => setTrying(false));
          }}
        >
          {t.partRetry}
        </Button>{" "}
        {onClose && (
          <Button
            onClick={() => {
              onClose();
              if (opener instanceof HTMLElement) opener.focus();
            }}
          >
            {t.partClose}
          </Button>
        )}
      </p>
    );
  }
  return () => load().catch(() => Unloaded);
};
