import { describe, expect, it } from "vitest";
import { freshStoreEachTest, STORE_BACKENDS } from "@/test/store-backends";
import type { Poll } from "../polls/poll";

/** Polls and their votes: kept whole, found by the owner's id or the voting link's token, one vote per voter per item. */
describe.each(STORE_BACKENDS)("on $name", (backend) => {
  const store = freshStoreEachTest(backend);
  const poll: Poll = {
    id: "poll-1",
    token: "token-1",
    createdAt: 1_000,
    title: "Which lighthouse?",
    reveal: "after_vote",
    access: "link",
    closedAt: null,
    items: [{ prompt: "A lighthouse", candidates: [{ generationId: "g1", imageId: "i1", model: "wan2.6-t2i" }, { generationId: "g2", imageId: "i2", model: "qwen-image" }] }],
  };

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
  });

  it("takes no vote once the poll is closed, whatever the voter's page last read", async () => {
    await store.createPoll(poll);
    await store.closePoll("poll-1", 2_000);
    expect(await store.castVote({ pollId: "poll-1", item: 0, voter: "v1", choice: { kind: "tie" }, createdAt: 2_001 })).toBe("closed");
    expect(await store.castVote({ pollId: "no-such-poll", item: 0, voter: "v1", choice: { kind: "tie" }, createdAt: 2_001 })).toBe("closed");
    expect(await store.pollVotes("poll-1")).toEqual([]);
  });
});
