import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComparisonView } from "@/lib/generation/view";
import { DEFAULT_GRID } from "@/lib/grid/grid-plan";
import { MESSAGES } from "@/lib/i18n/messages";
import { MODELS } from "@/lib/models/registry";
import { keptLeftOutLines } from "@/lib/polls/left-out-lines";
import type { PollSummary } from "@/lib/polls/poll-summary";
import { OTHER_SEAT, POLL_WATERMARK, STILL_RUNNING, VOTER_UNKNOWN } from "@/lib/polls/refusals";
import { loadResults } from "@/lib/polls/results-data";
import type { VoterView } from "@/lib/polls/voter-view";
import { captureConsole, settledSet, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** Polls behind the access gate: made by a signed-in owner, voted on with the link alone, nothing leaking. */

let harness: RouteHarness;
let session: string;
const routes = {} as {
  session: typeof import("../session/route");
  comparisons: typeof import("../comparisons/route");
  comparison: typeof import("../comparisons/[id]/route");
  polls: typeof import("./route");
  poll: typeof import("./[id]/route");
  close: typeof import("./[id]/close/route");
  vote: typeof import("../vote/[token]/route");
  votes: typeof import("../vote/[token]/votes/route");
  image: typeof import("../vote/[token]/items/[item]/images/[slot]/route");
  generations: typeof import("../generations/route");
  thumb: typeof import("../images/[id]/thumb/route");
  grids: typeof import("../grids/route");
};

beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 10, env: { PLAYGROUND_PASSWORD: "polls-password-1" } });
  Object.assign(routes, {
    session: await import("../session/route"),
    comparisons: await import("../comparisons/route"),
    comparison: await import("../comparisons/[id]/route"),
    polls: await import("./route"),
    poll: await import("./[id]/route"),
    close: await import("./[id]/close/route"),
    vote: await import("../vote/[token]/route"),
    votes: await import("../vote/[token]/votes/route"),
    image: await import("../vote/[token]/items/[item]/images/[slot]/route"),
    generations: await import("../generations/route"),
    thumb: await import("../images/[id]/thumb/route"),
    grids: await import("../grids/route"),
  });
  const signedIn = await routes.session.POST(new Request("http://localhost/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: "polls-password-1" }) }));
  session = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
});
afterAll(async () => {
  await harness?.close();
});

