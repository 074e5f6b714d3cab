import { useState, type ComponentProps } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";

/** Clipboard writes need a secure context; over plain http the old selection trick still works. */
const copyText = async (text: string) => {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement("textarea");
  area.value = text;
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  document.execCommand("copy");
  area.remove();
};

/** `name`: a fuller accessible name than the visible label (which it must contain), for a compact button. */
export function CopyButton({ text, label, name, size }: { text: string; label: string; name?: string; size?: ComponentProps<typeof Button>["size"] }) {
  const t = useMessages().history.copy;
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const outcome = state === "copied" ? t.copied : state === "failed" ? t.failed : "";
  return (
    <>
      <Button
        {...(name && state === "idle" && { "aria-label": name })}
        {...(size && { size })}
        onClick={() => {
          void copyText(text)
            .then(() => setState("copied"), () => setState("failed"))
            .finally(() => setTimeout(() => setState("idle"), 1500));
        }}
      >
        {outcome || label}
      </Button>
      {/* A button's own text changing is not read out: the outcome is said here (a live region, not a status of the page). */}
      <span aria-live="polite" className="sr-only">
        {outcome}
      </span>
    </>
  );
}
