import { useRef, useState, type ComponentProps } from "react";
import { Button } from "./button";
import { useFocusWhen } from "./use-focus-when";

/**
 * A button for what cannot be taken back lightly: the first press asks, in place, and only the second one
 * acts. Focus goes to the yes (to "keep" after a no), and Escape keeps things as they are.
 */
export function ConfirmButton({
  label,
  question,
  yes,
  no,
  onConfirm,
  variant = "secondary",
  disabled,
  name,
  id,
}: {
  label: string;
  question: string;
  yes: string;
  no: string;
  onConfirm: () => void;
  variant?: ComponentProps<typeof Button>["variant"];
  disabled?: boolean;
  /** The asking button's accessible name, where its label alone does not say what it acts on (a list's "Delete"). */
  name?: string;
  id?: string;
}) {
  const [asking, setAsking] = useState(false);
  const yesButton = useFocusWhen<HTMLButtonElement>(asking);
  const askButton = useRef<HTMLButtonElement>(null);
  const cancel = () => {
    setAsking(false);
    requestAnimationFrame(() => askButton.current?.focus());
  };
  if (!asking) {
    return (
      <Button ref={askButton} id={id} variant={variant} onClick={() => setAsking(true)} disabled={disabled} aria-label={name}>
        {label}
      </Button>
    );
  }
  return (
    <span
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          cancel();
        }
      }}
      className="inline-flex flex-wrap items-center gap-2 rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 px-2 py-1 text-sm text-amber-900 dark:text-amber-100"
    >
      <span>{question}</span>
      <Button
        ref={yesButton}
        variant={variant === "danger" ? "danger" : "primary"}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {yes}
      </Button>
      <Button onClick={cancel}>{no}</Button>
    </span>
  );
}
