import type Database from "libsql";
import { AppError } from "../errors";
import type { HistoryItem, HistoryPage } from "../generation/view";
import type { ListQuery } from "./types";

const encodeCursor = (row: { created_at: number; id: string }) => Buffer.from(`${row.created_at}:${row.id}`).toString("base64url");

const decodeCursor = (cursor: string): { createdAt: number; id: string } | null => {
  const match = /^(\d+):(.+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? { createdAt: Number(match[1]), id: match[2] ?? "" } : null;
};

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type Clause = { sql: string[]; params: Array<string | number> };

/** The filters that look at one generation `g`: search words, model and status. */
const generationFilters = ({ q, model, status }: ListQuery): Clause => {
  const clause: Clause = { sql: [], params: [] };
  for (const term of (q ?? "").split(/\s+/).filter(Boolean)) {
    clause.sql.push(
      "(g.prompt LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM images i WHERE i.generation_id = g.id AND i.revised_prompt LIKE ? ESCAPE '\\'))",
    );
    clause.params.push(likePattern(term), likePattern(term));
  }
  if (model) {
    clause.sql.push("g.model = ?");
    clause.params.push(model);
  }
  if (status) {
    clause.sql.push("g.status = ?");
    clause.params.push(status);
  }
  return clause;
};

type KeyRow = { kind: HistoryItem["kind"]; id: string; created_at: number };

/**
 * One page of the history: standalone generations and comparisons merged newest first. Each branch walks
 * its own time index and stops at the page size, so a page costs the same at any depth.
 */
export const listHistory = (
  db: Database.Database,
  query: ListQuery,
  load: (keys: readonly KeyRow[]) => HistoryItem[],
): HistoryPage => {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !after) throw new AppError("invalid_request", "That page of the history does not exist.");
  const before = (alias: string): Clause =>
    after
      ? // A row value, which SQLite turns into a range on the time index rather than a scan from the top.
        { sql: [`(${alias}.created_at, ${alias}.id) < (?, ?)`], params: [after.createdAt, after.id] }
      : { sql: [], params: [] };
  const where = (clauses: Clause[]) => {
    const sql = clauses.flatMap((clause) => clause.sql);
    return { sql: sql.length ? `WHERE ${sql.join(" AND ")}` : "", params: clauses.flatMap((clause) => clause.params) };
  };
  const starred: Clause = { sql: query.starred ? ["starred = 1"] : [], params: [] };
  const filters = generationFilters(query);

  const single = where([{ sql: ["g.comparison_id IS NULL"], params: [] }, before("g"), filters, { ...starred, sql: starred.sql.map((s) => `g.${s}`) }]);
  const member = where([{ sql: ["g.comparison_id = c.id"], params: [] }, filters]);
  const compared = where([
    before("c"),
    { ...starred, sql: starred.sql.map((s) => `c.${s}`) },
    // Unfiltered, every comparison has columns: the existence check is only worth its cost with a filter.
    filters.sql.length ? { sql: [`EXISTS (SELECT 1 FROM generations g ${member.sql})`], params: member.params } : { sql: [], params: [] },
  ]);
  const limit = query.limit + 1;
  const rows = db
    .prepare(
      `SELECT * FROM (SELECT 'generation' AS kind, g.id, g.created_at FROM generations g ${single.sql} ORDER BY g.created_at DESC, g.id DESC LIMIT ?)
       UNION ALL
       SELECT * FROM (SELECT 'comparison' AS kind, c.id, c.created_at FROM comparisons c ${compared.sql} ORDER BY c.created_at DESC, c.id DESC LIMIT ?)
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .all(...single.params, limit, ...compared.params, limit, limit) as KeyRow[];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: load(page), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
};
