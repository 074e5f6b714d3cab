import { useCallback, useEffect, useMemo, useRef, type RefObject } from "react";

/**
 * A native modal <dialog> opened on mount: it traps focus and closes on Escape. Closing goes through
 * `close()`, so the browser gives focus back to what opened it before React removes the element.
 * The returned object is stable, so effects may depend on it.
 *
 * `firstFocus` is where the focus goes on opening, for a dialog whose first control may be disabled (a
 * Previous at the first item): the browser would put it there, on a button that does nothing.
 */
export const useModalDialog = (firstFocus?: RefObject<HTMLElement | null>) => {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = ref.current;
    element?.showModal();
    firstFocus?.current?.focus();
    return () => element?.close();
    // A ref object is stable: this runs once, on mount.
  }, [firstFocus]);
  const close = useCallback(() => ref.current?.close(), []);
  return useMemo(() => ({ ref, close }), [close]);
};
