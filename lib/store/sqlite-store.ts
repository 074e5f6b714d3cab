import Database from "libsql";
import { AppError, type ErrorCode } from "../errors";
import { imageLinks, type GenerationStatus, type GenerationView } from "../generation/view";
import type { GenerateRequest } from "../models/request-schema";
import { MIGRATIONS } from "./migrations";
import type { GenerationStore, ListQuery, StoredImage } from "./types";

type GenerationRow = {
  id: string;
  created_at: number;
  finished_at: number | null;
  status: GenerationStatus;
  request_json: string;
  seed: number | null;
  duration_ms: number | null;
  error_code: ErrorCode | null;
  error_message: string | null;
  retry_after_seconds: number | null;
  starred: number;
};

type ImageRow = {
  id: string;
  generation_id: string;
  position: number;
  width: number;
  height: number;
  mime: string;
  bytes: number;
  revised_prompt: string;
};

const COLUMNS = "id, created_at, finished_at, status, request_json, seed, duration_ms, error_code, error_message, retry_after_seconds, starred";

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

const encodeCursor = (row: { created_at: number; id: string }) => Buffer.from(`${row.created_at}:${row.id}`).toString("base64url");

const decodeCursor = (cursor: string): { createdAt: number; id: string } | null => {
  const match = /^(\d+):(.+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? { createdAt: Number(match[1]), id: match[2] ?? "" } : null;
};

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const toImage = (row: ImageRow): StoredImage & { generationId: string } => ({
  id: row.id,
  generationId: row.generation_id,
  position: row.position,
  width: row.width,
  height: row.height,
  mime: row.mime,
  bytes: row.bytes,
  revisedPrompt: row.revised_prompt,
});

const toView = (row: GenerationRow, images: readonly ImageRow[]): GenerationView => ({
  id: row.id,
  status: row.status,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
  request: JSON.parse(row.request_json) as GenerateRequest,
  seed: row.seed,
  durationMs: row.duration_ms,
  error:
    row.error_code !== null
      ? { code: row.error_code, message: row.error_message ?? "", retryAfterSeconds: row.retry_after_seconds }
      : null,
  starred: row.starred === 1,
  images: images.map((image) => ({
    id: image.id,
    width: image.width,
    height: image.height,
    revisedPrompt: image.revised_prompt,
    ...imageLinks(image.id),
  })),
});

/** The embedded history: one SQLite file, written in WAL mode so readers never wait for the job runner. */
export const openSqliteStore = (file: string): GenerationStore => {
  const db = new Database(file);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
  migrate(db);

  const statements = {
    insert: db.prepare(
      "INSERT INTO generations (id, created_at, status, model, prompt, request_json) VALUES (?, ?, 'running', ?, ?, ?)",
    ),
    markSent: db.prepare("UPDATE generations SET seed = ? WHERE id = ? AND status = 'running'"),
    complete: db.prepare(
      "UPDATE generations SET status = 'succeeded', finished_at = ?, duration_ms = ? WHERE id = ? AND status = 'running'",
    ),
    insertImage: db.prepare(
      "INSERT INTO images (id, generation_id, position, width, height, mime, bytes, revised_prompt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    fail: db.prepare(
      "UPDATE generations SET status = ?, finished_at = ?, error_code = ?, error_message = ?, retry_after_seconds = ? WHERE id = ? AND status = 'running'",
    ),
    get: db.prepare(`SELECT ${COLUMNS} FROM generations WHERE id = ?`),
    imagesOf: db.prepare("SELECT * FROM images WHERE generation_id = ? ORDER BY position"),
    star: db.prepare("UPDATE generations SET starred = ? WHERE id = ?"),
    delete: db.prepare("DELETE FROM generations WHERE id = ?"),
    interrupt: db.prepare(
      "UPDATE generations SET status = 'interrupted', finished_at = ?, error_code = 'internal_error', error_message = ? WHERE status = 'running'",
    ),
    image: db.prepare("SELECT * FROM images WHERE id = ?"),
    imageIds: db.prepare("SELECT id FROM images"),
    ensureDay: db.prepare("INSERT OR IGNORE INTO usage (day, images) VALUES (?, 0)"),
    reserve: db.prepare("UPDATE usage SET images = images + ? WHERE day = ? AND (? IS NULL OR images + ? <= ?)"),
    release: db.prepare("UPDATE usage SET images = MAX(0, images - ?) WHERE day = ?"),
    used: db.prepare("SELECT images FROM usage WHERE day = ?"),
    revoke: db.prepare("INSERT OR REPLACE INTO revoked_sessions (id, expires_at) VALUES (?, ?)"),
    forgetExpired: db.prepare("DELETE FROM revoked_sessions WHERE expires_at <= ?"),
    revoked: db.prepare("SELECT 1 AS revoked FROM revoked_sessions WHERE id = ?"),
  };

  const get = (id: string): GenerationView | null => {
    const row = statements.get.get(id) as GenerationRow | undefined;
    return row ? toView(row, statements.imagesOf.all(id) as ImageRow[]) : null;
  };

  const complete = db.transaction((id: string, finishedAt: number, durationMs: number, images: readonly StoredImage[]) => {
    if (statements.complete.run(finishedAt, durationMs, id).changes === 0) return false;
    for (const image of images) {
      statements.insertImage.run(image.id, id, image.position, image.width, image.height, image.mime, image.bytes, image.revisedPrompt);
    }
    return true;
  });

  return {
    create({ id, createdAt, request }) {
      statements.insert.run(id, createdAt, request.model, request.prompt, JSON.stringify(request));
      return get(id) as GenerationView;
    },
    markSent(id, seed) {
      statements.markSent.run(seed, id);
    },
    complete(id, { finishedAt, durationMs, images }) {
      return complete(id, finishedAt, durationMs, images) ? get(id) : null;
    },
    fail(id, { finishedAt, status, error }) {
      const changed = statements.fail.run(status, finishedAt, error?.code ?? null, error?.message ?? null, error?.retryAfterSeconds ?? null, id);
      return changed.changes > 0 ? get(id) : null;
    },
    get,
    list({ limit, cursor, q, model, status, starred }) {
      const where: string[] = [];
      const params: Array<string | number> = [];
      const after = cursor ? decodeCursor(cursor) : null;
      if (cursor && !after) throw new AppError("invalid_request", "That page of the history does not exist.");
      if (after) {
        where.push("(g.created_at < ? OR (g.created_at = ? AND g.id < ?))");
        params.push(after.createdAt, after.createdAt, after.id);
      }
      for (const term of (q ?? "").split(/\s+/).filter(Boolean)) {
        where.push(
          "(g.prompt LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM images i WHERE i.generation_id = g.id AND i.revised_prompt LIKE ? ESCAPE '\\'))",
        );
        params.push(likePattern(term), likePattern(term));
      }
      if (model) {
        where.push("g.model = ?");
        params.push(model);
      }
      if (status) {
        where.push("g.status = ?");
        params.push(status);
      }
      if (starred) where.push("g.starred = 1");
      const sql = `SELECT ${COLUMNS.split(", ").map((c) => `g.${c}`).join(", ")} FROM generations g ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY g.created_at DESC, g.id DESC LIMIT ?`;
      const rows = db.prepare(sql).all(...params, limit + 1) as GenerationRow[];
      const pageRows = rows.slice(0, limit);
      const images = new Map<string, ImageRow[]>();
      if (pageRows.length > 0) {
        const placeholders = pageRows.map(() => "?").join(", ");
        const imageRows = db
          .prepare(`SELECT * FROM images WHERE generation_id IN (${placeholders}) ORDER BY position`)
          .all(...pageRows.map((row) => row.id)) as ImageRow[];
        for (const image of imageRows) images.set(image.generation_id, [...(images.get(image.generation_id) ?? []), image]);
      }
      const last = pageRows.at(-1);
      return {
        items: pageRows.map((row) => toView(row, images.get(row.id) ?? [])),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      };
    },
    setStarred(id, starred) {
      return statements.star.run(starred ? 1 : 0, id).changes > 0 ? get(id) : null;
    },
    delete(id) {
      const imageIds = (statements.imagesOf.all(id) as ImageRow[]).map((image) => image.id);
      return statements.delete.run(id).changes > 0 ? { imageIds } : null;
    },
    markInterrupted(now) {
      return statements.interrupt.run(now, "The server stopped while this generation was running. Retry it to run it again.").changes;
    },
    image(id) {
      const row = statements.image.get(id) as ImageRow | undefined;
      return row ? toImage(row) : null;
    },
    imageIds() {
      return new Set((statements.imageIds.all() as Array<{ id: string }>).map((row) => row.id));
    },
    reserveImages(day, n, limit) {
      statements.ensureDay.run(day);
      // One statement, so two requests racing for the last images cannot both get them.
      return statements.reserve.run(n, day, limit, n, limit).changes > 0;
    },
    releaseImages(day, n) {
      if (n > 0) statements.release.run(n, day);
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
