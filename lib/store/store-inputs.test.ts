import { describe, expect, it } from "vitest";
import { defaultEdit } from "../edit/edit-defaults";
import { INPUT_GONE } from "../edit/edit-request";
import { freshStoreEachTest, STORE_BACKENDS } from "@/test/store-backends";
import type { StoredInput } from "./types";

/** Edit inputs on record: found again by hash or by source, kept while used, dropped a day after they are not. */

describe.each(STORE_BACKENDS)("on $name", (backend) => {
  const store = freshStoreEachTest(backend);

  const upload = (id: string, createdAt = 1_000): StoredInput => ({ id, createdAt, width: 800, height: 600, mime: "image/png", bytes: 1234, thumbBytes: 0, sha256: `hash-${id}`, from: null });

  describe("edit inputs", () => {
    it("are found by the hash of an upload and by the result they were taken from, and counted among the image files", async () => {
      await store.createInput(upload("in-1"));
      await store.createInput({ ...upload("in-2"), sha256: "hash-in-1", from: { generationId: "g", imageId: "img-9", inputId: null, model: "qwen-image", prompt: "p" } });
      expect((await store.findInput({ sha256: "hash-in-1" }))?.id).toBe("in-1");
      expect(await store.findInput({ sourceImageId: "img-9" })).toMatchObject({ id: "in-2", from: { generationId: "g", prompt: "p" } });
      expect(await store.findInput({ sha256: "nothing" })).toBeNull();
      expect([...await store.imageIds()].sort()).toEqual(["in-1", "in-2"]);
    });

    it("are added under the cap on what all inputs hold, thumbnails too, counted and added at once: of two at once that do not both fit, one is refused", async () => {
      await store.createInput({ ...upload("first"), bytes: 30, thumbBytes: 10 });
      const both = await Promise.all([store.createInput({ ...upload("a"), bytes: 30, thumbBytes: 10 }, { maxBytes: 100 }), store.createInput({ ...upload("b"), bytes: 30, thumbBytes: 10 }, { maxBytes: 100 })]);
      expect(both.filter((full) => full !== null)).toEqual([{ cap: "all", held: 80 }]);
      expect(await store.inputBytes()).toBe(80);
      expect(await store.createInput({ ...upload("c"), bytes: 20, thumbBytes: 1 }, { maxBytes: 100 })).toEqual({ cap: "all", held: 80 });
      expect(await store.createInput({ ...upload("d"), bytes: 15, thumbBytes: 5 }, { maxBytes: 100 })).toBeNull();
    });

    it("are added under the share of the client adding them too, counted from that client's own alone, two at once included", async () => {
      const caps = (key: string) => ({ maxBytes: 200, client: { key, maxBytes: 80 } });
      expect(await store.createInput({ ...upload("a1"), bytes: 30, thumbBytes: 10 }, caps("address:198.51.100.7"))).toBeNull();
      expect(await store.createInput({ ...upload("a2"), bytes: 30, thumbBytes: 10 }, caps("address:198.51.100.7"))).toBeNull();
      // Full for this client, though all inputs together have room left.
      expect(await store.createInput({ ...upload("a3"), bytes: 1, thumbBytes: 0 }, caps("address:198.51.100.7"))).toEqual({ cap: "client", held: 80 });
      // Another client's share is its own.
      const both = await Promise.all([store.createInput({ ...upload("b1"), bytes: 30, thumbBytes: 10 }, { maxBytes: 200, client: { key: "session:b", maxBytes: 60 } }), store.createInput({ ...upload("b2"), bytes: 30, thumbBytes: 10 }, { maxBytes: 200, client: { key: "session:b", maxBytes: 60 } })]);
      expect(both.filter((full) => full !== null)).toEqual([{ cap: "client", held: 40 }]);
      expect(await store.inputBytes("address:198.51.100.7")).toBe(80);
      expect(await store.inputBytes("session:b")).toBe(40);
      expect(await store.inputBytes("session:nobody")).toBe(0);
      expect(await store.inputBytes()).toBe(120);
      // The cap on all still holds beside the shares.
      expect(await store.createInput({ ...upload("c1"), bytes: 70, thumbBytes: 20 }, caps("address:203.0.113.9"))).toEqual({ cap: "client", held: 0 });
      expect(await store.createInput({ ...upload("c2"), bytes: 60, thumbBytes: 10 }, { ...caps("address:203.0.113.9"), maxBytes: 150 })).toEqual({ cap: "all", held: 120 });
      // An input dropped gives its client's room back.
      expect((await store.dropUnusedInputs(50_000)).sort()).toEqual(["a1", "a2", expect.stringMatching(/^b/)]);
      expect(await store.inputBytes("address:198.51.100.7")).toBe(0);
      expect(await store.createInput({ ...upload("a4"), bytes: 60, thumbBytes: 20 }, caps("address:198.51.100.7"))).toBeNull();
    });

    it("are dropped at start-up once a day old and used by no edit, unless a later input came from them", async () => {
      await store.createInput(upload("used"));
      await store.createInput(upload("fresh", 90_000));
      await store.createInput(upload("old"));
      await store.createInput(upload("parent"));
      await store.createInput({ ...upload("child", 90_000), from: { generationId: "g", imageId: "i", inputId: "parent", model: "m", prompt: "p" } });
      await store.create({ id: "edit-1", createdAt: 1_000, request: { ...defaultEdit("qwen-image-edit", { id: "used", width: 800, height: 600 }), prompt: "x" } });
      expect((await store.dropUnusedInputs(50_000)).sort()).toEqual(["old"]);
      expect(await store.input("old")).toBeNull();
      expect(await store.input("used")).not.toBeNull();
      expect(await store.get("edit-1")).toMatchObject({ input: { id: "used", src: "/api/images/used" }, chain: [] });
    });

    it("say whether an input touched was still there, and one touched is not dropped", async () => {
      await store.createInput(upload("kept"));
      await store.createInput(upload("gone"));
      expect(await store.touchInput("kept", 60_000)).toBe(true);
      expect((await store.dropUnusedInputs(50_000)).sort()).toEqual(["gone"]);
      expect(await store.touchInput("gone", 60_000)).toBe(false);
      expect(await store.input("kept")).not.toBeNull();
    });

    it("refuse an edit whose input was dropped since the route looked, as gone, and record nothing of it", async () => {
      await store.createInput(upload("dropped"));
      expect(await store.dropUnusedInputs(50_000)).toEqual(["dropped"]);
      const edit = { id: "edit-late", createdAt: 60_000, request: { ...defaultEdit("qwen-image-edit", { id: "dropped", width: 800, height: 600 }), prompt: "x" } };
      await expect(store.create(edit)).rejects.toMatchObject({ code: "invalid_request", fields: [{ field: "input", message: INPUT_GONE }] });
      expect(await store.get("edit-late")).toBeNull();
    });

    it("outlive a deleted edit that used them by a day, counted from its deletion", async () => {
      await store.createInput(upload("reused"));
      await store.create({ id: "edit-1", createdAt: 1_000, request: { ...defaultEdit("qwen-image-edit", { id: "reused", width: 800, height: 600 }), prompt: "x" } });
      await store.delete("edit-1", 80_000);
      expect(await store.dropUnusedInputs(50_000)).toEqual([]);
      expect(await store.dropUnusedInputs(80_001)).toEqual(["reused"]);
    });
  });
});
