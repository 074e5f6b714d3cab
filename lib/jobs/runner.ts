import { randomInt, randomUUID } from "node:crypto";
import { AppError, toAppError } from "../errors";
import type { Gateway } from "../gateway/client";
import type { UpstreamIds, UpstreamImage } from "../gateway/answer";
import type { SentRequest } from "../generation/result";
import { isEditRequest, type ComparisonView, type GenerationRequest, type GenerationView } from "../generation/view";
import { comparisonImageCount, planComparison, type CompareRequest } from "../compare/compare-request";
import { SEED_MAX } from "../models/registry";
import type { GenerationStore, ImageStore, StoredImage } from "../store/types";
import { redact } from "../gateway/redact";
import { INPUT_GONE } from "../edit/edit-request";
import { toDataUri } from "../edit/input-image";
import { processImage } from "./process-image";
import * as refusals from "./refusals";

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

const utcDay = (time: number): string => new Date(time).toISOString().slice(0, 10);

const secondsToNextUtcDay = (time: number): number => {
  const midnight = new Date(time);
  midnight.setUTCHours(24, 0, 0, 0);
  return Math.ceil((midnight.getTime() - time) / 1000);
};

export type JobRunner = {
  /** Records the generation (or edit) and starts its gateway call in the background; returns at once. */
  start(request: GenerationRequest): Promise<GenerationView>;
  /**
   * Records a comparison and starts one job per model, all with the same seed; each column finishes (or
   * fails) on its own. Blind comparisons get their columns in a random order, so position says nothing.
   */
  startComparison(request: CompareRequest): Promise<ComparisonView>;
  /** Runs a comparison column that failed (or was cancelled) again, in its place; null when it cannot. */
  retryColumn(generationId: string): Promise<GenerationView | null>;
  /** Aborts the gateway call and marks the record cancelled; null when there is no such generation. */
  cancel(id: string): Promise<GenerationView | null>;
  /** Resolves when these jobs have settled, `timeoutMs` has passed or `signal` aborted, whichever is first. */
  settled(ids: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** Resolves when every running job has settled (for tests and orderly shutdown). */
  idle(): Promise<void>;
  /**
   * Today's image count against the budget, what runs now, and the calls that ended while the gateway may
   * still be working on them (they hold their place under the cap a while longer).
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

type Dependencies = {
  readonly store: GenerationStore;
  readonly images: ImageStore;
  readonly gateway: () => Promise<Gateway>;
  readonly limits?: RunnerLimits;
  readonly now?: () => number;
};

const NO_LIMITS: RunnerLimits = { maxConcurrent: Number.POSITIVE_INFINITY, dailyImageLimit: null };

/** How long the upstream may go on with a call the playground stopped waiting for: its slowest models take 2 minutes. */
export const DEFAULT_LINGER_MS = 120_000;

/**
 * Generations as server-side jobs: the call to the gateway runs here, independent of any browser
 * connection, and everything it returns is kept. Images are written first and the record committed after,
 * so a crash in between leaves orphan files (swept at start-up), never a record pointing at nothing.
 */
export const createJobRunner = ({ store, images, gateway, limits = NO_LIMITS, now = Date.now }: Dependencies): JobRunner => {
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  /** Calls the playground stopped waiting for that the gateway may still be working on, each until its time is up. */
  const lingering = new Set<string>();
  /** Starts admitted but not yet running: counted at once, so two starts at once cannot both take the last place. */
  let admitting = 0;
  const inFlight = () => running.size + lingering.size + admitting;
  const linger = (id: string) => {
    lingering.add(id);
    setTimeout(() => lingering.delete(id), limits.lingerMs ?? DEFAULT_LINGER_MS).unref();
  };

  const keep = async (upstream: readonly UpstreamImage[], connection: Gateway, signal: AbortSignal): Promise<StoredImage[]> => {
    const stored: StoredImage[] = [];
    try {
      for (const [position, image] of upstream.entries()) {
        const bytes =
          image.source.kind === "base64" ? Buffer.from(image.source.data, "base64") : await connection.fetchImage(image.source.url, signal);
        const processed = await processImage(bytes);
        const id = randomUUID();
        await images.put(id, bytes, processed.thumbnail);
        stored.push({ id, position, width: processed.width, height: processed.height, mime: processed.mime, bytes: bytes.length, revisedPrompt: image.revisedPrompt });
      }
      return stored;
    } catch (error) {
      await Promise.all(stored.map((image) => images.remove(image.id)));
      throw error;
    }
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
    try {
      // The seed is chosen here when the user left it empty, and recorded before the call, so every
      // outcome (even a failure) says which seed it was.
      const seed = request.seed ?? randomInt(0, SEED_MAX + 1);
      await store.markSent(id, seed);
      const sent: SentRequest = isEditRequest(request) ? { ...request, seed, image: await inputDataUri(request.input.id) } : { ...request, seed };
      const connection = await gateway();
      const result = await connection.generate(sent, signal, {
        onTask: (ids) => {
          upstream = ids;
          store.markUpstream(id, ids).catch((error: unknown) => console.error(redact(`recording the task of ${id} failed: ${String(error)}`)));
        },
      });
      billedCount = result.billedImages;
      upstream = { requestId: result.requestId, taskId: result.taskId };
      await store.adjustImages(day, result.billedImages - request.n);
      await store.addSpend(day, request.model, result.billedImages);
      const stored = await keep(result.images, connection, signal);
      const finished = { finishedAt: now(), durationMs: result.durationMs, images: stored, upstream, billedImages: result.billedImages, notices: result.notices };
      let committed: GenerationView | null = null;
      try {
        committed = signal.aborted ? null : await store.complete(id, finished);
      } finally {
        // Not committed (cancelled meanwhile, or the database refused): no record points at these files.
        if (!committed) await Promise.all(stored.map((image) => images.remove(image.id)));
      }
      return false;
    } catch (error) {
      const failure = toAppError(error);
      // What the call cost: what its answer billed, nothing where the failure proves it (a failure before any
      // call, an input gone, carries no figure: nothing was sent), or null where it cannot be told.
      const spent = billedCount ?? (failure.billedImages === undefined ? 0 : failure.billedImages);
      if (billedCount === undefined) {
        if (spent !== null) await store.adjustImages(day, spent - request.n);
        // What the day cost counts what the budget counts: every image asked, where the failure cannot tell.
        await store.addSpend(day, request.model, spent ?? request.n);
      }
      const appError = signal.aborted ? new AppError("cancelled", "The generation was cancelled.") : failure;
      if (appError.code === "internal_error") console.error(redact(`generation failed: ${String(error)}`));
      await store.fail(id, {
        finishedAt: now(),
        status: appError.code === "cancelled" ? "cancelled" : "failed",
        error: appError.code === "cancelled" ? null : { code: appError.code, message: appError.message, retryAfterSeconds: appError.retryAfterSeconds ?? null },
        upstream: { requestId: failure.requestId ?? upstream.requestId, taskId: failure.taskId ?? upstream.taskId },
        billedImages: spent,
      });
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

  /**
   * Turns away work beyond the concurrency cap or the day's budget, reserves the images it will bill, records
   * it with `record` and starts a job per generation. Its places under the cap are taken before the first
   * await and kept until the jobs run, so concurrent starts never pass the cap together.
   */
  const admitAndLaunch = async <View>(jobs: ReadonlyArray<{ id: string; request: GenerationRequest }>, images: number, record: () => Promise<View>): Promise<View> => {
    if (jobs.length > limits.maxConcurrent) {
      // Waiting would never help: say so rather than "try again".
      throw new AppError("invalid_request", refusals.tooManyAtOnce(jobs.length, limits.maxConcurrent));
    }
    if (inFlight() + jobs.length > limits.maxConcurrent) {
      throw new AppError("busy", refusals.busy(jobs.length, inFlight(), limits.maxConcurrent), { retryAfterSeconds: 5 });
    }
    admitting += jobs.length;
    try {
      const time = now();
      const day = utcDay(time);
      if (!(await store.reserveImages(day, images, limits.dailyImageLimit))) {
        const left = Math.max(0, (limits.dailyImageLimit ?? 0) - (await store.imagesUsed(day)));
        const wait = secondsToNextUtcDay(time);
        throw new AppError("daily_limit_reached", refusals.dailyLimit(limits.dailyImageLimit, left, images, Math.ceil(wait / 3600)), { retryAfterSeconds: wait });
      }
      let view: View;
      try {
        view = await record();
      } catch (error) {
        await store.adjustImages(day, -images);
        throw error;
      }
      for (const { id, request } of jobs) {
        const controller = new AbortController();
        const done = run(id, request, controller.signal, day)
          .then((mayStillWork) => {
            if (mayStillWork) linger(id);
          })
          .catch((error: unknown) => console.error(redact(`generation ${id} could not be recorded: ${String(error)}`)))
          .finally(() => running.delete(id));
        running.set(id, { controller, done });
      }
      return view;
    } finally {
      admitting -= jobs.length;
    }
  };

  return {
    async start(request) {
      const id = randomUUID();
      return admitAndLaunch([{ id, request }], request.n, () => store.create({ id, createdAt: now(), request }));
    },
    async startComparison(compare) {
      // One seed for every column, chosen here when left random, so the columns differ only by model.
      const seed = compare.seed ?? randomInt(0, SEED_MAX + 1);
      const plans = planComparison(compare, seed);
      const columns = plans.map((plan) => ({ id: randomUUID(), request: plan.request }));
      if (compare.blind) shuffle(columns);
      const id = randomUUID();
      return admitAndLaunch(columns, comparisonImageCount(plans), () => store.createComparison({ id, createdAt: now(), request: compare, seed, columns }));
    },
    async retryColumn(generationId) {
      const old = await store.get(generationId);
      if (!old?.comparisonId || isEditRequest(old.request) || old.status === "running" || old.status === "succeeded") return null;
      const id = randomUUID();
      // The column's own request, with the comparison's shared seed: the same call made again.
      return admitAndLaunch([{ id, request: old.request }], old.request.n, async () => {
        const view = await store.replaceColumn(generationId, { id, createdAt: now() });
        if (!view) throw new AppError("invalid_request", "This column is running or already finished with images.");
        return view;
      });
    },
    async cancel(id) {
      const job = running.get(id);
      if (job) job.controller.abort();
      // Marked at once, whatever the call is doing: the user asked to stop waiting for it.
      return (await store.fail(id, { finishedAt: now(), status: "cancelled", error: null })) ?? store.get(id);
    },
    async usage() {
      const day = utcDay(now());
      return {
        imagesToday: await store.imagesUsed(day),
        dailyImageLimit: limits.dailyImageLimit,
        running: running.size,
        lingering: lingering.size,
        spentToday: await store.spendOn(day),
        maxConcurrent: limits.maxConcurrent,
      };
    },
    async settled(ids, timeoutMs, signal) {
      const jobs = ids.flatMap((id) => running.get(id)?.done ?? []);
      if (jobs.length === 0 || signal?.aborted) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let onAbort = () => undefined as void;
      await Promise.race([
        Promise.all(jobs),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
          onAbort = resolve;
          signal?.addEventListener("abort", onAbort, { once: true });
        }),
      ]);
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running.values()].map((job) => job.done));
    },
  };
};
