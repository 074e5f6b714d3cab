import { randomInt, randomUUID } from "node:crypto";
import { AppError, toAppError } from "../errors";
import type { Gateway } from "../gateway/client";
import type { UpstreamIds, UpstreamImage } from "../gateway/answer";
import type { SentRequest } from "../generation/result";
import { endedWithoutImages, isEditRequest, type ComparisonView, type GenerationRequest, type GenerationStage, type GenerationView } from "../generation/view";
import { comparisonImageCount, planComparison, type CompareRequest } from "../compare/compare-request";
import type { GridRequest } from "../grid/grid-request";
import { gridImageCount, planGrid } from "../grid/grid-plan";
import { getModel, SEED_MAX } from "../models/registry";
import type { BatchRequest } from "../batch/batch-request";
import type { SetRequest } from "../generation/set-kind";
import type { GenerateRequest } from "../models/request-schema";
import { CapReached, type Admission, type GenerationStore, type ImageStore, type StoredImage } from "../store/types";
import { redact } from "../gateway/redact";
import { lostNotices } from "../gateway/shortfall";
import { unaskedSizeNotices } from "../generation/unasked-size";
import { INPUT_GONE } from "../edit/edit-request";
import { toDataUri } from "../edit/input-image";
import { answerThumbnail, inspectImage } from "./process-image";
import { storeBilledImage } from "./store-image";
import { retryUnreached } from "../store/unreachable";
import * as refusals from "./refusals";
import { busyRefusal } from "./busy-refusal";
import { DEFAULT_LINGER_MS } from "./linger";
import { secondsToNextUtcDay, utcDay } from "../limits/utc-day";

export type RunnerLimits = {
  /**
   * Gateway calls in flight at once, across every client. A call that ended while the gateway may still be
   * working on it (a timeout, a reset, a cancel after it was sent) holds its place for `lingerMs` more.
   */
  readonly maxConcurrent: number;
  readonly lingerMs?: number;
  /** Images per UTC day, reserved when a generation starts and corrected to what the gateway billed. */
  readonly dailyImageLimit: number | null;
};

