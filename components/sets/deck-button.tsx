import { useState } from "react";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { apiResponse } from "@/lib/api/client";
import { fileNameOf } from "@/lib/download/file-name";
import { format } from "@/lib/i18n/format";
import { TIME_ZONE_HEADER } from "@/lib/i18n/time-zone";
import { useHelp } from "@/components/ui/use-help";
import { DownloadRefused, downloadLinkClass } from "./download-link";

type DeckState = { kind: "idle" } | { kind: "preparing" } | { kind: "downloading"; percent: number | null } | { kind: "failed"; message: string };

/**
 * "Download as slides": a deck is built whole on the server before its first byte (a large one takes a
 * while), so the page says it is being prepared, then how much has arrived, then hands the file to the
 * browser to save; a refusal (the rate limit, a set deleted meanwhile) is said in words instead of being
 * saved as a file. `help`: what the deck holds, where it is not the history's own deck (a poll's report).
 */
export function DeckButton({ href, help }: { href: string; help?: string }) {
  const t = useMessages().sets;
  const ruleText = useRuleText();
  const [state, setState] = useState<DeckState>({ kind: "idle" });
  const busy = state.kind === "preparing" || state.kind === "downloading";
  const described = useHelp(help ?? t.deckHelp);

  const download = async () => {
    setState({ kind: "preparing" });
    try {
      // Its cover is dated where the reader is.
      const response = await apiResponse(href, { headers: { [TIME_ZONE_HEADER]: Intl.DateTimeFormat().resolvedOptions().timeZone } });
      const total = Number(response.headers.get("content-length")) || null;
      const reader = response.body?.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      for (;;) {
        const next = await reader?.read();
        if (!next || next.done) break;
        chunks.push(next.value);
        received += next.value.byteLength;
        setState({ kind: "downloading", percent: total ? Math.min(100, Math.round((100 * received) / total)) : null });
      }
      const url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get("content-type") ?? "application/octet-stream" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = fileNameOf(response.headers.get("content-disposition")) ?? "slides.pptx";
      link.click();
      // The browser has the file once the click is handled; the address is let go a little later.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ kind: "idle" });
    } catch (error) {
      setState({ kind: "failed", message: ruleText(error instanceof Error ? error.message : String(error)) });
    }
  };

  const status =
    state.kind === "preparing" ? t.deckPreparing : state.kind === "downloading" ? (state.percent === null ? t.deckDownloading : format(t.deckProgress, { percent: state.percent })) : "";
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" {...described.props} className={downloadLinkClass} onClick={busy ? undefined : () => void download()} aria-disabled={busy}>
        {t.deck}
      </button>
      {described.node}
      {/* A live region, not a second "status" in a card that has its own progress. Out of the row while it
          says nothing: an empty box there would be a second gap after the button. */}
      <span aria-live="polite" className="text-xs text-slate-600 empty:sr-only dark:text-slate-400">
        {status}
      </span>
      {state.kind === "failed" && <DownloadRefused>{format(t.deckFailed, { error: state.message })}</DownloadRefused>}
    </span>
  );
}
