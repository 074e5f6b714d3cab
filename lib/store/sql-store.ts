import { sql, type ExpressionBuilder, type Kysely, type Transaction } from "kysely";
import { isHidden } from "../compare/column-label";
import { distinctEntries } from "../share/distinct-entries";
import { isModelComparison } from "../generation/set-kind";
import { requestSize } from "../generation/request-size";
import { typicalTime } from "../generation/typical-time";
import { GENERATION_STAGES, isEditRequest, type ChainStep, type GenerationStage, type ComparisonView, type GenerationRequest, type GenerationView, type HistoryItem } from "../generation/view";
import type { GenerateRequest } from "../models/request-schema";
import { GENERATION_COLUMNS, groupBy, toComparisonView, toGenerationView, toImage, toInput, type GenerationRow } from "./rows";
import { retryConflicts } from "./conflict-retry";
import { holdLock } from "./advisory-locks";
import { inputGone } from "../edit/input-gone";
import { utcDay } from "../limits/utc-day";
import { blindSpendKey } from "../pricing/prices";
import type { SqlDatabase, Tables } from "./schema";
import { createChangeLog, itemOf, SIGN_OUTS_CHANNEL, type ChangeNote } from "./sql-changes";
import { listHistory, type KeyRow } from "./sql-list";
import { createPollStore } from "./sql-polls";
import { searchText } from "./search-text";
import { knownBill } from "../generation/known-bill";
import { CapReached, LINGER_ENDS_LISTED, type Admission, type CallBill, type GenerationStore, type InFlight, type InputsFull, type ShareEntry } from "./types";

/** Names of saved lists as a person reads them: case aside, digits by their value. */
const LIST_NAMES = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** A model's typical time is taken from this many of its latest finished runs. */
const TYPICAL_SAMPLE = 50;

/** Steps followed back through an edit chain; far more than anyone iterates, and a guard against a loop. */
const MAX_CHAIN = 100;

const INTERRUPTED = "The server running this generation stopped (or lost its database) before it ended. Retry it to run it again.";

/** How `interrupt` ends a running generation: taken for gone (the server stopped), or cancelled by the user. */
type Ending = { readonly status: "interrupted" | "cancelled"; readonly error: { readonly code: "internal_error"; readonly message: string } | null };
const INTERRUPTION: Ending = { status: "interrupted", error: { code: "internal_error", message: INTERRUPTED } };
const CANCEL: Ending = { status: "cancelled", error: null };

/** Ended with its call settled by `interrupt`: a bill the runner sends later corrects that settlement. */
const SETTLED_ON_END = ["interrupted", "cancelled"];

/**
 * A call out at the gateway with no answer yet: an interruption or a cancel counts its images as spent and
 * holds its place under the cap a while; once its answer is in, a cancel is too late.
 */
const OUT_STAGES: GenerationStage[] = ["sent", "working"];
const isOut = (stage: string | null): boolean => OUT_STAGES.some((out) => out === stage);

/** The stages `interrupt` settles a call at: never sent (given back), or out at the gateway (spent). */
const settledAtEnd = (stage: string | null): boolean => stage === null || isOut(stage);

type Db = Kysely<Tables> | Transaction<Tables>;

/** How long what an interruption settled of a deleted generation's call waits for its instance's bill. */
const SETTLED_KEPT_MS = 24 * 60 * 60 * 1000;

/** What a generation's spend is counted under: its model, or a hidden blind comparison's key (hiddenBlindKeys). */
const spendKeyOf = (blindKeys: ReadonlyMap<string, string>, row: { readonly model: string; readonly comparison_id: string | null }): string =>
  (row.comparison_id && blindKeys.get(row.comparison_id)) ?? row.model;

/** Of images aliased `i`: those no poll shows. A poll's images outlive their generation, files and all. */
const notInPoll = sql<boolean>`NOT EXISTS (SELECT 1 FROM poll_images AS p WHERE p.image_id = i.id)`;

/** What edit inputs hold on disk, in bytes (their images and their thumbnails): all of them, or those `client` added. */
const inputTotal = async (executor: Kysely<Tables> | Transaction<Tables>, client?: string): Promise<number> => {
  const all = executor.selectFrom("inputs").select(sql<number>`coalesce(sum(bytes + thumb_bytes), 0)`.as("total"));
  return Number((await (client === undefined ? all : all.where("uploader", "=", client)).executeTakeFirst())?.total ?? 0);
};

/**
 * The history's records on either backend: one implementation, its SQL written once for SQLite and
 * PostgreSQL alike (a handful of spots differ, each marked). Every write that must be whole is one
 * statement or one transaction.
 */
