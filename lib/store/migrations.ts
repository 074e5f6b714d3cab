/**
 * The prompts as the search compares them (search-text.ts): NULL until the start-up fills them in JavaScript.
 * The rows still NULL are indexed, so that the look for them at every start reads none of the others.
 */
const SEARCH_COLUMNS = `ALTER TABLE generations ADD COLUMN prompt_search TEXT;
   ALTER TABLE comparisons ADD COLUMN prompt_search TEXT;
   ALTER TABLE images ADD COLUMN revised_prompt_search TEXT;
   CREATE INDEX generations_unfolded ON generations (id) WHERE prompt_search IS NULL;
   CREATE INDEX comparisons_unfolded ON comparisons (id) WHERE prompt_search IS NULL;
   CREATE INDEX images_unfolded ON images (id) WHERE revised_prompt_search IS NULL;`;

/**
 * When each voter new to a poll came, and from which address (as limits count it), with no voter: what the
 * cap on new voters from one address an hour counts, in the transaction that takes their first vote.
 */
const NEW_VOTERS = `CREATE TABLE poll_new_voters (
     poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
     address TEXT NOT NULL,
     at BIGINT NOT NULL
   );
   CREATE INDEX poll_new_voters_by_address ON poll_new_voters (poll_id, address, at);`;

/**
 * Who added each edit input: the client's key as the limits count it (its session behind the gate, else its
 * address), for the share of the inputs' room one client may take. Inputs kept before have none: they count
 * under the cap on all inputs alone, charged to no client (whose they were cannot be told), until they are
 * dropped like any other.
 */
const INPUT_UPLOADER = `ALTER TABLE inputs ADD COLUMN uploader TEXT;
   CREATE INDEX inputs_by_uploader ON inputs (uploader) WHERE uploader IS NOT NULL;`;

/**
 * The places a poll left out, or compares fewer models at, for want of images, kept when it is made (the
 * sets may go since): none for the polls made before, whose sets were not read for it then.
 */
const POLL_LEFT_OUT = `ALTER TABLE polls ADD COLUMN left_out_json TEXT NOT NULL DEFAULT '[]';`;

/**
 * What the attempts a set's retries replaced billed, or may have (every image asked where no one can tell),
 * by model: their rows go with the retry, and the set's cost must not lose what today's spend keeps.
 */
const EARLIER_ATTEMPTS = `CREATE TABLE earlier_attempts (
     id TEXT PRIMARY KEY,
     comparison_id TEXT NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
     model TEXT NOT NULL,
     images INTEGER NOT NULL
   );
   CREATE INDEX earlier_attempts_by_comparison ON earlier_attempts (comparison_id);`;

