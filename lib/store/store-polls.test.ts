import { beforeEach, describe, expect, it } from "vitest";
import { freshStoreEachTest, holdingConnection, lockWaiters, onPostgresStore, STORE_BACKENDS } from "@/test/store-backends";
import { planComparison, type CompareRequest } from "../compare/compare-request";
import { defaultRequest } from "../models/defaults";
import type { Poll } from "../polls/poll";
import { ADVISORY_LOCKS } from "./advisory-locks";
import type { GenerationStore } from "./types";

/**
 * Polls and their votes: kept whole, found by the owner's id or the voting link's token, one vote per voter
 * per item; the images a poll shows kept for it, whatever is deleted after.
 */
const image = (id: string) => ({ id, position: 0, width: 1328, height: 1328, mime: "image/png", bytes: 10, revisedPrompt: "" });
/** Two finished generations of one image each, g1 (Wan) and g2 (Qwen), the ones `poll` compares. */
const madeTwo = async (store: GenerationStore) => {
  for (const [id, imageId, model] of [["g1", "i1", "wan2.6-t2i"], ["g2", "i2", "qwen-image"]] as const) {
    await store.create({ id, createdAt: 500, request: { ...defaultRequest(model), prompt: "A lighthouse" } });
    await store.complete(id, { finishedAt: 900, durationMs: 400, billedImages: 1, images: [image(imageId)] });
  }
};
const poll: Poll = {
  id: "poll-1",
  token: "token-1",
  createdAt: 1_000,
  title: "Which lighthouse?",
  reveal: "after_vote",
  access: "link",
  closedAt: null,
  // Made from a grid's place: where in it is kept with the item.
  items: [{ prompt: "A lighthouse", place: [{ axis: "seed", value: 7 }], candidates: [{ generationId: "g1", imageId: "i1", model: "wan2.6-t2i" }, { generationId: "g2", imageId: "i2", model: "qwen-image" }] }],
  // And what it left out for want of images: the grid's other place, whose one model failed.
  leftOut: [{ prompt: "A lighthouse", place: [{ axis: "seed", value: 8 }], missing: [{ model: "qwen-image", status: "failed" }], whole: true }],
};

