import type { ExpressionBuilder, Kysely, Transaction } from "kysely";
import { choiceOf, choiceText, pollImageIds, type Poll, type PollVote } from "../polls/poll";
import { holdLock } from "./advisory-locks";
import { retryConflicts } from "./conflict-retry";
import type { SqlDatabase, Tables } from "./schema";
import type { createChangeLog } from "./sql-changes";
import type { GenerationStore, NewVoterCap, PollImage } from "./types";

/** How long a voter new to a poll counts against the address they came from. */
const NEW_VOTERS_WINDOW_MS = 60 * 60_000;

/** Ids bound per query: far under SQLite's and PostgreSQL's limits on parameters. */
const IDS_PER_QUERY = 1_000;

const inChunks = (ids: readonly string[]): string[][] =>
  Array.from({ length: Math.ceil(ids.length / IDS_PER_QUERY) }, (_, index) => ids.slice(index * IDS_PER_QUERY, (index + 1) * IDS_PER_QUERY));

type PollMethods = Pick<GenerationStore, "createPoll" | "getPoll" | "pollsShowing" | "polls" | "pollByToken" | "closePoll" | "deletePoll" | "castVote" | "pollVotes" | "pollCounts" | "pollImages">;

/**
 * Polls, their votes, and the images they show. A poll is frozen when it is made: its items in the poll's
 * row, its images' records (and what its results say of their generations) in `poll_images`, so deleting a
 * comparison later takes nothing from a poll, open or closed. The store's deletes leave those files in place.
 * A vote and a close are recorded in the change log, so the owner's open page learns of them at once.
 */
