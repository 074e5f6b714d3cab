import { useState, type ClipboardEvent } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { format } from "@/lib/i18n/format";
import { charCount, cutText } from "@/lib/text/well-formed";

/**
 * A text field that stops at `max` characters (the upstream would cut a longer negative prompt without a
 * word): what a paste did not fit is said, rather than dropped silently by the field's maxLength. Answers
 * the sentence to show (null when nothing was cut) and the field's paste handler. Counts, not text, are kept:
 * the sentence is worded at render, in the language of the moment.
 */
export const usePasteCut = (max: number): { said: string | null; onPaste: (event: ClipboardEvent<HTMLTextAreaElement>) => void } => {
  const t = useMessages().playground.form;
  const [cut, setCut] = useState<{ fit: number; pasted: number } | null>(null);
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    // A text field keeps line ends as "\n": pasted "\r\n" (Windows) would count two characters a line.
    const pasted = event.clipboardData.getData("text").replace(/\r\n?/g, "\n");
    const target = event.currentTarget;
    const replaced = target.value.slice(target.selectionStart, target.selectionEnd);
    const room = Math.max(0, max - (charCount(target.value) - charCount(replaced)));
    const pastedCount = charCount(pasted);
    setCut(pastedCount > room ? { fit: room, pasted: pastedCount } : null);
    // The field's maxLength counts UTF-16 units, two for an emoji or a rare CJK character: left to it, such a
    // paste would be cut short of the characters it has room for. Put in here instead, by characters.
    if (pastedCount === pasted.length && pastedCount <= room) return;
    event.preventDefault();
    target.setRangeText(cutText(pasted, room), target.selectionStart, target.selectionEnd, "end");
    // As typing would: the form hears of it.
    target.dispatchEvent(new Event("input", { bubbles: true }));
  };
  return { said: cut ? format(t.negativePasteCut, { ...cut, max }) : null, onPaste };
};