describe.each(STORE_BACKENDS)("on $name", (backend) => {
  const store = freshStoreEachTest(backend);
  beforeEach(() => madeTwo(store));

  it("keeps a poll whole and finds it by id or token; a close is kept once", async () => {
    await store.createPoll(poll);
    expect(await store.getPoll("poll-1")).toEqual(poll);
    expect(await store.pollByToken("token-1")).toEqual(poll);
    expect(await store.pollByToken("poll-1")).toBeNull();
    await store.createPoll({ ...poll, id: "poll-0", token: "token-0", createdAt: 2_000 });
    expect((await store.polls()).map((entry) => entry.id)).toEqual(["poll-0", "poll-1"]);
    expect((await store.closePoll("poll-1", 2_000))?.closedAt).toBe(2_000);
    expect((await store.closePoll("poll-1", 3_000))?.closedAt).toBe(2_000);
    expect(await store.closePoll("nope", 3_000)).toBeNull();
  });

  it("finds the polls that show an image, and no other", async () => {
    const other: Poll = { ...poll, id: "poll-2", token: "token-2", items: [{ prompt: "A lighthouse", candidates: [poll.items[0]!.candidates[0]!] }] };
    await store.createPoll(poll);
    await store.createPoll(other);
    await store.closePoll("poll-2", 2_000);
    const ids = async (imageId: string) => (await store.pollsShowing(imageId)).map((entry) => [entry.id, entry.closedAt]).sort();
    expect(await ids("i1")).toEqual([["poll-1", null], ["poll-2", 2_000]]);
    expect(await ids("i2")).toEqual([["poll-1", null]]);
    expect(await ids("i3")).toEqual([]);
  });

  it("takes one vote per voter per item, and lists a poll's votes or every poll's", async () => {
    await store.createPoll(poll);
    await store.createPoll({ ...poll, id: "poll-2", token: "token-2" });
    expect(await store.castVote({ pollId: "poll-1", item: 0, voter: "v1", choice: { kind: "pick", model: "qwen-image" }, createdAt: 1 })).toBe("cast");
    expect(await store.castVote({ pollId: "poll-1", item: 0, voter: "v1", choice: { kind: "tie" }, createdAt: 2 })).toBe("already_voted");
    expect(await store.castVote({ pollId: "poll-1", item: 0, voter: "v2", choice: { kind: "bad" }, createdAt: 3 })).toBe("cast");
    expect(await store.castVote({ pollId: "poll-2", item: 0, voter: "v1", choice: { kind: "tie" }, createdAt: 4 })).toBe("cast");
    expect((await store.pollVotes("poll-1")).map((vote) => [vote.voter, vote.choice])).toEqual([
      ["v1", { kind: "pick", model: "qwen-image" }],
      ["v2", { kind: "bad" }],
    ]);
    expect(await store.pollVotes()).toHaveLength(3);
    expect((await store.pollVotes("poll-1", "v2")).map((vote) => vote.choice)).toEqual([{ kind: "bad" }]);
    expect(await store.pollVotes("poll-2", "v2")).toEqual([]);
  });

  it("tells the change log of each vote taken and each close, for the owner's open page, and of nothing refused", async () => {
    await store.createPoll(poll);
    const { last } = await store.changeBounds();
    const said = async () => (await store.changesAfter(last, 100)).map((change) => (change.kind === "poll" ? `poll ${change.poll}` : change.kind));
    await store.castVote({ pollId: "poll-1", item: 0, voter: "v1", choice: { kind: "tie" }, createdAt: 1 });
    await store.castVote({ pollId: "poll-1", item: 0, voter: "v1", choice: { kind: "bad" }, createdAt: 2 });
    await store.closePoll("poll-1", 3);
    await store.closePoll("poll-1", 4);
    await store.castVote({ pollId: "poll-1", item: 0, voter: "v2", choice: { kind: "bad" }, createdAt: 5 });
    expect(await said()).toEqual(["poll poll-1", "poll poll-1"]);
  });

  it("counts a poll's votes and voters, and its votes move no change the history's lists are read against", async () => {
    await store.createPoll({ ...poll, items: [poll.items[0]!, poll.items[0]!] });
    const listed = await store.lastHistoryChange();
    expect(listed).toBeGreaterThan(0);
    await store.castVote({ pollId: "poll-1", item: 0, voter: "v1", choice: { kind: "tie" }, createdAt: 1 });
    await store.castVote({ pollId: "poll-1", item: 1, voter: "v1", choice: { kind: "bad" }, createdAt: 2 });
    await store.castVote({ pollId: "poll-1", item: 0, voter: "v2", choice: { kind: "bad" }, createdAt: 3 });
    await store.closePoll("poll-1", 4);
    expect(await store.pollCounts("poll-1")).toEqual({ votes: 3, voters: 2 });
    expect(await store.pollCounts("no-such-poll")).toEqual({ votes: 0, voters: 0 });
    expect((await store.changeBounds()).last).toBeGreaterThan(listed);
    expect(await store.lastHistoryChange()).toBe(listed);
    await store.setStarred("g1", true);
    expect(await store.lastHistoryChange()).toBe((await store.changeBounds()).last);
  });

  it("takes no vote once the poll is closed, whatever the voter's page last read", async () => {
    await store.createPoll(poll);
    await store.closePoll("poll-1", 2_000);
    expect(await store.castVote({ pollId: "poll-1", item: 0, voter: "v1", choice: { kind: "tie" }, createdAt: 2_001 })).toBe("closed");
    expect(await store.castVote({ pollId: "no-such-poll", item: 0, voter: "v1", choice: { kind: "tie" }, createdAt: 2_001 })).toBe("closed");
    expect(await store.pollVotes("poll-1")).toEqual([]);
  });

  describe("voters new to a poll, counted against the address they came from", () => {
    const twoItems: Poll = { ...poll, items: [poll.items[0]!, poll.items[0]!] };
    const at = 1_000_000_000;
    const tie = (voter: string, item: number, createdAt = at, pollId = "poll-1") => ({ pollId, item, voter, choice: { kind: "tie" as const }, createdAt });
    const one = { address: "address:203.0.113.5", perHour: 1 };

    it("count a voter once, however many of their first votes come at once, and refuse the next new voter; a returning voter votes on", async () => {
      await store.createPoll(twoItems);
      const { last } = await store.changeBounds();
      expect(await Promise.all([store.castVote(tie("v1", 0), one), store.castVote(tie("v1", 1), one)])).toEqual(["cast", "cast"]);
      expect(await store.castVote(tie("v2", 0, at + 60_000), one)).toEqual({ newVotersFullForMs: 59 * 60_000 });
      // Refused whole: nothing of the vote is kept, and the change log tells of the two votes taken alone.
      expect(await store.pollCounts("poll-1")).toEqual({ votes: 2, voters: 1 });
      expect((await store.changesAfter(last, 100)).map((change) => change.kind)).toEqual(["poll", "poll"]);
      // Another address brings its own; another poll counts its own.
      expect(await store.castVote(tie("v2", 0), { ...one, address: "address:198.51.100.9" })).toBe("cast");
      await store.createPoll({ ...twoItems, id: "poll-2", token: "token-2" });
      expect(await store.castVote(tie("v3", 0, at, "poll-2"), one)).toBe("cast");
    });

    it("take one of two new voters who come at once for the last place, whichever instance takes them", async () => {
      await store.createPoll(twoItems);
      const outcomes = await Promise.all(["v1", "v2", "v3"].map((voter) => store.castVote(tie(voter, 0), one)));
      expect(outcomes.filter((outcome) => outcome === "cast")).toHaveLength(1);
      expect(await store.pollCounts("poll-1")).toEqual({ votes: 1, voters: 1 });
    });

    it("let one more come an hour after the first came, by the votes' times", async () => {
      await store.createPoll(twoItems);
      expect(await store.castVote(tie("v1", 0), one)).toBe("cast");
      expect(await store.castVote(tie("v2", 0, at + 30 * 60_000), { ...one, perHour: 2 })).toBe("cast");
      expect(await store.castVote(tie("v3", 0, at + 60 * 60_000 - 1), { ...one, perHour: 2 })).toEqual({ newVotersFullForMs: 1 });
      // v1's hour is over: one place again, until v2's is.
      expect(await store.castVote(tie("v3", 0, at + 60 * 60_000), { ...one, perHour: 2 })).toBe("cast");
      expect(await store.castVote(tie("v4", 0, at + 61 * 60_000), { ...one, perHour: 2 })).toEqual({ newVotersFullForMs: 29 * 60_000 });
      // Voters who came go on voting, however full the hour.
      expect(await store.castVote(tie("v1", 1, at + 61 * 60_000), { ...one, perHour: 2 })).toBe("cast");
    });

    it("count no one for a vote refused otherwise", async () => {
      await store.createPoll(twoItems);
      await store.createPoll({ ...twoItems, id: "poll-2", token: "token-2", closedAt: 1 });
      expect(await store.castVote(tie("v1", 0, at, "poll-2"), one)).toBe("closed");
      expect(await store.castVote(tie("v1", 0), one)).toBe("cast");
      expect(await store.castVote(tie("v1", 0), one)).toBe("already_voted");
      expect(await store.castVote(tie("v1", 1), one)).toBe("cast");
    });
  });

  it("reads the images of every poll however many there are, a thousand ids to a query", async () => {
    await store.createPoll(poll);
    const many = ["i1", ...Array.from({ length: 2_398 }, (_, index) => `none-${index}`), "i2", "i1"];
    expect((await store.pollImages(many)).map((image) => image.id)).toEqual(["i1", "i2"]);
  });

  it("is not made when one of its images is gone", async () => {
    await store.delete("g2", 1_000);
    expect(await store.createPoll(poll)).toBe(false);
    expect(await store.getPoll("poll-1")).toBeNull();
    expect(await store.pollImages(["i1", "i2"])).toEqual([]);
  });

  it("keeps the images it shows, and what its results say of them, once their comparison is deleted", async () => {
    const request: CompareRequest = {
      models: ["wan2.6-t2i", "qwen-image"], prompt: "A harbour", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 5, promptExtend: true, watermark: false, blind: false,
    };
    const comparison = await store.createComparison({ id: "c1", createdAt: 1_000, request, seed: 5, columns: planComparison(request).map((plan, index) => ({ id: `c1-${index}`, request: plan.request })) });
    await store.complete("c1-0", { finishedAt: 2_000, durationMs: 700, billedImages: 1, images: [image("c1-i0")] });
    await store.complete("c1-1", { finishedAt: 2_000, durationMs: 800, images: [image("c1-i1"), { ...image("c1-i1b"), position: 1 }] });
    const shown: Poll = {
      ...poll,
      items: [{ prompt: "A harbour", candidates: comparison.columns.map((column, index) => ({ generationId: column.generation.id, imageId: `c1-i${index}`, model: column.generation.request.model })) }],
    };
    expect(await store.createPoll(shown)).toBe(true);
    // A second poll of the same images keeps them once.
    expect(await store.createPoll({ ...shown, id: "poll-2", token: "token-2" })).toBe(true);

    // The comparison goes, and with it every file but the ones the polls show.
    expect(await store.deleteComparison("c1", 3_000)).toEqual({ imageIds: ["c1-i1b"] });
    expect(await store.image("c1-i0")).toBeNull();
    expect(await store.getPoll("poll-1")).toEqual(shown);
    const kept = await store.pollImages(["c1-i0", "c1-i1", "nope"]);
    expect(kept.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: "c1-i0", generationId: "c1-0", width: 1328, height: 1328, mime: "image/png", bytes: 10, durationMs: 700, billedImages: 1, generationImages: 1 },
      { id: "c1-i1", generationId: "c1-1", width: 1328, height: 1328, mime: "image/png", bytes: 10, durationMs: 800, billedImages: null, generationImages: 2 },
    ]);
    expect(await store.imageIds()).toEqual(new Set(["i1", "i2", "c1-i0", "c1-i1"]));

    // A single generation a poll shows keeps its image the same way.
    expect(await store.createPoll({ ...poll, id: "poll-3", token: "token-3" })).toBe(true);
    expect(await store.delete("g1", 3_000)).toEqual({ imageIds: [] });
    expect((await store.pollImages(["i1"])).map((entry) => entry.id)).toEqual(["i1"]);
  });

  it("is deleted with its votes, and lets go of the images it alone showed: their files go once no record owns them", async () => {
    const other: Poll = { ...poll, id: "poll-2", token: "token-2", items: [{ prompt: "A lighthouse", candidates: [poll.items[0]!.candidates[0]!] }] };
    await store.createPoll(poll);
    await store.createPoll(other);
    await store.castVote({ pollId: "poll-1", item: 0, voter: "v1", choice: { kind: "tie" }, createdAt: 1 });
    // i2's generation goes: the poll alone keeps it; i1 is also in the other poll and in the history.
    expect(await store.delete("g2", 2_000)).toEqual({ imageIds: [] });
    expect(await store.deletePoll("poll-1")).toEqual({ imageIds: ["i2"] });
    expect(await store.getPoll("poll-1")).toBeNull();
    expect(await store.pollByToken("token-1")).toBeNull();
    expect(await store.pollVotes("poll-1")).toEqual([]);
    expect((await store.pollImages(["i1", "i2"])).map((entry) => entry.id)).toEqual(["i1"]);
    expect(await store.imageIds()).toEqual(new Set(["i1"]));
    expect(await store.deletePoll("poll-1")).toBeNull();
    // The last poll of i1 goes, but its generation still holds it: no file goes.
    expect(await store.deletePoll("poll-2")).toEqual({ imageIds: [] });
    expect(await store.pollImages(["i1"])).toEqual([]);
    expect(await store.imageIds()).toEqual(new Set(["i1"]));
  });
});

