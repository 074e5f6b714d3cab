import type { Page } from "@playwright/test";

/**
 * What a screen reader would hear of the page's live regions from now on: each time a live region's text
 * changes to something new (and not empty), that text; a region put on the page with its text counts too.
 * Installed in the page as it is (a client-side navigation or refresh keeps it; a reload does not).
 */
export async function listen(page: Page): Promise<void> {
  await page.evaluate(() => {
    const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
    const said: string[] = [];
    const last = new WeakMap<Element, string>();
    (window as unknown as { __heard: string[] }).__heard = said;
    new MutationObserver((records) => {
      const regions = new Set<Element>();
      for (const record of records) {
        const node = record.target instanceof Element ? record.target : record.target.parentElement;
        const region = node?.closest(LIVE);
        if (region) regions.add(region);
        for (const added of record.addedNodes) {
          if (!(added instanceof Element)) continue;
          if (added.matches(LIVE)) regions.add(added);
          for (const inner of added.querySelectorAll(LIVE)) regions.add(inner);
        }
      }
      for (const region of regions) {
        const text = (region.textContent ?? "").replace(/\s+/g, " ").trim();
        if (last.get(region) === text) continue;
        last.set(region, text);
        if (text) said.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["aria-live", "role"] });
  });
}

/** What was heard since `listen`. */
export const heard = (page: Page): Promise<string[]> => page.evaluate(() => [...(window as unknown as { __heard: string[] }).__heard]);
