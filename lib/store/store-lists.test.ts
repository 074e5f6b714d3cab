import { describe, expect, it } from "vitest";
import { freshStoreEachTest, STORE_BACKENDS } from "@/test/store-backends";

/** Named lists for prompt variables, kept for everyone: saved, replaced, capped and deleted by name. */
describe.each(STORE_BACKENDS)("on $name", (backend) => {
  const store = freshStoreEachTest(backend);

  it("keeps lists by name, a save of the same name replacing it, and deletes them", async () => {
    expect(await store.promptLists()).toEqual([]);
    expect(await store.savePromptList({ name: "颜色", items: ["红", "绿"], updatedAt: 1 }, 10)).toBe(true);
    expect(await store.savePromptList({ name: "animals", items: ["cat", "dog"], updatedAt: 2 }, 10)).toBe(true);
    expect(await store.savePromptList({ name: "animals", items: ["owl"], updatedAt: 3 }, 10)).toBe(true);
    expect(await store.promptLists()).toEqual([
      { name: "animals", items: ["owl"], updatedAt: 3 },
      { name: "颜色", items: ["红", "绿"], updatedAt: 1 },
    ]);
    expect(await store.deletePromptList("animals")).toBe(true);
    expect(await store.deletePromptList("animals")).toBe(false);
    expect((await store.promptLists()).map((list) => list.name)).toEqual(["颜色"]);
  });

  it("lists them in the same order on either database: case aside, numbers by value", async () => {
    for (const name of ["Cherry", "banana", "Apple", "list-10", "list-9", "颜色"]) await store.savePromptList({ name, items: ["x"], updatedAt: 1 }, 10);
    expect((await store.promptLists()).map((list) => list.name)).toEqual(["Apple", "banana", "Cherry", "list-9", "list-10", "颜色"]);
  });

  it("refuses a new list past the cap, but still replaces one it keeps", async () => {
    expect(await store.savePromptList({ name: "a", items: ["1"], updatedAt: 1 }, 1)).toBe(true);
    expect(await store.savePromptList({ name: "b", items: ["1"], updatedAt: 1 }, 1)).toBe(false);
    expect(await store.savePromptList({ name: "a", items: ["2"], updatedAt: 2 }, 1)).toBe(true);
    expect(await store.promptLists()).toEqual([{ name: "a", items: ["2"], updatedAt: 2 }]);
  });
});