/** Fisher-Yates with the crypto generator: a blind order must not be guessable. */
const shuffle = <T>(items: T[]): void => {
  for (let index = items.length - 1; index > 0; index--) {
    const other = randomInt(0, index + 1);
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
};

export type JobRunner = {
  /** Records the generation (or edit) and starts its gateway call in the background; returns at once. */
  start(request: GenerationRequest): Promise<GenerationView>;
  /**
   * Records a comparison and one job per model, all with the same seed, queued: the columns that fit under
   * the cap start at once, the others as places free; each finishes (or fails) on its own. Blind comparisons
   * get their columns in a random order, so position says nothing.
   */
  startComparison(request: CompareRequest): Promise<ComparisonView>;
  /**
   * Records a grid's cells as one comparison, queued in plan order, all with the grid's shared seed unless
   * seed is an axis; they start as places free and fill in as they finish.
   */
  startGrid(request: GridRequest): Promise<ComparisonView>;
  /**
   * Records a batch's rows as one comparison, queued in their order; a row whose seed was left empty gets the
   * batch's one seed (chosen here), so the batch can be made again as it was.
   */
  startBatch(request: BatchRequest): Promise<ComparisonView>;
  /**
   * Runs a column (or cell) that failed or was cancelled again, in its place: queued like the rest, so a full
   * cap makes it wait rather than refuses it. Null when it cannot be retried.
   */
  retryColumn(generationId: string): Promise<GenerationView | null>;
  /**
   * Marks the record cancelled and aborts the gateway call: here at once, or, when another instance runs it,
   * within a heartbeat there. Null when there is no such generation.
   */
  cancel(id: string): Promise<GenerationView | null>;
  /**
   * Cancels every unfinished generation of a set (a comparison, grid or batch) in one write, each as `cancel`
   * would: once it returns, none of them is sent to the gateway, whatever the caller does next. Null when
   * there is no such set.
   */
  cancelSet(comparisonId: string): Promise<ComparisonView | null>;
  /**
   * Resolves when these jobs have settled (wherever they run), `timeoutMs` has passed or `signal` aborted,
   * whichever is first.
   */
  settled(ids: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** Resolves when every job this instance runs has settled (for tests and orderly shutdown). */
  idle(): Promise<void>;
  /**
   * Starts queued work that fits under the cap now (after a start-up, when nudged by a request or a timer).
   * Cheap to call often: once a look found nothing waiting, the next looks only a heartbeat later.
   */
  dispatch(): Promise<void>;
  /**
   * Today's image count against the budget, what runs now across every instance, and the calls that ended
   * while the gateway may still be working on them (they hold their place under the cap a while longer).
   */
  usage(): Promise<{
    imagesToday: number;
    dailyImageLimit: number | null;
    running: number;
    lingering: number;
    maxConcurrent: number;
    /** Today's billed images by model, for what they cost. */
    spentToday: ReadonlyArray<{ readonly model: string; readonly images: number }>;
  }>;
};

/**
 * This process among the instances sharing a database: it holds each generation it runs by a lease of
 * `leaseMs`, renewed every `heartbeatMs` (which is also how soon a cancel made elsewhere reaches it).
 */
export type RunnerInstance = { readonly id: string; readonly leaseMs: number; readonly heartbeatMs: number };

type Dependencies = {
  readonly store: GenerationStore;
  readonly images: ImageStore;
  readonly gateway: () => Promise<Gateway>;
  readonly limits?: RunnerLimits;
  readonly instance?: Partial<RunnerInstance>;
  readonly now?: () => number;
  /** The waits between tries of an image write the store failed (the default rides out a few seconds). */
  readonly storeBackoffMs?: readonly number[];
  /** The waits between tries of an answer's record the database could not be reached for (about half a minute). */
  readonly databaseBackoffMs?: readonly number[];
  /**
   * Aborted when this process begins to stop (lib/process-stop.ts). From then on it starts nothing: what it
   * began would be cut off at the grace's end (an interrupted run, maybe billed), so new work is refused with a
   * word to try again (the balancer, or the restarted process, takes it), and queued work is left to the
   * other instances, or to this one's next start.
   */
  readonly stopping?: AbortSignal;
};

/** A stop's grace is seconds long, and a restart or another instance takes the next try. */
const STOPPING_RETRY_SECONDS = 5;

export const DEFAULT_LEASE_MS = 15_000;
export const DEFAULT_HEARTBEAT_MS = 1_000;
/** How often `settled` looks at jobs another instance runs. */
const SETTLED_POLL_MS = 250;

const NO_LIMITS: RunnerLimits = { maxConcurrent: Number.POSITIVE_INFINITY, dailyImageLimit: null };

/** A signal that never aborts: the fetching of images the gateway has already billed. */
const NEVER = new AbortController().signal;

/** Said to a cancel that comes once the gateway has answered: its images are billed, and on their way. */
export const TOO_LATE_TO_CANCEL = "Too late to cancel: the gateway has answered and billed the images, so they are being kept.";

/**
 * Stops what still runs of a generation about to be deleted. One whose answer is in is not refused as too late
 * here: it goes on fetching its images (billed), and the delete leaves it no record to commit them to, so they
 * are dropped.
 */
export const cancelBeforeDelete = async (runner: Pick<JobRunner, "cancel">, id: string): Promise<void> => {
  try {
    await runner.cancel(id);
  } catch (error) {
    if (!(error instanceof AppError && error.message === TOO_LATE_TO_CANCEL)) throw error;
  }
};

/** Said on a generation stopped (cancelled, or its instance taken for gone) after the gateway had answered. */
export const TOO_LATE_TO_STOP = "It was stopped after the gateway had answered: the images it billed are kept.";

/**
 * Generations as server-side jobs: the call to the gateway runs here, independent of any browser
 * connection, and everything it returns is kept. Images are written first and the record committed after,
 * so a crash in between leaves orphan files (swept at start-up), never a record pointing at nothing.
 */
export const createJobRunner = ({ store, images, gateway, limits = NO_LIMITS, instance = {}, now = Date.now, storeBackoffMs, databaseBackoffMs, stopping }: Dependencies): JobRunner => {
  const { id: owner = randomUUID(), leaseMs = DEFAULT_LEASE_MS, heartbeatMs = DEFAULT_HEARTBEAT_MS } = instance;
  /** The jobs this instance runs, by generation id. */
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();

  /**
   * While jobs run: renews their leases, and aborts any whose record is no longer running (cancelled on another
   * instance, or interrupted by one that thought this instance dead).
   */
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const beat = async () => {
    const ids = [...running.keys()];
    const alive = new Set(await store.renewLeases(owner, ids, now() + leaseMs));
    for (const id of ids) if (!alive.has(id)) running.get(id)?.controller.abort();
  };
  const track = (id: string, job: { controller: AbortController; done: Promise<void> }) => {
    running.set(id, job);
    heartbeat ??= setInterval(() => {
      beat().catch((error: unknown) => console.error(redact(`renewing job leases failed: ${String(error)}`)));
    }, heartbeatMs).unref();
  };
  const untrack = (id: string) => {
    running.delete(id);
    // Its place under the cap is free (or will be, after a linger): the queue may move.
    if (worthALook()) dispatch().catch(logDispatch);
    if (running.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  };
  const lingerUntil = () => now() + (limits.lingerMs ?? DEFAULT_LINGER_MS);
  const setLinger = (id: string, until: number) =>
    store.linger(id, until).catch((error: unknown) => console.error(redact(`recording whether ${id} may still run failed: ${String(error)}`)));

  /**
   * An answer's record (its bill, its images, its failure) written through a database outage of up to about
   * half a minute: the gateway has billed it, and a record not written loses it, the images and all.
   */
  const afterOutage = <T>(what: string, write: () => Promise<T>) => retryUnreached(what, write, databaseBackoffMs);

  /** A step the page shows as progress; not waited for, since it only informs (and a later step overtakes it). */
  const stage = (id: string, step: GenerationStage) =>
    store.markStage(id, step).catch((error: unknown) => console.error(redact(`recording the progress of ${id} failed: ${String(error)}`)));

  /**
   * Fetches the answer's images, all at once, then checks, thumbnails and writes them, all at once (a result
   * holds at most a handful). Answers them with when the last one arrived, and why each one that could not be
   * kept was lost: the gateway bills every image it returned, so one dead link or damaged file must not cost
   * the others. Only an answer of which nothing could be kept fails, with its first image's reason.
   */
  const keep = async (
    id: string,
    upstream: readonly UpstreamImage[],
    connection: Gateway,
    signal: AbortSignal,
  ): Promise<{ stored: StoredImage[]; downloadedAt: number; lost: AppError[] }> => {
    const fetched = await Promise.allSettled(
      upstream.map(async (image) => (image.source.kind === "base64" ? Buffer.from(image.source.data, "base64") : connection.fetchImage(image.source.url, signal))),
    );
    const downloadedAt = now();
    // An answer of inline images is at this stage already (billAnswer).
    if (upstream.some((image) => image.source.kind === "url")) stage(id, "storing");
    const written = await Promise.allSettled(
      fetched.map(async (result, index): Promise<StoredImage> => {
        if (result.status === "rejected") throw result.reason;
        const bytes = result.value;
        const info = await inspectImage(bytes);
        const imageId = randomUUID();
        // The image is written while its thumbnail is made: the two slowest steps before the page can show it.
        await storeBilledImage(images, { generationId: id, imageId, bytes, thumbnail: answerThumbnail(bytes) }, storeBackoffMs);
        return { id: imageId, position: index, width: info.width, height: info.height, mime: info.mime, bytes: bytes.length, revisedPrompt: upstream[index]?.revisedPrompt ?? "" };
      }),
    );
    // Numbered as kept, so the first image of a result is always image 1.
    const stored = written.flatMap((result) => (result.status === "fulfilled" ? [result.value] : [])).map((image, position) => ({ ...image, position }));
    const lost = written.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    if (stored.length === 0 && lost.length > 0) throw lost[0];
    for (const reason of lost) if (!(reason instanceof AppError)) console.error(redact(`keeping an image of ${id} failed: ${String(reason)}`));
    return { stored, downloadedAt, lost: lost.map(toAppError) };
  };

  /**
   * The budget counts what the gateway bills: what its answer says it billed (its own count where it gives
   * one), kept or not. A failure gives the reservation back only where it proves the gateway did no work (a
   * refused connection, a 4xx, a 503, a cancel before the request went out); one that cannot tell (a timeout
   * or a reset while the request was out, a 5xx, an unreadable answer, a cancel after it was sent) keeps it,
   * and its concurrency slot stays taken for a while, since the gateway may still be working.
   * Resolves with whether the call may still be at work upstream.
   */
  const run = async (id: string, request: GenerationRequest, signal: AbortSignal, day: string): Promise<boolean> => {
    /** What the gateway's answer said it billed, once there was one. */
    let billedCount: number | undefined;
    let upstream: UpstreamIds = { requestId: null, taskId: null };
    /** The answer's bill, once there was an answer. */
    let billing: Promise<void> | undefined;
    try {
      // The seed is chosen here when the user left it empty, and recorded before the call, so every
      // outcome (even a failure) says which seed it was.
      const seed = request.seed ?? randomInt(0, SEED_MAX + 1);
      // No longer running (cancelled or deleted on another instance, or taken for gone): nothing is sent, and
      // the place a cancel held under the cap in case the call was out is free.
      if (!(await store.markSent(id, seed, now()))) {
        await setLinger(id, 0);
        throw new AppError("cancelled", "The generation was cancelled.");
      }
      // Taken once the record says so, as before the record kept its own: the steps' timings leave that write
      // on our side of the line, not in the gateway's time.
      const sentAt = now();
      const sent: SentRequest = isEditRequest(request) ? { ...request, seed, image: await inputDataUri(request.input.id) } : { ...request, seed };
      const connection = await gateway();
      const result = await connection.generate(sent, signal, {
        generationId: id,
        onTask: (ids) => {
          upstream = ids;
          store.markUpstream(id, ids).catch((error: unknown) => console.error(redact(`recording the task of ${id} failed: ${String(error)}`)));
        },
      });
      const answeredAt = now();
      billedCount = result.billedImages;
      upstream = { requestId: result.requestId, taskId: result.taskId };
      // The bill is recorded beside the images' fetching, not before it: the user waits for the images. An
      // instance that took this one for gone (its lease ran out while it hung) settled it already: the bill
      // corrects that, in the same write that moves the generation past where an interruption settles it.
      const bill = { day, asked: request.n, cost: result.billedImages, model: request.model, stage: result.images.some((image) => image.source.kind === "url") ? "downloading" : "storing", upstream } as const;
      const billed = (billing = afterOutage(`billing generation ${id}`, () => store.billAnswer(id, bill)));
      // Its failure is dealt with below, once the images are kept; until then it is not left unhandled.
      billed.catch(() => undefined);
      // Answered, the images are paid for: a cancel (or an interruption) from now on is too late to save
      // anything, so their fetching no longer follows it (each fetch has its own time limit) and they are kept.
      const kept = await keep(id, result.images, connection, NEVER);
      const { stored, downloadedAt, lost } = kept;
      try {
        await billed;
      } catch (error) {
        await Promise.all(stored.map((image) => images.remove(image.id)));
        throw error;
      }
      const timings = { sentAt, answeredAt, downloadedAt, storedAt: now() };
      const answered = [...result.notices, ...lostNotices(result.images.length, lost), ...unaskedSizeNotices(request, stored)];
      const notices = signal.aborted ? [...answered, TOO_LATE_TO_STOP] : answered;
      const finished = { finishedAt: now(), durationMs: result.durationMs, images: stored, upstream, billedImages: result.billedImages, notices, timings };
      let committed: boolean | undefined;
      try {
        committed = (await afterOutage(`recording generation ${id}`, () => store.complete(id, finished))) !== null;
      } catch (error) {
        // The store reads the record again after its commit, and that read can fail too: whether the record
        // holds the files is asked again. Where that cannot be told either, they stay (undefined): a file
        // nothing points at is swept, a record whose files were removed is lost for good.
        committed = await store.get(id).then((record) => record?.status === "succeeded", () => undefined);
        throw error;
      } finally {
        // Not committed (deleted meanwhile, a column retried in its place, or the database refused): nothing points at these.
        if (committed === false) await Promise.all(stored.map((image) => images.remove(image.id)));
      }
      return false;
    } catch (error) {
      const failure = toAppError(error);
      // What the call cost: what its answer billed, nothing where the failure proves it (a failure before any
      // call, an input gone, carries no figure: nothing was sent), or null where it cannot be told.
      const spent = billedCount ?? (failure.billedImages === undefined ? 0 : failure.billedImages);
      // Billed with its answer, unless that write failed (rolled back whole): then with this failure.
      const answerBilled = billing !== undefined && (await billing.then(() => true, () => false));
      const appError = signal.aborted ? new AppError("cancelled", "The generation was cancelled.") : failure;
      if (appError.code === "internal_error") console.error(redact(`generation ${id} failed: ${String(error)}`));
      await afterOutage(`recording generation ${id}`, () => store.fail(id, {
        finishedAt: now(),
        status: appError.code === "cancelled" ? "cancelled" : "failed",
        error: appError.code === "cancelled" ? null : { code: appError.code, message: appError.message, retryAfterSeconds: appError.retryAfterSeconds ?? null },
        upstream: { requestId: failure.requestId ?? upstream.requestId, taskId: failure.taskId ?? upstream.taskId },
        billedImages: spent,
        // Unbilled yet: what its answer billed, or what this failure proves it cost, or unknown (every image
        // asked on the day's count), settled in the same write that ends it.
        ...(!answerBilled && { bill: { day, asked: request.n, cost: spent, model: request.model } }),
      }));
      return spent === null;
    }
  };

  /** The edit's input as the gateway takes it; the bytes were checked when the input was recorded. */
  const inputDataUri = async (inputId: string): Promise<string> => {
    const input = await store.input(inputId);
    const bytes = input && (await images.read(inputId, "full"));
    if (!input || !bytes) throw new AppError("invalid_request", INPUT_GONE);
    return toDataUri({ mime: input.mime, bytes });
  };

  const refuseWhileStopping = () => {
    if (stopping?.aborted) throw new AppError("busy", refusals.STOPPING, { retryAfterSeconds: STOPPING_RETRY_SECONDS });
  };

  /**
   * Reserves `images` of the day's budget (or turns the work away with when the budget starts again), then
   * records the work; a record that fails gives the images back. Answers the record and the day billed.
   */
  const reserveAndRecord = async <View>(images: number, time: number, record: () => Promise<View>): Promise<{ view: View; day: string }> => {
    const day = utcDay(time);
    if (!(await store.reserveImages(day, images, limits.dailyImageLimit))) {
      // No Retry-After: waiting changes nothing.
      if (limits.dailyImageLimit === 0) throw new AppError("daily_limit_reached", refusals.SPENDING_OFF);
      const left = Math.max(0, (limits.dailyImageLimit ?? 0) - (await store.imagesUsed(day)));
      const wait = secondsToNextUtcDay(time);
      throw new AppError("daily_limit_reached", refusals.dailyLimit(limits.dailyImageLimit, left, images, Math.ceil(wait / 3600)), { retryAfterSeconds: wait });
    }
    try {
      return { view: await record(), day };
    } catch (error) {
      await store.adjustImages(day, -images);
      throw error;
    }
  };

  /**
   * Turns a generation away when the concurrency cap is full or the day's budget spent, reserves the images it
   * will bill, records it with `record` under the cap (the store counts and records in one transaction,
   * serialized across instances) and starts its job, held by this instance's lease.
   */
  const admitAndLaunch = async <View>(job: { id: string; request: GenerationRequest }, record: (admission: Admission) => Promise<View>): Promise<View> => {
    refuseWhileStopping();
    const time = now();
    // A first look, so a full cap is refused without touching the budget; the admission below decides.
    const calls = await store.inFlight(time);
    if (calls.running + calls.lingering + 1 > limits.maxConcurrent) throw busyRefusal(calls, limits.maxConcurrent, time);
    const { view, day } = await reserveAndRecord(job.request.n, time, () => record({ lease: { owner, until: time + leaseMs }, maxConcurrent: limits.maxConcurrent, now: time })).catch(
      (error: unknown) => {
        throw error instanceof CapReached ? busyRefusal(error.inFlight, limits.maxConcurrent, time) : error;
      },
    );
    launch(job.id, job.request, day);
    return view;
  };

  /** Runs one admitted generation here, its images billed to `day` (the day they were reserved). */
  const launch = (id: string, request: GenerationRequest, day: string) => {
    const controller = new AbortController();
    const done = run(id, request, controller.signal, day)
      .then(async (mayStillWork) => {
        if (mayStillWork) await setLinger(id, lingerUntil());
        // A cancel held its place in case the call was out; it was not, so the place is free now.
        else if (controller.signal.aborted) await setLinger(id, 0);
      })
      .catch((error: unknown) => console.error(redact(`generation ${id} could not be recorded: ${String(error)}`)))
      .finally(() => untrack(id));
    track(id, { controller, done });
  };

  /**
   * The queue: work recorded and paid for (its images reserved) that waits for a place under the cap instead of
   * being turned away. Any instance claims from it when a place frees: this one when one of its jobs ends,
   * and, while some work waits, every heartbeat (a place may free on another instance). At start-up it may
   * hold what an instance that went away had queued. A look that found it empty holds for a heartbeat only:
   * another instance may queue work since, and go away before it claims it.
   */
  let queueMayWait = true;
  let emptySince = 0;
  const worthALook = () => queueMayWait || now() - emptySince >= heartbeatMs;
  let queueTimer: ReturnType<typeof setInterval> | undefined;
  let dispatching: Promise<void> | null = null;
  let dispatchAgain = false;
  const logDispatch = (error: unknown) => console.error(redact(`starting queued generations failed: ${String(error)}`));
  const dispatch = (): Promise<void> => {
    if (stopping?.aborted) {
      clearInterval(queueTimer);
      queueTimer = undefined;
      return Promise.resolve();
    }
    if (dispatching) {
      dispatchAgain = true;
      return dispatching;
    }
    dispatching = (async () => {
      do {
        dispatchAgain = false;
        const time = now();
        const { claimed, waiting } = await store.claimQueued({ lease: { owner, until: time + leaseMs }, maxConcurrent: limits.maxConcurrent, now: time });
        for (const { id, createdAt, request } of claimed) launch(id, request, utcDay(createdAt));
        queueMayWait = waiting > 0;
        if (!queueMayWait) emptySince = time;
      } while (dispatchAgain && !stopping?.aborted);
      if (queueMayWait) {
        queueTimer ??= setInterval(() => dispatch().catch(logDispatch), heartbeatMs);
        queueTimer.unref?.();
      } else if (queueTimer) {
        clearInterval(queueTimer);
        queueTimer = undefined;
      }
    })().finally(() => {
      dispatching = null;
    });
    return dispatching;
  };

  /**
   * Records generations made together as one comparison, queued: a set larger than the free places is never
   * turned away for it. Answers it as it is after the first claim (the columns that fit have started).
   */
  const startQueued = async (images: number, set: { request: SetRequest; seed: number; columns: ReadonlyArray<{ id: string; request: GenerateRequest }> }) => {
    const id = randomUUID();
    const view = await enqueue(images, (createdAt) => store.createComparison({ id, createdAt, ...set, queued: true }));
    return (await store.getComparison(view.id)) ?? view;
  };

  /** Reserves the images of work that may wait its turn, records it queued, and starts what fits now. */
  const enqueue = async <View>(images: number, record: (createdAt: number) => Promise<View>): Promise<View> => {
    refuseWhileStopping();
    // Recorded as made when it was reserved: its claim bills, and a cancel refunds, the day of its creation,
    // which is then the day reserved even when the record is written past midnight.
    const time = now();
    const { view } = await reserveAndRecord(images, time, () => record(time));
    queueMayWait = true;
    // Recorded and paid for: a failure to start it now leaves it queued for the next look, not lost.
    await dispatch().catch(logDispatch);
    return view;
  };

  return {
    async start(request) {
      const id = randomUUID();
      return admitAndLaunch({ id, request }, (admission) => store.create({ id, createdAt: admission.now, request }, admission));
    },
    async startComparison(compare) {
      // One seed for every column, chosen here when left random, so the columns differ only by model.
      const seed = compare.seed ?? randomInt(0, SEED_MAX + 1);
      const plans = planComparison(compare, seed);
      const columns = plans.map((plan) => ({ id: randomUUID(), request: plan.request }));
      if (compare.blind) shuffle(columns);
      return startQueued(comparisonImageCount(plans), { request: compare, seed, columns });
    },
    async startGrid(grid) {
      // One seed for every cell (unless seed is an axis), so the cells differ only by their axes' values.
      const seed = grid.seed ?? randomInt(0, SEED_MAX + 1);
      const plan = planGrid(grid, seed);
      return startQueued(gridImageCount(plan), { request: grid, seed, columns: plan.cells.map((cell) => ({ id: randomUUID(), request: cell.request })) });
    },
    async startBatch(batch) {
      const seed = randomInt(0, SEED_MAX + 1);
      const columns = batch.rows.map(({ request }) => ({
        id: randomUUID(),
        request: { ...request, seed: request.seed ?? (getModel(request.model).options.seed ? seed : null) },
      }));
      return startQueued(columns.reduce((sum, column) => sum + column.request.n, 0), { request: batch, seed, columns });
    },
    async retryColumn(generationId) {
      const old = await store.get(generationId);
      if (!old?.comparisonId || isEditRequest(old.request) || !endedWithoutImages(old.status)) return null;
      const id = randomUUID();
      // The column's own request, with the comparison's shared seed: the same call made again.
      const view = await enqueue(old.request.n, async (createdAt) => {
        const replaced = await store.replaceColumn(generationId, { id, createdAt, queued: true });
        if (!replaced) throw new AppError("invalid_request", "This column is running or already finished with images.");
        return replaced;
      });
      // As it is after the first claim: running if a place was free.
      return (await store.get(id)) ?? view;
    },
    async cancel(id) {
      // Still queued: nothing was sent, so what it reserved is given back.
      const unqueued = await store.cancelQueued(id, now());
      if (unqueued) return unqueued;
      // Marked at once, whatever the call is doing: the user asked to stop waiting for it. Its call is settled
      // by what the record says of it (sent or not), as an interruption's is, so an instance gone meanwhile
      // leaves nothing reserved. The instance running it sees the record cancelled at its next heartbeat and
      // aborts the call, then says whether the request had gone out (its bill corrects the settlement); until
      // then a call that may be out keeps its place under the cap, so no new work is admitted over the cap.
      const cancelled = await store.cancelRunning(id, now(), lingerUntil());
      const record = cancelled ?? (await store.get(id));
      // Running and not cancelled: its answer is in.
      if (!cancelled && record?.status === "running") throw new AppError("conflict", TOO_LATE_TO_CANCEL);
      // Cancelled, or ended elsewhere meanwhile (taken for gone, deleted): a call this instance runs for it stops.
      running.get(id)?.controller.abort();
      return record;
    },
    async cancelSet(comparisonId) {
      // As `cancel` does for each, all in one write: no claim starts a queued one meanwhile, and the calls
      // running elsewhere see their records cancelled at their instance's next heartbeat.
      const cancelled = await store.cancelComparison(comparisonId, now(), lingerUntil());
      if (!cancelled) return null;
      for (const id of cancelled.running) running.get(id)?.controller.abort();
      return store.getComparison(comparisonId);
    },
    async usage() {
      const time = now();
      const day = utcDay(time);
      const [imagesToday, { running, lingering }, spentToday] = await Promise.all([store.imagesUsed(day), store.inFlight(time), store.spendOn(day)]);
      return { imagesToday, dailyImageLimit: limits.dailyImageLimit, running, lingering, spentToday, maxConcurrent: limits.maxConcurrent };
    },
    async settled(ids, timeoutMs, signal) {
      const deadline = now() + timeoutMs;
      // Jobs here end with their promise; jobs on another instance are looked up every SETTLED_POLL_MS.
      for (let pending = await store.stillRunning(ids); pending.length > 0 && !signal?.aborted; pending = await store.stillRunning(pending)) {
        const left = deadline - now();
        if (left <= 0) return;
        let timer: ReturnType<typeof setTimeout> | undefined;
        let onAbort = () => undefined as void;
        const local = pending.flatMap((id) => running.get(id)?.done ?? []);
        await Promise.race([
          local.length === pending.length ? Promise.all(local) : new Promise<void>((resolve) => setTimeout(resolve, Math.min(SETTLED_POLL_MS, left))),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, left);
            onAbort = resolve;
            signal?.addEventListener("abort", onAbort, { once: true });
          }),
        ]);
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
    },
    async idle() {
      while (running.size > 0 || dispatching) {
        await dispatching?.catch(() => undefined);
        await Promise.allSettled([...running.values()].map((job) => job.done));
      }
    },
    dispatch: () => (worthALook() ? dispatch() : Promise.resolve()),
  };
};
