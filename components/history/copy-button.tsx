import { useState } from "react";
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

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <Button
      onClick={() => {
        void copyText(text)
          .then(() => setState("copied"), () => setState("failed"))
          .finally(() => setTimeout(() => setState("idle"), 1500));
      }}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Could not copy" : label}
    </Button>
  );
}
