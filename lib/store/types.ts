import type { ErrorCode } from "../errors";
import type { SetRequest } from "../generation/set-kind";
import type { PromptList } from "../grid/prompt-list";
import type { Poll, PollVote } from "../polls/poll";
import type { VoteCounts } from "../polls/poll-summary";
import type { ComparisonView, GenerationRequest, GenerationStage, GenerationStatus, GenerationView, HistoryItem, HistoryPage, StepTimings } from "../generation/view";
import type { GenerateRequest } from "../models/request-schema";
import type { UpstreamIds } from "../gateway/answer";

/**
 * The history's storage, as two small interfaces: records (GenerationStore) and image bytes (ImageStore).
 * The embedded default is SQLite plus a folder; another backend implements the same two.
 */

export type StoredImage = {
  readonly id: string;
  readonly position: number;
  readonly width: number;
  readonly height: number;
  readonly mime: string;
  readonly bytes: number;
  readonly revisedPrompt: string;
};

/** An image a poll shows, with what the poll's results say of the generation that made it. */
export type PollImage = {
  readonly id: string;
  readonly generationId: string;
  readonly width: number;
  readonly height: number;
  readonly mime: string;
  readonly bytes: number;
  readonly durationMs: number | null;
  readonly billedImages: number | null;
  /** How many images that generation made (what it cost, where the gateway did not say what it billed). */
  readonly generationImages: number;
};

/** An edit's input image on record; its bytes are in the ImageStore under the same id. */
export type StoredInput = {
  readonly id: string;
  readonly createdAt: number;
  readonly width: number;
  readonly height: number;
  readonly mime: string;
  readonly bytes: number;
  /** Its thumbnail's, counted with `bytes` under the inputs' cap. */
  readonly thumbBytes: number;
  /** Of the stored bytes, so the same upload twice is kept once. */
  readonly sha256: string;
  /** The history result it was taken from, with that step's model, prompt and own input (if an edit); null for an upload. */
  readonly from: {
    readonly generationId: string;
    readonly imageId: string;
    readonly inputId: string | null;
    readonly model: string;
    readonly prompt: string;
  } | null;
};

/** What an edit input is added under: the most all inputs together may hold, and the most one client's may. */
export type InputCaps = {
  readonly maxBytes: number;
  /** Who adds it (its key as the limits count it, lib/limits), recorded with it, and the most its inputs may hold. */
  readonly client?: { readonly key: string; readonly maxBytes: number };
};

/** An input refused: the cap it would pass (all inputs', or its client's) and what is held under that cap now. */
export type InputsFull = { readonly cap: "all" | "client"; readonly held: number };

export type ListQuery = {
  readonly limit: number;
  readonly cursor?: string | null;
  /** Words to find in the prompt or a revised prompt. */
  readonly q?: string;
  readonly model?: string;
  readonly status?: GenerationStatus;
  readonly starred?: boolean;
};

export type Failure = { readonly code: ErrorCode; readonly message: string; readonly retryAfterSeconds: number | null };

/** What a share link points at: history items, in the order they were chosen. */
export type ShareEntry = { readonly kind: HistoryItem["kind"]; readonly id: string };

export type ShareView = {
  readonly id: string;
  readonly createdAt: number;
  readonly title: string;
  /** The items still in the history; deleted ones are counted in `missing`. */
  readonly items: readonly HistoryItem[];
  readonly missing: number;
};

/** The instance running a generation, and until when it vouches for it (it renews this while it runs). */
export type Lease = { readonly owner: string; readonly until: number };

/**
 * New running generations under the cap on gateway calls in flight (running ones, and ended ones the gateway
 * may still be working on). The count and the insert are one transaction, serialized across instances, so
 * two instances admitting the last free place at once cannot both get it.
 */
export type Admission = { readonly lease: Lease; readonly maxConcurrent: number; readonly now: number };

/** How many held places' ends `InFlight` lists: far more than any cap a refusal waits on. */
export const LINGER_ENDS_LISTED = 100;

