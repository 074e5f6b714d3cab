"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";

/**
 * The router's refresh (the server renders the page again, in place), without fetching the stylesheet again.
 * Next writes the stylesheet into the page as a `<style>` (its `inlineCss`), but a refresh's payload asks React to
 * preload the same file, and React looks for a copy already in the page among `<link>`s only: the file was
 * downloaded for nothing, and Chromium warned that a preload went unused. A preload for no media is such a
 * `<link>`, and the browser fetches nothing for it.
 */
export function useRefresh(): () => void {
  const router = useRouter();
  return useCallback(() => {
    for (const style of document.querySelectorAll<HTMLStyleElement>("style[data-href]")) {
      for (const href of style.dataset.href?.split(" ") ?? []) {
        if (document.head.querySelector(`link[rel="preload"][as="style"][href="${CSS.escape(href)}"]`)) continue;
        document.head.append(Object.assign(document.createElement("link"), { rel: "preload", as: "style", media: "not all", href }));
      }
    }
    router.refresh();
  }, [router]);
}
