import type { InputImageView } from "../generation/view";
import { format } from "../i18n/format";
import type { Messages } from "../i18n/messages/en";
import { formatSize } from "../models/size-rules";
import { excerpt } from "../text/well-formed";

/** An edit's input as its settings name it: its size, and where it came from as far as the page may say. */
export const inputOrigin = (input: InputImageView, card: Messages["edit"]["card"]): string => {
  const size = formatSize(input);
  if (input.from) return format(card.inputFrom, { size, prompt: excerpt(input.from.prompt, 60) });
  return format(input.fromHistory ? card.inputFromHistory : card.inputUploaded, { size });
};