/** Gateway calls in flight across every instance, as the cap counts them. */
export type InFlight = {
  readonly running: number;
  /** Ended calls the gateway may still be working on: each holds its place under the cap until its linger ends. */
  readonly lingering: number;
  /** When those places free (their lingers' ends), earliest first; the first `LINGER_ENDS_LISTED` of them. */
  readonly freeAt: readonly number[];
};

/**
 * Thrown by a store one route's bundle made and caught by a runner another's made: each bundle has its own
 * copy of this class, so `instanceof` asks for a mark every copy shares (as AppError does, lib/errors.ts).
 */
const CAP_REACHED = Symbol.for("onetoken-playground.CapReached");

/** The cap had no room: these calls were already counted. */
export class CapReached extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && CAP_REACHED in value;
  }

  readonly [CAP_REACHED] = true;

  constructor(readonly inFlight: InFlight) {
    super(`${inFlight.running + inFlight.lingering} gateway calls in flight`);
  }
}

/**
 * A committed change to what the history shows, in commit order: an item written or gone, the day's usage, or
 * a poll's counts or close (a vote, a close).
 */
export type Change = { readonly id: number; readonly at: number } & (
  | { readonly kind: "item" | "deleted"; readonly item: ShareEntry }
  | { readonly kind: "usage" }
  | { readonly kind: "poll"; readonly poll: string }
);

/** The oldest and newest change still in the log (0 and 0 when it is empty). */
export type ChangeBounds = { readonly first: number; readonly last: number };

/**
 * What a call of the runner's cost, settled against the day it was reserved on: the images it reserved
 * (`asked`) become `cost` on the day's count and in its spend, under the generation's spend key (its model, or
 * a hidden blind comparison's models together; `model` where the record is gone). A `cost` of null is a call
 * no one can tell the cost of: the day counts every image asked, and the record's own bill stays unknown. An
 * interruption that came first settled the call already (images of a call never sent given back, those of one
 * out at the gateway spent): the bill corrects what it settled instead of counting it again.
 */
export type CallBill = { readonly day: string; readonly asked: number; readonly cost: number | null; readonly model: string };

/** The voters new to a poll an address may bring it, an hour (as limits count addresses): a first vote past them is refused. */
export type NewVoterCap = { readonly address: string; readonly perHour: number };

