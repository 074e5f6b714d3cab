import { useId, type ReactNode } from "react";

/**
 * A control's help for everyone: the pointer's tooltip (`title`), and for a keyboard or a screen reader the
 * same words as its description, from a hidden element (a tooltip alone reaches only a pointer).
 */
export const useHelp = (text: string | undefined): { props: { title?: string; "aria-describedby"?: string }; node: ReactNode } => {
  const id = `${useId()}-help`;
  if (!text) return { props: {}, node: null };
  return {
    props: { title: text, "aria-describedby": id },
    node: (
      <span id={id} hidden>
        {text}
      </span>
    ),
  };
};
