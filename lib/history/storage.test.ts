import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultEdit } from "../edit/edit-defaults";
import { defaultRequest } from "../models/defaults";
import type { StoredImage } from "../store/types";
import { dataDirInUse } from "./data-dir-lock";
import { openStorage } from "./storage";

/** Opening the history on a real data folder, including after a simulated crash. */

let root: string;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "storage-"));
});
afterEach(async () => {
  rmSync(root, { recursive: true, force: true });
});

const request = (prompt: string) => ({ ...defaultRequest("wan2.6-t2i"), prompt });

const stored = (position: number): StoredImage => ({
  id: randomUUID(),
  position,
  width: 512,
  height: 512,
  mime: "image/png",
  bytes: 4,
  revisedPrompt: `take ${position}`,
});

describe("opening storage", () => {
  it("creates a fresh data folder with its database and image folder", async () => {
    const dataDir = join(root, "nested", "data");
    const storage = await openStorage(dataDir, 1000);
    try {
      expect(storage).toMatchObject({ dataDir, interrupted: 0, swept: 0 });
      expect(existsSync(join(dataDir, "playground.db"))).toBe(true);
      expect(existsSync(join(dataDir, "images"))).toBe(true);
      expect(await storage.store.list({ limit: 10 })).toEqual({ items: [], nextCursor: null });
    } finally {
      await storage.store.close();
    }
  });

  it("recovers from a crash between writing the image files and committing the record", async () => {
    const dataDir = join(root, "data");
    const first = await openStorage(dataDir, 1000);

    // A generation that finished before the crash: files written, record committed.
    const done = await first.store.create({ id: randomUUID(), createdAt: 1000, request: request("finished before the crash") });
    const doneImages = [stored(0), stored(1)];
    for (const image of doneImages) await first.images.put(image.id, Buffer.from(`full ${image.id}`), Buffer.from(`thumb ${image.id}`));
    await first.store.complete(done.id, { finishedAt: 1500, durationMs: 400, images: doneImages });
    const doneView = await first.store.get(done.id);

    // The generation the crash interrupts: its files are on disk, but `complete` never ran.
    const crashed = await first.store.create({ id: randomUUID(), createdAt: 2000, request: request("killed mid-way") });
    await first.store.markSent(crashed.id, 1234, 2100);
    const orphans = [stored(0), stored(1)];
    for (const image of orphans) await first.images.put(image.id, Buffer.from("full"), Buffer.from("thumb"));
    await first.store.close(); // the process is killed here

    const second = await openStorage(dataDir, 5000);
    try {
      expect(second.interrupted).toBe(1);
      expect(second.swept).toBe(orphans.length * 2);

      const after = await second.store.get(crashed.id);
      expect(after).toMatchObject({ status: "interrupted", finishedAt: 5000, seed: 1234, images: [] });
      expect(after?.error?.message).toMatch(/\S/);
      for (const image of orphans) {
        expect(await second.images.read(image.id, "full")).toBeNull();
        expect(await second.images.read(image.id, "thumb")).toBeNull();
      }

      expect(await second.store.get(done.id)).toEqual(doneView);
      for (const image of doneImages) {
        expect(await second.images.read(image.id, "full")).toEqual(Buffer.from(`full ${image.id}`));
        expect(await second.images.read(image.id, "thumb")).toEqual(Buffer.from(`thumb ${image.id}`));
      }
      expect(readdirSync(join(dataDir, "images"))).toHaveLength(doneImages.length * 2);
      expect((await second.store.list({ limit: 10 })).items.map((item) => item.kind === "generation" && item.status)).toEqual(["interrupted", "succeeded"]);
    } finally {
      await second.store.close();
    }

    // A further restart finds nothing left to repair.
    const third = await openStorage(dataDir, 9000);
    try {
      expect(third).toMatchObject({ interrupted: 0, swept: 0 });
      expect((await third.store.get(crashed.id))?.finishedAt).toBe(5000);
    } finally {
      await third.store.close();
    }
  });
});

describe("edit inputs at start-up", () => {
  it("drops the ones nobody used or chose for a day, files and all, and keeps the rest", async () => {
    const dataDir = join(root, "data");
    const first = await openStorage(dataDir, 0);
    const input = (id: string) => ({ id, createdAt: 1_000, width: 800, height: 600, mime: "image/png", bytes: 4, thumbBytes: 1, sha256: id, from: null });
    for (const id of ["input-used", "input-chosen", "input-stale"]) {
      await first.store.createInput(input(id));
      await first.images.put(id, Buffer.from("full"), Buffer.from("thumb"));
    }
    await first.store.create({ id: "edit-1", createdAt: 2_000, request: { ...defaultEdit("qwen-image-edit", { id: "input-used", width: 800, height: 600 }), prompt: "x" } });
    await first.store.touchInput("input-chosen", 80_000_000);
    await first.store.close();

    const day = 24 * 60 * 60 * 1000;
    const second = await openStorage(dataDir, 2_000 + day + 1);
    try {
      expect(second.dropped).toBe(1);
      expect(await second.store.input("input-stale")).toBeNull();
      expect(existsSync(join(dataDir, "images", "input-stale.img"))).toBe(false);
      expect(await second.images.read("input-used", "full")).not.toBeNull();
      expect(await second.images.read("input-chosen", "thumb")).not.toBeNull();
    } finally {
      await second.store.close();
    }
  });
});

