/** A stored image's address: its full size, or its thumbnail. */
const STORED = /^\/api\/images\/[^/]+(?:\/thumb)?$/;
/** Waits before each new try; then the image is left broken (deleted, most likely). */
const WAITS_MS = [2_000, 5_000, 10_000, 20_000, 40_000];

/**
 * A stored image that failed to load (the bucket away for a while, an instance restarting) is asked for again
 * a few times, further apart each time, so the page mends itself once the store is back instead of keeping
 * broken pictures until a reload. One listener for every picture of the page: a failed load does not bubble,
 * so it is heard on its way down. The new try has an address of its own (`?retry=N`, which the route does not
 * read), as the browser may keep the failure under the old one. Installed with the first thing to show such
 * images (the history's cards, a shared page), not with the first screen, whose script it would only weigh.
 */
let installed = false;

/** Installs it for the page's life, once however often it is asked. */
export const mendStoredImages = () => {
  if (installed) return;
  installed = true;
  const tries = new WeakMap<HTMLImageElement, number>();
  const failed = (event: Event) => {
    const image = event.target;
    if (!(image instanceof HTMLImageElement) || image.src === "") return;
    const url = new URL(image.src, location.href);
    if (url.origin !== location.origin || !STORED.test(url.pathname)) return;
    const tried = tries.get(image) ?? 0;
    const wait = WAITS_MS[tried];
    if (wait === undefined) return;
    tries.set(image, tried + 1);
    setTimeout(() => {
      // Gone from the page, or pointed elsewhere meanwhile (a thumbnail swapped for its full size).
      if (!image.isConnected || new URL(image.src, location.href).pathname !== url.pathname) return;
      url.searchParams.set("retry", String(tried + 1));
      image.src = url.href;
    }, wait);
  };
  document.addEventListener("error", failed, true);
};
