import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dataDirRefusal } from "./data-dir";
import { openStorage } from "./storage";

/** A DATA_DIR the history cannot use stops the start with one line that says which folder and why. */

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "data-dir-"));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const refusalOf = (dir: string) => openStorage(dir).then(
  () => {
    throw new Error("opened");
  },
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);

describe("a DATA_DIR that cannot be used", () => {
  it("a file: says it is not a folder", async () => {
    const file = join(scratch, "a-file");
    writeFileSync(file, "");
    expect(await refusalOf(file)).toBe(`DATA_DIR is ${file}, which cannot be used: it is a file, not a folder. Give DATA_DIR a folder this process can write in (or create), and start it again.`);
  });

  it("a folder under a file: says a part of its path is a file", async () => {
    const file = join(scratch, "a-file");
    writeFileSync(file, "");
    expect(await refusalOf(join(file, "sub"))).toBe(
      `DATA_DIR is ${join(file, "sub")}, which cannot be used: a part of its path is a file, not a folder. Give DATA_DIR a folder this process can write in (or create), and start it again.`,
    );
  });

  // The tests run as root here, whom no folder's permissions stop: the system's answer is made by hand.
  it.each([
    ["create", "it cannot be created there (permission denied)"],
    ["write", "this process may not write in it (permission denied)"],
  ] as const)("permission denied to %s: says so", (step, reason) => {
    const denied = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/data'"), { code: "EACCES" });
    expect(dataDirRefusal("/srv/data", denied, step)).toBe(`DATA_DIR is /srv/data, which cannot be used: ${reason}. Give DATA_DIR a folder this process can write in (or create), and start it again.`);
  });

  it("a relative DATA_DIR is named by its whole path", () => {
    expect(dataDirRefusal(".data", Object.assign(new Error("x"), { code: "EROFS" }), "write")).toContain(`DATA_DIR is ${join(process.cwd(), ".data")}, which cannot be used: it is on a read-only file system.`);
  });
});
