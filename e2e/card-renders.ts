import type { Page } from "@playwright/test";

/** The history's cards that rendered since the last look: mounted ones, and ones already there that rendered again. */
export type CardRenders = { mounted: string[]; rendered: string[] };

type Fiber = { tag: number; type: unknown; flags: number; stateNode: unknown; child: Fiber | null; sibling: Fiber | null; alternate: Fiber | null };

/**
 * Has the page tell which of the history's cards React renders, commit by commit, through the hook React's
 * developer tools use (production builds call it too). A card is a component whose own element is an
 * `<article>` in the history's list, named by its aria-label. Only the parts of the tree a commit went
 * through are walked: a subtree React skipped whole keeps the fibers of an earlier commit.
 */
export const watchCardRenders = (page: Page) =>
  page.addInitScript(() => {
    const FUNCTION_COMPONENT = 0;
    const HOST_COMPONENT = 5;
    const PERFORMED_WORK = 1;
    const seen: CardRenders = { mounted: [], rendered: [] };
    const card = (fiber: Fiber): string | null => {
      const element = fiber.child?.tag === HOST_COMPONENT && fiber.child.type === "article" ? fiber.child.stateNode : null;
      if (!(element instanceof HTMLElement) || !element.parentElement?.parentElement?.matches('section[aria-labelledby="history-heading"]')) return null;
      return element.getAttribute("aria-label") ?? "";
    };
    const visit = (fiber: Fiber) => {
      const name = fiber.tag === FUNCTION_COMPONENT ? card(fiber) : null;
      if (name !== null) {
        if (!fiber.alternate) seen.mounted.push(name);
        else if (fiber.flags & PERFORMED_WORK) seen.rendered.push(name);
      }
      if (fiber.alternate && fiber.alternate.child === fiber.child) return;
      for (let child = fiber.child; child; child = child.sibling) visit(child);
    };
    Object.assign(window, {
      cardRenders: seen,
      __REACT_DEVTOOLS_GLOBAL_HOOK__: {
        supportsFiber: true,
        isDisabled: false,
        renderers: new Map(),
        inject: () => 1,
        checkDCE: () => undefined,
        onScheduleFiberRoot: () => undefined,
        onCommitFiberUnmount: () => undefined,
        onPostCommitFiberRoot: () => undefined,
        onCommitFiberRoot: (_renderer: number, root: { current: Fiber }) => visit(root.current),
      },
    });
  });

/** The cards rendered since the last call (or since the page loaded), counting afresh from now. */
export const takeCardRenders = (page: Page): Promise<CardRenders> =>
  page.evaluate(() => {
    const seen = (window as unknown as { cardRenders: CardRenders }).cardRenders;
    const taken = { mounted: seen.mounted.splice(0), rendered: seen.rendered.splice(0) };
    return taken;
  });
