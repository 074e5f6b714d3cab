import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * One process owns an embedded history: it marks whatever it finds running as interrupted and sweeps the files
 * no record owns, so a second process on the same folder (`npm run dev` beside `npm start`) would undo the
 * first's work. The owner's process id is kept in the folder; a process that finds another living owner is
 * refused, one that finds a process gone (killed: it could not clean up) takes the folder over.
 */

const LOCK_FILE = "playground.pid";

/** Opens of each folder by this process (a test reopens one): the file goes with the last. */
const held = new Map<string, number>();

/** Whether a process runs: not gone, nor a zombie waiting to be reaped (a container's first process may never reap it). */
const running = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    return !/^\d+ \(.*\) Z /s.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
};

export const dataDirInUse = (dir: string, pid: number): string =>
  `The embedded history in ${dir} is in use by another process (${pid}): a playground, or npm run move-history, on the same DATA_DIR. Stop that one, or give this one a DATA_DIR of its own (several instances share one history through DATABASE_URL). If no such process runs, delete ${join(dir, LOCK_FILE)}.`;

/** Takes the folder for this process, or refuses; answers what gives it back (each open's once). */
export const lockDataDir = (dir: string): (() => void) => {
  const file = join(dir, LOCK_FILE);
  while (!held.has(dir)) {
    // Written whole, then linked in place: the file never holds half an id, and the link fails if it exists.
    const draft = `${file}.${process.pid}`;
    writeFileSync(draft, String(process.pid));
    try {
      linkSync(draft, file);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      unlinkSync(draft);
    }
    const holder = Number(readFileSync(file, "utf8").trim());
    // This process's own, from a start before its id was reused.
    if (holder === process.pid) break;
    if (Number.isInteger(holder) && holder > 0 && running(holder)) throw new Error(dataDirInUse(dir, holder));
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  held.set(dir, (held.get(dir) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(dir) ?? 1) - 1;
    if (left > 0) {
      held.set(dir, left);
      return;
    }
    held.delete(dir);
    try {
      if (readFileSync(file, "utf8").trim() === String(process.pid)) unlinkSync(file);
    } catch {
      // Gone already: nothing to give back.
    }
  };
};
