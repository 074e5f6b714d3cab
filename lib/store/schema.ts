import type { ColumnType, Generated, Kysely } from "kysely";
import type { Pool } from "pg";
import type { ErrorCode } from "../errors";
import type { GenerationStage, GenerationStatus } from "../generation/view";

/**
 * The history's tables as both backends hold them (SQLite and PostgreSQL have one schema; see migrations.ts).
 * Times are milliseconds since the epoch; flags are 0/1 integers on both, so rows read the same.
 */

/** A derived column (DERIVED_COLUMNS): NULL in rows the start-up has not filled yet, never written NULL. */
type SearchColumn = ColumnType<string | null, string, string>;

export type GenerationsTable = {
  id: string;
  created_at: number;
  finished_at: number | null;
  status: GenerationStatus;
  model: string;
  prompt: string;
  request_json: string;
  seed: number | null;
  duration_ms: number | null;
  error_code: ErrorCode | null;
  error_message: string | null;
  retry_after_seconds: number | null;
  starred: Generated<number>;
  comparison_id: string | null;
  comparison_position: number | null;
  input_id: string | null;
  request_id: string | null;
  task_id: string | null;
  billed_images: number | null;
  notices_json: string | null;
  /** The instance running it and until when it vouches for it (renewed while it runs). */
  lease_owner: string | null;
  lease_until: number | null;
  /** A call that ended while the gateway may still be at work holds its place under the cap until then. */
  linger_until: number | null;
  stage: GenerationStage | null;
  timings_json: string | null;
  /** When its request went to the gateway; NULL before, and in records older than the step timings. */
  sent_at: number | null;
  /** The prompt as the search compares it (search-text.ts): written with every row, NULL only in rows from before it. */
  prompt_search: SearchColumn;
};

export type ImagesTable = {
  id: string;
  generation_id: string;
  position: number;
  width: number;
  height: number;
  mime: string;
  bytes: number;
  revised_prompt: Generated<string>;
  /** As the generation's prompt_search. */
  revised_prompt_search: SearchColumn;
};

export type ComparisonsTable = {
  id: string;
  created_at: number;
  prompt: string;
  request_json: string;
  seed: number;
  starred: Generated<number>;
  revealed: Generated<number>;
  /** As the generation's prompt_search. */
  prompt_search: SearchColumn;
};

export type InputsTable = {
  id: string;
  created_at: number;
  last_used_at: number;
  width: number;
  height: number;
  mime: string;
  bytes: number;
  thumb_bytes: number;
  sha256: string;
  source_image_id: string | null;
  source_generation_id: string | null;
  source_input_id: string | null;
  source_model: string | null;
  source_prompt: string | null;
  /** The client that added it, as the limits key it (migrations.ts, INPUT_UPLOADER); null for inputs kept before. */
  uploader: string | null;
};

export type Tables = {
  generations: GenerationsTable;
  images: ImagesTable;
  comparisons: ComparisonsTable;
  inputs: InputsTable;
  shares: { id: string; created_at: number; title: string; entries_json: string };
  usage: { day: string; images: number };
  spend: { day: string; model: string; images: number };
  revoked_sessions: { id: string; expires_at: number };
  settings: { name: string; value: string };
  changes: ChangesTable;
  prompt_lists: { name: string; items_json: string; updated_at: number };
  polls: { id: string; token: string; created_at: number; title: string; reveal: string; access: string; closed_at: number | null; items_json: string; left_out_json: string };
  poll_votes: { poll_id: string; item: number; voter: string; choice: string; created_at: number };
  lingering_calls: { id: string; until: number };
  /** An attempt a set's retry replaced: what it billed, or may have, which the set's cost keeps. */
  earlier_attempts: { id: string; comparison_id: string; model: string; images: number };
  /** An interrupted generation deleted before its instance woke: what the interruption settled of its call. */
  settled_calls: { id: string; stage: GenerationStage | null; spend_key: string; until: number };
  poll_images: PollImagesTable;
  /** Which poll shows which image: what a poll's delete asks of its own images. */
  poll_shown_images: { poll_id: string; image_id: string };
  /** A voter new to a poll: from which address (as limits count it) and when, for the cap on new voters; not who. */
  poll_new_voters: { poll_id: string; address: string; at: number };
};

/** An image a poll shows, and what the poll's results say of its generation: kept after the generation goes. */
export type PollImagesTable = {
  image_id: string;
  generation_id: string;
  width: number;
  height: number;
  mime: string;
  bytes: number;
  duration_ms: number | null;
  billed_images: number | null;
  generation_images: number;
};

/** One committed change: an item written or deleted, the day's usage, or a poll's (its id in item_id). Its id orders the stream. */
export type ChangesTable = {
  id: Generated<number>;
  at: number;
  kind: "item" | "deleted" | "usage" | "poll";
  item_kind: "generation" | "comparison" | null;
  item_id: string | null;
};

export type Backend = "sqlite" | "postgres";

/**
 * An open database of either backend: the one store implementation runs on both. PostgreSQL's pool is
 * shared with what else keeps state there (the rate limits).
 */
export type SqlDatabase =
  | { readonly db: Kysely<Tables>; readonly backend: "sqlite" }
  | { readonly db: Kysely<Tables>; readonly backend: "postgres"; readonly pool: Pool };
