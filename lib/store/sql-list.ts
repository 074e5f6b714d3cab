import { sql, type RawBuilder } from "kysely";
import { AppError } from "../errors";
import type { HistoryItem, HistoryPage } from "../generation/view";
import type { SqlDatabase } from "./schema";
import { searchText } from "./search-text";
import type { ListQuery } from "./types";

const encodeCursor = (row: { created_at: number; id: string }) => Buffer.from(`${row.created_at}:${row.id}`).toString("base64url");

/** A time and an id as encodeCursor writes them: every generation and comparison id is a randomUUID. */
const CURSOR = /^(\d+):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * A cursor this list wrote, or null. Anything else is refused here, not by the database: PostgreSQL fails a
 * time past BIGINT, and text holding a NUL, with an error of its own.
 */
const decodeCursor = (cursor: string): { createdAt: number; id: string } | null => {
  const [, time, id] = CURSOR.exec(Buffer.from(cursor, "base64url").toString("utf8")) ?? [];
  const createdAt = Number(time);
  return id !== undefined && Number.isSafeInteger(createdAt) ? { createdAt, id } : null;
};

const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type Condition = RawBuilder<unknown>;

const all = (conditions: readonly Condition[]): RawBuilder<unknown> =>
  conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`;

/**
 * The filters that look at one generation `g`: search words, model and status. Words match regardless of
 * case, each in the prompt or a revised prompt: folded words against folded text (search-text.ts), so a
 * plain LIKE finds the same rows on both backends.
 */
const generationFilters = ({ q, model, status }: ListQuery): Condition[] => {
  const conditions: Condition[] = terms(q).map((pattern) => sql`(g.prompt_search LIKE ${pattern} ESCAPE '\\' OR EXISTS (SELECT 1 FROM images i WHERE i.generation_id = g.id AND i.revised_prompt_search LIKE ${pattern} ESCAPE '\\'))`);
  if (model) conditions.push(sql`g.model = ${model}`);
  if (status) conditions.push(sql`g.status = ${status}`);
  return conditions;
};

const terms = (q: string | undefined): string[] => (q ?? "").split(/\s+/).filter(Boolean).map((term) => likePattern(searchText(term)));

/** A blind comparison whose models are not revealed yet (its request is written by JSON.stringify: no spaces). */
const HIDDEN = sql`(c.revealed = 0 AND c.request_json LIKE '%"blind":true%')`;

/** Whether any column `g` of comparison `c` meets the condition. */
const column = (condition: Condition) => sql`EXISTS (SELECT 1 FROM generations g WHERE g.comparison_id = c.id AND ${condition})`;

/**
 * The filters as a hidden comparison answers them: each on its own, never one column against several at once
 * (a model and a status that matched one column together would say which column that model is), against
 * what its card shows (every column running until all have ended, but one the owner cancelled), and words
 * only in its prompt (a revised prompt waits for the reveal, as on the card).
 */
const hiddenFilters = ({ q, model, status }: ListQuery): Condition[] => {
  const active = column(sql`g.status IN ('queued', 'running')`);
  const conditions: Condition[] = terms(q).map((pattern) => sql`c.prompt_search LIKE ${pattern} ESCAPE '\\'`);
  if (model) conditions.push(column(sql`g.model = ${model}`));
  if (status === "queued") conditions.push(sql`FALSE`);
  else if (status === "running") conditions.push(active);
  else if (status === "cancelled") conditions.push(column(sql`g.status = 'cancelled'`));
  else if (status) conditions.push(sql`(NOT ${active} AND ${column(sql`g.status = ${status}`)})`);
  return conditions;
};

export type KeyRow = { kind: HistoryItem["kind"]; id: string; created_at: number };

/**
 * One page of the history: standalone generations and comparisons merged newest first. Each branch walks
 * its own time index and stops at the page size, so a page costs the same at any depth.
 */
export const listHistory = async (
  { db }: SqlDatabase,
  query: ListQuery,
  load: (keys: readonly KeyRow[]) => Promise<HistoryItem[]>,
): Promise<HistoryPage> => {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !after) throw new AppError("invalid_request", "That page of the history does not exist.");
  // A row value, which both databases turn into a range on the time index rather than a scan from the top.
  const before = (alias: string): Condition[] => (after ? [sql`(${sql.ref(`${alias}.created_at`)}, ${sql.ref(`${alias}.id`)}) < (${after.createdAt}, ${after.id})`] : []);
  const starred = (alias: string): Condition[] => (query.starred ? [sql`${sql.ref(`${alias}.starred`)} = 1`] : []);
  const filters = generationFilters(query);
  const hidden = hiddenFilters(query);

  const single = all([sql`g.comparison_id IS NULL`, ...before("g"), ...filters, ...starred("g")]);
  const compared = all([
    ...before("c"),
    ...starred("c"),
    // Unfiltered, every comparison has columns: the existence check is only worth its cost with a filter.
    ...(filters.length
      ? [sql`((${HIDDEN} AND ${sql.join(hidden, sql` AND `)}) OR (NOT ${HIDDEN} AND ${column(sql.join(filters, sql` AND `))}))`]
      : []),
  ]);
  const limit = query.limit + 1;
  const { rows } = await sql<KeyRow>`
    SELECT * FROM (SELECT 'generation' AS kind, g.id, g.created_at FROM generations g ${single} ORDER BY g.created_at DESC, g.id DESC LIMIT ${limit}) AS singles
    UNION ALL
    SELECT * FROM (SELECT 'comparison' AS kind, c.id, c.created_at FROM comparisons c ${compared} ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit}) AS compared
    ORDER BY created_at DESC, id DESC LIMIT ${limit}`.execute(db);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: await load(page), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
};
