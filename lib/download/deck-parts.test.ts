import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { DeckInput } from "./deck";
import { deckDownload } from "./deck-parts";

describe("a deck as a download", () => {
  it("is built one at a time in the process: a second waits until the first is done, then is built too", async () => {
    let building = 0;
    let most = 0;
    let finish = () => {};
    const first = new Promise<void>((resolve) => (finish = resolve));
    const input = (until: Promise<void>): DeckInput => ({
      title: "A deck",
      locale: "en",
      timeZone: undefined,
      cover: [],
      pages: [{ kind: "pictures", heading: "A fox", panels: [{ label: "Wan 2.6", image: { id: "x" }, missing: null, detail: { lead: "", text: "" } }], footer: null, notes: "" }],
      // Reading its pictures is the deck's long part: a second deck's reads wait for the first deck's end.
      image: async () => {
        building += 1;
        most = Math.max(most, building);
        await until;
        building -= 1;
        return null;
      },
    });
    const answers = [deckDownload(input(first), "a.pptx"), deckDownload(input(Promise.resolve()), "b.pptx")];
    await new Promise((resolve) => setTimeout(resolve, 50));
    finish();
    const [a, b] = await Promise.all(answers);
    expect(most).toBe(1);
    expect(a?.headers.get("content-disposition")).toContain("a.pptx");
    expect(Object.keys(unzipSync(new Uint8Array(await (b ?? new Response()).arrayBuffer())))).toContain("ppt/slides/slide2.xml");
  });
});