export const createPollStore = (
  { db, backend }: { readonly db: Kysely<Tables>; readonly backend: SqlDatabase["backend"] },
  changes: Pick<ReturnType<typeof createChangeLog>, "write">,
): PollMethods => {
  const pollWhere = async (column: "id" | "token", value: string): Promise<Poll | null> => {
    const row = await db.selectFrom("polls").selectAll().where(column, "=", value).executeTakeFirst();
    return row ? pollOf(row) : null;
  };

  const pollImages = async (ids: readonly string[]): Promise<PollImage[]> => {
    const unique = [...new Set(ids)];
    const rows = (await Promise.all(inChunks(unique).map((chunk) => db.selectFrom("poll_images").selectAll().where("image_id", "in", chunk).execute())))
      .flat()
      .sort((a, b) => (a.image_id < b.image_id ? -1 : a.image_id > b.image_id ? 1 : 0));
    return rows.map((row) => ({
      id: row.image_id,
      generationId: row.generation_id,
      width: Number(row.width),
      height: Number(row.height),
      mime: row.mime,
      bytes: Number(row.bytes),
      durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
      billedImages: row.billed_images === null ? null : Number(row.billed_images),
      generationImages: Number(row.generation_images),
    }));
  };

  /**
   * Counts the voter in as new to the poll from the cap's address, unless they voted on it before; throws
   * NewVotersFull (the vote goes back with the transaction) rather than count one past the address's hour.
   * Run in the vote's transaction, after its write, so a vote refused for anything else counts no one.
   */
  const admit = async (trx: Transaction<Tables>, vote: PollVote, { address, perHour }: NewVoterCap): Promise<void> => {
    const votedBefore = async () =>
      (await trx.selectFrom("poll_votes").select("item").where("poll_id", "=", vote.pollId).where("voter", "=", vote.voter).where("item", "<>", vote.item).limit(1).executeTakeFirst()) !==
      undefined;
    if (await votedBefore()) return;
    // First votes wait here for each other, whichever instance took them: read again under the lock, a first
    // vote of this voter's other tab that committed meanwhile is seen, and so are the new voters another
    // instance just counted. (SQLite runs one transaction at a time: nothing came between.)
    await holdLock(trx, backend, "newVoters");
    if (backend === "postgres" && (await votedBefore())) return;
    const since = vote.createdAt - NEW_VOTERS_WINDOW_MS;
    // An hour's arrivals are all the count needs: those before go as they are passed.
    await trx.deleteFrom("poll_new_voters").where("poll_id", "=", vote.pollId).where("address", "=", address).where("at", "<=", since).execute();
    const held = await trx
      .selectFrom("poll_new_voters")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min<number>("at").as("first")])
      .where("poll_id", "=", vote.pollId)
      .where("address", "=", address)
      .executeTakeFirstOrThrow();
    if (Number(held.n) >= perHour) throw new NewVotersFull(Number(held.first) + NEW_VOTERS_WINDOW_MS - vote.createdAt);
    await trx.insertInto("poll_new_voters").values({ poll_id: vote.pollId, address, at: vote.createdAt }).execute();
  };

  return {
    async createPoll(poll) {
      const ids = [...new Set(pollImageIds(poll.items))];
      return retryConflicts(() => db.transaction().execute(async (trx) => {
        // Taken first here and by a delete that decides which files go: otherwise, on PostgreSQL, a delete
        // could list an image as in no poll, this pin it and commit, and the delete then remove its file.
        await holdLock(trx, backend, "pollImages");
        // Kept from the images' own records in the statement that reads them: an image deleted meanwhile is
        // simply missing, and the poll is not made.
        if (ids.length > 0) await trx
          .insertInto("poll_images")
          .columns(["image_id", "generation_id", "width", "height", "mime", "bytes", "duration_ms", "billed_images", "generation_images"])
          .expression((eb) =>
            eb
              .selectFrom("images as i")
              .innerJoin("generations as g", "g.id", "i.generation_id")
              .select((inner) => [
                "i.id",
                "g.id as generation_id",
                "i.width",
                "i.height",
                "i.mime",
                "i.bytes",
                "g.duration_ms",
                "g.billed_images",
                inner.selectFrom("images as x").select((count) => count.fn.countAll<number>().as("n")).whereRef("x.generation_id", "=", "g.id").as("generation_images"),
              ])
              .where("i.id", "in", ids),
          )
          .onConflict((conflict) => conflict.column("image_id").doNothing())
          .execute();
        const kept = ids.length === 0 ? { n: 0 } : await trx.selectFrom("poll_images").select((eb) => eb.fn.countAll<number>().as("n")).where("image_id", "in", ids).executeTakeFirstOrThrow();
        if (Number(kept.n) < ids.length) {
          // Nothing of this poll may stay: the images it pinned go back to their generations alone.
          throw new MissingImage();
        }
        await trx
          .insertInto("polls")
          .values({ id: poll.id, token: poll.token, created_at: poll.createdAt, title: poll.title, reveal: poll.reveal, access: poll.access, closed_at: poll.closedAt, items_json: JSON.stringify(poll.items), left_out_json: JSON.stringify(poll.leftOut) })
          .execute();
        await listShown(trx, poll.id, ids);
        return true;
      })).catch((error: unknown) => {
        if (error instanceof MissingImage) return false;
        throw error;
      });
    },
    getPoll: (id) => pollWhere("id", id),
    async pollsShowing(imageId) {
      const listed = await db
        .selectFrom("polls as p")
        .innerJoin("poll_shown_images as s", "s.poll_id", "p.id")
        .selectAll("p")
        .where("s.image_id", "=", imageId)
        .execute();
      // A poll made by an instance still on the code before that list (a rolling deploy): read whole.
      const unlisted = (await db.selectFrom("polls as p").selectAll("p").where(notListed).execute())
        .map(pollOf)
        .filter((poll) => pollImageIds(poll.items).includes(imageId));
      return [...listed.map(pollOf), ...unlisted];
    },
    async polls() {
      const rows = await db.selectFrom("polls").selectAll().orderBy("created_at", "desc").orderBy("id").execute();
      return rows.map(pollOf);
    },
    pollByToken: (token) => pollWhere("token", token),
    async closePoll(id, at) {
      await changes.write(async (trx, note) => {
        const closed = await trx.updateTable("polls").set({ closed_at: at }).where("id", "=", id).where("closed_at", "is", null).executeTakeFirst();
        if (Number(closed.numUpdatedRows) > 0) note({ kind: "poll", poll: id });
      });
      return pollWhere("id", id);
    },
    async deletePoll(id) {
      return retryConflicts(() => db.transaction().execute(async (trx) => {
        // As a history delete takes it: which images no poll pins any more is decided under the one lock.
        await holdLock(trx, backend, "pollImages");
        const row = await trx.selectFrom("polls").select("items_json").where("id", "=", id).executeTakeFirst();
        if (!row) return null;
        // A poll made by an instance still on the code before that list (a rolling deploy) is not on it yet.
        const unlisted = await trx
          .selectFrom("polls as p")
          .select(["p.id", "p.items_json"])
          .where(notListed)
          .execute();
        for (const other of unlisted) await listShown(trx, other.id, [...new Set(pollImageIds(JSON.parse(other.items_json) as Poll["items"]))]);
        await trx.deleteFrom("poll_votes").where("poll_id", "=", id).execute();
        await trx.deleteFrom("poll_new_voters").where("poll_id", "=", id).execute();
        await trx.deleteFrom("poll_shown_images").where("poll_id", "=", id).execute();
        await trx.deleteFrom("polls").where("id", "=", id).execute();
        const shown = [...new Set(pollImageIds(JSON.parse(row.items_json) as Poll["items"]))];
        const imageIds: string[] = [];
        for (const chunk of inChunks(shown)) {
          const stillShown = new Set((await trx.selectFrom("poll_shown_images").select("image_id").where("image_id", "in", chunk).execute()).map((other) => other.image_id));
          const released = chunk.filter((imageId) => !stillShown.has(imageId));
          if (released.length === 0) continue;
          await trx.deleteFrom("poll_images").where("image_id", "in", released).execute();
          // A file goes with its last record: an image whose generation is still in the history keeps it.
          const owned = new Set((await trx.selectFrom("images").select("id").where("id", "in", released).execute()).map((image) => image.id));
          imageIds.push(...released.filter((imageId) => !owned.has(imageId)));
        }
        return { imageIds };
      }));
    },
    async castVote(vote, cap) {
      // Taken only while the poll is open, in the statement that writes it: a close on another instance
      // between the route's read of the poll and this write would otherwise let a vote in after it.
      const cast = await changes
        .write(async (trx, note) => {
          const result = await trx
            .insertInto("poll_votes")
            .columns(["poll_id", "item", "voter", "choice", "created_at"])
            .expression((eb) =>
              eb
                .selectFrom("polls")
                .select([
                  "id",
                  eb.cast<number>(eb.val(vote.item), "integer").as("item"),
                  eb.cast<string>(eb.val(vote.voter), "text").as("voter"),
                  eb.cast<string>(eb.val(choiceText(vote.choice)), "text").as("choice"),
                  eb.cast<number>(eb.val(vote.createdAt), "bigint").as("created_at"),
                ])
                .where("id", "=", vote.pollId)
                .where("closed_at", "is", null),
            )
            .onConflict((conflict) => conflict.columns(["poll_id", "item", "voter"]).doNothing())
            .executeTakeFirst();
          const written = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
          if (!written) return false;
          if (cap) await admit(trx, vote, cap);
          note({ kind: "poll", poll: vote.pollId });
          return true;
        })
        .catch((error: unknown) => {
          if (error instanceof NewVotersFull) return error;
          // On PostgreSQL a delete of the poll committed while this statement ran fails its reference: the
          // poll is gone, and the vote is refused as for a closed one.
          if (isGoneReference(error)) return null;
          throw error;
        });
      if (cast instanceof NewVotersFull) return { newVotersFullForMs: cast.forMs };
      if (cast === null) return "closed";
      if (cast) return "cast";
      const poll = await db.selectFrom("polls").select("closed_at").where("id", "=", vote.pollId).executeTakeFirst();
      return poll?.closed_at === null ? "already_voted" : "closed";
    },
    async pollVotes(pollId, voter) {
      let query = db.selectFrom("poll_votes");
      if (pollId !== undefined) query = query.where("poll_id", "=", pollId);
      if (voter !== undefined) query = query.where("voter", "=", voter);
      const rows = await query.selectAll().orderBy("created_at").orderBy("voter").execute();
      return rows.map((row) => ({ pollId: row.poll_id, item: Number(row.item), voter: row.voter, choice: choiceOf(row.choice), createdAt: Number(row.created_at) }));
    },
    async pollCounts(pollId) {
      const row = await db
        .selectFrom("poll_votes")
        .select((eb) => [eb.fn.countAll<number>().as("votes"), eb.fn.count<number>("voter").distinct().as("voters")])
        .where("poll_id", "=", pollId)
        .executeTakeFirst();
      return { votes: Number(row?.votes ?? 0), voters: Number(row?.voters ?? 0) };
    },
    pollImages,
  };
};