describe("on postgres, during a rolling deploy", () => {
  it("a poll made by an instance on the code before the list of shown images still keeps the images it shares, and is found by them", async () => {
    await onPostgresStore(async ({ store, database }) => {
      await madeTwo(store);
      const other: Poll = { ...poll, id: "poll-2", token: "token-2", items: [{ prompt: "A lighthouse", candidates: [poll.items[0]!.candidates[0]!] }] };
      await store.createPoll(poll);
      await store.createPoll(other);
      // As that code made it: the poll and its images kept, and no row saying it shows i1.
      await database.db.deleteFrom("poll_shown_images").where("poll_id", "=", "poll-2").execute();
      expect((await store.pollsShowing("i1")).map((entry) => entry.id).sort()).toEqual(["poll-1", "poll-2"]);
      expect((await store.pollsShowing("i2")).map((entry) => entry.id)).toEqual(["poll-1"]);
      await store.delete("g1", 2_000);
      expect(await store.deletePoll("poll-1")).toEqual({ imageIds: [] });
      expect((await store.pollImages(["i1", "i2"])).map((entry) => entry.id)).toEqual(["i1"]);
      expect(await store.deletePoll("poll-2")).toEqual({ imageIds: ["i1"] });
    });
  });
});

describe("on postgres, a vote and a delete of its poll at once", () => {
  it("refuses the vote as for a closed poll, and keeps nothing of it", async () => {
    await onPostgresStore(async ({ store, database }) => {
      await madeTwo(store);
      await store.createPoll(poll);
      // The delete holds its row locks uncommitted while the vote's statement reads the poll as still open;
      // the vote's reference check then waits on the delete, which commits under it.
      await holdingConnection(database, async (deleter) => {
        await deleter.query("BEGIN");
        await deleter.query("DELETE FROM poll_votes WHERE poll_id = 'poll-1'");
        await deleter.query("DELETE FROM polls WHERE id = 'poll-1'");
        const vote = store.castVote({ pollId: "poll-1", item: 0, voter: "v1", choice: { kind: "tie" }, createdAt: 1_500 });
        await expect.poll(() => lockWaiters(database, "insert into %poll_votes%"), { timeout: 5_000 }).toBe(1);
        await deleter.query("COMMIT");
        expect(await vote).toBe("closed");
      });
      expect(await store.pollVotes()).toEqual([]);
      expect(await store.getPoll("poll-1")).toBeNull();
    });
  });
});

