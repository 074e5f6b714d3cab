import type { Page } from "@playwright/test";

/**
 * Records the page's layout shifts (those after input excepted, as CLS excepts them), each with what moved and
 * its two places, so that a failure names the element. `fromStart`: those since the page began to load as well
 * (the browser's buffer), else only those from now on. Installed in the page as it is (a reload drops it).
 */
export async function watchShifts(page: Page, fromStart: boolean): Promise<void> {
  await page.evaluate((buffered) => {
    type Source = { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
    const seen: string[] = [];
    const where = (rect: DOMRectReadOnly) => `${rect.x},${rect.y} ${rect.width}*${rect.height}`;
    const name = (node: Node | null) => (node instanceof Element ? `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ""}.${node.className} "${node.textContent?.slice(0, 40)}"` : String(node?.nodeName));
    (window as unknown as { __shifts: string[] }).__shifts = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean; sources: Source[] }>) {
        if (!entry.hadRecentInput) seen.push(`${entry.value} at ${Math.round(entry.startTime)} ms: ${entry.sources.map((source) => `${name(source.node)} ${where(source.previousRect)} -> ${where(source.currentRect)}`).join("; ")}`);
      }
    }).observe({ type: "layout-shift", buffered });
  }, fromStart);
}

/** The shifts recorded since `watchShifts`, after two frames (a shift is reported with the frame after it). */
export async function shiftsSeen(page: Page): Promise<string[]> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => [...(window as unknown as { __shifts: string[] }).__shifts]);
}
