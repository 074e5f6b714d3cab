import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComparisonView } from "@/lib/generation/view";
import { captureConsole, settledSet, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/**
 * A download's check (`?check`): the page asks it before handing a download to the browser, so it must
 * answer what the download would (the limit, a missing set) and take no turn of the rate limit itself.
 */

let harness: RouteHarness;
const routes = {} as {
  comparisons: typeof import("../../comparisons/route");
  comparison: typeof import("../../comparisons/[id]/route");
  zip: typeof import("../../comparisons/[id]/zip/route");
  csv: typeof import("../../comparisons/[id]/csv/route");
  grid: typeof import("../../comparisons/[id]/grid/route");
  polls: typeof import("../../polls/route");
  takeaway: typeof import("./route");
};

beforeAll(async () => {
  captureConsole();
  // A comparison of two models takes 2 turns; 4 leaves two for downloads.
  harness = await startRouteHarness({ latencyMs: 10, env: { RATE_LIMIT_PER_MINUTE: "4" } });
  Object.assign(routes, {
    comparisons: await import("../../comparisons/route"),
    comparison: await import("../../comparisons/[id]/route"),
    zip: await import("../../comparisons/[id]/zip/route"),
    csv: await import("../../comparisons/[id]/csv/route"),
    grid: await import("../../comparisons/[id]/grid/route"),
    polls: await import("../../polls/route"),
    takeaway: await import("./route"),
  });
});
afterAll(async () => {
  await harness?.close();
});

const get = (url: string) => new Request(`http://localhost${url}`);
const byId = (id: string) => ({ params: Promise.resolve({ id }) });
const byFormat = (format: string) => ({ params: Promise.resolve({ format }) });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

describe("a download's check", () => {
  it("answers 204 without taking a turn, then what the download itself would answer once the limit is reached", async () => {
    const body = { models: ["wan2.6-t2i", "qwen-image"], prompt: "A heron in the reeds", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 5, promptExtend: false, watermark: false, blind: false };
    const started = (await (await routes.comparisons.POST(new Request("http://localhost/api/comparisons", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }))).json()) as ComparisonView;
    const set = await settledSet(harness, started.id);
    const items = `items=comparison:${set.id}`;

    // A poll's report: the check asks only whether the poll is there.
    const poll = await routes.polls.POST(new Request("http://localhost/api/polls", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Herons", sets: [set.id], reveal: "after_vote", access: "gate" }) }));
    const { id: pollId } = (await poll.json()) as { id: string };
    expect((await routes.takeaway.GET(get(`/api/takeaway/deck?poll=${pollId}&check=1`), byFormat("deck"))).status).toBe(204);
    expect((await errorOf(await routes.takeaway.GET(get("/api/takeaway/deck?poll=missing&check=1"), byFormat("deck")))).message).toBe("This poll does not exist (it may have been deleted).");

    // However often the page asks (or a client sends a HEAD, answered as a check), the turns stay for the downloads.
    const head = (url: string) => new Request(`http://localhost${url}`, { method: "HEAD" });
    for (let index = 0; index < 6; index++) {
      const checked = await routes.takeaway.GET(get(`/api/takeaway/zip?${items}&check=1`), byFormat("zip"));
      expect(checked.status).toBe(204);
      expect(await checked.text()).toBe("");
      expect((await routes.zip.GET(get(`/api/comparisons/${set.id}/zip?check=1`), byId(set.id))).status).toBe(204);
      expect((await routes.takeaway.GET(head(`/api/takeaway/deck?${items}`), byFormat("deck"))).status).toBe(204);
      expect((await routes.zip.GET(head(`/api/comparisons/${set.id}/zip`), byId(set.id))).status).toBe(204);
    }
    expect((await routes.takeaway.GET(head("/api/takeaway/deck?poll=missing"), byFormat("deck"))).status).toBe(404);
    expect((await routes.takeaway.GET(get(`/api/takeaway/zip?${items}`), byFormat("zip"))).headers.get("content-type")).toBe("application/zip");
    expect((await routes.takeaway.GET(get(`/api/takeaway/csv?${items}`), byFormat("csv"))).status).toBe(200);

    // The limit reached: the check says so as the download does, in the same words, with the same wait.
    const check = await routes.takeaway.GET(get(`/api/takeaway/contact-sheet?${items}&check=1`), byFormat("contact-sheet"));
    const download = await routes.takeaway.GET(get(`/api/takeaway/contact-sheet?${items}`), byFormat("contact-sheet"));
    for (const refused of [check, download]) {
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await errorOf(refused)).toMatchObject({ code: "too_many_requests", message: expect.stringMatching(/^At most 4 generations a minute may be started here/) });
    }
    expect((await routes.zip.GET(get(`/api/comparisons/${set.id}/zip?check=1`), byId(set.id))).status).toBe(429);
    // A grid's picture is drawn per request: it counts as the other built files do.
    expect((await routes.grid.GET(get(`/api/comparisons/${set.id}/grid?check=1`), byId(set.id))).status).toBe(429);
  });

  it("says a set deleted since is gone, without building its file", async () => {
    const gone = "00000000-0000-4000-8000-000000000000";
    // The CSV, which takes no turn (the files that do are refused above, the limit being reached).
    const refused = await routes.csv.GET(get(`/api/comparisons/${gone}/csv?check=1`), byId(gone));
    expect(refused.status).toBe(404);
    expect((await errorOf(refused)).message).toMatch(/does not exist \(it may have been deleted\)\.$/);
  });
});