describe("tidying at start-up", () => {
  it("that fails (a file that cannot be removed) is logged, and the history opens all the same", async () => {
    const dataDir = join(root, "data");
    const first = await openStorage(dataDir, 0);
    await first.store.createInput({ id: "input-stale", createdAt: 1_000, width: 800, height: 600, mime: "image/png", bytes: 4, thumbBytes: 1, sha256: "stale", from: null });
    await first.images.put("input-stale", Buffer.from("full"), Buffer.from("thumb"));
    await first.store.close();
    // Where its file was, something no remove takes (as a bucket that throttles every delete).
    const stuck = join(dataDir, "images", "input-stale.img");
    rmSync(stuck);
    mkdirSync(stuck);
    writeFileSync(join(stuck, "held"), "x");

    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const second = await openStorage(dataDir, 2_000 + 24 * 60 * 60 * 1000 + 1);
    try {
      expect(second.dropped).toBe(1);
      expect(await second.store.input("input-stale")).toBeNull();
      const logged = errors.mock.calls.map(([line]) => String(line));
      expect(logged).toEqual(expect.arrayContaining([expect.stringMatching(/^1 of 1 files of deleted records could not be removed now/), expect.stringMatching(/^sweeping image files no record owns failed/)]));
    } finally {
      errors.mockRestore();
      await second.store.close();
    }
  });
});

describe("an embedded history in use", () => {
  it("is refused to a second process, with what to do", async () => {
    const dataDir = join(root, "data");
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
    try {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, "playground.pid"), String(other.pid));
      await expect(openStorage(dataDir)).rejects.toThrow(dataDirInUse(dataDir, other.pid ?? 0));
    } finally {
      other.kill("SIGKILL");
      await new Promise((resolve) => other.once("exit", resolve));
    }
    const storage = await openStorage(dataDir);
    await storage.store.close();
    expect(existsSync(join(dataDir, "playground.pid"))).toBe(false);
  });
});

describe("the history's upkeep", () => {
  it("sweeps, hourly, image files no record owns once they are an hour old, and keeps the owned ones", async () => {
    const storage = await openStorage(join(root, "data"));
    try {
      await storage.store.createInput({ id: "input-kept", createdAt: Date.now(), width: 8, height: 8, mime: "image/png", bytes: 4, thumbBytes: 1, sha256: "kept", from: null });
      await storage.images.put("input-kept", Buffer.from("full"), Buffer.from("thumb"));
      await storage.images.put("orphan-file", Buffer.from("full"), Buffer.from("thumb"));
      // Written just now: another writer may be about to commit its record.
      await storage.upkeep(Date.now());
      expect(await storage.images.has("orphan-file")).toBe(true);
      // The database's clock two hours ahead of this process's: the file is still just written, by the clock it carries.
      await storage.upkeep(Date.now() + 2 * 60 * 60 * 1000);
      expect(await storage.images.has("orphan-file")).toBe(true);
      // Four hours on by this process's clock too: swept.
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 4 * 60 * 60 * 1000 });
      try {
        await storage.upkeep(Date.now());
      } finally {
        vi.useRealTimers();
      }
      expect(await storage.images.has("orphan-file")).toBe(false);
      expect(await storage.images.has("input-kept")).toBe(true);
    } finally {
      await storage.store.close();
    }
  });

  it("does the rest of its round when one hourly step fails, logs the failure, and still comes round again", async () => {
    const dataDir = join(root, "data");
    const storage = await openStorage(dataDir, 0);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const day = 24 * 60 * 60 * 1000;
    try {
      await storage.store.createInput({ id: "input-stale", createdAt: 1_000, width: 8, height: 8, mime: "image/png", bytes: 4, thumbBytes: 1, sha256: "stale", from: null });
      await storage.images.put("input-stale", Buffer.from("full"), Buffer.from("thumb"));
      // A file no record owns where no remove takes it (as a bucket that throttles every delete): the sweep fails.
      const stuck = join(dataDir, "images", "orphan-stuck.img");
      mkdirSync(stuck);
      writeFileSync(join(stuck, "held"), "x");
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 4 * 60 * 60 * 1000 });
      try {
        await storage.upkeep(1_000 + day + 1);
      } finally {
        vi.useRealTimers();
      }
      const logged = errors.mock.calls.map(([line]) => String(line));
      expect(logged).toEqual([expect.stringMatching(/^sweeping image files no record owns failed, and is tried again within the hour: /)]);
      // The step before it was done all the same.
      expect(await storage.store.input("input-stale")).toBeNull();
      expect(await storage.images.has("input-stale")).toBe(false);
      // And the upkeep is not left stuck: the next round still interrupts a generation whose lease ran out.
      await storage.store.create({ id: "orphaned", createdAt: 2 * day, request: request("orphaned") }, { lease: { owner: "gone", until: 2 * day + 1_000 }, maxConcurrent: 10, now: 2 * day });
      await storage.upkeep(2 * day + 5_000);
      expect((await storage.store.get("orphaned"))?.status).toBe("interrupted");
    } finally {
      errors.mockRestore();
      await storage.store.close();
    }
  });

  it("interrupts generations whose lease ran out, round after round, however often it is called", async () => {
    const storage = await openStorage(join(root, "data"), 0);
    const lease = (until: number) => ({ lease: { owner: "gone", until }, maxConcurrent: 10, now: 0 });
    try {
      await storage.upkeep(1_000);
      // Called again at once, and again: nothing is due, and nothing may stick.
      await storage.upkeep(1_100);
      await storage.upkeep(1_200);
      await storage.store.create({ id: "first", createdAt: 1_300, request: request("first") }, lease(2_000));
      await storage.upkeep(9_000);
      expect((await storage.store.get("first"))?.status).toBe("interrupted");
      await storage.store.create({ id: "second", createdAt: 9_100, request: request("second") }, lease(10_000));
      await storage.upkeep(9_500);
      expect((await storage.store.get("second"))?.status).toBe("running");
      await storage.upkeep(20_000);
      expect((await storage.store.get("second"))?.status).toBe("interrupted");
    } finally {
      await storage.store.close();
    }
  });
});