const request = (url: string, init: { method?: string; cookie?: string; body?: unknown } = {}) =>
  new Request(`http://localhost${url}`, {
    method: init.method ?? "GET",
    headers: { ...(init.body !== undefined && { "content-type": "application/json" }), ...(init.cookie && { cookie: init.cookie }) },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

const MODELS_COMPARED = ["wan2.6-t2i", "qwen-image-max", "wan2.2-t2i-flash"] as const;
/** Every word that would name a model: ids and names. */
const NAMES = MODELS.filter((model) => (MODELS_COMPARED as readonly string[]).includes(model.id)).flatMap((model) => [model.id, model.name]);

const blindComparison = async (): Promise<ComparisonView> => {
  const body = { models: MODELS_COMPARED, prompt: "A lighthouse at dawn", negativePrompt: "", aspect: "16:9", perModel: 1, seed: null, promptExtend: true, watermark: false, blind: true };
  const started = (await (await routes.comparisons.POST(request("/api/comparisons", { method: "POST", cookie: session, body }))).json()) as ComparisonView;
  return settledSet(harness, started.id);
};

/** A new voter: the cookie the poll's view gives a browser on its first visit. */
const newVoter = async (token: string): Promise<string> => {
  const view = await routes.vote.GET(request(`/api/vote/${token}`), params({ token }));
  return (view.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
};

const makePoll = async (set: string, options: { reveal: "after_vote" | "on_close"; access: "gate" | "link" }) => {
  const response = await routes.polls.POST(request("/api/polls", { method: "POST", cookie: session, body: { title: "Which lighthouse?", sets: [set], ...options } }));
  expect(response.status).toBe(201);
  const summary = (await response.json()) as PollSummary;
  return { summary, token: summary.path.replace("/vote/", "") };
};

describe("polls", () => {
  it("keeps with each item of a grid the place it was made at (its seed), never its model, for voters and results alike", async () => {
    const body = { ...DEFAULT_GRID, prompt: "A red fox in the snow", axes: [{ type: "model", values: ["wan2.6-t2i", "wan2.2-t2i-flash"] }, { type: "seed", values: [7, 42] }] };
    const started = await routes.grids.POST(request("/api/grids", { method: "POST", cookie: session, body }));
    expect(started.status).toBe(202);
    const grid = await settledSet(harness, ((await started.json()) as ComparisonView).id);
    const { summary, token } = await makePoll(grid.id, { reveal: "on_close", access: "link" });
    const places = [[{ axis: "seed", value: 7 }], [{ axis: "seed", value: 42 }]];
    const view = (await (await routes.vote.GET(request(`/api/vote/${token}`), params({ token }))).json()) as VoterView;
    expect(view.items.map((item) => [item.prompt, item.place])).toEqual(places.map((place) => ["A red fox in the snow", place]));
    await harness.history.store.closePoll(summary.id, Date.now());
    expect((await loadResults(summary.id)).items.map((item) => item.place)).toEqual(places);
  });

  it("keeps what it left out for want of an image, and says it by model with the items once closed, a blind comparison's too", async () => {
    harness.server.simulator.injectFault({ kind: "moderation", model: "qwen-image-max" });
    const set = await blindComparison();
    // Its columns in the blind order: the failed one is wherever the shuffle put it.
    expect(set.columns.filter((column) => column.generation.status === "failed").map((column) => column.generation.request.model)).toEqual(["qwen-image-max"]);
    const { summary } = await makePoll(set.id, { reveal: "on_close", access: "link" });
    // Open, the items are held, and so is what names a model missing from one.
    expect((await loadResults(summary.id)).leftOut).toEqual([]);
    await harness.history.store.closePoll(summary.id, Date.now());
    const { leftOut } = await loadResults(summary.id);
    expect(leftOut).toEqual([{ prompt: "A lighthouse at dawn", item: 0, missing: [{ model: "qwen-image-max", status: "failed" }], whole: false }]);
    expect(keptLeftOutLines(leftOut, MESSAGES.en)).toEqual(["“A lighthouse at dawn”, Comparison 1: Qwen-Image Max failed, so its item compares the other models only."]);
  });

  it("refuses a set still running (its later columns would be left out for good), and takes a set named twice once", async () => {
    harness.server.simulator.configure({ latencyMs: 3_000 });
    const body = { models: MODELS_COMPARED, prompt: "A kite at noon", negativePrompt: "", aspect: "1:1", perModel: 1, seed: null, promptExtend: false, watermark: false, blind: false };
    const started = (await (await routes.comparisons.POST(request("/api/comparisons", { method: "POST", cookie: session, body }))).json()) as ComparisonView;
    const early = await routes.polls.POST(request("/api/polls", { method: "POST", cookie: session, body: { title: "Too soon", sets: [started.id], reveal: "after_vote", access: "gate" } }));
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { message: string } }).error.message).toBe(STILL_RUNNING);
    harness.server.simulator.configure({ latencyMs: 10 });
    await settledSet(harness, started.id);
    const twice = await routes.polls.POST(request("/api/polls", { method: "POST", cookie: session, body: { title: "Once", sets: [started.id, started.id], reveal: "after_vote", access: "gate" } }));
    expect(twice.status).toBe(201);
    expect(((await twice.json()) as PollSummary).items).toBe(1);
  });

  it("lists the polls made of a set, with their counts, for its card before another is made", async () => {
    const set = await blindComparison();
    const other = await blindComparison();
    const listed = async (id: string) => {
      const response = await routes.polls.GET(request(`/api/polls?set=${id}`, { cookie: session }));
      expect(response.status).toBe(200);
      return ((await response.json()) as { polls: PollSummary[] }).polls;
    };
    expect(await listed(set.id)).toEqual([]);
    const first = await makePoll(set.id, { reveal: "on_close", access: "link" });
    const second = await makePoll(set.id, { reveal: "after_vote", access: "gate" });
    await makePoll(other.id, { reveal: "on_close", access: "link" });
    const polls = await listed(set.id);
    expect(polls.map((poll) => poll.id).sort()).toEqual([first.summary.id, second.summary.id].sort());
    expect(polls.find((poll) => poll.id === first.summary.id)).toMatchObject({ path: first.summary.path, votes: 0, voters: 0, closedAt: null });
    expect((await routes.polls.GET(request("/api/polls?set=no-such-set", { cookie: session }))).status).toBe(404);
    // Asked of no set at all: the request is wrong, not the comparison gone.
    const unnamed = await routes.polls.GET(request("/api/polls", { cookie: session }));
    expect(unnamed.status).toBe(400);
    expect(await unnamed.json()).toMatchObject({ error: { code: "invalid_request", message: "Say whose polls to list: ?set=<the comparison's or grid's id>." } });
    // Behind the gate like every route.
    expect((await routes.polls.GET(request(`/api/polls?set=${set.id}`))).status).toBe(401);
  });

  it("a voter with the link alone sees nothing that names a model until the poll closes, votes once, and reads no history", async () => {
    const comparison = await blindComparison();
    const { summary, token } = await makePoll(comparison.id, { reveal: "on_close", access: "link" });
    expect(summary).toMatchObject({ title: "Which lighthouse?", items: 1, votes: 0, voters: 0 });
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);

    // Everything a voter's browser receives before the reveal.
    const received: string[] = [];
    const view = await routes.vote.GET(request(`/api/vote/${token}`), params({ token }));
    expect(view.status).toBe(200);
    const voter = (view.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(voter).toMatch(/^poll_voter=/);
    received.push(await view.clone().text());
    const shown = (await view.json()) as VoterView;
    expect(shown.items).toEqual([{ prompt: "A lighthouse at dawn", slots: 3, vote: null, models: null }]);
    const sizes = new Set<string>();
    for (const slot of [0, 1, 2]) {
      const image = await routes.image.GET(request(`/api/vote/${token}/items/0/images/${slot}`, { cookie: voter }), params({ token, item: "0", slot: String(slot) }));
      expect(image.headers.get("content-type")).toBe("image/jpeg");
      const bytes = Buffer.from(await image.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      sizes.add(`${meta.width}x${meta.height}`);
      expect(meta.exif ?? meta.xmp ?? meta.comments ?? null).toBeNull();
      received.push(bytes.toString("latin1"));
    }
    // One size for every model's image, the mean shape of the three: the models' own sizes (1792*1008,
    // 1664*928...) are not told, and the stored order of the columns changes nothing.
    const shapes = comparison.columns.map(({ generation }) => (generation.images[0]?.width ?? 1) / (generation.images[0]?.height ?? 1));
    expect([...sizes]).toEqual([`1024x${Math.round(1024 / (shapes.reduce((sum, shape) => sum + shape, 0) / shapes.length))}`]);
    const cast = await routes.votes.POST(request(`/api/vote/${token}/votes`, { method: "POST", cookie: voter, body: { item: 0, choice: { slot: 1 } } }), params({ token }));
    expect(cast.status).toBe(201);
    received.push(await cast.clone().text());
    expect(((await cast.json()) as VoterView).items[0]).toMatchObject({ vote: { slot: 1 }, models: null });
    const again = await routes.votes.POST(request(`/api/vote/${token}/votes`, { method: "POST", cookie: voter, body: { item: 0, choice: "tie" } }), params({ token }));
    expect(again.status).toBe(409);
    received.push(await again.text());
    for (const body of received) {
      for (const name of NAMES) expect(body).not.toContain(name);
      // Not even the words: no seed, revised prompt, size or time reaches a voter.
      expect(body).not.toMatch(/seed|revised|width|height|duration|"(model|size|ms)"/i);
    }

    // The link opens this poll's voting and nothing else.
    for (const response of [
      await routes.generations.GET(request("/api/generations", { cookie: voter })),
      await routes.comparison.GET(request(`/api/comparisons/${comparison.id}`, { cookie: voter }), params({ id: comparison.id })),
      await routes.poll.GET(request(`/api/polls/${summary.id}`, { cookie: voter }), params({ id: summary.id })),
    ]) {
      expect(response.status).toBe(401);
    }

    // Two more voters; the owner sees the counts, never who voted what; a closed poll reveals and refuses.
    for (const choice of [{ slot: 0 }, "tie"]) {
      const fresh = await routes.votes.POST(request(`/api/vote/${token}/votes`, { method: "POST", cookie: await newVoter(token), body: { item: 0, choice } }), params({ token }));
      expect(fresh.status).toBe(201);
    }
    expect(((await (await routes.poll.GET(request(`/api/polls/${summary.id}`, { cookie: session }), params({ id: summary.id }))).json()) as PollSummary)).toMatchObject({ votes: 3, voters: 3 });
    expect((await routes.close.POST(request(`/api/polls/${summary.id}/close`, { method: "POST", cookie: session }), params({ id: summary.id }))).status).toBe(200);
    const late = await routes.votes.POST(request(`/api/vote/${token}/votes`, { method: "POST", cookie: await newVoter(token), body: { item: 0, choice: "bad" } }), params({ token }));
    expect(late.status).toBe(409);
    const revealed = (await (await routes.vote.GET(request(`/api/vote/${token}`, { cookie: voter }), params({ token }))).json()) as VoterView;
    expect(new Set(revealed.items[0]?.models)).toEqual(new Set(["Wan 2.6", "Qwen-Image Max", "Wan 2.2 flash"].map((name) => MODELS.find((model) => model.name === name)?.name)));
  });

  it("refuses the pictures and votes of a page shown to another voter of the browser (two tabs opened at once): its places are not the cookie's", async () => {
    const { token } = await makePoll((await blindComparison()).id, { reveal: "after_vote", access: "link" });
    // Both tabs ask before either has a cookie: each is given a voter, and the browser keeps the second's.
    const [first, second] = [await routes.vote.GET(request(`/api/vote/${token}`), params({ token })), await routes.vote.GET(request(`/api/vote/${token}`), params({ token }))];
    const [firstPage, secondPage] = [(await first.json()) as VoterView, (await second.json()) as VoterView];
    expect(firstPage.seat).not.toBe(secondPage.seat);
    const kept = (second.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const picture = (seat: string) => routes.image.GET(request(`/api/vote/${token}/items/0/images/0?seat=${seat}`, { cookie: kept }), params({ token, item: "0", slot: "0" }));
    const vote = (seat: string) => routes.votes.POST(request(`/api/vote/${token}/votes`, { method: "POST", cookie: kept, body: { item: 0, seat, choice: { slot: 0 } } }), params({ token }));
    const refused = await picture(firstPage.seat);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(OTHER_SEAT);
    expect((await vote(firstPage.seat)).status).toBe(409);
    // Read again, the first tab's page is the kept voter's, and its pictures and vote are taken.
    const again = (await (await routes.vote.GET(request(`/api/vote/${token}`, { cookie: kept }), params({ token }))).json()) as VoterView;
    expect(again.seat).toBe(secondPage.seat);
    expect((await picture(again.seat)).status).toBe(200);
    expect((await vote(again.seat)).status).toBe(201);
  });

  it("refuses a set made with the watermark across model families: its corner marks would tell the models apart", async () => {
    const body = { models: MODELS_COMPARED, prompt: "A marked lighthouse", negativePrompt: "", aspect: "1:1", perModel: 1, seed: null, promptExtend: true, watermark: true, blind: false };
    const started = (await (await routes.comparisons.POST(request("/api/comparisons", { method: "POST", cookie: session, body }))).json()) as ComparisonView;
    const marked = await settledSet(harness, started.id);
    const response = await routes.polls.POST(request("/api/polls", { method: "POST", cookie: session, body: { title: "Marked", sets: [marked.id], reveal: "on_close", access: "link" } }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(POLL_WATERMARK);
    // Blind, it is refused before it is made.
    const blind = await routes.comparisons.POST(request("/api/comparisons", { method: "POST", cookie: session, body: { ...body, blind: true } }));
    expect(blind.status).toBe(400);
  });

  it("keeps its images when their comparison is deleted, open or closed: voters, results and thumbnails still have them", async () => {
    const comparison = await blindComparison();
    const { summary, token } = await makePoll(comparison.id, { reveal: "on_close", access: "link" });
    const remove = await routes.comparison.DELETE(request(`/api/comparisons/${comparison.id}`, { method: "DELETE", cookie: session }), params({ id: comparison.id }));
    expect(remove.status).toBe(204);
    expect((await routes.comparison.GET(request(`/api/comparisons/${comparison.id}`, { cookie: session }), params({ id: comparison.id }))).status).toBe(404);

    // Each slot still shows an image, all in the one frame of the item.
    const voter = await newVoter(token);
    const sizes = new Set<string>();
    for (const slot of ["0", "1", "2"]) {
      const image = await routes.image.GET(request(`/api/vote/${token}/items/0/images/${slot}`, { cookie: voter }), params({ token, item: "0", slot }));
      expect(image.status).toBe(200);
      const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
      sizes.add(`${meta.width}x${meta.height}`);
    }
    expect(sizes.size).toBe(1);
    expect((await routes.votes.POST(request(`/api/vote/${token}/votes`, { method: "POST", cookie: voter, body: { item: 0, choice: { slot: 1 } } }), params({ token }))).status).toBe(201);

    // The results page's thumbnails, and its times and costs, come from what the poll kept.
    const poll = await harness.history.store.getPoll(summary.id);
    const imageIds = poll?.items[0]?.candidates.map((candidate) => candidate.imageId) ?? [];
    expect(imageIds).toHaveLength(3);
    // While the poll is open they are shown to the team as voters see them (a voter may be signed in): one
    // frame, JPEG, never kept by the browser; the originals once it is closed.
    const thumbs = async () =>
      Promise.all(
        imageIds.map(async (id) => {
          const answer = await routes.thumb.GET(request(`/api/images/${id}/thumb`, { cookie: session }), params({ id }));
          const meta = await sharp(Buffer.from(await answer.arrayBuffer())).metadata();
          return [answer.status, answer.headers.get("content-type"), answer.headers.get("cache-control"), `${meta.width}x${meta.height}`];
        }),
      );
    const openThumbs = await thumbs();
    expect(new Set(openThumbs.map((entry) => entry.join(" ")))).toEqual(new Set([`200 image/jpeg private, no-store ${openThumbs[0]?.[3]}`]));
    // Open, and showing the models only once closed: its ranking and its images by model wait for the close
    // (voters may read the results too), here and on the board of every poll.
    const open = await loadResults(summary.id);
    expect([open.results.votes, open.results.pairs, open.items, open.held]).toEqual([0, [], [], true]);
    const board = await loadResults(null);
    expect(board.held).toBe(true);
    expect(board.summaries.find((entry) => entry.id === summary.id)).toMatchObject({ votes: 1 });
    const before = board.results.votes;
    expect((await routes.close.POST(request(`/api/polls/${summary.id}/close`, { method: "POST", cookie: session }), params({ id: summary.id }))).status).toBe(200);
    expect((await thumbs()).map((entry) => entry.slice(0, 3))).toEqual(imageIds.map(() => [200, "image/webp", "private, max-age=31536000, immutable"]));
    const closed = await loadResults(summary.id);
    expect(closed.results.facts.map((fact) => [fact.model, fact.images, fact.medianMs !== null])).toEqual([...MODELS_COMPARED].sort().map((model) => [model, 1, true]));
    expect([closed.results.votes, closed.items.flatMap((item) => item.candidates.map((candidate) => candidate.imageId)).sort(), closed.held]).toEqual([1, [...imageIds].sort(), false]);
    expect((await loadResults(null)).results.votes).toBe(before + 1);
  });

  it("is deleted by its owner: its link no longer opens, and the images it alone kept go, files and all", async () => {
    const comparison = await blindComparison();
    const { summary, token } = await makePoll(comparison.id, { reveal: "on_close", access: "link" });
    const imageIds = (await harness.history.store.getPoll(summary.id))?.items[0]?.candidates.map((candidate) => candidate.imageId) ?? [];
    expect((await routes.comparison.DELETE(request(`/api/comparisons/${comparison.id}`, { method: "DELETE", cookie: session }), params({ id: comparison.id }))).status).toBe(204);
    for (const id of imageIds) expect(await harness.history.images.read(id, "full")).not.toBeNull();

    // Behind the gate like the history: the voting link alone deletes nothing.
    expect((await routes.poll.DELETE(request(`/api/polls/${summary.id}`, { method: "DELETE", cookie: await newVoter(token) }), params({ id: summary.id }))).status).toBe(401);
    expect((await routes.poll.DELETE(request(`/api/polls/${summary.id}`, { method: "DELETE", cookie: session }), params({ id: summary.id }))).status).toBe(204);
    expect((await routes.vote.GET(request(`/api/vote/${token}`), params({ token }))).status).toBe(404);
    expect((await routes.poll.GET(request(`/api/polls/${summary.id}`, { cookie: session }), params({ id: summary.id }))).status).toBe(404);
    for (const id of imageIds) expect(await harness.history.images.read(id, "full")).toBeNull();
    expect((await routes.poll.DELETE(request(`/api/polls/${summary.id}`, { method: "DELETE", cookie: session }), params({ id: summary.id }))).status).toBe(404);
  });

  it("keeps back an open poll's images under their models, even one that shows the models after each vote: a voter may read the results before voting", async () => {
    const comparison = await blindComparison();
    const { summary, token } = await makePoll(comparison.id, { reveal: "after_vote", access: "link" });
    expect((await routes.votes.POST(request(`/api/vote/${token}/votes`, { method: "POST", cookie: await newVoter(token), body: { item: 0, choice: { slot: 0 } } }), params({ token }))).status).toBe(201);
    const open = await loadResults(summary.id);
    expect([open.results.votes, open.items, open.held, open.itemsHeld]).toEqual([1, [], false, true]);
    const answer = await (await import("../leaderboard/route")).GET(request(`/api/leaderboard?poll=${summary.id}`, { cookie: session }));
    expect(await answer.json()).toMatchObject({ items: [], itemsHeld: true });
    expect((await routes.close.POST(request(`/api/polls/${summary.id}/close`, { method: "POST", cookie: session }), params({ id: summary.id }))).status).toBe(200);
    const closed = await loadResults(summary.id);
    expect([closed.items.length, closed.itemsHeld]).toEqual([1, false]);
  });

  it("reveals after each vote when its owner says so, and a poll for those signed in refuses the link alone", async () => {
    const comparison = await blindComparison();
    const open = await makePoll(comparison.id, { reveal: "after_vote", access: "link" });
    // A browser that never opened the poll's view (cookies blocked) has no place in it: refused, not counted at random.
    const stranger = await routes.votes.POST(request(`/api/vote/${open.token}/votes`, { method: "POST", body: { item: 0, choice: { slot: 2 } } }), params({ token: open.token }));
    expect([stranger.status, ((await stranger.json()) as { error: { message: string } }).error.message]).toEqual([400, VOTER_UNKNOWN]);
    expect((await routes.image.GET(request(`/api/vote/${open.token}/items/0/images/0`), params({ token: open.token, item: "0", slot: "0" }))).status).toBe(400);
    const voted = (await (await routes.votes.POST(request(`/api/vote/${open.token}/votes`, { method: "POST", cookie: await newVoter(open.token), body: { item: 0, choice: { slot: 2 } } }), params({ token: open.token }))).json()) as VoterView;
    expect(voted.items[0]?.models).toHaveLength(3);

    // Made of several sets, a poll has an item for each; a set that cannot be voted on adds none.
    const other = await blindComparison();
    const both = await routes.polls.POST(request("/api/polls", { method: "POST", cookie: session, body: { title: "Both", sets: [comparison.id, other.id], reveal: "on_close", access: "link" } }));
    expect(((await both.json()) as PollSummary).items).toBe(2);

    const gated = await makePoll(comparison.id, { reveal: "on_close", access: "gate" });
    expect((await routes.vote.GET(request(`/api/vote/${gated.token}`), params({ token: gated.token }))).status).toBe(401);
    expect((await routes.vote.GET(request(`/api/vote/${gated.token}`, { cookie: session }), params({ token: gated.token }))).status).toBe(200);
  });
});
