import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dataDirInUse, lockDataDir } from "./data-dir-lock";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "data-dir-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => join(dir, "playground.pid");
const ownerFile = () => join(dir, "playground.owner");
/** Another process, living until it is killed. */
const sleeper = () => spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });

describe("the embedded history's folder", () => {
  it("is this process's while it is open, however often it opens it, and free again once each open is closed", () => {
    const first = lockDataDir(dir);
    // The id alone, as a build from before reads it; who it is, beside it.
    expect(readFileSync(file(), "utf8")).toBe(String(process.pid));
    expect(readFileSync(ownerFile(), "utf8").split(" ")[0]).toBe(String(process.pid));
    const second = lockDataDir(dir);
    first();
    first();
    expect(existsSync(file())).toBe(true);
    second();
    expect(existsSync(file())).toBe(false);
  });

  it("is given back by a process that exits without closing it, as Next ends a server stopped by a signal", async () => {
    const lock = fileURLToPath(new URL("./data-dir-lock.ts", import.meta.url));
    const script = `const { lockDataDir } = await import(${JSON.stringify(lock)}); lockDataDir(${JSON.stringify(dir)}); process.exit(143);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: "ignore" });
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(143);
    expect(existsSync(file())).toBe(false);
    expect(existsSync(ownerFile())).toBe(false);
  });

  it("is refused to a process while another living one holds it, and taken over from one killed", async () => {
    const other = sleeper();
    try {
      writeFileSync(file(), String(other.pid));
      expect(() => lockDataDir(dir)).toThrow(dataDirInUse(dir, other.pid ?? 0));
    } finally {
      other.kill("SIGKILL");
      await new Promise((resolve) => other.once("exit", resolve));
    }
    // Killed, it could not clean up after itself: its id is left, and the folder is taken over.
    expect(readFileSync(file(), "utf8")).toBe(String(other.pid));
    lockDataDir(dir)();
    expect(existsSync(file())).toBe(false);
  });

  it("is taken over from a killed owner whose id a new process has since been given (a restart of the machine or the container)", () => {
    // The parent lives; the file says its id belonged to a process that started at another time, or in another boot.
    const living = readFileSync(`/proc/${process.ppid}/stat`, "utf8");
    const started = living.slice(living.lastIndexOf(")") + 2).split(" ")[19] ?? "";
    const thisBoot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    for (const record of [`${process.ppid} 1 ${thisBoot}`, `${process.ppid} ${started} a-boot-before`]) {
      writeFileSync(file(), String(process.ppid));
      writeFileSync(ownerFile(), record);
      lockDataDir(dir)();
      expect(existsSync(file())).toBe(false);
    }
    // The very process that wrote it (its start and boot agree): refused.
    writeFileSync(file(), String(process.ppid));
    writeFileSync(ownerFile(), `${process.ppid} ${started} ${thisBoot}`);
    expect(() => lockDataDir(dir)).toThrow(dataDirInUse(dir, process.ppid));
    // Taken by a build from before (no owner file of its id): its id alone, and that process runs.
    writeFileSync(ownerFile(), `${process.ppid + 1} 1 ${thisBoot}`);
    expect(() => lockDataDir(dir)).toThrow(dataDirInUse(dir, process.ppid));
  });
});
