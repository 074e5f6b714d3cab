import { describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { CLIENT_ADDRESS_HEADER } from "../access/client-address";
import { clientKey, createDeckSlots, createGenerationRateLimit, createSlots, inSlot, withTurns } from "./rate-limit";

describe("generation rate limit", () => {
  it("admits exactly N per minute per client, then says how long to wait", async () => {
    const consume = createGenerationRateLimit(3);
    for (let i = 0; i < 3; i++) await consume("a");
    const refusal = await consume("a").then(() => null, (error: unknown) => error as AppError);
    expect(refusal?.code).toBe("too_many_requests");
    expect(refusal?.status).toBe(429);
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(55);
    expect(refusal?.message).toMatch(/^You have started 3 generations in the last minute, the most allowed here\. Try again in \d+ seconds\.$/);
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
    expect(refusal?.message).toMatch(/^You have started 3 generations in the last minute, the most allowed here\. Try again in \d+ seconds\.$/);
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

  it("counts a signed-in session, else the address the server wrote, never X-Forwarded-For", () => {
    const request = new Request("http://x.test/", { headers: { [CLIENT_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "1.2.3.4" } });
    expect(clientKey(request, "s1")).toBe("session:s1");
    expect(clientKey(request, null)).toBe("address:203.0.113.7");
    expect(clientKey(new Request("http://x.test/", { headers: { "x-forwarded-for": "1.2.3.4" } }), null)).toBe("address:unknown");
  });
});

describe("sign-in limit", () => {
  it("admits 5 guesses a minute per address and 30 for everyone together", async () => {
    const { createSignInLimit } = await import("./rate-limit");
    const guess = createSignInLimit(5, 30);
    for (let i = 0; i < 5; i++) await guess("address:a");
    await expect(guess("address:a")).rejects.toMatchObject({ code: "too_many_requests", message: expect.stringMatching(/^Too many sign-in attempts\. Try again in \d+ seconds\.$/) });
    for (let i = 0; i < 25; i++) await guess(`address:b${i}`);
    await expect(guess("address:c")).rejects.toMatchObject({ message: expect.stringContaining("on this playground") });
  });
});

describe("upload limit", () => {
  it("admits so many edit inputs a minute per client, then says how long to wait", async () => {
    const { createUploadLimit } = await import("./rate-limit");
    const add = createUploadLimit(3);
    for (let i = 0; i < 3; i++) await add("session:a");
    await expect(add("session:a")).rejects.toMatchObject({
      code: "too_many_requests",
      message: expect.stringMatching(/^You have added 3 input images in the last minute, the most allowed here\. Try again in \d+ seconds?\.$/),
    });
    await add("session:b");
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
    } finally {
      await Promise.all(databases.map((database) => database.db.destroy()));
      await schema.drop();
    }
  });
});

describe("slots for heavy work", () => {
  it("hands a freed slot to the one waiting longest, refuses one that waited too long, and counts a client's own", async () => {
    const slots = createSlots(1, () => new AppError("busy", "full"), { waitMs: 200, perKey: 1, keyRefusal: () => new AppError("busy", "yours") });
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