describe("on postgres, first votes on two instances at once", () => {
  it("count one voter's two as one, and two voters for one place as two: the later reads what the earlier wrote once it may count", async () => {
    await onPostgresStore(async ({ store, database }) => {
      await madeTwo(store);
      await store.createPoll({ ...poll, items: [poll.items[0]!, poll.items[0]!] });
      const one = { address: "address:203.0.113.5", perHour: 1 };
      const tie = (voter: string, item: number) => ({ pollId: "poll-1", item, voter, choice: { kind: "tie" as const }, createdAt: 1_000 });
      // Another instance counting a new voter holds the count: both votes are written and found first, then wait.
      await holdingConnection(database, async (counting) => {
        await counting.query("BEGIN");
        await counting.query("SELECT pg_advisory_xact_lock($1)", [ADVISORY_LOCKS.newVoters]);
        const both = Promise.all([store.castVote(tie("v1", 0), one), store.castVote(tie("v1", 1), one)]);
        await expect.poll(() => lockWaiters(database, "%pg_advisory_xact_lock%"), { timeout: 5_000 }).toBe(2);
        await counting.query("COMMIT");
        expect(await both).toEqual(["cast", "cast"]);
      });
      expect(await store.castVote(tie("v2", 0), one)).toMatchObject({ newVotersFullForMs: expect.any(Number) });
      expect(await store.pollCounts("poll-1")).toEqual({ votes: 2, voters: 1 });
      // Two new voters from another address, for its one place: each counts the other's arrival once it may count.
      const other = { ...one, address: "address:198.51.100.9" };
      await holdingConnection(database, async (counting) => {
        await counting.query("BEGIN");
        await counting.query("SELECT pg_advisory_xact_lock($1)", [ADVISORY_LOCKS.newVoters]);
        const both = Promise.all([store.castVote(tie("v3", 0), other), store.castVote(tie("v4", 0), other)]);
        await expect.poll(() => lockWaiters(database, "%pg_advisory_xact_lock%"), { timeout: 5_000 }).toBe(2);
        await counting.query("COMMIT");
        expect((await both).filter((outcome) => outcome === "cast")).toHaveLength(1);
      });
      expect(await store.pollCounts("poll-1")).toEqual({ votes: 3, voters: 2 });
    });
  });
});