/** Of `polls as p`: one whose images are not on the list of those shown yet. */
const notListed = ({ not, exists, selectFrom }: ExpressionBuilder<Tables & { p: Tables["polls"] }, "p">) =>
  not(exists(selectFrom("poll_shown_images as s").select("s.poll_id").whereRef("s.poll_id", "=", "p.id")));

/** Records which images a poll shows (each once). */
const listShown = async (trx: Transaction<Tables>, pollId: string, imageIds: readonly string[]) => {
  for (const chunk of inChunks(imageIds))
    await trx
      .insertInto("poll_shown_images")
      .values(chunk.map((imageId) => ({ poll_id: pollId, image_id: imageId })))
      .onConflict((conflict) => conflict.columns(["poll_id", "image_id"]).doNothing())
      .execute();
};

const pollOf = (row: Tables["polls"]): Poll => ({
  id: row.id,
  token: row.token,
  createdAt: Number(row.created_at),
  title: row.title,
  reveal: row.reveal as Poll["reveal"],
  access: row.access as Poll["access"],
  closedAt: row.closed_at === null ? null : Number(row.closed_at),
  items: JSON.parse(row.items_json) as Poll["items"],
  leftOut: JSON.parse(row.left_out_json) as Poll["leftOut"],
});

/** PostgreSQL's foreign key violation. */
const isGoneReference = (error: unknown): boolean => typeof error === "object" && error !== null && "code" in error && error.code === "23503";

/** Rolls back a poll one of whose images is gone. */
class MissingImage extends Error {}

/** Rolls back a first vote past the cap on new voters: one more may come in `forMs`. */
class NewVotersFull extends Error {
  constructor(readonly forMs: number) {
    super("The poll's new voters from this address are full for the hour.");
  }
}
