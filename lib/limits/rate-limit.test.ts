import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { CLIENT_ADDRESS_HEADER } from "../access/client-address";
import { clientKey, createArrivalSlots, createDeckSlots, createGenerationAddressLimit, createGenerationRateLimit, createSlots, inSlot, newVoterRefusal, perClient, withTurns, type Counters } from "./rate-limit";

describe("generation rate limit", () => {
  it("admits exactly N per minute per client, then says how long to wait", async () => {
    const consume = createGenerationRateLimit(3);
    for (let i = 0; i < 3; i++) await consume("a");
    const refusal = await consume("a").then(() => null, (error: unknown) => error as AppError);
    expect(refusal?.code).toBe("too_many_requests");
    expect(refusal?.status).toBe(429);
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(55);
    expect(refusal?.message).toMatch(/^At most 3 generations a minute may be started here \(a download counts as one\), and this would go past it\. Try again in \d+ seconds\.$/);
    await consume("b");
  });

  it("counts a comparison as the generations it starts", async () => {
    const consume = createGenerationRateLimit(5);
    await consume("a", 4);
    await consume("a");
    await expect(consume("a", 2)).rejects.toMatchObject({ code: "too_many_requests" });
  });

  it("checks a turn without taking it, and refuses it as the turn itself would be refused", async () => {
    const limit = createGenerationRateLimit(3);
    for (let i = 0; i < 5; i++) await limit.check("a", 3);
    await limit("a", 2);
    await limit.check("a");
    await expect(limit.check("a", 2)).rejects.toMatchObject({ code: "too_many_requests", retryAfterSeconds: expect.any(Number) });
    await limit("a");
    const refusal = await limit.check("a").then(() => null, (error: unknown) => error as AppError);
    expect(refusal?.message).toMatch(/^At most 3 generations a minute may be started here \(a download counts as one\), and this would go past it\. Try again in \d+ seconds\.$/);
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(55);
    await limit.check("b", 3);
  });

  it("checks a minute that is over as the turn would: afresh, though its count is not yet cleared", async () => {
    const limit = createGenerationRateLimit(2);
    await limit("a", 2);
    await expect(limit.check("a")).rejects.toMatchObject({ code: "too_many_requests" });
    // The clock moves past the minute before the timer that clears the count has run (a busy event loop).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      await limit.check("a", 2);
      await limit("a", 2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("gives back the turns of work refused, so a client told to try again may; work done keeps them", async () => {
    const limit = createGenerationRateLimit(3);
    for (let i = 0; i < 5; i++) {
      await expect(withTurns(limit, "a", 2, async () => Promise.reject(new AppError("busy", "full")))).rejects.toMatchObject({ code: "busy" });
    }
    expect(await withTurns(limit, "a", 2, async () => "started")).toBe("started");
    await limit("a");
    await expect(withTurns(limit, "a", 1, async () => "again")).rejects.toMatchObject({ code: "too_many_requests" });
  });

  it("keeps the turns of work that failed once done (a damaged upload was decoded whole), and gives none back to a minute started afresh", async () => {
    const limit = createGenerationRateLimit(2);
    await expect(withTurns(limit, "a", 1, async () => Promise.reject(new AppError("invalid_request", "damaged")))).rejects.toMatchObject({ code: "invalid_request" });
    await limit("a");
    await expect(limit("a")).rejects.toMatchObject({ code: "too_many_requests" });

    const slow = createGenerationRateLimit(2);
    const now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now });
    try {
      // Refused only after its minute was over (a slow body): given back then, the new minute would hold 3.
      await expect(
        withTurns(slow, "b", 1, async () => {
          vi.setSystemTime(now + 61_000);
          throw new AppError("busy", "full");
        }),
      ).rejects.toMatchObject({ code: "busy" });
      await slow("b", 2);
      await expect(slow("b")).rejects.toMatchObject({ code: "too_many_requests" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("counts a signed-in session and the address the server wrote (an IPv6 one by its /64), never X-Forwarded-For", () => {
    const request = new Request("http://x.test/", { headers: { [CLIENT_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "1.2.3.4" } });
    expect(clientKey(request, "s1")).toEqual({ session: "session:s1", address: "address:203.0.113.7" });
    expect(clientKey(request, null)).toEqual({ session: null, address: "address:203.0.113.7" });
    expect(clientKey(new Request("http://x.test/", { headers: { "x-forwarded-for": "1.2.3.4" } }), null)).toEqual({ session: null, address: "address:unknown" });
    expect(clientKey(new Request("http://x.test/", { headers: { [CLIENT_ADDRESS_HEADER]: "2001:db8:1:2::9" } }), null).address).toBe("address:2001:db8:1:2::/64");
  });
});

describe("a limit per client, signed in", () => {
  // 3 a minute per session, 5 per address: two people behind one address fit, one person signing in again does not get 3 more.
  const limit = () => perClient(createGenerationRateLimit(3), createGenerationAddressLimit(5));
  const from = (session: string | null, address: string) => ({ session, address });

  it("counts a turn against the session and its address: signing in again or changing network gives no fresh minute", async () => {
    const start = limit();
    for (let i = 0; i < 3; i++) await start(from("session:s1", "address:a"));
    await expect(start(from("session:s1", "address:b"))).rejects.toMatchObject({ code: "too_many_requests", message: expect.stringMatching(/^At most 3 generations a minute may be started here/) });
    // A colleague behind the same address has a minute of their own, up to the address's count.
    for (let i = 0; i < 2; i++) await start(from("session:s2", "address:a"));
    const refusal = await start(from("session:s3", "address:a")).then(() => null, (error: unknown) => error as AppError);
    expect(refusal).toMatchObject({ code: "too_many_requests", retryAfterSeconds: expect.any(Number) });
    expect(refusal?.message).toMatch(/^At most 5 generations a minute may be started from one address here, by everyone signed in there together, and this would go past it\. Try again in \d+ seconds\.$/);
    await expect(start.check(from("session:s3", "address:a"))).rejects.toMatchObject({ code: "too_many_requests" });
  });

  it("takes a turn from both or neither: a refusal by one gives back what the other took", async () => {
    const start = limit();
    for (let i = 0; i < 3; i++) await start(from("session:s1", "address:a"));
    // Refused by the session after the address had counted it: the address keeps its 5.
    await expect(start(from("session:s1", "address:b"))).rejects.toMatchObject({ code: "too_many_requests" });
    for (let i = 0; i < 5; i++) await start(from(`session:b${i}`, "address:b"));
    // Refused by the address after the session had counted it: the session keeps its 3.
    await expect(start(from("session:s2", "address:b"))).rejects.toMatchObject({ code: "too_many_requests" });
    for (let i = 0; i < 3; i++) await start(from("session:s2", "address:c"));
  });

  it("takes a set larger than a client's minute as that minute from its address too, not the address's whole minute", async () => {
    const start = limit();
    await start(from("session:s1", "address:a"), 100);
    await expect(start(from("session:s1", "address:a"))).rejects.toMatchObject({ message: expect.stringMatching(/^At most 3 generations a minute may be started here/) });
    await start(from("session:s2", "address:a"), 2);
    await expect(start.check(from("session:s3", "address:a"))).rejects.toMatchObject({ message: expect.stringContaining("from one address here") });
  });

  it("without a gate, counts the address alone, at the client's size", async () => {
    const start = limit();
    for (let i = 0; i < 3; i++) await start(from(null, "address:a"));
    await expect(start(from(null, "address:a"))).rejects.toMatchObject({ message: expect.stringMatching(/^At most 3 generations a minute may be started here/) });
  });

  it("gives back both turns of work refused for being busy", async () => {
    const start = limit();
    for (let i = 0; i < 4; i++) await expect(withTurns(start, from("session:s1", "address:a"), 2, async () => Promise.reject(new AppError("busy", "full")))).rejects.toMatchObject({ code: "busy" });
    await start(from("session:s1", "address:a"), 3);
    await start(from("session:s2", "address:a"), 2);
  });
});

/** Counts kept in memory, each limit's reachable by its name, so a test can end one limit's minute alone. */
const namedCounters = () => {
  const kept = new Map<string, RateLimiterMemory>();
  const counters: Counters = (name, perMinute) => {
    const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
    kept.set(name, limiter);
    return limiter;
  };
  return { counters, endMinute: async (name: string, key: string) => void (await kept.get(name)?.delete(key)) };
};

describe("sign-in limit", () => {
  it("admits 5 guesses a minute per address and 30 for everyone together", async () => {
    const { createSignInLimit } = await import("./rate-limit");
    const guess = createSignInLimit(5, 30);
    for (let i = 0; i < 5; i++) await guess("address:a");
    await expect(guess("address:a")).rejects.toMatchObject({ code: "too_many_requests", message: expect.stringMatching(/^Too many sign-in attempts\. Try again in \d+ seconds\.$/) });
    for (let i = 0; i < 25; i++) await guess(`address:b${i}`);
    await expect(guess("address:c")).rejects.toMatchObject({ message: expect.stringContaining("on this playground") });
  });

  it("costs an address nothing when the ceiling for everyone refuses it", async () => {
    const { createSignInLimit } = await import("./rate-limit");
    const { counters, endMinute } = namedCounters();
    const guess = createSignInLimit(2, 3, counters);
    await guess("address:a");
    await guess("address:b");
    await guess("address:c");
    for (let i = 0; i < 3; i++) await expect(guess("address:a")).rejects.toMatchObject({ message: expect.stringContaining("on this playground") });
    await endMinute("sign-ins-all", "all");
    await guess("address:a");
    await expect(guess("address:a")).rejects.toMatchObject({ message: expect.stringMatching(/^Too many sign-in attempts\. Try/) });
  });
});

describe("connection check limit", () => {
  it("costs a client nothing when the ceiling for everyone refuses it", async () => {
    const { createCheckLimit } = await import("./rate-limit");
    const { counters, endMinute } = namedCounters();
    const check = createCheckLimit(2, 3, counters);
    await check("session:a");
    await check("session:b");
    await check("session:c");
    for (let i = 0; i < 3; i++) await expect(check("session:a")).rejects.toMatchObject({ message: expect.stringContaining("on this playground") });
    await endMinute("checks-all", "all");
    await check("session:a");
    await expect(check("session:a")).rejects.toMatchObject({ message: expect.stringMatching(/^You have checked the connection 2 times/) });
  });
});

describe("upload limit", () => {
  it("admits so many edit inputs a minute per client, then says how long to wait", async () => {
    const { createUploadLimit } = await import("./rate-limit");
    const add = createUploadLimit(3);
    for (let i = 0; i < 3; i++) await add("session:a");
    await expect(add("session:a")).rejects.toMatchObject({
      code: "too_many_requests",
      message: expect.stringMatching(/^At most 3 input images a minute may be added here, and this would go past it\. Try again in \d+ seconds?\.$/),
    });
    await add("session:b");
  });

  it("admits 4 clients' worth from one address by default, signed in", async () => {
    const { createUploadAddressLimit, createUploadLimit } = await import("./rate-limit");
    const add = perClient(createUploadLimit(), createUploadAddressLimit());
    for (let i = 0; i < 120; i++) await add({ session: `session:${i % 4}`, address: "address:a" });
    await expect(add({ session: "session:4", address: "address:a" })).rejects.toMatchObject({
      message: expect.stringMatching(/^At most 120 input images a minute may be added from one address here, by everyone signed in there together, and this would go past it\. Try again in \d+ seconds?\.$/),
    });
  });
});

describe("new voters per poll from one address", () => {
  it("are refused in words, and told in minutes when one more may come", () => {
    const refusal = newVoterRefusal(3, 3_599_200);
    expect(refusal).toMatchObject({ code: "too_many_requests", status: 429, retryAfterSeconds: 3_600 });
    expect(refusal.message).toBe("At most 3 new voters an hour may vote on this poll from one address, and that many have from yours already. Try again in 60 minutes.");
    expect(newVoterRefusal(1, 29.5 * 60_000).message).toBe("At most 1 new voter an hour may vote on this poll from one address, and that many have from yours already. Try again in 30 minutes.");
    expect(newVoterRefusal(1, 10).message).toMatch(/Try again in 1 minute\.$/);
  });
});

describe("limits shared by instances on PostgreSQL", () => {
  it("count every instance's events together, exactly, even when they arrive at once", async () => {
    const { freshPostgresSchema } = await import("@/test/store-backends");
    const { openPostgres } = await import("../store/open-postgres");
    const { createSignInLimit, postgresCounters } = await import("./rate-limit");
    const schema = await freshPostgresSchema();
    const databases = await Promise.all([openPostgres(schema.url), openPostgres(schema.url)]);
    try {
      const [one, two] = databases.map((database) => {
        if (database.backend !== "postgres") throw new Error("not PostgreSQL");
        return { start: createGenerationRateLimit(4, postgresCounters(database.pool)), guess: createSignInLimit(2, 30, postgresCounters(database.pool)) };
      });
      if (!one || !two) throw new Error("no instances");
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, index) => (index % 2 ? one : two).start("session:a")));
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(4);
      expect(outcomes.filter((outcome) => outcome.status === "rejected" && (outcome.reason as AppError).code === "too_many_requests")).toHaveLength(6);
      // Another client, and another limit, count apart.
      await two.start("session:b");
      await one.guess("address:a");
      await two.guess("address:a");
      await expect(one.guess("address:a")).rejects.toMatchObject({ code: "too_many_requests" });

      // An instance whose clock runs a minute ahead still counts by the database's: the minute is not over.
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
      try {
        await expect(one.start("session:a")).rejects.toMatchObject({ code: "too_many_requests", retryAfterSeconds: expect.any(Number) });
      } finally {
        vi.useRealTimers();
      }
      // A turn given back is one more for the client, on any instance; a check takes none.
      const turn = await one.start.turn("session:c");
      await turn.giveBack();
      for (let i = 0; i < 4; i++) await two.start.check("session:c");
      for (let i = 0; i < 4; i++) await (i % 2 ? one : two).start("session:c");
      await expect(two.start.check("session:c")).rejects.toMatchObject({ code: "too_many_requests" });

    } finally {
      await Promise.all(databases.map((database) => database.db.destroy()));
      await schema.drop();
    }
  });
});

describe("slots for heavy work", () => {
  it("hands a freed slot to the one waiting longest, refuses one that waited too long, and counts a client's own", async () => {
    const yours = { most: 1, refusal: () => new AppError("busy", "yours") };
    const slots = createSlots(1, () => new AppError("busy", "full"), { waitMs: 200, caps: (key: string) => [[yours, key]] });
    const first = await slots("a");
    const order: string[] = [];
    const second = slots("b").then((release) => (order.push("b"), release));
    const third = slots("c").then((release) => (order.push("c"), release));
    await expect(slots("a")).rejects.toThrow("yours");
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(["b", "c"]);
    const held = await slots("a");
    await expect(slots("d")).rejects.toThrow("full");
    // Freed, and given back only once however often it is freed.
    held();
    held();
    const next = await slots("d");
    await expect(slots("e")).rejects.toThrow("full");
    next();
  });
});

describe("the slots for uploads arriving at once", () => {
  const refusedFor = (take: Promise<unknown>) => take.then(() => "taken", (error: unknown) => (error instanceof AppError ? error.message : String(error)));

  it("holds one address to half of them however many sessions it signs in, and each session to its own 2", async () => {
    const take = createArrivalSlots();
    const from = (session: string, address = "address:office") => take({ session, address });
    const held = [await from("session:1"), await from("session:1")];
    expect(await refusedFor(from("session:1"))).toBe("2 of your input images are still arriving, the most at once from one client. Wait for them, then try again.");
    held.push(await from("session:2"), await from("session:2"));
    // A fresh sign-in at the same address gets no place of its own past the address's share.
    const refused = await from("session:3").catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: "busy",
      retryAfterSeconds: 5,
      message: "4 input images are already arriving from your address, the most at once from one address, by everyone signed in there together. Try again in a few seconds.",
    });
    // Anyone elsewhere takes the other half; only then are all 8 taken.
    for (const session of ["session:a", "session:a", "session:b", "session:b"]) held.push(await from(session, "address:elsewhere"));
    expect(await refusedFor(from("session:c", "address:third"))).toBe("8 input images are arriving right now, the most at once here. Try again in a few seconds.");
    // A place freed is the address's again, and the session refused before may take it.
    held[0]?.();
    expect(await refusedFor(from("session:3"))).toBe("taken");
  });

  it("counts a client without a gate by its address, at one client's 2", async () => {
    const take = createArrivalSlots();
    await take({ session: null, address: "address:a" });
    await take({ session: null, address: "address:a" });
    expect(await refusedFor(take({ session: null, address: "address:a" }))).toContain("2 of your input images are still arriving");
    expect(await refusedFor(take({ session: null, address: "address:b" }))).toBe("taken");
  });
});

describe("the slide deck's slot", () => {
  it("builds one deck at a time: the next waits, then is refused as busy (503) once it has waited too long", async () => {
    const slots = createDeckSlots(50);
    const order: string[] = [];
    let finish = () => {};
    const first = inSlot(slots, undefined, () => new Promise<void>((resolve) => (finish = resolve)).then(() => order.push("first")));
    const second = inSlot(slots, undefined, async () => order.push("second"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    finish();
    await Promise.all([first, second]);
    expect(order).toEqual(["first", "second"]);
    const held = await slots();
    const refused = await slots().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "busy", retryAfterSeconds: 30, message: "Another slide deck is being made right now, and one is made at a time here. Try again in a minute." });
    held();
  });
});
