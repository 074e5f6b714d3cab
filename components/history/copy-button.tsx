import { useState } from "react";
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

export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useMessages().history.copy;
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <Button
      onClick={() => {
        void copyText(text)
          .then(() => setState("copied"), () => setState("failed"))
          .finally(() => setTimeout(() => setState("idle"), 1500));
      }}
    >
      {state === "copied" ? t.copied : state === "failed" ? t.failed : label}
    </Button>
  );
}
