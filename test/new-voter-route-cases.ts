import { afterAll, beforeAll, expect, it } from "vitest";
import type { ComparisonView } from "@/lib/generation/view";
import { CLIENT_ADDRESS_HEADER } from "@/lib/access/client-address";
import type { PollSummary } from "@/lib/polls/poll-summary";
import type { VoterView } from "@/lib/polls/voter-view";
import { getStorage } from "@/lib/history/storage";
import { captureConsole, settledSet, startRouteHarness, type RouteHarness } from "./route-harness";

/**
 * The limit on voters new to a poll from one address, through the voting routes, on whichever backend the
 * calling file's environment names (two files: SQLite, and PostgreSQL as a team deploys it). `alsoRefused`
 * asks another instance's count, where there is one to share it.
 */
export const newVoterLimitCases = ({
  backend,
  env = async () => ({}),
  alsoRefused,
}: {
  backend: "sqlite" | "postgres";
  env?: () => Promise<Record<string, string>>;
  alsoRefused?: (pollId: string, address: string) => Promise<void>;
}) => {
  let harness: RouteHarness;
  const routes = {} as {
    comparisons: typeof import("@/app/api/comparisons/route");
    polls: typeof import("@/app/api/polls/route");
    vote: typeof import("@/app/api/vote/[token]/route");
    votes: typeof import("@/app/api/vote/[token]/votes/route");
  };

  beforeAll(async () => {
    captureConsole();
    harness = await startRouteHarness({ latencyMs: 10, env: { NEW_VOTERS_PER_ADDRESS_PER_HOUR: "2", ...(await env()) } });
    Object.assign(routes, {
      comparisons: await import("@/app/api/comparisons/route"),
      polls: await import("@/app/api/polls/route"),
      vote: await import("@/app/api/vote/[token]/route"),
      votes: await import("@/app/api/vote/[token]/votes/route"),
    });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const request = (url: string, init: { method?: string; cookie?: string; address?: string; body?: unknown } = {}) =>
    new Request(`http://localhost${url}`, {
      method: init.method ?? "GET",
      headers: {
        [CLIENT_ADDRESS_HEADER]: init.address ?? "203.0.113.5",
        ...(init.body !== undefined && { "content-type": "application/json" }),
        ...(init.cookie && { cookie: init.cookie }),
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  const params = <T>(value: T) => ({ params: Promise.resolve(value) });

  const comparison = async (prompt: string): Promise<ComparisonView> => {
    const body = { models: ["wan2.6-t2i", "qwen-image-max"], prompt, negativePrompt: "", aspect: "1:1", perModel: 1, seed: null, promptExtend: false, watermark: false, blind: true };
    const started = (await (await routes.comparisons.POST(request("/api/comparisons", { method: "POST", body }))).json()) as ComparisonView;
    return settledSet(harness, started.id);
  };
  /** A link-only poll of two items, and its token. */
  const poll = async () => {
    const sets = [(await comparison("A lighthouse")).id, (await comparison("A harbour")).id];
    const made = (await (await routes.polls.POST(request("/api/polls", { method: "POST", body: { title: "Which?", sets, reveal: "on_close", access: "link" } }))).json()) as PollSummary;
    return { id: made.id, token: made.path.replace("/vote/", "") };
  };
  /** A browser new to the poll, from `address`: its cookie and the page's seat, as the poll's view gives them. */
  const newVoter = async (token: string, address?: string) => {
    const view = await routes.vote.GET(request(`/api/vote/${token}`, { ...(address && { address }) }), params({ token }));
    return { cookie: (view.headers.get("set-cookie") ?? "").split(";")[0] ?? "", seat: ((await view.json()) as VoterView).seat };
  };
  const vote = (token: string, voter: { cookie: string; seat: string }, item: number, address?: string) =>
    routes.votes.POST(request(`/api/vote/${token}/votes`, { method: "POST", cookie: voter.cookie, ...(address && { address }), body: { item, seat: voter.seat, choice: "tie" } }), params({ token }));

  it("refuses a voter new to a poll past the address's count, in words and with when to try again; a voter who voted there already votes on", async () => {
    expect((await getStorage()).database.backend).toBe(backend);
    const { id, token } = await poll();
    const [first, second, third] = [await newVoter(token), await newVoter(token), await newVoter(token)];
    if (!first || !second || !third) throw new Error("no voters");
    expect((await vote(token, first, 0)).status).toBe(201);
    expect((await vote(token, second, 0)).status).toBe(201);
    const refused = await vote(token, third, 0);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3_500);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      "At most 2 new voters an hour may vote on this poll from one address, and that many have from yours already. Try again in 60 minutes.",
    );
    // Refused again, and counted nowhere: the poll has its two voters' votes alone.
    expect((await vote(token, third, 1)).status).toBe(429);
    expect(await harness.history.store.pollVotes(id)).toHaveLength(2);
    // A voter who has voted on the poll goes on voting from the same address, however many new ones came.
    const more = await vote(token, first, 1);
    expect(more.status).toBe(201);
    expect(((await more.json()) as VoterView).items.map((item) => item.vote)).toEqual(["tie", "tie"]);
    // Another address brings its own new voters; another poll counts its own.
    expect((await vote(token, third, 0, "198.51.100.9")).status).toBe(201);
    const other = await poll();
    expect((await vote(other.token, await newVoter(other.token), 0)).status).toBe(201);
    await alsoRefused?.(id, "address:203.0.113.5");
  });

  it("gives a new voter's cookie Secure where the person came over https, through a proxy that ended TLS too", async () => {
    const { token } = await poll();
    const cookieOf = async (headers: Record<string, string>) => {
      const view = await routes.vote.GET(new Request(`http://localhost/api/vote/${token}`, { headers: { [CLIENT_ADDRESS_HEADER]: "203.0.113.5", ...headers } }), params({ token }));
      return view.headers.get("set-cookie") ?? "";
    };
    expect(await cookieOf({ "x-forwarded-proto": "https" })).toMatch(/; Secure$/);
    expect(await cookieOf({})).not.toMatch(/Secure/);
  });

  // Two tabs of one new voter, or a double tap on two items' picks: both first votes arrive at once.
  const bothAtOnce = (token: string, voter: { cookie: string; seat: string }) => Promise.all([vote(token, voter, 0), vote(token, voter, 1)]);

  it("counts a new voter's two first votes sent at once as one new voter", async () => {
    const { id, token } = await poll();
    const both = await bothAtOnce(token, await newVoter(token));
    expect(both.map((answer) => answer.status)).toEqual([201, 201]);
    // The address brought one voter, so it may bring one more (the limit is 2), and not a third.
    expect((await vote(token, await newVoter(token), 0)).status).toBe(201);
    expect((await vote(token, await newVoter(token), 0)).status).toBe(429);
    expect(await harness.history.store.pollVotes(id)).toHaveLength(3);
  });

  it("takes both first votes of the voter who fills the address's last place, and refuses the next new voter", async () => {
    const { id, token } = await poll();
    // One place left, as under a limit of 1.
    expect((await vote(token, await newVoter(token), 0)).status).toBe(201);
    const last = await newVoter(token);
    const both = await bothAtOnce(token, last);
    expect(both.map((answer) => answer.status)).toEqual([201, 201]);
    expect((await vote(token, await newVoter(token), 0)).status).toBe(429);
    // The voter who came is one voter, and votes on.
    expect(await harness.history.store.pollCounts(id)).toEqual({ votes: 3, voters: 2 });
  });

  it("counts a new voter only once their vote is taken: one refused for another reason costs the address nothing", async () => {
    const { token } = await poll();
    const stranger = await newVoter(token);
    // A choice of an image there is not.
    const wrong = await routes.votes.POST(request(`/api/vote/${token}/votes`, { method: "POST", cookie: stranger.cookie, body: { item: 0, seat: stranger.seat, choice: { slot: 9 } } }), params({ token }));
    expect(wrong.status).toBe(400);
    for (const voter of [stranger, await newVoter(token)]) expect((await vote(token, voter, 0)).status).toBe(201);
    expect((await vote(token, await newVoter(token), 0)).status).toBe(429);
  });
};