export type GenerationStore = {
  /**
   * Records a running generation; an edit's request names its input, which must be on record. With an
   * admission it is held by that lease, or refused with CapReached.
   */
  create(generation: { id: string; createdAt: number; request: GenerationRequest }, admission?: Admission): Promise<GenerationView>;
  /**
   * Records the seed and the time (`sentAt`) the moment the request goes out, so even a failure says which
   * seed it tried, and its running time starts there, not at a wait in the queue; answers whether it is still
   * running (false: cancelled, deleted or interrupted meanwhile, and it must not be sent).
   */
  markSent(id: string, seed: number, sentAt: number): Promise<boolean>;
  /** Records the gateway's ids as soon as they are known (a task may run for minutes), while it runs. */
  markUpstream(id: string, ids: UpstreamIds): Promise<void>;
  /** Records what a running generation is doing now, for the page's progress. */
  markStage(id: string, stage: GenerationStage): Promise<void>;
  /** Commits a finished generation with its images in one transaction; null when it is no longer running. */
  complete(
    id: string,
    result: {
      finishedAt: number;
      durationMs: number;
      images: readonly StoredImage[];
      upstream?: UpstreamIds;
      billedImages?: number;
      notices?: readonly string[];
      timings?: StepTimings;
    },
  ): Promise<GenerationView | null>;
  /** Ends a running generation as failed or cancelled; null when it is no longer running. */
  fail(
    id: string,
    end: {
      finishedAt: number;
      status: "failed" | "cancelled";
      error: Failure | null;
      upstream?: UpstreamIds;
      /** What the failed call billed: 0 where nothing, null where it cannot be told. */
      billedImages?: number | null;
      /** Until when its place under the cap stays taken (see `linger`), set in the same write. */
      lingerUntil?: number;
      /** The runner's own failure: what its call cost is settled in the same write (see `CallBill`). */
      bill?: CallBill;
    },
  ): Promise<GenerationView | null>;
  get(id: string): Promise<GenerationView | null>;
  /**
   * Records a comparison and its columns (in display order) in one transaction: running under the admission,
   * or, `queued`, waiting for `claimQueued` (they take no place under the cap until claimed).
   */
  createComparison(comparison: {
    id: string;
    createdAt: number;
    request: SetRequest;
    seed: number;
    columns: ReadonlyArray<{ id: string; request: GenerateRequest }>;
    queued?: boolean;
  }, admission?: Admission): Promise<ComparisonView>;
  /**
   * Starts as many queued generations as the cap has room for, oldest first, each held by the admission's
   * lease (serialized across instances like every admission); answers them and how many still wait.
   */
  claimQueued(admission: Admission): Promise<{ claimed: Array<{ id: string; createdAt: number; request: GenerationRequest }>; waiting: number }>;
  /**
   * Cancels a generation that is still queued (nothing was sent), giving back what it reserved in the same
   * write; null when it is not queued (any more).
   */
  cancelQueued(id: string, finishedAt: number): Promise<GenerationView | null>;
  /**
   * Cancels a running generation, its call settled as an interruption settles one (a call never sent gives its
   * images back, one out at the gateway is spent and holds its place until `lingerUntil`), so nothing is left
   * reserved if the instance running it is gone; that instance's own bill, if it comes, corrects it. Null when
   * it is not running (any more), or the gateway has answered (its images are being fetched or stored: billed,
   * they are kept, so it is too late to cancel).
   */
  cancelRunning(id: string, now: number, lingerUntil: number): Promise<GenerationView | null>;
  /**
   * Cancels every unfinished generation of a comparison in one write, each as `cancelQueued` or `cancelRunning`
   * would, so no claim can start one of them after it (the queued are never sent; those whose answer is in
   * finish with their images). Answers the ids of each
   * kind it cancelled (the instances running the others abort their calls), or null when there is no such
   * comparison.
   */
  cancelComparison(id: string, now: number, lingerUntil: number): Promise<{ queued: string[]; running: string[] } | null>;
  getComparison(id: string): Promise<ComparisonView | null>;
  /**
   * Puts a new generation in the place of a column that ended without images (same comparison, same
   * position) and drops the old one: running under the admission, or queued; null when there is no such
   * finished column.
   */
  replaceColumn(oldId: string, column: { id: string; createdAt: number; queued?: boolean }, admission?: Admission): Promise<GenerationView | null>;
  /** Whether a retry replaced this column of that comparison (its earlier attempt is on record). */
  wasReplaced(oldId: string, comparisonId: string): Promise<boolean>;
  updateComparison(id: string, patch: { starred?: boolean; revealed?: boolean }): Promise<ComparisonView | null>;
  /** Removes the comparison with its columns; returns the image ids for the caller to remove their files. */
  /** `now`: the columns whose gateway call may still be at work keep their places under the cap until then. */
  deleteComparison(id: string, now: number): Promise<{ imageIds: string[] } | null>;
  /** Generations and comparisons, newest first. A comparison matches a filter when one of its columns does. */
  list(query: ListQuery): Promise<HistoryPage>;
  createShare(share: { id: string; createdAt: number; title: string; entries: readonly ShareEntry[] }): Promise<void>;
  getShare(id: string): Promise<ShareView | null>;
  setStarred(id: string, starred: boolean): Promise<GenerationView | null>;
  /**
   * Removes the record and returns the ids of its images, for the caller to remove their files. An edit's
   * input counts as used at `now`, so it outlives the edit by a day (a form may hold it from "Reuse settings").
   */
  delete(id: string, now: number): Promise<{ imageIds: string[] } | null>;
  /**
   * At the embedded history's start-up: one process owns the file, so what a crash or restart left running can
   * never finish, and every running generation is marked interrupted. A call already out at the gateway keeps
   * its images counted, is counted as spent, and holds its place under the cap until `lingerUntil`; one never
   * sent gives its images back.
   */
  markInterrupted(now: number, lingerUntil?: number): Promise<number>;
  /**
   * Marks interrupted the running generations whose lease ran out (their instance died or hung), and those
   * recorded before leases existed, settled as `markInterrupted` settles them; answers how many. Any instance
   * may call it, as often as it likes. `ranOutBefore` (by default `now`): only leases that ran out before it.
   */
  expireLeases(now: number, lingerUntil?: number, ranOutBefore?: number): Promise<number>;
  /** Extends this owner's leases on `ids`; answers the ones still running under it (any other was ended elsewhere). */
  renewLeases(owner: string, ids: readonly string[], until: number): Promise<string[]>;
  /** An ended call the gateway may still be working on keeps its place under the cap until `until`. */
  linger(id: string, until: number): Promise<void>;
  /** Gateway calls in flight across every instance: running generations, and ended ones still lingering. */
  inFlight(now: number): Promise<InFlight>;
  /** Which of these generations are still running or queued, wherever they run. */
  stillRunning(ids: readonly string[]): Promise<string[]>;
  image(id: string): Promise<(StoredImage & { generationId: string }) | null>;
  /** Counts `n` images against the day, unless that would pass `limit`; false when it would. */
  reserveImages(day: string, n: number, limit: number | null): Promise<boolean>;
  /**
   * Corrects the day's count once the gateway has said what it bills: a negative `delta` gives back images
   * reserved but not made, a positive one counts images beyond the reservation (they are billed whatever
   * the limit says). The count never goes below 0.
   */
  adjustImages(day: string, delta: number): Promise<void>;
  imagesUsed(day: string): Promise<number>;
  /**
   * Counts images of a model as billed on the day (what the gateway said it billed, or all asked where it cannot
   * be told); a negative count corrects an earlier one down, never below 0.
   */
  addSpend(day: string, model: string, images: number): Promise<void>;
  /**
   * The gateway answered: what the call billed is settled, and the generation moves on to `stage` (fetching
   * or storing its images) in the same write, so an interruption from then on leaves its bill alone. The
   * answer's ids are kept with it, so the card can name them while its images arrive.
   */
  billAnswer(id: string, bill: CallBill & { stage: GenerationStage; upstream?: UpstreamIds }): Promise<void>;
  /** The day's billed images by model, for what it cost. */
  spendOn(day: string): Promise<ReadonlyArray<{ readonly model: string; readonly images: number }>>;
  /** The named lists for prompt variables, by name. */
  promptLists(): Promise<PromptList[]>;
  /** Keeps a list under its name, replacing one of the same name; false when `max` lists are kept and it is new. */
  savePromptList(list: PromptList, max: number): Promise<boolean>;
  /** False when there was no such list. */
  deletePromptList(name: string): Promise<boolean>;
  /**
   * Makes the poll and keeps the images it shows (records and files) for as long as it exists, whatever is
   * deleted later; false, and nothing made, when one of its images is already gone.
   */
  createPoll(poll: Poll): Promise<boolean>;
  /** The records of these images as polls keep them (any id no poll shows is left out). */
  pollImages(ids: readonly string[]): Promise<PollImage[]>;
  getPoll(id: string): Promise<Poll | null>;
  /** The polls that show this image, open or closed. */
  pollsShowing(imageId: string): Promise<Poll[]>;
  /** Every poll, newest first. */
  polls(): Promise<Poll[]>;
  pollByToken(token: string): Promise<Poll | null>;
  /** Closes it (once: a later close keeps the first time); null when there is no such poll. */
  closePoll(id: string, at: number): Promise<Poll | null>;
  /**
   * Deletes the poll and its votes, and lets go of the images it alone showed: `imageIds` are those whose
   * files go with it (their generations were deleted meanwhile); null when there is no such poll.
   */
  deletePoll(id: string): Promise<{ imageIds: string[] } | null>;
  /**
   * Records a vote, unless this voter already voted on this item of this poll or the poll is closed (or gone)
   * by the time it is written, or (given `cap`) it is the voter's first on the poll and the address has
   * brought the poll its hour's new voters already: then nothing changes, and the answer says which (for the
   * cap, how long until one more may come). A voter's first vote is told from their others in the vote's own
   * transaction, so two sent at once count them once.
   */
  castVote(vote: PollVote, cap?: NewVoterCap): Promise<"cast" | "already_voted" | "closed" | { readonly newVotersFullForMs: number }>;
  /** One poll's votes (one voter's of it, given `voter`), or every poll's (for the deployment's leaderboard). */
  pollVotes(pollId?: string, voter?: string): Promise<PollVote[]>;
  /** How many votes one poll holds and from how many voters: an owner's counts, read at every vote. */
  pollCounts(pollId: string): Promise<VoteCounts>;
  /** The value kept under `name`: the first ever proposed, whichever instance proposed it (later ones lose). */
  settingOnce(name: string, proposed: string): Promise<string>;
  /** Remembers a signed-out session until its token would have expired anyway. */
  revokeSession(id: string, expiresAt: number, now: number): Promise<void>;
  isSessionRevoked(id: string): Promise<boolean>;
  /**
   * Adds an edit input under its caps (none when not given): answers null once added, or which cap it would
   * pass and what is held under it. Counted and added under one lock, so uploads at once cannot pass either.
   */
  createInput(input: StoredInput, caps?: InputCaps): Promise<InputsFull | null>;
  input(id: string): Promise<StoredInput | null>;
  /** An input already on record for the same upload (by hash) or the same history result. */
  findInput(key: { sha256: string } | { sourceImageId: string }): Promise<StoredInput | null>;
  /** The bytes of every input on record, thumbnails too, or of those `client` added: for the caps on what uploads may keep. */
  inputBytes(client?: string): Promise<number>;
  /** Marks an input as just chosen again (a form holds it), so the clean-up leaves it for another day; false when it is no longer there (dropped by the upkeep meanwhile). */
  touchInput(id: string, now: number): Promise<boolean>;
  /**
   * Drops inputs that no generation uses and nobody chose since `before` (kept too: ones a later input came
   * from, whose chain step they carry); returns their ids for the caller to remove their files.
   */
  dropUnusedInputs(before: number): Promise<string[]>;
  /** Every image id on record (results, inputs, and what polls show), for sweeping files that no record owns. */
  imageIds(): Promise<Set<string>>;
  /** Changes after `cursor`, oldest first, at most `limit`. Every write above records what it changed. */
  changesAfter(cursor: number, limit: number): Promise<Change[]>;
  changeBounds(): Promise<ChangeBounds>;
  /**
   * The id of the last change to what the history's lists show (0 if none is kept): a vote or a poll's close,
   * which the lists do not show, does not move it, so a list read without the stream is not read again for one.
   */
  lastHistoryChange(): Promise<number>;
  /**
   * The id of the last change recorded of an item (null if none is kept): a tab's own change answered with it
   * can tell the live stream's older news of the item, which left before that change, from newer.
   */
  lastChangeOf(item: ShareEntry): Promise<number | null>;
  /** Forgets changes older than `before` (the newest is always kept). */
  pruneChanges(before: number): Promise<void>;
  /** Calls `listener` after each commit in this process that recorded a change; answers the way to stop. */
  watchChanges(listener: () => void): () => void;
  close(): Promise<void>;
};

export type ImageStore = {
  /**
   * Writes both durably: a crash or a failure leaves either nothing or both whole. The thumbnail may still be
   * in the making (a failure to make it fails the put); the image is written meanwhile.
   */
  put(id: string, image: Buffer, thumbnail: Buffer | Promise<Buffer>): Promise<void>;
  read(id: string, variant: "full" | "thumb"): Promise<Buffer | null>;
  /** The same bytes as a stream, for serving them without holding a whole image in memory. */
  stream(id: string, variant: "full" | "thumb"): Promise<{ body: ReadableStream<Uint8Array>; length: number } | null>;
  remove(id: string): Promise<void>;
  /** Whether both variants are held (a copy can skip it). */
  has(id: string): Promise<boolean>;
  /**
   * Removes what no record owns (left by a crash between writing and committing), written before `before`
   * (by this process's clock, or the records' shared one a measured offset from it; the store matches it to its
   * files' own, S3's or this machine's): anything newer may belong to a record
   * another instance is about to commit.
   */
  sweep(keep: ReadonlySet<string>, before: number): Promise<number>;
};
