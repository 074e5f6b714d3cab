import { useState, type MouseEvent, type ReactNode } from "react";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { apiResponse } from "@/lib/api/client";
import { checkAddress } from "@/lib/download/download-check";
import { format } from "@/lib/i18n/format";
import { useHelp } from "@/components/ui/use-help";
import { DownloadRefused } from "./download-refused";

/** A download's link, looking like the buttons beside it, and as tall (a row of both keeps even gaps). */
export const downloadLinkClass = "inline-flex items-center rounded-md border border-slate-300 dark:border-slate-600 px-3 py-2 text-sm font-medium shadow-sm hover:bg-slate-50 dark:hover:bg-slate-800";

/** A new tab, a new window or "save link as" is the person's own choice: the browser's to handle. */
export const leftToBrowser = (event: MouseEvent<HTMLAnchorElement>): boolean => event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;

/**
 * A file the browser saves as it arrives (a zip can be gigabytes, so it is never held in the page): the page
 * first asks the route whether it would be refused (lib/download/download-check.ts), so a refusal (the rate
 * limit, a set deleted meanwhile) is said here in words, not left as a failed file in the download bar. A file
 * built whole before its first byte shows nothing there for seconds: ./built-file-link.tsx fetches it instead.
 */
export function DownloadLink({ href, title, children }: { href: string; title: string; children: ReactNode }) {
  const t = useMessages().sets;
  const ruleText = useRuleText();
  const [state, setState] = useState<{ kind: "idle" } | { kind: "checking" } | { kind: "failed"; message: string }>({ kind: "idle" });
  const help = useHelp(title);

  const onClick = async (event: MouseEvent<HTMLAnchorElement>) => {
    if (leftToBrowser(event)) return;
    event.preventDefault();
    if (state.kind === "checking") return;
    setState({ kind: "checking" });
    try {
      await apiResponse(checkAddress(href));
      setState({ kind: "idle" });
      const link = document.createElement("a");
      link.href = href;
      link.download = "";
      link.click();
    } catch (error) {
      setState({ kind: "failed", message: ruleText(error instanceof Error ? error.message : String(error)) });
    }
  };

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <a href={href} download {...help.props} className={downloadLinkClass} onClick={(event) => void onClick(event)} aria-busy={state.kind === "checking"}>
        {children}
      </a>
      {help.node}
      {state.kind === "failed" && <DownloadRefused>{format(t.downloadFailed, { error: state.message })}</DownloadRefused>}
    </span>
  );
}
