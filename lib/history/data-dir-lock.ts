import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * One process owns an embedded history: it marks whatever it finds running as interrupted and sweeps the files
 * no record owns, so a second process on the same folder (`npm run dev` beside `npm start`) would undo the
 * first's work. The owner's process id is kept in the folder; a process that finds another living owner is
 * refused, one that finds a process gone (killed: it could not clean up) takes the folder over.
 */

const LOCK_FILE = "playground.pid";
/**
 * Beside it, who the owner is (see `owner`). The lock file itself holds the id alone: a build from before
 * reads it as a number, and would take a file it could not read as a process gone.
 */
const OWNER_FILE = "playground.owner";

/** Opens of each folder by this process (a test reopens one): the file goes with the last. */
const held = new Map<string, number>();
let exitHooked = false;

const readText = (file: string): string | null => {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
};

/**
 * A process's `/proc/<pid>/stat` fields after its name (which may itself hold spaces and parentheses): its
 * state first, its start (clock ticks since the boot) the 20th; null where there is no /proc, or no process.
 */
const statOf = (pid: number): string[] | null => {
  const stat = readText(`/proc/${pid}/stat`);
  return stat === null ? null : stat.slice(stat.lastIndexOf(")") + 2).split(" ");
};

const bootId = (): string | null => readText("/proc/sys/kernel/random/boot_id") || null;

/**
 * Who holds the folder: the process's id, and where the system says so, when it started and in which boot.
 * An id alone is reused: after a restart of the machine or the container, the id a killed playground left
 * can name a process that has nothing to do with it.
 */
const owner = (pid: number): string | null => {
  const start = statOf(pid)?.[19];
  const boot = bootId();
  return start !== undefined && boot !== null ? `${pid} ${start} ${boot}` : null;
};

/** Whether the process a lock file names runs: not gone, not a zombie (a container's first process may never reap it), and the one that wrote it. */
const running = (pid: number, start: string | undefined, boot: string | undefined): boolean => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // Another user's process cannot be signalled, but it runs.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const fields = statOf(pid);
  if (fields === null) return true;
  if (fields[0] === "Z") return false;
  // A file written before the start and the boot were recorded is judged by its id alone.
  const now = bootId();
  if (boot !== undefined && now !== null && boot !== now) return false;
  return start === undefined || fields[19] === undefined || start === fields[19];
};

/** Removes the lock and owner files of a folder, where they are still this process's. */
const giveBack = (dir: string) => {
  for (const [path, mine] of [
    [join(dir, OWNER_FILE), (text: string) => text.split(" ")[0] === String(process.pid)],
    [join(dir, LOCK_FILE), (text: string) => text === String(process.pid)],
  ] as const) {
    try {
      if (mine(readText(path) ?? "")) unlinkSync(path);
    } catch {
      // Gone already: nothing to give back.
    }
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
    const holder = Number(readText(file));
    // Who wrote it, when the owner file is the same process's (a lock taken by an older build has none).
    const [ownerId, start, boot] = readText(join(dir, OWNER_FILE))?.split(" ") ?? [];
    const known = ownerId === String(holder);
    // This process's own, from a start before its id was reused.
    if (holder === process.pid) break;
    if (Number.isInteger(holder) && holder > 0 && running(holder, known ? start : undefined, known ? boot : undefined)) throw new Error(dataDirInUse(dir, holder));
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  if (!held.has(dir)) {
    const identity = owner(process.pid);
    if (identity) writeFileSync(join(dir, OWNER_FILE), identity);
  }
  held.set(dir, (held.get(dir) ?? 0) + 1);
  // A server stopped by a signal exits without closing its history (Next's handler ends the process): the
  // folder is given back on the way out all the same. Only a process killed outright leaves it, to be taken over.
  if (!exitHooked) {
    exitHooked = true;
    process.once("exit", () => {
      for (const folder of held.keys()) giveBack(folder);
    });
  }
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
    giveBack(dir);
  };
};