/**
 * Schema versions, applied in order on start-up: SQLite's recorded in `PRAGMA user_version`, PostgreSQL's in
 * the `playground_schema` table. Never edit a migration that has shipped: add the next one, to both lists,
 * so the two backends hold one schema (schema.ts).
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: generations and their images.
  `CREATE TABLE generations (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     finished_at INTEGER,
     status TEXT NOT NULL,
     model TEXT NOT NULL,
     prompt TEXT NOT NULL,
     request_json TEXT NOT NULL,
     seed INTEGER,
     duration_ms INTEGER,
     error_code TEXT,
     error_message TEXT,
     retry_after_seconds INTEGER
   );
   CREATE INDEX generations_by_time ON generations (created_at DESC, id DESC);
   CREATE TABLE images (
     id TEXT PRIMARY KEY,
     generation_id TEXT NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
     position INTEGER NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     mime TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     revised_prompt TEXT NOT NULL DEFAULT ''
   );
   CREATE INDEX images_by_generation ON images (generation_id, position);`,
  // 2: favourites, and status filters that do not scan the whole table.
  `ALTER TABLE generations ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX generations_by_status ON generations (status, created_at DESC, id DESC);`,
  // 3: images billed per UTC day, for the daily budget (kept here so a restart does not reset it).
  `CREATE TABLE usage (day TEXT PRIMARY KEY, images INTEGER NOT NULL DEFAULT 0);`,
  // 4: sessions signed out before they expired (a signed cookie cannot be recalled any other way).
  `CREATE TABLE revoked_sessions (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);`,
  // 5: comparisons, one history item whose columns are generations.
  `CREATE TABLE comparisons (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     prompt TEXT NOT NULL,
     request_json TEXT NOT NULL,
     seed INTEGER NOT NULL,
     starred INTEGER NOT NULL DEFAULT 0,
     revealed INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX comparisons_by_time ON comparisons (created_at DESC, id DESC);
   ALTER TABLE generations ADD COLUMN comparison_id TEXT REFERENCES comparisons (id) ON DELETE CASCADE;
   ALTER TABLE generations ADD COLUMN comparison_position INTEGER;
   -- Partial, so the planner never takes it for "comparison_id IS NULL" and sorts every row by time; the
   -- history's single generations get a time index of their own instead.
   CREATE INDEX generations_by_comparison ON generations (comparison_id, comparison_position) WHERE comparison_id IS NOT NULL;
   CREATE INDEX singles_by_time ON generations (created_at DESC, id DESC) WHERE comparison_id IS NULL;`,
  // 6: read-only share links: a chosen list of history items under an unguessable id.
  `CREATE TABLE shares (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     title TEXT NOT NULL,
     entries_json TEXT NOT NULL
   );`,
  // 7: edits. An edit's input image (an upload, or a result taken from the history) is kept as its own record,
  // so re-running an edit reuses it and deleting the result it came from does not take it away. The source
  // step's model, prompt and own input are copied, so a chain still reads whole after a step is deleted.
  `CREATE TABLE inputs (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     last_used_at INTEGER NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     mime TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     source_image_id TEXT,
     source_generation_id TEXT,
     source_input_id TEXT,
     source_model TEXT,
     source_prompt TEXT
   );
   CREATE INDEX inputs_by_hash ON inputs (sha256) WHERE source_image_id IS NULL;
   CREATE INDEX inputs_by_source ON inputs (source_image_id) WHERE source_image_id IS NOT NULL;
   ALTER TABLE generations ADD COLUMN input_id TEXT REFERENCES inputs (id);
   CREATE INDEX generations_by_input ON generations (input_id) WHERE input_id IS NOT NULL;`,
  // 8: what the gateway said of each call: its request id (and task id, for an asynchronous task) for the user
  // to quote to its support, the images it billed, and notices of what did not come (kept as JSON sentences).
  `ALTER TABLE generations ADD COLUMN request_id TEXT;
   ALTER TABLE generations ADD COLUMN task_id TEXT;
   ALTER TABLE generations ADD COLUMN billed_images INTEGER;
   ALTER TABLE generations ADD COLUMN notices_json TEXT;`,
  // 9: images billed per day and model, for what the day cost (the daily budget counts images alone, in usage).
  `CREATE TABLE spend (day TEXT NOT NULL, model TEXT NOT NULL, images INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, model));`,
  // 10: jobs that belong to no single process. The instance running a generation holds it by a lease it
  // renews; a call that ended while the gateway may still be at work keeps its place under the cap a while.
  `ALTER TABLE generations ADD COLUMN lease_owner TEXT;
   ALTER TABLE generations ADD COLUMN lease_until INTEGER;
   ALTER TABLE generations ADD COLUMN linger_until INTEGER;
   CREATE INDEX generations_lingering ON generations (linger_until) WHERE linger_until IS NOT NULL;
   CREATE INDEX inputs_by_source_input ON inputs (source_input_id) WHERE source_input_id IS NOT NULL;`,
  // 11: settings the instances must agree on, made once by whichever asks first (the session secret).
  `CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // 12: the history's changes in the order they were committed, for the pages' live stream to resume from.
  `CREATE TABLE changes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     kind TEXT NOT NULL,
     item_kind TEXT,
     item_id TEXT
   );
   CREATE INDEX changes_by_time ON changes (at);`,
  // 13: what a running generation is doing now, and when each step of a finished one ended.
  `ALTER TABLE generations ADD COLUMN stage TEXT;
   ALTER TABLE generations ADD COLUMN timings_json TEXT;`,
  // 14: named lists for prompt variables (__name__), kept for everyone who uses the playground.
  `CREATE TABLE prompt_lists (name TEXT PRIMARY KEY, items_json TEXT NOT NULL, updated_at INTEGER NOT NULL);`,
  // 15: blind polls (their items frozen when made) and their votes, one per voter per item.
  `CREATE TABLE polls (
     id TEXT PRIMARY KEY,
     token TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL,
     title TEXT NOT NULL,
     reveal TEXT NOT NULL,
     access TEXT NOT NULL,
     closed_at INTEGER,
     items_json TEXT NOT NULL
   );
   CREATE TABLE poll_votes (
     poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
     item INTEGER NOT NULL,
     voter TEXT NOT NULL,
     choice TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (poll_id, item, voter)
   );`,
  // 16: a deleted generation whose gateway call may still be at work keeps its place under the cap until then.
  `CREATE TABLE lingering_calls (id TEXT PRIMARY KEY, until INTEGER NOT NULL);`,
  // 17: the images polls show, kept past their generation's delete (the files too), with what the results
  // say of the generation; filled for the polls made before.
  `CREATE TABLE poll_images (
     image_id TEXT PRIMARY KEY,
     generation_id TEXT NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     mime TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     duration_ms INTEGER,
     billed_images INTEGER,
     generation_images INTEGER NOT NULL
   );
   INSERT OR IGNORE INTO poll_images
   SELECT i.id, g.id, i.width, i.height, i.mime, i.bytes, g.duration_ms, g.billed_images,
          (SELECT count(*) FROM images AS x WHERE x.generation_id = g.id)
   FROM polls AS p
   JOIN json_each(p.items_json) AS item
   JOIN json_each(item.value, '$.candidates') AS candidate
   JOIN images AS i ON i.id = json_extract(candidate.value, '$.imageId')
   JOIN generations AS g ON g.id = i.generation_id;`,
  // 18: an input's thumbnail counts under the inputs' cap too. Inputs kept before count their full image
  // alone (a thumbnail is a small part of it) for as long as they are kept.
  `ALTER TABLE inputs ADD COLUMN thumb_bytes INTEGER NOT NULL DEFAULT 0;`,
  // 19: an interrupted generation deleted (or its column tried again) before the instance that ran it woke:
  // what the interruption settled of its call, kept a day, so that instance's bill corrects it once.
  `CREATE TABLE settled_calls (id TEXT PRIMARY KEY, stage TEXT, spend_key TEXT NOT NULL, until INTEGER NOT NULL);`,
  // 20: which poll shows which image, so a poll's delete asks only after its own images whether another poll
  // still shows them (it read every poll's items before); filled for the polls made before.
  `CREATE TABLE poll_shown_images (
     poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
     image_id TEXT NOT NULL,
     PRIMARY KEY (poll_id, image_id)
   );
   CREATE INDEX poll_shown_images_by_image ON poll_shown_images (image_id);
   INSERT OR IGNORE INTO poll_shown_images
   SELECT p.id, json_extract(candidate.value, '$.imageId')
   FROM polls AS p
   JOIN json_each(p.items_json) AS item
   JOIN json_each(item.value, '$.candidates') AS candidate;`,
  // 21: an item's last change, which the answer of a star, a reveal or a cancel names: found without a scan.
  `CREATE INDEX changes_by_item ON changes (item_id, id) WHERE item_id IS NOT NULL;`,
  // 22: the prompts as the search compares them, the same on both backends.
  SEARCH_COLUMNS,
  // 23: the voters new to each poll, by address and time, for the cap on them (NEW_VOTERS).
  NEW_VOTERS.replace("BIGINT", "INTEGER"),
  // 24: when a generation's request went to the gateway, which a running card's clock and a model's typical
  // time count from, so that a wait in the queue is in neither: filled from the step timings kept before.
  // Records older than those have none; no queue existed then, so their creation stands for it.
  `ALTER TABLE generations ADD COLUMN sent_at INTEGER;
   UPDATE generations SET sent_at = json_extract(timings_json, '$.sentAt') WHERE timings_json IS NOT NULL;`,
  // 25: who added each edit input, for each client's share of their room (INPUT_UPLOADER).
  INPUT_UPLOADER,
  // 26: the spend of the days before version 9 made its table empty: on the day of the upgrade, today's cost
  // left out that day's earlier runs. Filled from the runs ended then, as each one's card counts its bill
  // (known-bill.ts: the gateway's count, a success's images, none where nothing was sent, every image asked
  // where no one can tell), on the day it was made, under the key the live code bills it under (a hidden
  // blind comparison's models together). Only the days before the table's first: the live code counted the
  // later ones itself as runs ended (runs deleted since included), and they are not added to again. Runs
  // still running or queued are the start-up's interruption's to settle. A request that is not JSON (one bad
  // row must not keep the app from starting) counts under the run's model, and as nothing where its images
  // asked would be read from it. PostgreSQL has no such days: its first migration made spend with the generations.
  `INSERT INTO spend (day, model, images)
   SELECT day, spend_key, sum(images)
   FROM (
     SELECT strftime('%Y-%m-%d', g.created_at / 1000, 'unixepoch') AS day,
            CASE WHEN NOT json_valid(c.request_json) THEN g.model
                 WHEN c.revealed = 0 AND json_type(c.request_json, '$.kind') IS NOT 'text' AND json_extract(c.request_json, '$.blind') = 1
                 THEN 'blind:' || (SELECT group_concat(m.value, ',' ORDER BY m.value) FROM json_each(c.request_json, '$.models') AS m)
                 ELSE g.model END AS spend_key,
            coalesce(g.billed_images,
                     CASE WHEN g.status = 'succeeded' THEN (SELECT count(*) FROM images AS i WHERE i.generation_id = g.id)
                          WHEN g.seed IS NULL THEN 0
                          WHEN json_valid(g.request_json) THEN json_extract(g.request_json, '$.n')
                          ELSE 0 END) AS images
     FROM generations AS g
     LEFT JOIN comparisons AS c ON c.id = g.comparison_id
     WHERE g.status NOT IN ('running', 'queued')
   ) AS ended
   WHERE day < coalesce((SELECT min(day) FROM spend), '9999-12-31')
   GROUP BY day, spend_key
   HAVING sum(images) > 0;`,
  // 27: what replaced attempts of a set billed (EARLIER_ATTEMPTS).
  EARLIER_ATTEMPTS,
  // 28: what a poll left out for want of images (POLL_LEFT_OUT).
  POLL_LEFT_OUT,
];

/**
 * PostgreSQL came with SQLite's version 10, so its first migration is that schema whole (times and byte
 * counts in BIGINT; flags stay 0/1 integers, so rows read the same on both).
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `CREATE TABLE comparisons (
     id TEXT PRIMARY KEY,
     created_at BIGINT NOT NULL,
     prompt TEXT NOT NULL,
     request_json TEXT NOT NULL,
     seed BIGINT NOT NULL,
     starred INTEGER NOT NULL DEFAULT 0,
     revealed INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX comparisons_by_time ON comparisons (created_at DESC, id DESC);
   CREATE TABLE inputs (
     id TEXT PRIMARY KEY,
     created_at BIGINT NOT NULL,
     last_used_at BIGINT NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     mime TEXT NOT NULL,
     bytes BIGINT NOT NULL,
     sha256 TEXT NOT NULL,
     source_image_id TEXT,
     source_generation_id TEXT,
     source_input_id TEXT,
     source_model TEXT,
     source_prompt TEXT
   );
   CREATE INDEX inputs_by_hash ON inputs (sha256) WHERE source_image_id IS NULL;
   CREATE INDEX inputs_by_source ON inputs (source_image_id) WHERE source_image_id IS NOT NULL;
   CREATE INDEX inputs_by_source_input ON inputs (source_input_id) WHERE source_input_id IS NOT NULL;
   CREATE TABLE generations (
     id TEXT PRIMARY KEY,
     created_at BIGINT NOT NULL,
     finished_at BIGINT,
     status TEXT NOT NULL,
     model TEXT NOT NULL,
     prompt TEXT NOT NULL,
     request_json TEXT NOT NULL,
     seed BIGINT,
     duration_ms BIGINT,
     error_code TEXT,
     error_message TEXT,
     retry_after_seconds INTEGER,
     starred INTEGER NOT NULL DEFAULT 0,
     comparison_id TEXT REFERENCES comparisons (id) ON DELETE CASCADE,
     comparison_position INTEGER,
     input_id TEXT REFERENCES inputs (id),
     request_id TEXT,
     task_id TEXT,
     billed_images INTEGER,
     notices_json TEXT,
     lease_owner TEXT,
     lease_until BIGINT,
     linger_until BIGINT
   );
   CREATE INDEX generations_by_time ON generations (created_at DESC, id DESC);
   CREATE INDEX generations_by_status ON generations (status, created_at DESC, id DESC);
   CREATE INDEX generations_by_comparison ON generations (comparison_id, comparison_position) WHERE comparison_id IS NOT NULL;
   CREATE INDEX singles_by_time ON generations (created_at DESC, id DESC) WHERE comparison_id IS NULL;
   CREATE INDEX generations_by_input ON generations (input_id) WHERE input_id IS NOT NULL;
   CREATE INDEX generations_lingering ON generations (linger_until) WHERE linger_until IS NOT NULL;
   CREATE TABLE images (
     id TEXT PRIMARY KEY,
     generation_id TEXT NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
     position INTEGER NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     mime TEXT NOT NULL,
     bytes BIGINT NOT NULL,
     revised_prompt TEXT NOT NULL DEFAULT ''
   );
   CREATE INDEX images_by_generation ON images (generation_id, position);
   CREATE TABLE usage (day TEXT PRIMARY KEY, images INTEGER NOT NULL DEFAULT 0);
   CREATE TABLE spend (day TEXT NOT NULL, model TEXT NOT NULL, images INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, model));
   CREATE TABLE revoked_sessions (id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL);
   CREATE TABLE shares (id TEXT PRIMARY KEY, created_at BIGINT NOT NULL, title TEXT NOT NULL, entries_json TEXT NOT NULL);`,
  // 2: the rate limits every instance shares (rate-limiter-flexible's RateLimiterPostgres table, created here
  // once rather than by each instance racing to).
  `CREATE TABLE rate_limits (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT);`,
  // 3: as SQLite's 11.
  `CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // 4: as SQLite's 12.
  `CREATE TABLE changes (
     id BIGSERIAL PRIMARY KEY,
     at BIGINT NOT NULL,
     kind TEXT NOT NULL,
     item_kind TEXT,
     item_id TEXT
   );
   CREATE INDEX changes_by_time ON changes (at);`,
  // 5: as SQLite's 13.
  `ALTER TABLE generations ADD COLUMN stage TEXT;
   ALTER TABLE generations ADD COLUMN timings_json TEXT;`,
  // 6: as SQLite's 14.
  `CREATE TABLE prompt_lists (name TEXT PRIMARY KEY, items_json TEXT NOT NULL, updated_at BIGINT NOT NULL);`,
  // 7: as SQLite's 15.
  `CREATE TABLE polls (
     id TEXT PRIMARY KEY,
     token TEXT NOT NULL UNIQUE,
     created_at BIGINT NOT NULL,
     title TEXT NOT NULL,
     reveal TEXT NOT NULL,
     access TEXT NOT NULL,
     closed_at BIGINT,
     items_json TEXT NOT NULL
   );
   CREATE TABLE poll_votes (
     poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
     item INTEGER NOT NULL,
     voter TEXT NOT NULL,
     choice TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     PRIMARY KEY (poll_id, item, voter)
   );`,
  // 8: as SQLite's 16.
  `CREATE TABLE lingering_calls (id TEXT PRIMARY KEY, until BIGINT NOT NULL);`,
  // 9: as SQLite's 17.
  `CREATE TABLE poll_images (
     image_id TEXT PRIMARY KEY,
     generation_id TEXT NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     mime TEXT NOT NULL,
     bytes BIGINT NOT NULL,
     duration_ms BIGINT,
     billed_images INTEGER,
     generation_images INTEGER NOT NULL
   );
   INSERT INTO poll_images
   SELECT i.id, g.id, i.width, i.height, i.mime, i.bytes, g.duration_ms, g.billed_images,
          (SELECT count(*) FROM images AS x WHERE x.generation_id = g.id)
   FROM polls AS p
   CROSS JOIN LATERAL jsonb_array_elements(p.items_json::jsonb) AS item
   CROSS JOIN LATERAL jsonb_array_elements(item -> 'candidates') AS candidate
   JOIN images AS i ON i.id = candidate ->> 'imageId'
   JOIN generations AS g ON g.id = i.generation_id
   ON CONFLICT DO NOTHING;`,
  // 10: as SQLite's 18.
  `ALTER TABLE inputs ADD COLUMN thumb_bytes BIGINT NOT NULL DEFAULT 0;`,
  // 11: as SQLite's 19.
  `CREATE TABLE settled_calls (id TEXT PRIMARY KEY, stage TEXT, spend_key TEXT NOT NULL, until BIGINT NOT NULL);`,
  // 12: as SQLite's 20.
  `CREATE TABLE poll_shown_images (
     poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
     image_id TEXT NOT NULL,
     PRIMARY KEY (poll_id, image_id)
   );
   CREATE INDEX poll_shown_images_by_image ON poll_shown_images (image_id);
   INSERT INTO poll_shown_images
   SELECT p.id, candidate ->> 'imageId'
   FROM polls AS p
   CROSS JOIN LATERAL jsonb_array_elements(p.items_json::jsonb) AS item
   CROSS JOIN LATERAL jsonb_array_elements(item -> 'candidates') AS candidate
   ON CONFLICT DO NOTHING;`,
  // 13: as SQLite's 21.
  `CREATE INDEX changes_by_item ON changes (item_id, id) WHERE item_id IS NOT NULL;`,
  // 14: as SQLite's 22.
  SEARCH_COLUMNS,
  // 15: as SQLite's 23.
  NEW_VOTERS,
  // 16: as SQLite's 24, the column alone: its rows are filled after the migration commits (open-postgres.ts).
  `ALTER TABLE generations ADD COLUMN sent_at BIGINT;`,
  // 17: as SQLite's 25.
  INPUT_UPLOADER,
  // 18: as SQLite's 27 (SQLite's 26 fills days PostgreSQL never had).
  EARLIER_ATTEMPTS,
  // 19: as SQLite's 28.
  POLL_LEFT_OUT,
];
