import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeChannel } from "@/test/live-browser";

/** A tab's sessionStorage, with a draft, the mode, and a key that is not the playground's. */
const installTab = (open: boolean) => {
  const kept = new Map([
    ["playground.draft.generate", "{}"],
    ["playground.mode", "grid"],
    ["someone-else", "kept"],
  ]);
  const storage = {
    get length() {
      return kept.size;
    },
    key: (index: number) => [...kept.keys()][index] ?? null,
    getItem: (key: string) => kept.get(key) ?? null,
    setItem: (key: string, value: string) => void kept.set(key, value),
    removeItem: (key: string) => void kept.delete(key),
  };
  const location = { assign: vi.fn<(url: string) => void>(), reload: vi.fn<() => void>() };
  vi.stubGlobal("window", { sessionStorage: storage });
  vi.stubGlobal("location", location);
  // The open page's meta tag (components/access/open-page.tsx), as the server rendered it or not.
  vi.stubGlobal("document", { querySelector: (selector: string) => (open && selector.includes("playground-open-page") ? {} : null) });
  return { kept, location };
};

/** Another tab of the browser, told of sign-outs: its own module instance on the same BroadcastChannel. */
const otherTab = async () => {
  vi.resetModules();
  const news = await import("./sign-out-news");
  news.leaveOnSignOutElsewhere();
};

/** Messages of a BroadcastChannel go a microtask later: a few turns are plenty. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

beforeEach(() => {
  FakeChannel.all = [];
  vi.stubGlobal("BroadcastChannel", FakeChannel);
});
afterEach(() => vi.unstubAllGlobals());

describe("a tab told of a sign-out elsewhere", () => {
  it("forgets its drafts and loads its page again, for the server to send it to sign in", async () => {
    const { kept, location } = installTab(false);
    await otherTab();
    vi.resetModules();
    (await import("./sign-out-news")).tellSignOut();
    await settle();
    expect([...kept.keys()]).toEqual(["someone-else"]);
    expect(location.reload).toHaveBeenCalledOnce();
  });

  it("on a page open to anyone (a poll's, the sign-in page), forgets its drafts but stays", async () => {
    const { kept, location } = installTab(true);
    await otherTab();
    vi.resetModules();
    (await import("./sign-out-news")).tellSignOut();
    await settle();
    expect([...kept.keys()]).toEqual(["someone-else"]);
    expect(location.reload).not.toHaveBeenCalled();
  });
});

describe("Sign out", () => {
  const signOutAnswered = async (status: number) => {
    const tab = installTab(false);
    vi.stubGlobal("fetch", vi.fn(async () => (status === 204 ? new Response(null, { status }) : Response.json({ error: { code: "internal_error", message: "Down." } }, { status }))));
    await otherTab();
    vi.resetModules();
    await (await import("./sign-out")).signOut();
    await settle();
    return tab;
  };

  it("tells the other tabs once the session is gone, and leaves for the sign-in page", async () => {
    const { location } = await signOutAnswered(204);
    expect(location.reload).toHaveBeenCalledOnce();
    expect(location.assign).toHaveBeenCalledWith("/sign-in");
  });

  it("refused, tells no other tab (they are still signed in), and still leaves, its drafts forgotten", async () => {
    const { kept, location } = await signOutAnswered(500);
    expect(location.reload).not.toHaveBeenCalled();
    expect(location.assign).toHaveBeenCalledWith("/sign-in");
    expect([...kept.keys()]).toEqual(["someone-else"]);
  });
});
