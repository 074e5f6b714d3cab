import { useCallback, useEffect, useMemo, useRef } from "react";

/**
 * A native modal <dialog> opened on mount: it traps focus and closes on Escape. Closing goes through
 * `close()`, so the browser gives focus back to what opened it before React removes the element.
 * The returned object is stable, so effects may depend on it.
 */
export const useModalDialog = () => {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = ref.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  const close = useCallback(() => ref.current?.close(), []);
  return useMemo(() => ({ ref, close }), [close]);
};
