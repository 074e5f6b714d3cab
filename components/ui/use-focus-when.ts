import { useEffect, useRef } from "react";

/**
 * A ref to what takes the focus once `when` turns true: the control pressed went with its action, and the
 * focus goes to what says what happened (or what comes next) rather than to the top of the page.
 */
export const useFocusWhen = <Element extends HTMLElement>(when: boolean) => {
  const ref = useRef<Element>(null);
  useEffect(() => {
    if (when) ref.current?.focus();
  }, [when]);
  return ref;
};
