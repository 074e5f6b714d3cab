import { strFromU8, unzipSync } from "fflate";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { buildDeck, subtitle, xmlSafe, type DeckInput, type DeckPage, type DeckPanel } from "./deck";
import { convertDeck } from "@/test/office";

// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

describe("the take-away deck", () => {
  it("writes text pasted with control characters as XML PowerPoint opens without a repair, keeping every other character", async () => {
    const pasted = "A lighthouse\u000Bat dawn\u0008, 灯塔 𠀀\tend";
    const deck = await buildDeck({
      title: pasted,
      locale: "en",
      timeZone: undefined,
      cover: [pasted],
      pages: [
        { kind: "pictures", heading: pasted, panels: [{ label: pasted, image: null, missing: pasted, detail: { lead: "Revised: ", text: pasted } }], footer: pasted, notes: pasted },
        { kind: "table", heading: pasted, columns: [pasted, "Model"], rows: [[pasted, "wan2.6-t2i"]] },
      ],
      image: async () => null,
    });
    const parts = Object.entries(unzipSync(deck)).filter(([name]) => name.endsWith(".xml") || name.endsWith(".rels"));
    expect(parts.length).toBeGreaterThan(5);
    for (const [name, bytes] of parts) expect(NOT_IN_XML.test(strFromU8(bytes)), name).toBe(false);
    const slide = parts.find(([name]) => name === "ppt/slides/slide2.xml");
    expect(strFromU8(slide?.[1] ?? new Uint8Array())).toContain("A lighthouseat dawn, 灯塔 𠀀");
  });

  it("dates its cover where the reader is, and says one slide as one", () => {
    // 23:30 in London on the 1st is 07:30 on the 2nd in Shanghai.
    const now = new Date(Date.UTC(2026, 11, 1, 23, 30));
    expect(subtitle("en", 1, "Asia/Shanghai", now)).toBe("1 slide · 2 December 2026 · OneToken Image Playground");
    expect(subtitle("en", 3, "Europe/London", now)).toBe("3 slides · 1 December 2026 · OneToken Image Playground");
    expect(subtitle("zh", 3, "Asia/Shanghai", now)).toBe("3 页 · 2026年12月2日 · OneToken 图像生成体验台");
  });

  it("takes out only what XML cannot hold: control characters and broken surrogate halves", () => {
    expect(xmlSafe("a\u0000b\u001Fc\td\ne\rf")).toBe("abc\td\ne\rf");
    expect(xmlSafe("𠀀 \uD840 x \uDC00")).toBe("𠀀  x ");
  });
});

/** The deck's parts by name, as text (the pictures left out). */
const partsOf = async (input: Partial<DeckInput>): Promise<Record<string, string>> => {
  const deck = await buildDeck({ title: "A deck", locale: "en", timeZone: undefined, cover: [], pages: [], image: async () => null, ...input });
  return Object.fromEntries(Object.entries(unzipSync(deck)).flatMap(([name, bytes]) => (name.endsWith(".xml") ? [[name, strFromU8(bytes)]] : [])));
};
const slideNames = (parts: Record<string, string>) => Object.keys(parts).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
const panel = (id: string | null, missing: string | null = null): DeckPanel => ({ label: `Panel ${id}`, image: id === null ? null : { id }, missing, detail: { lead: "Revised prompt: ", text: "a fox" } });

