import { useEffect, useRef, type MouseEvent, type PointerEvent } from "react";

/** How long a finger rests on a button with help before the help shows instead of the button acting. */
const PRESS_MS = 500;
/** How long after the finger lifts the click it makes may still come. */
const CLICK_AFTER_MS = 400;

type Press = { timer?: ReturnType<typeof setTimeout>; touch: boolean; showed: boolean };

/**
 * A finger held on a button with help shows the help, as a phone's own tooltips do, and the button then does
 * not act: `handlers` go on the button, and `swallows(click)` says whether a click is the end of such a press.
 * Without help (none, or the button disabled) it does nothing, and a press under way is let go.
 */
export const useHeldHelp = (help: string | undefined, show: (button: HTMLElement, text: string) => void) => {
  const press = useRef<Press>({ touch: false, showed: false });
  const forget = () => {
    clearTimeout(press.current.timer);
    press.current = { touch: false, showed: false };
  };
  useEffect(() => forget, [help]);
  const showNow = (button: HTMLElement) => {
    if (!help) return;
    clearTimeout(press.current.timer);
    press.current.showed = true;
    show(button, help);
  };
  // A finger lifted, or taken by a scroll: the click it makes comes at once, and past that the next click is a
  // new one (a key's, say).
  const lift = () => {
    clearTimeout(press.current.timer);
    if (press.current.showed) press.current.timer = setTimeout(forget, CLICK_AFTER_MS);
  };
  const handlers = help
    ? {
        onPointerDown: (event: PointerEvent<HTMLElement>) => {
          forget();
          if (event.pointerType !== "touch") return;
          const button = event.currentTarget;
          press.current.touch = true;
          press.current.timer = setTimeout(() => showNow(button), PRESS_MS);
        },
        onPointerUp: lift,
        onPointerCancel: lift,
        onPointerLeave: lift,
        // Where the browser's own long press comes first (Android's, at about 400 ms): the help, not its menu.
        onContextMenu: (event: MouseEvent<HTMLElement>) => {
          if (!press.current.touch) return;
          event.preventDefault();
          if (!press.current.showed) showNow(event.currentTarget);
        },
      }
    : {};
  const swallows = (event: MouseEvent) => {
    // A key's or an assistive technology's click (no pointer: detail 0) never ends a press.
    if (!press.current.showed || event.detail === 0) return false;
    forget();
    return true;
  };
  return { handlers, swallows };
};
