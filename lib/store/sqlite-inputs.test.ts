import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultEdit } from "../edit/edit-defaults";
import { openSqliteStore } from "./sqlite-store";
import type { GenerationStore, StoredInput } from "./types";

/** Edit inputs on record: found again by hash or by source, kept while used, dropped a day after they are not. */

let dir: string;
let store: GenerationStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sqlite-inputs-"));
  store = openSqliteStore(join(dir, "history.db"));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const upload = (id: string, createdAt = 1_000): StoredInput => ({ id, createdAt, width: 800, height: 600, mime: "image/png", bytes: 1234, sha256: `hash-${id}`, from: null });

describe("edit inputs", () => {
  it("are found by the hash of an upload and by the result they were taken from, and counted among the image files", () => {
    store.createInput(upload("in-1"));
    store.createInput({ ...upload("in-2"), sha256: "hash-in-1", from: { generationId: "g", imageId: "img-9", inputId: null, model: "qwen-image", prompt: "p" } });
    expect(store.findInput({ sha256: "hash-in-1" })?.id).toBe("in-1");
    expect(store.findInput({ sourceImageId: "img-9" })).toMatchObject({ id: "in-2", from: { generationId: "g", prompt: "p" } });
    expect(store.findInput({ sha256: "nothing" })).toBeNull();
    expect([...store.imageIds()].sort()).toEqual(["in-1", "in-2"]);
  });

  it("are dropped at start-up once a day old and used by no edit, unless a later input came from them", () => {
    store.createInput(upload("used"));
    store.createInput(upload("fresh", 90_000));
    store.createInput(upload("old"));
    store.createInput(upload("parent"));
    store.createInput({ ...upload("child", 90_000), from: { generationId: "g", imageId: "i", inputId: "parent", model: "m", prompt: "p" } });
    store.create({ id: "edit-1", createdAt: 1_000, request: { ...defaultEdit("qwen-image-edit", { id: "used", width: 800, height: 600 }), prompt: "x" } });
    expect(store.dropUnusedInputs(50_000).sort()).toEqual(["old"]);
    expect(store.input("old")).toBeNull();
    expect(store.input("used")).not.toBeNull();
    expect(store.get("edit-1")).toMatchObject({ input: { id: "used", src: "/api/images/used" }, chain: [] });
  });

  it("outlive a deleted edit that used them by a day, counted from its deletion", () => {
    store.createInput(upload("reused"));
    store.create({ id: "edit-1", createdAt: 1_000, request: { ...defaultEdit("qwen-image-edit", { id: "reused", width: 800, height: 600 }), prompt: "x" } });
    store.delete("edit-1", 80_000);
    expect(store.dropUnusedInputs(50_000)).toEqual([]);
    expect(store.dropUnusedInputs(80_001)).toEqual(["reused"]);
  });
});