describe("what a deck says of pictures it cannot show", () => {
  it("says in the place of a picture deleted since that it is no longer stored, and of one unreadable that it could not be read, counts them on the title slide, and logs the failure", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const picture = { data: await sharp({ create: { width: 8, height: 8, channels: 3, background: "#3366cc" } }).jpeg().toBuffer(), width: 8, height: 8 };
    try {
      const parts = await partsOf({
        pages: [{ kind: "pictures", heading: "A fox", panels: [panel("kept"), panel("deleted"), panel("damaged"), panel(null, "No image (failed).")], footer: null, notes: "" }],
        image: async ({ id }) => {
          if (id === "damaged") throw new Error("Input buffer contains unsupported image format");
          return id === "kept" ? picture : null;
        },
      });
      const slide = parts["ppt/slides/slide2.xml"] ?? "";
      // Unreadable is not gone: a storage that failed for a while has not lost the picture.
      expect(slide.split("This image is no longer stored here.")).toHaveLength(2);
      expect(slide.split("This image could not be read from storage (damaged, or the storage failed).")).toHaveLength(2);
      expect(slide).toContain("No image (failed).");
      expect(parts["ppt/slides/slide1.xml"]).toContain("2 images are no longer stored here, or could not be read: their places say so.");
      expect(error.mock.calls.map(([line]) => String(line))).toEqual([expect.stringMatching(/^image damaged could not be read for a slide deck.*unsupported image format/)]);
    } finally {
      error.mockRestore();
    }
  });

  it("names no unread picture when every one is there", async () => {
    const parts = await partsOf({ pages: [{ kind: "pictures", heading: "A fox", panels: [panel(null, "Still generating.")], footer: null, notes: "" }] });
    expect(parts["ppt/slides/slide1.xml"]).not.toContain("no longer stored");
  });

  it("reads a picture on several slides once (an edit's input beside each result), and counts and logs it once when it cannot be read", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const picture = { data: await sharp({ create: { width: 8, height: 8, channels: 3, background: "#3366cc" } }).jpeg().toBuffer(), width: 8, height: 8 };
    const reads: string[] = [];
    const edit = (input: string, results: readonly string[]): DeckPage[] =>
      results.map((result) => ({ kind: "pictures", heading: "Edit: make it stormy", panels: [panel(input), panel(result)], footer: null, notes: "" }));
    try {
      const parts = await partsOf({
        pages: [...edit("kept-input", ["r1", "r2", "r3", "r4"]), ...edit("damaged-input", ["r5", "r6"])],
        image: async ({ id }) => {
          reads.push(id);
          if (id === "damaged-input") throw new Error("Input buffer contains unsupported image format");
          return picture;
        },
      });
      expect(reads.filter((id) => id === "kept-input")).toHaveLength(1);
      expect(reads.filter((id) => id === "damaged-input")).toHaveLength(1);
      // Still on every slide it belongs to.
      expect(parts["ppt/slides/slide5.xml"]).toContain("<p:pic>");
      expect(parts["ppt/slides/slide7.xml"]?.split("This image could not be read from storage")).toHaveLength(2);
      expect(parts["ppt/slides/slide1.xml"]).toContain("1 image is no longer stored here, or could not be read: its place says so.");
      expect(error).toHaveBeenCalledTimes(1);
    } finally {
      error.mockRestore();
    }
  });
});

describe("the deck's title slide", () => {
  it("counts the slides a long table runs on over", async () => {
    const rows = Array.from({ length: 80 }, (_, index) => [String(index + 1), "Wan 2.6", "1024*1024"]);
    const parts = await partsOf({ pages: [{ kind: "table", heading: "Settings", columns: ["Item", "Model", "Size"], rows }] });
    const slides = slideNames(parts).length;
    expect(slides).toBeGreaterThan(2);
    expect(parts["ppt/slides/slide1.xml"]).toContain(`${slides} slides · `);
  });
});

describe("the deck's fonts", () => {
  it("names a CJK face for East Asian text in an English deck (a revised prompt in Chinese), and Arial for the rest", async () => {
    const parts = await partsOf({
      pages: [
        { kind: "pictures", heading: "A lantern", panels: [{ ...panel(null, "Gone."), detail: { lead: "Revised prompt: ", text: "湖面上漂浮的纸灯笼" } }], footer: null, notes: "" },
        { kind: "table", heading: "Settings", columns: ["Item", "Negative prompt"], rows: [["1", "模糊，低质量"]] },
      ],
    });
    const runs = Object.values(parts).flatMap((xml) => [...xml.matchAll(/<a:r>(.*?)<\/a:r>/gs)].map((match) => match[1] ?? ""));
    const eastAsian = runs.filter((run) => /\p{Script=Han}/u.test(run));
    expect(eastAsian).toHaveLength(2);
    for (const run of eastAsian) expect(run).toMatch(/<a:ea typeface="Microsoft YaHei"/);
    expect(runs.find((run) => run.includes("A lantern"))).toMatch(/<a:latin typeface="Arial"/);
  });
});

describe("a picture's name on a slide", () => {
  it("gets a box as tall as its lines at its panel's width, so that what is under it, its votes, is read below it", async () => {
    const label = (n: number) => `Qwen-Image Plus (2026-01-09) · Negative prompt: blurry, low quality, watermark ${n}`;
    const pages: DeckPage[] = [
      {
        kind: "pictures",
        heading: "A red fox",
        panels: [1, 2, 3, 4].map((n) => ({ label: label(n), image: null, missing: "Gone.", detail: { lead: "", text: `${n} picked it` } })),
        footer: null,
        notes: "",
      },
    ];
    const deck = await convertDeck(await buildDeck({ title: "A deck", locale: "en", timeZone: undefined, cover: [], pages, image: async () => null }));
    try {
      const lines = deck.text.split("\n");
      const counts = lines.findIndex((line) => line.includes("picked it"));
      const names = lines.flatMap((line, index) => (/Qwen|Negative|blurry|watermark/.test(line) ? [index] : []));
      expect(counts).toBeGreaterThan(0);
      expect(names.length).toBeGreaterThan(0);
      expect(Math.max(...names)).toBeLessThan(counts);
    } finally {
      await deck.done();
    }
  }, 120_000);
});