export const createSqlStore = (database: SqlDatabase): GenerationStore => {
  const { db, backend } = database;
  const changes = createChangeLog(database);

  /** The larger of a column and a value: SQLite's MAX takes several arguments, PostgreSQL calls it GREATEST. */
  const larger = (column: "last_used_at", value: number) =>
    backend === "postgres" ? sql<number>`GREATEST(${sql.ref(column)}, ${value})` : sql<number>`MAX(${sql.ref(column)}, ${value})`;

  const insertGeneration = (
    trx: Db,
    row: { id: string; createdAt: number; request: GenerationRequestLike; comparison?: { id: string; position: number }; inputId?: string | null; queued?: boolean },
    admission: Admission | undefined,
  ) =>
    trx
      .insertInto("generations")
      .values({
        id: row.id,
        created_at: row.createdAt,
        status: row.queued ? "queued" : "running",
        model: row.request.model,
        prompt: row.request.prompt,
        prompt_search: searchText(row.request.prompt),
        request_json: row.request.json,
        comparison_id: row.comparison?.id ?? null,
        comparison_position: row.comparison?.position ?? null,
        input_id: row.inputId ?? null,
        lease_owner: admission?.lease.owner ?? null,
        lease_until: admission?.lease.until ?? null,
      })
      .execute();

  /** When held places free: kept rows' linger ends and deleted calls' together, earliest first. */
  const lingerEnds = async (trx: Db, now: number): Promise<number[]> => {
    const ends = await trx
      .selectFrom((eb) =>
        eb
          .selectFrom("generations")
          .select("linger_until as until")
          .where("linger_until", ">", now)
          .unionAll(eb.selectFrom("lingering_calls").select("until").where("until", ">", now))
          .as("ends"),
      )
      .select("until")
      .orderBy("until")
      .limit(LINGER_ENDS_LISTED)
      .execute();
    // PostgreSQL answers a bigint as text.
    return ends.map((end) => Number(end.until));
  };

  const inFlight = async (trx: Db, now: number): Promise<InFlight> => {
    const row = await trx
      .selectFrom("generations")
      .select((eb) => [
        eb.fn.sum<number>(eb.case().when("status", "=", "running").then(1).else(0).end()).as("running"),
        eb.fn.sum<number>(eb.case().when("linger_until", ">", now).then(1).else(0).end()).as("lingering"),
        // Places of deleted calls, in the same statement: this runs under the admission lock.
        eb.selectFrom("lingering_calls").select((sub) => sub.fn.countAll<number>().as("calls")).where("until", ">", now).as("gone"),
      ])
      .where((eb) => eb.or([eb("status", "=", "running"), eb("linger_until", ">", now)]))
      .executeTakeFirst();
    // PostgreSQL answers a count as text.
    const lingering = Number(row?.lingering ?? 0) + Number(row?.gone ?? 0);
    // A refusal waits for as many held places as must free to make room. Their ends are the rows `lingering`
    // counts, so there are none to read when it is 0, as on nearly every admission (this runs under its lock).
    return { running: Number(row?.running ?? 0), lingering, freeAt: lingering === 0 ? [] : await lingerEnds(trx, now) };
  };

  /**
   * Generations deleted while their gateway call may still be at work (a cancel or a timeout holds its place
   * for a while: `linger_until`) leave that place under the cap behind them until then, as the rows that
   * counted it go. The runner's later word on the call (`linger`) still reaches it. And an interrupted or
   * cancelled one leaves what its end settled of the call, for a day (`interrupt` records it too), so the bill
   * of the instance that ran it, if it comes after all, corrects that rather than count it again (`settleBill`).
   */
  const keepLingering = async (trx: Db, of: { readonly id: string } | { readonly comparisonId: string }, now: number) => {
    await trx.deleteFrom("lingering_calls").where("until", "<=", now).execute();
    const going = trx.selectFrom("generations").select(["id", "linger_until as until", "status", "stage", "model", "comparison_id"]);
    const rows = await ("id" in of ? going.where("id", "=", of.id) : going.where("comparison_id", "=", of.comparisonId)).execute();
    const places = rows.filter((row) => row.until !== null && Number(row.until) > now);
    if (places.length > 0) await trx.insertInto("lingering_calls").values(places.map((place) => ({ id: place.id, until: Number(place.until) }))).execute();
    const settled = rows.filter((row) => SETTLED_ON_END.includes(row.status) && settledAtEnd(row.stage));
    // Under the key the interruption spent it under: a hidden blind comparison's, not the column's model.
    const blindKeys = await hiddenBlindKeys(trx, settled.flatMap((row) => (row.comparison_id ? [row.comparison_id] : [])));
    if (settled.length > 0)
      await trx
        .insertInto("settled_calls")
        .values(settled.map((row) => ({ id: row.id, stage: row.stage, spend_key: spendKeyOf(blindKeys, row), until: now + SETTLED_KEPT_MS })))
        .onConflict((conflict) => conflict.column("id").doNothing())
        .execute();
  };

  /**
   * The calls in flight, counted for an admission. PostgreSQL serializes admissions across instances with an
   * advisory lock held to the end of the transaction; SQLite's one connection already runs one at a time.
   */
  const inFlightForAdmission = async (trx: Db, now: number) => {
    await holdLock(trx, backend, "admission");
    return inFlight(trx, now);
  };

  /** Runs `record` in one transaction with the check that `jobs` more calls fit under the cap. */
  const admitted = async <T>(admission: Admission | undefined, jobs: number, record: (trx: Db, note: (change: ChangeNote) => void) => Promise<T>): Promise<T> =>
    changes.write(async (trx, note) => {
      if (admission) {
        const calls = await inFlightForAdmission(trx, admission.now);
        if (calls.running + calls.lingering + jobs > admission.maxConcurrent) throw new CapReached(calls);
      }
      return record(trx, note);
    });

  /**
   * The earlier steps of each edit chain, oldest first: from an edit's input to the step whose result it was,
   * to that step's own input, and so on. Inputs keep a copy of each step, so deleting a step loses nothing.
   */
  const chains = async (inputIds: readonly string[]): Promise<Map<string, ChainStep[]>> => {
    if (inputIds.length === 0) return new Map();
    const { rows } = await sql<{ start: string; generation_id: string; model: string; prompt: string; found: number }>`
      WITH RECURSIVE steps (start, generation_id, input_id, model, prompt, depth) AS (
        SELECT id, source_generation_id, source_input_id, source_model, source_prompt, 1 FROM inputs
         WHERE id IN (${sql.join(inputIds)}) AND source_generation_id IS NOT NULL
        UNION ALL
        SELECT s.start, i.source_generation_id, i.source_input_id, i.source_model, i.source_prompt, s.depth + 1
          FROM steps s JOIN inputs i ON i.id = s.input_id
         WHERE i.source_generation_id IS NOT NULL AND s.depth < ${MAX_CHAIN}
      )
      SELECT s.start, s.generation_id, s.model, s.prompt, CASE WHEN g.id IS NULL THEN 0 ELSE 1 END AS found
        FROM steps s LEFT JOIN generations g ON g.id = s.generation_id ORDER BY s.start, s.depth DESC`.execute(db);
    return new Map(
      [...groupBy(rows, (row) => row.start)].map(([start, steps]) => [
        start,
        steps.map((step) => ({ generationId: step.generation_id, model: step.model, prompt: step.prompt, exists: Number(step.found) === 1 })),
      ]),
    );
  };

  /** Generations with their images, inputs and chains: a fixed number of queries for any number of rows. */
  const generationViews = async (rows: readonly GenerationRow[]): Promise<GenerationView[]> => {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const images = groupBy(
      await db.selectFrom("images").selectAll().where("generation_id", "in", ids).orderBy("position").execute(),
      (image) => image.generation_id,
    );
    const inputIds = [...new Set(rows.flatMap((row) => row.input_id ?? []))];
    const inputs = new Map(
      inputIds.length === 0
        ? []
        : (await db.selectFrom("inputs").selectAll().where("id", "in", inputIds).execute()).map((row) => [row.id, toInput(row)] as const),
    );
    const chainOf = await chains(inputIds);
    const typical = await typicalTimes(rows);
    const ahead = await queuePlaces(rows);
    return rows.map((row) =>
      toGenerationView(
        row,
        images.get(row.id) ?? [],
        (row.input_id && inputs.get(row.input_id)) || null,
        (row.input_id && chainOf.get(row.input_id)) || [],
        typical.get(row.id) ?? null,
        ahead.get(row.id) ?? null,
      ),
    );
  };

  /**
   * The queue in the order it is served: oldest first, a comparison's columns in their order. A generation
   * of no comparison (no position) goes first among those of its millisecond, stated, as SQLite sorts NULL
   * first and PostgreSQL last.
   */
  const queue = (trx: Db) =>
    trx.selectFrom("generations").where("status", "=", "queued").orderBy("created_at").orderBy(sql`coalesce(comparison_position, -1)`).orderBy("id");

  /** For the queued ones among `rows`: how many queued generations go before each. */
  const queuePlaces = async (rows: readonly GenerationRow[]): Promise<Map<string, number>> => {
    if (!rows.some((row) => row.status === "queued")) return new Map();
    return new Map((await queue(db).select("id").execute()).map((row, index) => [row.id, index]));
  };

  /**
   * For the running ones among `rows`: how long their model usually takes here, from its recent finished runs,
   * each from its sending to its end (as a running card's clock counts), so a wait in the queue is no part of it.
   */
  const typicalTimes = async (rows: readonly GenerationRow[]): Promise<Map<string, number | null>> => {
    const running = rows.filter((row) => row.status === "running").map((row) => ({ id: row.id, request: JSON.parse(row.request_json) as GenerationRequest }));
    const models = [...new Set(running.map(({ request }) => request.model))];
    const history = new Map(
      await Promise.all(
        models.map(async (model) => {
          const finished = await db
            .selectFrom("generations")
            .select(["request_json", "created_at", "sent_at", "finished_at"])
            .where("model", "=", model)
            .where("status", "=", "succeeded")
            .orderBy("created_at", "desc")
            .limit(TYPICAL_SAMPLE)
            .execute();
          const runs = finished.map((run) => ({ ...requestSize(JSON.parse(run.request_json) as GenerationRequest), ms: (run.finished_at ?? run.created_at) - (run.sent_at ?? run.created_at) }));
          return [model, runs] as const;
        }),
      ),
    );
    return new Map(running.map(({ id, request }) => [id, typicalTime(history.get(request.model) ?? [], requestSize(request))]));
  };

  const generations = () => db.selectFrom("generations").select(GENERATION_COLUMNS);

  const generationsById = async (ids: readonly string[]): Promise<GenerationView[]> =>
    ids.length === 0 ? [] : generationViews(await generations().where("id", "in", ids).execute());

  const comparisonViews = async (ids: readonly string[]): Promise<ComparisonView[]> => {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom("comparisons").selectAll().where("id", "in", ids).execute();
    const columns = groupBy(
      // A comparison's columns are always generations from text.
      (await generationViews(await generations().where("comparison_id", "in", ids).orderBy("comparison_position").execute())) as GenerationView<GenerateRequest>[],
      (generation) => generation.comparisonId ?? "",
    );
    const earlier = groupBy(
      await db
        .selectFrom("earlier_attempts")
        .select((eb) => ["comparison_id", "model", eb.fn.sum<number | string>("images").as("images"), eb.fn.countAll<number | string>().as("attempts")])
        .where("comparison_id", "in", ids)
        .groupBy(["comparison_id", "model"])
        .orderBy("model")
        .execute(),
      (row) => row.comparison_id,
    );
    // PostgreSQL answers a sum and a count as text.
    const earlierOf = (id: string) => (earlier.get(id) ?? []).map((row) => ({ model: row.model, images: Number(row.images), attempts: Number(row.attempts) }));
    return rows.map((row) => toComparisonView(row, columns.get(row.id) ?? [], earlierOf(row.id)));
  };

  /** Items by kind and id, in the order asked; ones no longer on record are left out. */
  const items = async (keys: readonly Pick<KeyRow, "kind" | "id">[]): Promise<HistoryItem[]> => {
    const ofKind = (kind: ShareEntry["kind"]) => keys.filter((key) => key.kind === kind).map((key) => key.id);
    const found = new Map<string, HistoryItem>([
      ...(await generationsById(ofKind("generation"))).map((view) => [`generation:${view.id}`, view] as const),
      ...(await comparisonViews(ofKind("comparison"))).map((view) => [`comparison:${view.id}`, view] as const),
    ]);
    return keys.flatMap((key) => found.get(`${key.kind}:${key.id}`) ?? []);
  };

  const get = async (id: string): Promise<GenerationView | null> => (await generationsById([id]))[0] ?? null;
  const getComparison = async (id: string): Promise<ComparisonView | null> => (await comparisonViews([id]))[0] ?? null;
  const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) => (result.numUpdatedRows ?? result.numDeletedRows ?? 0n) > 0n;

  const touchInput = (trx: Db, id: string, now: number) =>
    trx.updateTable("inputs").set({ last_used_at: larger("last_used_at", now) }).where("id", "=", id).execute();

  const ensureDay = (trx: Db, day: string) => trx.insertInto("usage").values({ day, images: 0 }).onConflict((conflict) => conflict.column("day").doNothing()).execute();

  /**
   * Before a delete reads which image files go: a completion committing meanwhile would add images the read
   * missed, and their files would stay until the hourly sweep. Locked, the completion either committed first
   * (and its images are read) or waits, then finds its row gone and removes its own files. SQLite runs one
   * write at a time already.
   */
  const lockGenerations = async (trx: Db, by: "id" | "comparison_id", id: string) => {
    if (backend === "postgres") await trx.selectFrom("generations").select("id").where(by, "=", id).forUpdate().execute();
  };

  /** Moves a day's image count by `delta`, never below 0. */
  const moveImages = async (trx: Db, day: string, delta: number) => {
    await ensureDay(trx, day);
    await trx
      .updateTable("usage")
      .set((eb) => ({ images: eb.case().when(eb("images", "+", delta), "<", 0).then(0).else(eb("images", "+", delta)).end() }))
      .where("day", "=", day)
      .execute();
  };
  const spend = (trx: Db, day: string, key: string, images: number) =>
    trx
      .insertInto("spend")
      .values({ day, model: key, images })
      .onConflict((conflict) => conflict.columns(["day", "model"]).doUpdateSet((eb) => ({ images: eb("spend.images", "+", eb.ref("excluded.images")) })))
      .execute();
  /** Moves a day's spend on a key by `images`: up, or a correction down (never below 0). */
  const moveSpend = async (trx: Db, day: string, key: string, images: number) => {
    if (images > 0) await spend(trx, day, key, images);
    else if (images < 0)
      await trx
        .updateTable("spend")
        .set((eb) => ({ images: eb.case().when(eb("images", "+", images), "<", 0).then(0).else(eb("images", "+", images)).end() }))
        .where("day", "=", day)
        .where("model", "=", key)
        .execute();
  };

  /** A record whose stage comes before `stage` (or has none yet): a step reported late never moves it back. */
  const before = (eb: ExpressionBuilder<Tables, "generations">, stage: GenerationStage) => {
    const earlier = GENERATION_STAGES.slice(0, GENERATION_STAGES.indexOf(stage));
    return earlier.length === 0 ? eb("stage", "is", null) : eb.or([eb("stage", "is", null), eb("stage", "in", earlier)]);
  };

  /** Moves a running record on to `stage`, unless it is there or past it already; notes it as changed. */
  const moveStage = async (trx: Db, note: (change: ChangeNote) => void, id: string, stage: GenerationStage) => {
    const row = await trx
      .updateTable("generations")
      .set({ stage })
      .where("id", "=", id)
      .where("status", "=", "running")
      .where((eb) => before(eb, stage))
      .returning(["id", "comparison_id"])
      .executeTakeFirst();
    if (row) note({ kind: "item", item: itemOf(row) });
  };

  /**
   * The generation as a bill settling it finds it, locked on PostgreSQL until the write commits: an
   * interruption (itself an update of the row) comes wholly before the bill or wholly after it.
   */
  const billedRow = async (trx: Db, id: string) => {
    const query = trx.selectFrom("generations").select(["model", "comparison_id", "status", "stage"]).where("id", "=", id);
    return (backend === "postgres" ? query.forUpdate() : query).executeTakeFirst();
  };
  /**
   * Settles a call's bill (CallBill) against the row as it was before this write changed it, or, the row gone,
   * against what its interruption settled, if one did (`keepLingering`).
   */
  const settleBill = async (trx: Db, note: (change: ChangeNote) => void, id: string, row: Awaited<ReturnType<typeof billedRow>>, { day, asked, cost, model }: CallBill) => {
    // What `interrupt` recorded of its settlement (the row there or gone since): the stage and the spend's key
    // as they were then, so a reveal in between does not move the correction to another key.
    const recorded = await trx.deleteFrom("settled_calls").where("id", "=", id).returning(["stage", "spend_key"]).executeTakeFirst();
    // As `interrupt` settled it: a call never sent gave its images back, one out at the gateway was spent.
    // A cancelled row was settled by the cancel (`cancelRunning`): a runner's own cancel ends with its bill, after which none comes.
    const interrupted = (row !== undefined && SETTLED_ON_END.includes(row.status)) || recorded !== undefined;
    const stage = recorded ? recorded.stage : (row?.stage ?? null);
    const spentOnInterrupt = interrupted && isOut(stage) ? asked : 0;
    const reserved = interrupted && stage === null ? 0 : asked;
    const blindKeys = await hiddenBlindKeys(trx, row?.comparison_id ? [row.comparison_id] : []);
    const key = recorded?.spend_key ?? (row && spendKeyOf(blindKeys, row)) ?? model;
    // What no one can tell is counted at its worst, every image asked.
    const counted = cost ?? asked;
    if (counted !== reserved) await moveImages(trx, day, counted - reserved);
    await moveSpend(trx, day, key, counted - spentOnInterrupt);
    if (counted !== reserved || counted !== spentOnInterrupt) note({ kind: "usage" });
    // The column's card, and the set's cost of a retry that replaces it (replaceColumn), take the bill: an ended
    // row's own end (`fail`, `complete`) writes only a running one. An unknown bill stays unknown there (the card
    // says what it may have cost at most, the set counts every image asked): the worst case is no bill to state.
    if (row) {
      const written = await trx
        .updateTable("generations")
        .set({ billed_images: cost })
        .where("id", "=", id)
        .where((eb) => (cost === null ? eb("billed_images", "is not", null) : eb.or([eb("billed_images", "is", null), eb("billed_images", "<>", cost)])))
        .returning(["id", "comparison_id"])
        .executeTakeFirst();
      if (written && SETTLED_ON_END.includes(row.status)) noteUnlessHidden(note, itemOf(written), blindKeys);
      return;
    }
    // A call whose column a retry replaced: its set's cost takes the bill as today's spend did.
    const earlier = await trx.updateTable("earlier_attempts").set({ images: counted }).where("id", "=", id).where("images", "<>", counted).returning("comparison_id").executeTakeFirst();
    if (earlier) noteUnlessHidden(note, { kind: "comparison", id: earlier.comparison_id }, await hiddenBlindKeys(trx, [earlier.comparison_id]));
  };
  /**
   * A late bill's correction, told to pages unless its set is a hidden blind comparison: its timing and figure
   * would tell that model's call apart (blind-view serves those sets as settled at their end until the reveal,
   * whose own note brings the corrections).
   */
  const noteUnlessHidden = (note: (change: ChangeNote) => void, item: ShareEntry, blindKeys: ReadonlyMap<string, string>) => {
    if (item.kind !== "comparison" || !blindKeys.has(item.id)) note({ kind: "item", item });
  };

  /**
   * Ends running generations (by a filter), interrupted or cancelled, noting each as changed; answers how many.
   * Their calls are settled as the runner settles a failure that cannot tell what it cost: one never sent bills
   * nothing and gives its images back; one out at the gateway keeps them, counts them as spent, and holds its
   * place under the cap until `lingerUntil`, since the gateway may still be at work on it. One whose answer
   * came was billed by its runner already. The runner's own later bill corrects this (`settleBill`), if its
   * instance is still there to send one: settled here, the images are never left reserved by an instance gone.
   * What was settled, and under which key, is kept a day in `settled_calls` for that correction.
   */
  const interrupt = (now: number, lingerUntil: number, which: RunningFilter, ending: Ending = INTERRUPTION) =>
    changes.write(async (trx, note) => (await interruptIn(trx, note, now, lingerUntil, which, ending)).length);
  /** `interrupt` within a write of the caller's; answers the ids it ended. */
  const interruptIn = async (trx: Db, note: (change: ChangeNote) => void, now: number, lingerUntil: number, which: RunningFilter, ending: Ending) => {
    // What earlier ends settled and no bill came for (their instances gone) is let go after a day.
    await trx.deleteFrom("settled_calls").where("until", "<=", now).execute();
    const rows = await which(runningUpdate(trx, now, lingerUntil, ending)).returning(["id", "comparison_id", "created_at", "model", "request_json", "stage"]).execute();
    for (const row of rows) note({ kind: "item", item: itemOf(row) });
    const blindKeys = await hiddenBlindKeys(trx, rows.flatMap((row) => (row.comparison_id ? [row.comparison_id] : [])));
    const settled = rows.map((row) => ({
      row,
      n: (JSON.parse(row.request_json) as { n: number }).n,
      day: utcDay(Number(row.created_at)),
      key: spendKeyOf(blindKeys, row),
    }));
    // The day's counts first, then the spends by key: the order a bill takes them in (settleBill), so the two
    // never wait on each other's rows.
    for (const { row, n, day } of settled) if (row.stage === null) await moveImages(trx, day, -n);
    const spent = settled.filter(({ row }) => isOut(row.stage)).sort((a, b) => (a.day + a.key < b.day + b.key ? -1 : 1));
    for (const { n, day, key } of spent) await spend(trx, day, key, n);
    const settledNow = settled.filter(({ row }) => settledAtEnd(row.stage));
    if (settledNow.length > 0) {
      note({ kind: "usage" });
      await trx
        .insertInto("settled_calls")
        .values(settledNow.map(({ row, key }) => ({ id: row.id, stage: row.stage, spend_key: key, until: now + SETTLED_KEPT_MS })))
        .onConflict((conflict) => conflict.column("id").doNothing())
        .execute();
    }
    return rows.map((row) => row.id);
  };
  /**
   * Cancels queued generations (by a filter), noting each as changed: nothing was sent, so what each reserved
   * goes back in the same write, on the day it was reserved. Answers the ids it cancelled.
   */
  const unqueue = async (trx: Db, note: (change: ChangeNote) => void, finishedAt: number, which: (query: QueuedUpdate) => QueuedUpdate): Promise<string[]> => {
    const rows = await which(queuedUpdate(trx, finishedAt)).returning(["id", "comparison_id", "created_at", "request_json"]).execute();
    const given = new Map<string, number>();
    for (const row of rows) {
      note({ kind: "item", item: itemOf(row) });
      const day = utcDay(Number(row.created_at));
      given.set(day, (given.get(day) ?? 0) + (JSON.parse(row.request_json) as GenerationRequest).n);
    }
    for (const [day, images] of [...given].sort(([a], [b]) => (a < b ? -1 : 1))) await moveImages(trx, day, -images);
    if (rows.length > 0) note({ kind: "usage" });
    return rows.map((row) => row.id);
  };
  type QueuedUpdate = ReturnType<typeof queuedUpdate>;
  const queuedUpdate = (trx: Db, finishedAt: number) => trx.updateTable("generations").set({ status: "cancelled", finished_at: finishedAt }).where("status", "=", "queued");
  /** Which running generations an `interrupt` ends. */
  type RunningFilter = (query: ReturnType<typeof runningUpdate>) => ReturnType<typeof runningUpdate>;
  /**
   * Only calls a cancel can still stop: never sent, or out at the gateway. Once the answer is in (its images
   * being fetched or stored) they are billed and kept whatever anyone asks, so it is too late.
   */
  const stoppable: RunningFilter = (query) => query.where((eb) => eb.or([eb("stage", "is", null), eb("stage", "in", OUT_STAGES)]));
  const runningUpdate = (trx: Db, now: number, lingerUntil: number, ending: Ending) =>
    trx
      .updateTable("generations")
      .set((eb) => ({
        status: ending.status,
        finished_at: now,
        error_code: ending.error?.code ?? null,
        error_message: ending.error?.message ?? null,
        billed_images: eb.case().when("stage", "is", null).then(0).else(eb.ref("billed_images")).end(),
        linger_until: eb.case().when("stage", "in", OUT_STAGES).then(lingerUntil).else(eb.ref("linger_until")).end(),
      }))
      .where("status", "=", "running");
  /**
   * Sets found not hidden, which none can become again (a reveal is for good): a batch's hundred rows would
   * otherwise each read and parse the batch's whole request as they end.
   */
  const neverHidden = new Set<string>();
  /** What a hidden blind comparison's spend is counted under (its models, not the column's): by comparison id. */
  const hiddenBlindKeys = async (trx: Db, ids: readonly string[]): Promise<Map<string, string>> => {
    const asked = [...new Set(ids)].filter((id) => !neverHidden.has(id));
    if (asked.length === 0) return new Map();
    const sets = await trx.selectFrom("comparisons").select(["id", "request_json", "revealed"]).where("id", "in", asked).execute();
    if (neverHidden.size > 10_000) neverHidden.clear();
    return new Map(
      sets.flatMap((set) => {
        const view = { request: JSON.parse(set.request_json) as ComparisonView["request"], revealed: Number(set.revealed) === 1 };
        if (isModelComparison(view) && isHidden(view)) return [[set.id, blindSpendKey(view.request.models)] as const];
        neverHidden.add(set.id);
        return [];
      }),
    );
  };

  return {
    async create({ id, createdAt, request }, admission) {
      const inputId = isEditRequest(request) ? request.input.id : null;
      await admitted(admission, 1, async (trx, note) => {
        // Touched first, which holds its row: the upkeep's drop of inputs unused for a day, between the
        // route's look and this insert, either finds it used now or has taken it, and then the edit is refused.
        if (inputId && !changed((await touchInput(trx, inputId, createdAt))[0] ?? {})) throw inputGone();
        await insertGeneration(trx, { id, createdAt, request: asStored(request), inputId }, admission);
        note({ kind: "item", item: { kind: "generation", id } });
      });
      return (await get(id)) as GenerationView;
    },
    async markSent(id, seed, sentAt) {
      return changes.write(async (trx, note) => {
        const row = await trx.updateTable("generations").set({ seed, stage: "sent", sent_at: sentAt }).where("id", "=", id).where("status", "=", "running").returning(["id", "comparison_id"]).executeTakeFirst();
        if (row) note({ kind: "item", item: itemOf(row) });
        return row !== undefined;
      });
    },
    async markUpstream(id, { requestId, taskId }) {
      await changes.write(async (trx, note) => {
        const row = await trx
          .updateTable("generations")
          .set((eb) => ({
            request_id: eb.fn.coalesce(eb.val(requestId), "request_id"),
            task_id: eb.fn.coalesce(eb.val(taskId), "task_id"),
            // A task id means the gateway took the work: the model is at it (unless its answer came already).
            ...(taskId !== null && { stage: eb.case().when(before(eb, "working")).then(eb.val<GenerationStage>("working")).else(eb.ref("stage")).end() }),
          }))
          .where("id", "=", id)
          .where("status", "=", "running")
          .returning(["id", "comparison_id"])
          .executeTakeFirst();
        if (row) note({ kind: "item", item: itemOf(row) });
      });
    },
    async billAnswer(id, { stage, upstream, ...bill }) {
      await changes.write(async (trx, note) => {
        const row = await billedRow(trx, id);
        if (upstream) {
          await trx
            .updateTable("generations")
            .set((eb) => ({ request_id: eb.fn.coalesce(eb.val(upstream.requestId), "request_id"), task_id: eb.fn.coalesce(eb.val(upstream.taskId), "task_id") }))
            .where("id", "=", id)
            .execute();
        }
        // Past the stages an interruption settles (a call never sent, or out at the gateway).
        await moveStage(trx, note, id, stage);
        await settleBill(trx, note, id, row, bill);
      });
    },
    async markStage(id, stage) {
      await changes.write((trx, note) => moveStage(trx, note, id, stage));
    },
    async complete(id, { finishedAt, durationMs, images, upstream, billedImages, notices, timings }) {
      const done = await changes.write(async (trx, note) => {
        const row = await trx
          .updateTable("generations")
          .set((eb) => ({
            status: "succeeded",
            finished_at: finishedAt,
            duration_ms: durationMs,
            request_id: eb.fn.coalesce(eb.val(upstream?.requestId ?? null), "request_id"),
            task_id: eb.fn.coalesce(eb.val(upstream?.taskId ?? null), "task_id"),
            billed_images: billedImages ?? null,
            notices_json: notices && notices.length > 0 ? JSON.stringify(notices) : null,
            timings_json: timings ? JSON.stringify(timings) : null,
            // What an interruption said it was is no longer so.
            error_code: null,
            error_message: null,
            retry_after_seconds: null,
            linger_until: null,
          }))
          .where("id", "=", id)
          // Cancelled or interrupted while its answer was being stored: the answer is billed, so it stands.
          .where("status", "in", ["running", "cancelled", "interrupted"])
          .returning(["id", "comparison_id"])
          .executeTakeFirst();
        if (!row) return false;
        note({ kind: "item", item: itemOf(row) });
        if (images.length > 0) {
          await trx
            .insertInto("images")
            .values(
              images.map((image) => ({
                id: image.id, generation_id: id, position: image.position, width: image.width, height: image.height, mime: image.mime, bytes: image.bytes,
                revised_prompt: image.revisedPrompt, revised_prompt_search: searchText(image.revisedPrompt),
              })),
            )
            .execute();
        }
        return true;
      });
      return done ? get(id) : null;
    },
    async fail(id, { finishedAt, status, error, upstream, billedImages, lingerUntil, bill }) {
      const ended = await changes.write(async (trx, note) => {
        if (bill) await settleBill(trx, note, id, await billedRow(trx, id), bill);
        const row = await trx
          .updateTable("generations")
          .set((eb) => ({
            status,
            finished_at: finishedAt,
            error_code: error?.code ?? null,
            error_message: error?.message ?? null,
            retry_after_seconds: error?.retryAfterSeconds ?? null,
            request_id: eb.fn.coalesce(eb.val(upstream?.requestId ?? null), "request_id"),
            task_id: eb.fn.coalesce(eb.val(upstream?.taskId ?? null), "task_id"),
            billed_images: billedImages ?? null,
            ...(lingerUntil !== undefined && { linger_until: lingerUntil }),
          }))
          .where("id", "=", id)
          .where("status", "=", "running")
          .returning(["id", "comparison_id"])
          .executeTakeFirst();
        if (row) note({ kind: "item", item: itemOf(row) });
        return row !== undefined;
      });
      return ended ? get(id) : null;
    },
    get,
    async createComparison({ id, createdAt, request, seed, columns, queued = false }, admission) {
      // Queued columns take no place under the cap yet: whoever claims them is admitted then.
      await admitted(queued ? undefined : admission, columns.length, async (trx, note) => {
        note({ kind: "item", item: { kind: "comparison", id } });
        await trx
          .insertInto("comparisons")
          .values({ id, created_at: createdAt, prompt: request.prompt, prompt_search: searchText(request.prompt), request_json: JSON.stringify(request), seed })
          .execute();
        for (const [position, column] of columns.entries()) {
          await insertGeneration(trx, { id: column.id, createdAt, request: asStored(column.request), comparison: { id, position }, queued }, queued ? undefined : admission);
        }
      });
      return (await getComparison(id)) as ComparisonView;
    },
    async claimQueued(admission) {
      return changes.write(async (trx, note) => {
        const { running, lingering } = await inFlightForAdmission(trx, admission.now);
        const free = admission.maxConcurrent - running - lingering;
        const waiting = queue(trx).select(["id", "request_json", "created_at"]);
        const next = free <= 0 ? [] : await (Number.isFinite(free) ? waiting.limit(free) : waiting).execute();
        const claimed: Array<{ id: string; createdAt: number; request: GenerationRequest }> = [];
        for (const row of next) {
          const taken = await trx
            .updateTable("generations")
            .set({ status: "running", lease_owner: admission.lease.owner, lease_until: admission.lease.until })
            .where("id", "=", row.id)
            .where("status", "=", "queued")
            .returning(["id", "comparison_id"])
            .executeTakeFirst();
          if (!taken) continue;
          note({ kind: "item", item: itemOf(taken) });
          claimed.push({ id: row.id, createdAt: row.created_at, request: JSON.parse(row.request_json) as GenerationRequest });
        }
        const left = await trx.selectFrom("generations").select((eb) => eb.fn.countAll<number>().as("count")).where("status", "=", "queued").executeTakeFirst();
        return { claimed, waiting: Number(left?.count ?? 0) };
      });
    },
    async cancelQueued(id, finishedAt) {
      const cancelled = await changes.write((trx, note) => unqueue(trx, note, finishedAt, (query) => query.where("id", "=", id)));
      return cancelled.length > 0 ? get(id) : null;
    },
    async cancelRunning(id, now, lingerUntil) {
      return (await interrupt(now, lingerUntil, (query) => stoppable(query.where("id", "=", id)), CANCEL)) > 0 ? get(id) : null;
    },
    async cancelComparison(id, now, lingerUntil) {
      return changes.write(async (trx, note) => {
        // Taken before any row, as a claim takes it: no claim starts a column between the two updates below,
        // nor waits on one of their rows while holding another (which would deadlock).
        await holdLock(trx, backend, "admission");
        const found = await trx.selectFrom("comparisons").select("id").where("id", "=", id).executeTakeFirst();
        if (!found) return null;
        // Every column notes its comparison: told once, not once per cell of a hundred-cell grid.
        const told = new Set<string>();
        const once = (change: ChangeNote) => {
          const key = JSON.stringify(change);
          if (told.has(key)) return;
          told.add(key);
          note(change);
        };
        // Every column's row first, then the days' counts, then the spends: the order a runner's bill takes them
        // in (its row, then settleBill), so neither waits on a row the other holds.
        await lockGenerations(trx, "comparison_id", id);
        const queued = await unqueue(trx, once, now, (query) => query.where("comparison_id", "=", id));
        const running = await interruptIn(trx, once, now, lingerUntil, (query) => stoppable(query.where("comparison_id", "=", id)), CANCEL);
        return { queued, running };
      });
    },
    getComparison,
    async wasReplaced(oldId, comparisonId) {
      return (await db.selectFrom("earlier_attempts").select("id").where("id", "=", oldId).where("comparison_id", "=", comparisonId).executeTakeFirst()) !== undefined;
    },
    async replaceColumn(oldId, { id, createdAt, queued = false }, admission) {
      const replaced = await admitted(queued ? undefined : admission, 1, async (trx, note) => {
        const ended = trx
          .selectFrom("generations")
          .select(["comparison_id", "comparison_position", "request_json", "model", "prompt", "billed_images", "seed"])
          .where("id", "=", oldId)
          .where("comparison_id", "is not", null)
          .where("status", "in", ["failed", "cancelled", "interrupted"]);
        // Locked on PostgreSQL, as a bill settling it locks it (billedRow): its billed figure is read as the bill left it.
        const old = await (backend === "postgres" ? ended.forUpdate() : ended).executeTakeFirst();
        if (!old?.comparison_id || old.comparison_position === null) return false;
        // A call the cancelled column may still have out keeps its place under the cap, as a delete's does.
        await keepLingering(trx, { id: oldId }, createdAt);
        // The status asked again as it is deleted: a runner may have completed the column (a cancelled or
        // interrupted one whose answer came after all) between the read and here, and a finished, billed
        // result is not thrown away for a retry.
        const gone = await trx.deleteFrom("generations").where("id", "=", oldId).where("status", "in", ["failed", "cancelled", "interrupted"]).executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) return false;
        // What it billed stays in the set's cost, as in the day's spend; a bill its runner sends later corrects it (settleBill).
        const asked = (JSON.parse(old.request_json) as GenerateRequest).n;
        const images = knownBill({ status: "failed", billedImages: old.billed_images, images: [], seed: old.seed }) ?? asked;
        await trx.insertInto("earlier_attempts").values({ id: oldId, comparison_id: old.comparison_id, model: old.model, images }).execute();
        await insertGeneration(trx, {
          id,
          createdAt,
          request: { model: old.model, prompt: old.prompt, json: old.request_json },
          comparison: { id: old.comparison_id, position: old.comparison_position },
          queued,
        }, queued ? undefined : admission);
        note({ kind: "item", item: { kind: "comparison", id: old.comparison_id } });
        return true;
      });
      return replaced ? get(id) : null;
    },
    async updateComparison(id, { starred, revealed }) {
      await changes.write(async (trx, note) => {
        const patch = { ...(starred !== undefined && { starred: starred ? 1 : 0 }), ...(revealed && { revealed: 1 }) };
        if (Object.keys(patch).length === 0) return;
        if (changed(await trx.updateTable("comparisons").set(patch).where("id", "=", id).executeTakeFirst())) note({ kind: "item", item: { kind: "comparison", id } });
      });
      return getComparison(id);
    },
    async deleteComparison(id, now) {
      return changes.write(async (trx, note) => {
        // As a poll that pins images does first (sql-polls.ts): what is listed below is then in no poll.
        await holdLock(trx, backend, "pollImages");
        await lockGenerations(trx, "comparison_id", id);
        const imageIds = (
          await trx.selectFrom("images as i").innerJoin("generations as g", "g.id", "i.generation_id").select("i.id").where("g.comparison_id", "=", id).where(notInPoll).execute()
        ).map((row) => row.id);
        await keepLingering(trx, { comparisonId: id }, now);
        const result = await trx.deleteFrom("comparisons").where("id", "=", id).executeTakeFirst();
        if (!changed(result)) return null;
        note({ kind: "deleted", item: { kind: "comparison", id } });
        return { imageIds };
      });
    },
    list(query) {
      return listHistory(database, query, items);
    },
    async createShare({ id, createdAt, title, entries }) {
      await db.insertInto("shares").values({ id, created_at: createdAt, title, entries_json: JSON.stringify(entries) }).execute();
    },
    async getShare(id) {
      const row = await db.selectFrom("shares").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) return null;
      // A link made before its entries were taken once may name one twice.
      const entries = distinctEntries(JSON.parse(row.entries_json) as ShareEntry[]);
      const found = await items(entries);
      // A column shared beside its own comparison is shown there, not a second time alone.
      const comparisons = new Set(found.flatMap((item) => (item.kind === "comparison" ? [item.id] : [])));
      const shown = found.filter((item) => !(item.kind === "generation" && item.comparisonId !== null && comparisons.has(item.comparisonId)));
      return { id: row.id, createdAt: row.created_at, title: row.title, items: shown, missing: entries.length - found.length };
    },
    async setStarred(id, starred) {
      const row = await changes.write(async (trx, note) => {
        const updated = await trx.updateTable("generations").set({ starred: starred ? 1 : 0 }).where("id", "=", id).returning(["id", "comparison_id"]).executeTakeFirst();
        if (updated) note({ kind: "item", item: itemOf(updated) });
        return updated;
      });
      return row ? get(id) : null;
    },
    async delete(id, now) {
      return changes.write(async (trx, note) => {
        // As a poll that pins images does first (sql-polls.ts): what is listed below is then in no poll.
        await holdLock(trx, backend, "pollImages");
        await lockGenerations(trx, "id", id);
        const row = await trx.selectFrom("generations").select(["id", "comparison_id", "input_id"]).where("id", "=", id).executeTakeFirst();
        if (!row) return null;
        const imageIds = (await trx.selectFrom("images as i").select("i.id").where("i.generation_id", "=", id).where(notInPoll).execute()).map((row) => row.id);
        // Its input counts as used until now, so the form that reused this edit's settings still finds it.
        if (row.input_id) await touchInput(trx, row.input_id, now);
        await keepLingering(trx, { id }, now);
        await trx.deleteFrom("generations").where("id", "=", id).execute();
        const item = itemOf(row);
        note({ kind: item.kind === "generation" ? "deleted" : "item", item });
        return { imageIds };
      });
    },
    markInterrupted(now, lingerUntil = now) {
      return interrupt(now, lingerUntil, (query) => query);
    },
    expireLeases(now, lingerUntil = now, ranOutBefore = now) {
      return interrupt(now, lingerUntil, (query) => query.where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", ranOutBefore)])));
    },
    async renewLeases(owner, ids, until) {
      if (ids.length === 0) return [];
      const rows = await db
        .updateTable("generations")
        .set({ lease_until: until })
        .where("id", "in", ids)
        .where("status", "=", "running")
        .where("lease_owner", "=", owner)
        .returning("id")
        .execute();
      return rows.map((row) => row.id);
    },
    async linger(id, until) {
      await changes.write(async (trx, note) => {
        const row = changed(await trx.updateTable("generations").set({ linger_until: until }).where("id", "=", id).executeTakeFirst());
        const gone = changed(await trx.updateTable("lingering_calls").set({ until }).where("id", "=", id).executeTakeFirst());
        // The places held under the cap, which the stream's usage carries, moved.
        if (row || gone) note({ kind: "usage" });
      });
    },
    inFlight(now) {
      return inFlight(db, now);
    },
    async stillRunning(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom("generations").select("id").where("id", "in", ids).where("status", "in", ["running", "queued"]).execute()).map((row) => row.id);
    },
    async image(id) {
      const row = await db.selectFrom("images").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toImage(row) : null;
    },
    async createInput({ id, createdAt, width, height, mime, bytes, thumbBytes, sha256, from }, { maxBytes, client } = { maxBytes: Number.POSITIVE_INFINITY }) {
      const adds = bytes + thumbBytes;
      return retryConflicts(() => db.transaction().execute(async (trx): Promise<InputsFull | null> => {
        await holdLock(trx, backend, "inputs");
        // The client's own share first: when both are full, what it can do about its own is what it is told.
        if (client) {
          const mine = await inputTotal(trx, client.key);
          if (mine + adds > client.maxBytes) return { cap: "client", held: mine };
        }
        const held = await inputTotal(trx);
        if (held + adds > maxBytes) return { cap: "all", held };
        await trx
          .insertInto("inputs")
          .values({
            id, created_at: createdAt, last_used_at: createdAt, width, height, mime, bytes, thumb_bytes: thumbBytes, sha256,
            source_image_id: from?.imageId ?? null,
            source_generation_id: from?.generationId ?? null,
            source_input_id: from?.inputId ?? null,
            source_model: from?.model ?? null,
            source_prompt: from?.prompt ?? null,
            uploader: client?.key ?? null,
          })
          .execute();
        return null;
      }));
    },
    async input(id) {
      const row = await db.selectFrom("inputs").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toInput(row) : null;
    },
    async findInput(key) {
      const query = db.selectFrom("inputs").selectAll().limit(1);
      const row = await ("sha256" in key
        ? query.where("sha256", "=", key.sha256).where("source_image_id", "is", null)
        : query.where("source_image_id", "=", key.sourceImageId)
      ).executeTakeFirst();
      return row ? toInput(row) : null;
    },
    inputBytes: (client) => inputTotal(db, client),
    async touchInput(id, now) {
      const [touched] = await touchInput(db, id, now);
      return Number(touched?.numUpdatedRows ?? 0) > 0;
    },
    async dropUnusedInputs(before) {
      // One statement holding its own conditions: an input chosen again, or taken by a new edit, between a
      // look and a delete stays (and its file with it: only the ids answered here are removed).
      const rows = await db
        .deleteFrom("inputs as i")
        .where("i.last_used_at", "<", before)
        .where((eb) => eb.not(eb.exists(eb.selectFrom("generations as g").select("g.id").whereRef("g.input_id", "=", "i.id"))))
        // An input a later one came from is kept too: the chain reads its step through it.
        .where((eb) => eb.not(eb.exists(eb.selectFrom("inputs as j").select("j.id").whereRef("j.source_input_id", "=", "i.id"))))
        // Unqualified: SQLite's RETURNING names the table's own columns only.
        .returning("id")
        .execute();
      return rows.map((row) => row.id);
    },
    async imageIds() {
      // One statement, one snapshot: read apart (on separate pooled connections), an image pinned by a poll
      // while its generation was deleted could be in neither list, and the sweep would take its file.
      const rows = await db
        .selectFrom("images")
        .select("id")
        .union(db.selectFrom("inputs").select("id"))
        .union(db.selectFrom("poll_images").select("image_id as id"))
        .execute();
      return new Set(rows.map((row) => row.id));
    },
    async reserveImages(day, n, limit) {
      return changes.write(async (trx, note) => {
        await ensureDay(trx, day);
        // One statement, so two requests racing for the last images cannot both get them.
        const query = trx.updateTable("usage").set((eb) => ({ images: eb("images", "+", n) })).where("day", "=", day);
        const reserved = changed(await (limit === null ? query : query.where((eb) => eb(eb("images", "+", n), "<=", limit))).executeTakeFirst());
        if (reserved) note({ kind: "usage" });
        return reserved;
      });
    },
    async adjustImages(day, delta) {
      if (delta === 0) return;
      await changes.write(async (trx, note) => {
        await moveImages(trx, day, delta);
        note({ kind: "usage" });
      });
    },
    async addSpend(day, model, images) {
      if (images === 0) return;
      await changes.write(async (trx, note) => {
        await moveSpend(trx, day, model, images);
        note({ kind: "usage" });
      });
    },
    async spendOn(day) {
      return db.selectFrom("spend").select(["model", "images"]).where("day", "=", day).orderBy("model").execute();
    },
    async imagesUsed(day) {
      const row = await db.selectFrom("usage").select("images").where("day", "=", day).executeTakeFirst();
      return Number(row?.images ?? 0);
    },
    async promptLists() {
      // Sorted here, not by the database: PostgreSQL's order follows its collation (case aside, on most), SQLite's
      // the bytes, and one history reads the same on either.
      const rows = (await db.selectFrom("prompt_lists").selectAll().execute()).sort((a, b) => LIST_NAMES.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return rows.map((row) => ({ name: row.name, items: JSON.parse(row.items_json) as string[], updatedAt: row.updated_at }));
    },
    async savePromptList({ name, items, updatedAt }, max) {
      // The cap is a guard against a runaway script, not a quota: two new lists racing for the last place may both land.
      return changes.write(async (trx) => {
        const exists = await trx.selectFrom("prompt_lists").select("name").where("name", "=", name).executeTakeFirst();
        if (!exists) {
          const { count } = await trx.selectFrom("prompt_lists").select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
          if (Number(count) >= max) return false;
        }
        const values = { name, items_json: JSON.stringify(items), updated_at: updatedAt };
        await trx.insertInto("prompt_lists").values(values).onConflict((conflict) => conflict.column("name").doUpdateSet({ items_json: values.items_json, updated_at: updatedAt })).execute();
        return true;
      });
    },
    async deletePromptList(name) {
      const result = await db.deleteFrom("prompt_lists").where("name", "=", name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    ...createPollStore(database, changes),
    async settingOnce(name, proposed) {
      await db.insertInto("settings").values({ name, value: proposed }).onConflict((conflict) => conflict.column("name").doNothing()).execute();
      const row = await db.selectFrom("settings").select("value").where("name", "=", name).executeTakeFirstOrThrow();
      return row.value;
    },
    async revokeSession(id, expiresAt, now) {
      await db.deleteFrom("revoked_sessions").where("expires_at", "<=", now).execute();
      await db
        .insertInto("revoked_sessions")
        .values({ id, expires_at: expiresAt })
        .onConflict((conflict) => conflict.column("id").doUpdateSet({ expires_at: expiresAt }))
        .execute();
      if (backend === "postgres") await sql`SELECT pg_notify(${SIGN_OUTS_CHANNEL}, ${id})`.execute(db);
    },
    async isSessionRevoked(id) {
      return (await db.selectFrom("revoked_sessions").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
    },
    changesAfter: changes.after,
    changeBounds: changes.bounds,
    lastHistoryChange: changes.lastOfHistory,
    lastChangeOf: changes.lastOf,
    pruneChanges: changes.prune,
    watchChanges: changes.watch,
    async close() {
      await db.destroy();
    },
  };
};

/** What a generation row keeps of its request: the model and prompt as columns (filters), the whole as JSON. */
type GenerationRequestLike = { model: string; prompt: string; json: string };
const asStored = (request: { model: string; prompt: string }): GenerationRequestLike => ({ model: request.model, prompt: request.prompt, json: JSON.stringify(request) });
