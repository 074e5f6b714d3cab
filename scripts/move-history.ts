import { existsSync } from "node:fs";
import { join } from "node:path";
import { createImageFiles } from "../lib/store/image-files";
import { MoveRefused } from "../lib/store/move-claim";
import { moveHistory, type MoveProgress } from "../lib/store/move-history";
import { openPostgres } from "../lib/store/open-postgres";
import { openSqlite } from "../lib/store/open-sqlite";
import { createS3Images } from "../lib/store/s3-images";
import { describeStorageConfig, parseStorageConfig } from "../lib/store/storage-config";
import { lockDataDir } from "../lib/history/data-dir-lock";

/**
 * `npm run move-history`: copies the embedded history in DATA_DIR (playground.db and images/) to where the
 * environment now points: DATABASE_URL for the records, S3_BUCKET (and its settings) for the images. Stop the
 * playground that uses DATA_DIR first, and every instance on the target. Only into a database that holds no
 * history yet; an interrupted run is finished by the next one, which skips what the first copied.
 */

const BAR = 30;
const bar = ({ table, done, total }: MoveProgress) => {
  const filled = total === 0 ? BAR : Math.round((done / total) * BAR);
  return `[${"#".repeat(filled)}${"-".repeat(BAR - filled)}] ${done.toLocaleString("en")}/${total.toLocaleString("en")} ${table.padEnd(17)}`;
};

const config = (() => {
  try {
    return parseStorageConfig(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
})();

const file = join(config.dataDir, "playground.db");
if (!existsSync(file)) {
  console.error(`There is no embedded history to move: ${file} does not exist. Set DATA_DIR to the folder that holds it.`);
  process.exit(1);
}
if (!config.databaseUrl && !config.s3) {
  console.error("Nowhere to move it: set DATABASE_URL (the records) and/or S3_BUCKET with its settings (the images), as the playground will run with.");
  process.exit(1);
}

// Not while a playground runs on it: it would go on changing what is being copied.
try {
  lockDataDir(config.dataDir);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

console.log(`From: SQLite at ${file}, images in ${join(config.dataDir, "images")}.`);
console.log(`To: ${describeStorageConfig(config).replace(/^History: /, "")}`);
const source = { database: openSqlite(file), images: await createImageFiles(join(config.dataDir, "images")) };
const target = {
  database: config.databaseUrl ? await openPostgres(config.databaseUrl) : null,
  images: config.s3 ? await createS3Images(config.s3) : null,
};
// On a terminal the bar redraws in place; in a log, a line per tenth keeps it short.
const interactive = process.stderr.isTTY;
let drawn = false;
try {
  let tenth = -1;
  const summary = await moveHistory(source, target, (progress) => {
    const reached = progress.total === 0 ? 10 : Math.floor((progress.done * 10) / progress.total);
    if (interactive) process.stderr.write(`\r${bar(progress)}`);
    else if (reached !== tenth) console.error(bar(progress));
    tenth = reached;
    drawn = true;
  });
  if (interactive && drawn) process.stderr.write("\n");
  const count = (n: number) => n.toLocaleString("en");
  // Whose the skipped ones are is known only when the records move: the target then held no history of its own.
  const secretKept = summary.kept.some(({ table, key }) => table === "settings" && key === "session_secret");
  const othersKept = summary.kept.filter(({ table }) => table !== "settings");
  const earlier = summary.resumed ? "already moved by this history's earlier run" : "already there";
  console.log(
    [
      summary.resumed ? "This history's earlier move into the target was resumed." : "",
      target.images
        ? `Images: ${count(summary.images.copied)} copied, ${count(summary.images.skipped)} ${earlier}${summary.images.missing ? `, ${count(summary.images.missing)} on record but not in the folder` : ""}.`
        : "Images: left in the folder.",
      target.database ? `Records: ${count(summary.records.copied)} copied, ${count(summary.records.skipped)} ${earlier}.` : "Records: left in SQLite.",
      secretKept ? "The target's own session secret (made by an instance that ran on it) was kept: browsers signed in to the embedded playground sign in again." : "",
      othersKept.length > 0
        ? `${count(othersKept.length)} rows the target already held read otherwise than this history's, and were kept as the target's (not moved): ${othersKept
            .slice(0, 10)
            .map(({ table, key }) => `${table} ${key}`)
            .join(", ")}${othersKept.length > 10 ? ", …" : ""}. Something wrote to the target after this move began.`
        : "",
      "Start the playground with the same DATABASE_URL and S3 settings to use them.",
    ]
      .filter(Boolean)
      .join("\n"),
  );
} catch (error) {
  if (interactive && drawn) process.stderr.write("\n");
  console.error(
    error instanceof MoveRefused
      ? `Nothing was moved. ${error.message}`
      : `The move stopped: ${error instanceof Error ? error.message : String(error)}\nRun it again to finish: what was copied is kept, and skipped by the next run.`,
  );
  process.exitCode = 1;
} finally {
  await source.database.db.destroy();
  await target.database?.db.destroy();
}
