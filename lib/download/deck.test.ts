import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildDeck, xmlSafe } from "./deck";

// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

describe("the take-away deck", () => {
  it("writes text pasted with control characters as XML PowerPoint opens without a repair, keeping every other character", async () => {
    const pasted = "A lighthouse\u000Bat dawn\u0008, 灯塔 𠀀\tend";
    const deck = await buildDeck({
      title: pasted,
      locale: "en",
      cover: [pasted],
      pages: [
        { kind: "pictures", heading: pasted, panels: [{ label: pasted, image: null, missing: pasted, detail: { lead: "Revised: ", text: pasted } }], footer: pasted, notes: pasted },
        { kind: "table", heading: pasted, columns: [pasted, "Model"], rows: [[pasted, "wan2.6-t2i"]] },
      ],
      image: async () => null,
    });
    const parts = Object.entries(unzipSync(new Uint8Array(deck))).filter(([name]) => name.endsWith(".xml") || name.endsWith(".rels"));
    expect(parts.length).toBeGreaterThan(5);
    for (const [name, bytes] of parts) expect(NOT_IN_XML.test(strFromU8(bytes)), name).toBe(false);
    const slide = parts.find(([name]) => name === "ppt/slides/slide2.xml");
    expect(strFromU8(slide?.[1] ?? new Uint8Array())).toContain("A lighthouseat dawn, 灯塔 𠀀");
  });

  it("takes out only what XML cannot hold: control characters and broken surrogate halves", () => {
    expect(xmlSafe("a\u0000b\u001Fc\td\ne\rf")).toBe("abc\td\ne\rf");
    expect(xmlSafe("𠀀 \uD840 x \uDC00")).toBe("𠀀  x ");
  });
});
