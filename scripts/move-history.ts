import { existsSync } from "node:fs";
import { join } from "node:path";
import { createImageFiles } from "../lib/store/image-files";
import { moveHistory, type MoveProgress } from "../lib/store/move-history";
import { openPostgres } from "../lib/store/open-postgres";
import { openSqlite } from "../lib/store/open-sqlite";
import { createS3Images } from "../lib/store/s3-images";
import { describeStorageConfig, parseStorageConfig } from "../lib/store/storage-config";
import { lockDataDir } from "../lib/history/data-dir-lock";

/**
 * `npm run move-history`: copies the embedded history in DATA_DIR (playground.db and images/) to where the
 * environment now points: DATABASE_URL for the records, S3_BUCKET (and its settings) for the images. Stop the
 * playground that uses DATA_DIR first. Safe to run again: what is already there is skipped, so an interrupted
 * run is finished by the next one.
 */

const BAR = 30;
const bar = ({ phase, done, total }: MoveProgress) => {
  const filled = total === 0 ? BAR : Math.round((done / total) * BAR);
  return `${phase.padEnd(7)} [${"#".repeat(filled)}${"-".repeat(BAR - filled)}] ${done.toLocaleString("en")}/${total.toLocaleString("en")}`;
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
try {
  const interactive = process.stderr.isTTY;
  let shown = "";
  const summary = await moveHistory(source, target, (progress) => {
    const line = bar(progress);
    // On a terminal the bar redraws in place; in a log, a line per tenth keeps it short.
    if (interactive) process.stderr.write(`\r${line}`);
    else if (progress.done === progress.total || Math.floor((progress.done * 10) / progress.total) !== Math.floor(((progress.done - 1) * 10) / progress.total)) {
      if (line !== shown) console.error(line);
    }
    shown = line;
  });
  if (interactive) process.stderr.write("\n");
  const count = (n: number) => n.toLocaleString("en");
  console.log(
    [
      target.images
        ? `Images: ${count(summary.images.copied)} copied, ${count(summary.images.skipped)} already there${summary.images.missing ? `, ${count(summary.images.missing)} on record but not in the folder` : ""}.`
        : "Images: left in the folder.",
      target.database ? `Records: ${count(summary.records.copied)} copied, ${count(summary.records.skipped)} already there.` : "Records: left in SQLite.",
      "Start the playground with the same DATABASE_URL and S3 settings to use them.",
    ].join("\n"),
  );
} catch (error) {
  console.error(`\nThe move stopped: ${error instanceof Error ? error.message : String(error)}\nRun it again to finish: what was copied is kept and skipped.`);
  process.exitCode = 1;
} finally {
  await source.database.db.destroy();
  await target.database?.db.destroy();
}
