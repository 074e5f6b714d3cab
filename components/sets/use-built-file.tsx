import { useState, type ReactNode } from "react";
import { useRuleText } from "@/components/i18n/i18n-provider";
import { apiResponse } from "@/lib/api/client";
import { fileNameOf } from "@/lib/download/file-name";
import { format } from "@/lib/i18n/format";
import { DownloadRefused } from "./download-refused";

/**
 * What the page says of one kind of file while it is made and fetched (`progress` has `{percent}`, `failed`
 * `{error}`), and once it is handed to the browser (`done`).
 */
export type BuiltFileWords = { preparing: string; downloading: string; progress: string; failed: string; done: string };

type BuiltFileState = { kind: "idle" } | { kind: "done" } | { kind: "preparing" } | { kind: "downloading"; percent: number | null } | { kind: "failed"; message: string };

/**
 * A file the server builds whole before its first byte (a deck, a contact sheet, a grid's picture: a large one
 * takes seconds, and the browser's download bar shows nothing until the first byte) is fetched by the page,
 * which says meanwhile that it is being prepared, then how much has arrived, and hands it to the browser to
 * save once whole; a refusal is said in words instead of being saved as a file. While `busy`, `start` does
 * nothing: a second click would only build it a second time. Such a file is at most tens of megabytes (a zip,
 * which can be gigabytes, streams to the download bar instead).
 */
export function useBuiltFile(
  href: string,
  { words, fallbackName, headers }: { words: BuiltFileWords; fallbackName: string; headers?: Record<string, string> },
): { busy: boolean; start: () => void; status: ReactNode } {
  const ruleText = useRuleText();
  const [state, setState] = useState<BuiltFileState>({ kind: "idle" });
  const busy = state.kind === "preparing" || state.kind === "downloading";

  const download = async () => {
    setState({ kind: "preparing" });
    try {
      const response = await apiResponse(href, { headers });
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
      link.download = fileNameOf(response.headers.get("content-disposition")) ?? fallbackName;
      link.click();
      // The browser has the file once the click is handled; the address is let go a little later.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      // Said, not just cleared: a screen reader heard it being prepared, and would never hear that it came.
      setState({ kind: "done" });
    } catch (error) {
      setState({ kind: "failed", message: ruleText(error instanceof Error ? error.message : String(error)) });
    }
  };

  const said =
    state.kind === "preparing" ? words.preparing : state.kind === "done" ? words.done : state.kind === "downloading" ? (state.percent === null ? words.downloading : format(words.progress, { percent: state.percent })) : "";
  return {
    busy,
    start: () => {
      if (!busy) void download();
    },
    status: (
      <>
        {/* A live region, not a second "status" in a card that has its own progress. Out of the row while it
            says nothing: an empty box there would be a second gap after the control. */}
        <span aria-live="polite" className="text-xs text-slate-600 empty:sr-only dark:text-slate-400">
          {said}
        </span>
        {state.kind === "failed" && <DownloadRefused>{format(words.failed, { error: state.message })}</DownloadRefused>}
      </>
    ),
  };
}