/** A Chinese prompt of `length` characters, as a tester pasted one. */
const chinese = (length: number) => "在一个宁静的清晨，薄雾笼罩着古老的江南水乡，青石板路蜿蜒穿过白墙黛瓦的民居，河面上漂浮着几盏尚未熄灭的红色纸灯笼。".repeat(8).slice(0, length);
const HAN = /\p{Script=Han}/u;
/** Inches on a slide, in the points poppler reads a page in. */
const points = (inches: number) => inches * 72;

describe("a picture slide's prompt", () => {
  it("is cut short with an ellipsis above the pictures when a long Chinese one would run into them, and kept whole in the notes", async () => {
    const picture = { data: await sharp({ create: { width: 8, height: 8, channels: 3, background: "#3366cc" } }).jpeg().toBuffer(), width: 8, height: 8 };
    const prompt = chinese(330);
    const pages: DeckPage[] = [{ kind: "pictures", heading: prompt, panels: [{ label: "Wan 2.6", image: { id: "a" }, missing: null, detail: { lead: "", text: "3 picked it" } }], footer: null, notes: `Prompt: ${prompt}` }];
    const pptx = await buildDeck({ title: "A deck", locale: "zh", timeZone: undefined, cover: [], pages, image: async () => picture });
    const deck = await convertDeck(pptx);
    try {
      const heading = (await deck.words(2)).filter((word) => HAN.test(word.text));
      expect(heading.length).toBeGreaterThan(0);
      // The pictures start 1.25 in down the slide.
      for (const word of heading) expect(word.yMax, word.text).toBeLessThanOrEqual(points(1.25));
      expect(heading.at(-1)?.text).toMatch(/…$/);
      const notes = strFromU8(unzipSync(pptx)["ppt/notesSlides/notesSlide2.xml"] ?? new Uint8Array());
      expect(notes).toContain(prompt);
    } finally {
      await deck.done();
    }
  }, 120_000);
});

describe("a deck's table", () => {
  it("runs on over slides with its rows whole, each slide under its heading and header", async () => {
    const negative = (n: number) => `${"blurry, low quality, watermark, text, signature, extra fingers, deformed hands, oversaturated colours, jpeg artefacts, ".repeat(8)}end${n}`;
    const rows = Array.from({ length: 40 }, (_, index) => [`${index + 1}.1`, "Qwen-Image Plus (2026-01-09)", "1024*1024", "2024", "4", "on", "off", index % 9 === 8 ? negative(index + 1) : "blurry"]);
    const columns = ["Item", "Model", "Size", "Seed", "Images", "Prompt rewriting", "Watermark", "Negative prompt"];
    const deck = await convertDeck(await buildDeck({ title: "A deck", locale: "en", timeZone: undefined, cover: [], pages: [{ kind: "table", heading: "Settings", columns, rows }], image: async () => null }));
    try {
      expect(deck.pages).toBeGreaterThan(2);
      const pages = await Promise.all(Array.from({ length: deck.pages - 1 }, (_, index) => deck.words(index + 2).then((words) => words.map((word) => word.text))));
      for (const [index, words] of pages.entries()) {
        expect(words.slice(0, index === 0 ? 1 : 2), `slide ${index + 2}`).toEqual(index === 0 ? ["Settings"] : ["Settings", "(continued)"]);
        for (const header of ["Item", "Model", "Size", "Seed", "Images", "rewriting", "Watermark", "Negative"]) expect(words, `slide ${index + 2}`).toContain(header);
      }
      // A row's item and the end of its negative prompt on one slide.
      for (const [n] of rows.entries()) if (n % 9 === 8) expect(pages.findIndex((words) => words.includes(`${n + 1}.1`))).toBe(pages.findIndex((words) => words.includes(`end${n + 1}`)));
      expect(pages.flat().filter((word) => word === "2024")).toHaveLength(40);
    } finally {
      await deck.done();
    }
  }, 120_000);

  it.each([
    ["en", ["Item", "Model", "Size", "Seed", "Images", "Prompt rewriting", "Watermark", "Negative prompt"], ["on", "off", "blurry, low quality, watermark, text, signature, extra fingers, deformed hands. ".repeat(3)]],
    ["zh", ["条目", "模型", "尺寸", "种子", "图片数", "提示词改写", "水印", "反向提示词"], ["开", "关", chinese(120)]],
  ] as const)("makes each column at least as wide as its longest word, header and values (%s)", async (locale, columns, [on, off, negative]) => {
    const rows = [1, 2, 3].map((n) => [`${n}`, "Qwen-Image Plus (2026-01-09)", "1024*1024", "2147483647", "4", on, off, negative]);
    const deck = await convertDeck(await buildDeck({ title: "A deck", locale, timeZone: undefined, cover: [], pages: [{ kind: "table", heading: "Settings", columns: [...columns], rows }], image: async () => null }));
    try {
      const words = (await deck.words(2)).map((word) => word.text);
      for (const whole of [...columns.flatMap((column) => column.split(" ")), "1024*1024", "2147483647"]) expect(words).toContain(whole);
    } finally {
      await deck.done();
    }
  }, 120_000);
});
