import Database from "libsql";
import { isEditRequest, type ChainStep, type ComparisonView, type GenerationView, type HistoryItem } from "../generation/view";
import type { GenerateRequest } from "../models/request-schema";
import { MIGRATIONS } from "./migrations";
import {
  GENERATION_COLUMNS,
  groupBy,
  toComparisonView,
  toGenerationView,
  toImage,
  toInput,
  type ComparisonRow,
  type GenerationRow,
  type ImageRow,
  type InputRow,
} from "./rows";
import { listHistory } from "./sqlite-list";
import type { GenerationStore, ShareEntry } from "./types";

/** Brings a database file up to the newest schema, one recorded version at a time. */
const migrate = (db: Database.Database): number => {
  const current = Number((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version);
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? "");
      db.exec(`PRAGMA user_version = ${version + 1}`);
    })();
  }
  return MIGRATIONS.length;
};

/** Steps followed back through an edit chain; far more than anyone iterates, and a guard against a loop. */
const MAX_CHAIN = 100;

/** The embedded history: one SQLite file, written in WAL mode so readers never wait for the job runner. */
export const openSqliteStore = (file: string): GenerationStore => {
  const db = new Database(file);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
  migrate(db);

  const statements = {
    insert: db.prepare(
      "INSERT INTO generations (id, created_at, status, model, prompt, request_json, comparison_id, comparison_position, input_id) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?)",
    ),
    columnOf: db.prepare(
      "SELECT comparison_id, comparison_position, request_json FROM generations WHERE id = ? AND comparison_id IS NOT NULL AND status IN ('failed', 'cancelled', 'interrupted')",
    ),
    insertComparison: db.prepare("INSERT INTO comparisons (id, created_at, prompt, request_json, seed) VALUES (?, ?, ?, ?, ?)"),
    getComparison: db.prepare("SELECT * FROM comparisons WHERE id = ?"),
    starComparison: db.prepare("UPDATE comparisons SET starred = ? WHERE id = ?"),
    revealComparison: db.prepare("UPDATE comparisons SET revealed = 1 WHERE id = ?"),
    deleteComparison: db.prepare("DELETE FROM comparisons WHERE id = ?"),
    comparisonImageIds: db.prepare("SELECT i.id FROM images i JOIN generations g ON g.id = i.generation_id WHERE g.comparison_id = ?"),
    insertShare: db.prepare("INSERT INTO shares (id, created_at, title, entries_json) VALUES (?, ?, ?, ?)"),
    getShare: db.prepare("SELECT * FROM shares WHERE id = ?"),
    markSent: db.prepare("UPDATE generations SET seed = ? WHERE id = ? AND status = 'running'"),
    markUpstream: db.prepare(
      "UPDATE generations SET request_id = COALESCE(?, request_id), task_id = COALESCE(?, task_id) WHERE id = ? AND status = 'running'",
    ),
    complete: db.prepare(
      "UPDATE generations SET status = 'succeeded', finished_at = ?, duration_ms = ?, request_id = COALESCE(?, request_id), task_id = COALESCE(?, task_id), billed_images = ?, notices_json = ? WHERE id = ? AND status = 'running'",
    ),
    insertImage: db.prepare(
      "INSERT INTO images (id, generation_id, position, width, height, mime, bytes, revised_prompt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    fail: db.prepare(
      "UPDATE generations SET status = ?, finished_at = ?, error_code = ?, error_message = ?, retry_after_seconds = ?, request_id = COALESCE(?, request_id), task_id = COALESCE(?, task_id), billed_images = ? WHERE id = ? AND status = 'running'",
    ),
    get: db.prepare(`SELECT ${GENERATION_COLUMNS} FROM generations WHERE id = ?`),
    imagesOf: db.prepare("SELECT * FROM images WHERE generation_id = ? ORDER BY position"),
    star: db.prepare("UPDATE generations SET starred = ? WHERE id = ?"),
    delete: db.prepare("DELETE FROM generations WHERE id = ?"),
    interrupt: db.prepare(
      "UPDATE generations SET status = 'interrupted', finished_at = ?, error_code = 'internal_error', error_message = ? WHERE status = 'running'",
    ),
    image: db.prepare("SELECT * FROM images WHERE id = ?"),
    imageIds: db.prepare("SELECT id FROM images UNION ALL SELECT id FROM inputs"),
    insertInput: db.prepare(
      "INSERT INTO inputs (id, created_at, last_used_at, width, height, mime, bytes, sha256, source_image_id, source_generation_id, source_input_id, source_model, source_prompt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    input: db.prepare("SELECT * FROM inputs WHERE id = ?"),
    inputByHash: db.prepare("SELECT * FROM inputs WHERE sha256 = ? AND source_image_id IS NULL LIMIT 1"),
    inputBySource: db.prepare("SELECT * FROM inputs WHERE source_image_id = ? LIMIT 1"),
    unusedInputs: db.prepare(
      // An input a later one came from is kept too: the chain reads its step through it.
      "SELECT id FROM inputs i WHERE last_used_at < ? AND NOT EXISTS (SELECT 1 FROM generations g WHERE g.input_id = i.id) AND NOT EXISTS (SELECT 1 FROM inputs j WHERE j.source_input_id = i.id)",
    ),
    deleteInput: db.prepare("DELETE FROM inputs WHERE id = ?"),
    inputBytes: db.prepare("SELECT COALESCE(SUM(bytes), 0) AS total FROM inputs"),
    touchInput: db.prepare("UPDATE inputs SET last_used_at = MAX(last_used_at, ?) WHERE id = ?"),
    touchInputOf: db.prepare("UPDATE inputs SET last_used_at = MAX(last_used_at, ?) WHERE id = (SELECT input_id FROM generations WHERE id = ?)"),
    ensureDay: db.prepare("INSERT OR IGNORE INTO usage (day, images) VALUES (?, 0)"),
    reserve: db.prepare("UPDATE usage SET images = images + ? WHERE day = ? AND (? IS NULL OR images + ? <= ?)"),
    adjust: db.prepare("UPDATE usage SET images = MAX(0, images + ?) WHERE day = ?"),
    used: db.prepare("SELECT images FROM usage WHERE day = ?"),
    addSpend: db.prepare("INSERT INTO spend (day, model, images) VALUES (?, ?, ?) ON CONFLICT (day, model) DO UPDATE SET images = images + excluded.images"),
    spendOn: db.prepare("SELECT model, images FROM spend WHERE day = ? ORDER BY model"),
    revoke: db.prepare("INSERT OR REPLACE INTO revoked_sessions (id, expires_at) VALUES (?, ?)"),
    forgetExpired: db.prepare("DELETE FROM revoked_sessions WHERE expires_at <= ?"),
    revoked: db.prepare("SELECT 1 AS revoked FROM revoked_sessions WHERE id = ?"),
  };

  const inList = (ids: readonly string[]) => ids.map(() => "?").join(", ");

  /**
   * The earlier steps of each edit chain, oldest first: from an edit's input to the step whose result it was,
   * to that step's own input, and so on. Inputs keep a copy of each step, so deleting a step loses nothing.
   */
  const chains = (inputIds: readonly string[]): Map<string, ChainStep[]> => {
    if (inputIds.length === 0) return new Map();
    const rows = db
      .prepare(
        `WITH RECURSIVE steps (start, generation_id, input_id, model, prompt, depth) AS (
           SELECT id, source_generation_id, source_input_id, source_model, source_prompt, 1 FROM inputs
            WHERE id IN (${inList(inputIds)}) AND source_generation_id IS NOT NULL
           UNION ALL
           SELECT s.start, i.source_generation_id, i.source_input_id, i.source_model, i.source_prompt, s.depth + 1
             FROM steps s JOIN inputs i ON i.id = s.input_id
            WHERE i.source_generation_id IS NOT NULL AND s.depth < ${MAX_CHAIN}
         )
         SELECT s.start, s.generation_id, s.model, s.prompt, g.id IS NOT NULL AS found
           FROM steps s LEFT JOIN generations g ON g.id = s.generation_id ORDER BY s.start, s.depth DESC`,
      )
      .all(...inputIds) as Array<{ start: string; generation_id: string; model: string; prompt: string; found: number }>;
    return new Map(
      [...groupBy(rows, (row) => row.start)].map(([start, steps]) => [
        start,
        steps.map((step) => ({ generationId: step.generation_id, model: step.model, prompt: step.prompt, exists: step.found === 1 })),
      ]),
    );
  };

  /** Generations with their images, inputs and chains: a fixed number of queries for any number of rows. */
  const generationViews = (where: string, params: readonly string[]): GenerationView[] => {
    if (params.length === 0) return [];
    const rows = db.prepare(`SELECT ${GENERATION_COLUMNS} FROM generations WHERE ${where}`).all(...params) as GenerationRow[];
    if (rows.length === 0) return [];
    const images = groupBy(
      db.prepare(`SELECT * FROM images WHERE generation_id IN (${inList(rows.map((row) => row.id))}) ORDER BY position`).all(...rows.map((row) => row.id)) as ImageRow[],
      (image) => image.generation_id,
    );
    const inputIds = [...new Set(rows.flatMap((row) => row.input_id ?? []))];
    const inputs = new Map(
      inputIds.length === 0
        ? []
        : (db.prepare(`SELECT * FROM inputs WHERE id IN (${inList(inputIds)})`).all(...inputIds) as InputRow[]).map((row) => [row.id, toInput(row)] as const),
    );
    const chainOf = chains(inputIds);
    return rows.map((row) =>
      toGenerationView(row, images.get(row.id) ?? [], (row.input_id && inputs.get(row.input_id)) || null, (row.input_id && chainOf.get(row.input_id)) || []),
    );
  };

  const comparisonViews = (ids: readonly string[]): ComparisonView[] => {
    if (ids.length === 0) return [];
    const rows = db.prepare(`SELECT * FROM comparisons WHERE id IN (${inList(ids)})`).all(...ids) as ComparisonRow[];
    const columns = groupBy(
      // A comparison's columns are always generations from text.
      generationViews(`comparison_id IN (${inList(ids)}) ORDER BY comparison_position`, ids) as GenerationView<GenerateRequest>[],
      (generation) => generation.comparisonId ?? "",
    );
    return rows.map((row) => toComparisonView(row, columns.get(row.id) ?? []));
  };

  /** Items by kind and id, in the order asked; ones no longer on record are left out. */
  const items = (keys: readonly ShareEntry[]): HistoryItem[] => {
    const ofKind = (kind: ShareEntry["kind"]) => keys.filter((key) => key.kind === kind).map((key) => key.id);
    const generationIds = ofKind("generation");
    const found = new Map<string, HistoryItem>([
      ...generationViews(`id IN (${inList(generationIds)})`, generationIds).map((view) => [`generation:${view.id}`, view] as const),
      ...comparisonViews(ofKind("comparison")).map((view) => [`comparison:${view.id}`, view] as const),
    ]);
    return keys.flatMap((key) => found.get(`${key.kind}:${key.id}`) ?? []);
  };

  const get = (id: string): GenerationView | null => generationViews("id = ?", [id])[0] ?? null;
  const getComparison = (id: string): ComparisonView | null => comparisonViews([id])[0] ?? null;

  const createComparison = db.transaction(
    (comparison: Parameters<GenerationStore["createComparison"]>[0]) => {
      const { id, createdAt, request, seed, columns } = comparison;
      statements.insertComparison.run(id, createdAt, request.prompt, JSON.stringify(request), seed);
      for (const [position, column] of columns.entries()) {
        statements.insert.run(column.id, createdAt, column.request.model, column.request.prompt, JSON.stringify(column.request), id, position, null);
      }
    },
  );

  const complete = db.transaction((id: string, result: Parameters<GenerationStore["complete"]>[1]) => {
    const { finishedAt, durationMs, images, upstream, billedImages, notices } = result;
    const noticesJson = notices && notices.length > 0 ? JSON.stringify(notices) : null;
    const changed = statements.complete.run(finishedAt, durationMs, upstream?.requestId ?? null, upstream?.taskId ?? null, billedImages ?? null, noticesJson, id);
    if (changed.changes === 0) return false;
    for (const image of images) {
      statements.insertImage.run(image.id, id, image.position, image.width, image.height, image.mime, image.bytes, image.revisedPrompt);
    }
    return true;
  });

  const replaceColumn = db.transaction((oldId: string, id: string, createdAt: number): boolean => {
    const old = statements.columnOf.get(oldId) as { comparison_id: string; comparison_position: number; request_json: string } | undefined;
    if (!old) return false;
    const request = JSON.parse(old.request_json) as { model: string; prompt: string };
    statements.delete.run(oldId);
    statements.insert.run(id, createdAt, request.model, request.prompt, old.request_json, old.comparison_id, old.comparison_position, null);
    return true;
  });

  return {
    create({ id, createdAt, request }) {
      const inputId = isEditRequest(request) ? request.input.id : null;
      statements.insert.run(id, createdAt, request.model, request.prompt, JSON.stringify(request), null, null, inputId);
      if (inputId) statements.touchInput.run(createdAt, inputId);
      return get(id) as GenerationView;
    },
    markSent(id, seed) {
      statements.markSent.run(seed, id);
    },
    markUpstream(id, { requestId, taskId }) {
      statements.markUpstream.run(requestId, taskId, id);
    },
    complete(id, result) {
      return complete(id, result) ? get(id) : null;
    },
    fail(id, { finishedAt, status, error, upstream, billedImages }) {
      const changed = statements.fail.run(
        status, finishedAt, error?.code ?? null, error?.message ?? null, error?.retryAfterSeconds ?? null,
        upstream?.requestId ?? null, upstream?.taskId ?? null, billedImages ?? null, id,
      );
      return changed.changes > 0 ? get(id) : null;
    },
    get,
    createComparison(comparison) {
      createComparison(comparison);
      return getComparison(comparison.id) as ComparisonView;
    },
    getComparison,
    replaceColumn(oldId, { id, createdAt }) {
      return replaceColumn(oldId, id, createdAt) ? get(id) : null;
    },
    updateComparison(id, { starred, revealed }) {
      if (starred !== undefined) statements.starComparison.run(starred ? 1 : 0, id);
      if (revealed) statements.revealComparison.run(id);
      return getComparison(id);
    },
    deleteComparison(id) {
      const imageIds = (statements.comparisonImageIds.all(id) as Array<{ id: string }>).map((row) => row.id);
      return statements.deleteComparison.run(id).changes > 0 ? { imageIds } : null;
    },
    list(query) {
      return listHistory(db, query, items);
    },
    createShare({ id, createdAt, title, entries }) {
      statements.insertShare.run(id, createdAt, title, JSON.stringify(entries));
    },
    getShare(id) {
      const row = statements.getShare.get(id) as { id: string; created_at: number; title: string; entries_json: string } | undefined;
      if (!row) return null;
      const entries = JSON.parse(row.entries_json) as ShareEntry[];
      const found = items(entries);
      return { id: row.id, createdAt: row.created_at, title: row.title, items: found, missing: entries.length - found.length };
    },
    setStarred(id, starred) {
      return statements.star.run(starred ? 1 : 0, id).changes > 0 ? get(id) : null;
    },
    delete(id, now) {
      const imageIds = (statements.imagesOf.all(id) as ImageRow[]).map((image) => image.id);
      // Its input counts as used until now, so the form that reused this edit's settings still finds it.
      statements.touchInputOf.run(now, id);
      return statements.delete.run(id).changes > 0 ? { imageIds } : null;
    },
    markInterrupted(now) {
      return statements.interrupt.run(now, "The server stopped while this generation was running. Retry it to run it again.").changes;
    },
    image(id) {
      const row = statements.image.get(id) as ImageRow | undefined;
      return row ? toImage(row) : null;
    },
    createInput({ id, createdAt, width, height, mime, bytes, sha256, from }) {
      statements.insertInput.run(
        id, createdAt, createdAt, width, height, mime, bytes, sha256,
        from?.imageId ?? null, from?.generationId ?? null, from?.inputId ?? null, from?.model ?? null, from?.prompt ?? null,
      );
    },
    input(id) {
      const row = statements.input.get(id) as InputRow | undefined;
      return row ? toInput(row) : null;
    },
    findInput(key) {
      const row = ("sha256" in key ? statements.inputByHash.get(key.sha256) : statements.inputBySource.get(key.sourceImageId)) as InputRow | undefined;
      return row ? toInput(row) : null;
    },
    inputBytes() {
      return Number((statements.inputBytes.get() as { total: number }).total);
    },
    touchInput(id, now) {
      statements.touchInput.run(now, id);
    },
    dropUnusedInputs(before) {
      const ids = (statements.unusedInputs.all(before) as Array<{ id: string }>).map((row) => row.id);
      for (const id of ids) statements.deleteInput.run(id);
      return ids;
    },
    imageIds() {
      return new Set((statements.imageIds.all() as Array<{ id: string }>).map((row) => row.id));
    },
    reserveImages(day, n, limit) {
      statements.ensureDay.run(day);
      // One statement, so two requests racing for the last images cannot both get them.
      return statements.reserve.run(n, day, limit, n, limit).changes > 0;
    },
    adjustImages(day, delta) {
      if (delta === 0) return;
      statements.ensureDay.run(day);
      statements.adjust.run(delta, day);
    },
    addSpend(day, model, images) {
      if (images > 0) statements.addSpend.run(day, model, images);
    },
    spendOn(day) {
      return statements.spendOn.all(day) as Array<{ model: string; images: number }>;
    },
    imagesUsed(day) {
      return Number((statements.used.get(day) as { images: number } | undefined)?.images ?? 0);
    },
    revokeSession(id, expiresAt, now) {
      statements.forgetExpired.run(now);
      statements.revoke.run(id, expiresAt);
    },
    isSessionRevoked(id) {
      return statements.revoked.get(id) !== undefined;
    },
    close() {
      db.close();
    },
  };
};
