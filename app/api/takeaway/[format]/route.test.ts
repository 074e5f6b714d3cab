import { unzipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowProblems, toBatchRequest } from "@/lib/batch/batch-request";
import { rowsFromCsv, rowsFromLines } from "@/lib/batch/batch-rows";
import { parseCsv } from "@/lib/batch/csv";
import type { ComparisonView, GenerationView } from "@/lib/generation/view";
import { NO_FAVOURITES } from "@/lib/download/takeaway";
import { convertDeck } from "@/test/office";
import { captureConsole, settledSet, startRouteHarness, type RouteHarness } from "@/test/route-harness";

/** Taking work away: a set's slide deck (opened by LibreOffice), and a selection's deck, zip and contact sheet. */

/** Each contact sheet's captions as drawn (the PNG holds them as outlines, not text). */
const sheetCaptions = vi.hoisted(() => [] as string[][]);
vi.mock("@/lib/download/contact-sheet", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/download/contact-sheet")>();
  return {
    ...real,
    renderContactSheet: (...args: Parameters<typeof real.renderContactSheet>) => {
      sheetCaptions.push(args[1].map((entry) => entry.label));
      return real.renderContactSheet(...args);
    },
  };
});

let harness: RouteHarness;
const routes = {} as {
  comparisons: typeof import("../../comparisons/route");
  comparison: typeof import("../../comparisons/[id]/route");
  batches: typeof import("../../batches/route");
  sheet: typeof import("../../comparisons/[id]/contact-sheet/route");
  deck: typeof import("../../comparisons/[id]/deck/route");
  generations: typeof import("../../generations/route");
  polls: typeof import("../../polls/route");
  shares: typeof import("../../shares/route");
  inputs: typeof import("../../inputs/route");
  takeaway: typeof import("./route");
};

beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ latencyMs: 10 });
  Object.assign(routes, {
    comparisons: await import("../../comparisons/route"),
    comparison: await import("../../comparisons/[id]/route"),
    batches: await import("../../batches/route"),
    sheet: await import("../../comparisons/[id]/contact-sheet/route"),
    deck: await import("../../comparisons/[id]/deck/route"),
    generations: await import("../../generations/route"),
    polls: await import("../../polls/route"),
    shares: await import("../../shares/route"),
    inputs: await import("../../inputs/route"),
    takeaway: await import("./route"),
  });
});
afterAll(async () => {
  await harness?.close();
});

const post = (url: string, body: unknown) => new Request(`http://localhost${url}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const get = (url: string, lang?: "en" | "zh") => new Request(`http://localhost${url}`, { headers: lang ? { cookie: `lang=${lang}` } : {} });

/** The image files a zip's manifest names (null where it holds none). */
const manifestFiles = (zip: Record<string, Uint8Array>): string[] =>
  (JSON.parse(new TextDecoder().decode(zip["manifest.json"])) as Array<{ file: string | null }>).flatMap((line) => (line.file ? [line.file] : []));

const comparisonOf = async (blind: boolean, prompt: string): Promise<ComparisonView> => {
  const body = { models: ["wan2.6-t2i", "qwen-image", "qwen-image-max"], prompt, negativePrompt: "", aspect: "16:9", perModel: 1, seed: 11, promptExtend: true, watermark: false, blind };
  const started = (await (await routes.comparisons.POST(post("/api/comparisons", body))).json()) as ComparisonView;
  return settledSet(harness, started.id);
};

const generationOf = async (prompt: string): Promise<GenerationView> => {
  const started = (await (await routes.generations.POST(post("/api/generations", { model: "wan2.2-t2i-flash", prompt, negativePrompt: "", width: 1024, height: 1024, n: 1, seed: 3, promptExtend: false, watermark: false }))).json()) as GenerationView;
  await harness.history.runner.idle();
  const done = await harness.history.store.get(started.id);
  if (!done) throw new Error("no generation");
  return done;
};

describe("the favourites taken away", () => {
  // Before any test stars one: a take-away of none would be four empty files (a title, manifests, a header).
  it("with none starred, refuses every file and its check in words; one starred, they come", async () => {
    const refused: Response[] = [];
    for (const format of ["deck", "zip", "csv", "contact-sheet"]) {
      for (const query of ["starred=1&check=1", "starred=1"]) refused.push(await routes.takeaway.GET(get(`/api/takeaway/${format}?${query}`), { params: Promise.resolve({ format }) }));
    }
    for (const response of refused) {
      expect(response.status).toBe(409);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(NO_FAVOURITES);
    }
    const starred = await harness.history.store.setStarred((await generationOf("A starred kite")).id, true);
    expect(starred?.starred).toBe(true);
    expect((await routes.takeaway.GET(get("/api/takeaway/zip?starred=1&check=1"), { params: Promise.resolve({ format: "zip" }) })).status).toBe(204);
    const zip = await routes.takeaway.GET(get("/api/takeaway/zip?starred=1"), { params: Promise.resolve({ format: "zip" }) });
    expect(Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer()))).filter((name) => name.endsWith(".png"))).toHaveLength(1);
    expect((await harness.history.store.setStarred(starred?.id ?? "", false))?.starred).toBe(false);
  });
});

describe("a set's slide deck", () => {
  it("opens in LibreOffice: a title slide, the three models side by side, the settings; captions in English and in Chinese", async () => {
    const set = await comparisonOf(false, "A paper lantern floating on a dark lake");
    for (const [lang, revised, settings] of [["en", "Revised prompt", "Settings"], ["zh", "改写后的提示词", "设置"]] as const) {
      const response = await routes.deck.GET(get(`/api/comparisons/${set.id}/deck`, lang), { params: Promise.resolve({ id: set.id }) });
      expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
      expect(response.headers.get("content-disposition")).toContain(".pptx");
      const deck = await convertDeck(new Uint8Array(await response.arrayBuffer()));
      try {
        expect(deck.pages).toBe(3);
        const text = deck.text.replace(/\s+/g, " ");
        for (const caption of ["A paper lantern floating on a dark lake", "Wan 2.6", "Qwen-Image", "Qwen-Image Max", revised, settings]) expect(text).toContain(caption);
        // The comparison's slide holds its three pictures: far from a blank page.
        const { channels } = await sharp(await deck.page(2)).stats();
        expect(Math.max(...channels.map((channel) => channel.stdev))).toBeGreaterThan(20);
      } finally {
        await deck.done();
      }
    }
  }, 240_000);
});

describe("a selection taken away", () => {
  it("leaves out what was deleted and an unrevealed blind comparison's names, and says so in each file", async () => {
    const open = await comparisonOf(false, "A red kite over green hills");
    const blind = await comparisonOf(true, "A bowl of noodles on a wooden table");
    const single = await generationOf("A lone pine on a cliff");
    const gone = await generationOf("A snowman melting in the sun");
    await (await import("../../generations/[id]/route")).DELETE(new Request(`http://localhost/api/generations/${gone.id}`, { method: "DELETE" }), { params: Promise.resolve({ id: gone.id }) });
    const items = `comparison:${open.id},comparison:${blind.id},generation:${single.id},generation:${gone.id}`;
    const format = (name: string) => ({ params: Promise.resolve({ format: name }) });

    const zip = unzipSync(new Uint8Array(await (await routes.takeaway.GET(get(`/api/takeaway/zip?items=${items}`), format("zip"))).arrayBuffer()));
    const pngs = Object.keys(zip).filter((name) => name.endsWith(".png"));
    // The open comparison's three images and the single one; none of the blind comparison's, whose files name models.
    expect(pngs).toHaveLength(4);
    expect(new TextDecoder().decode(zip["README.txt"])).toBe(
      "1 chosen item was deleted since and is left out. 1 blind comparison not yet revealed is left out: its files would name the models.\n",
    );
    const manifest = JSON.parse(new TextDecoder().decode(zip["manifest.json"])) as Array<{ item: string; prompt: string }>;
    // Numbered by their place in the selection, as the deck numbers them: the blind comparison is the second.
    expect(manifest.map((line) => line.item)).toEqual(["1 · Wan 2.6", "1 · Qwen-Image", "1 · Qwen-Image Max", "3 · Wan 2.2 flash"]);
    // An image whose file goes while the zip is written (deleted meanwhile) is said missing, not listed as there.
    const lost = open.columns[1]?.generation.images[0];
    if (!lost) throw new Error("no image to lose");
    await harness.history.images.remove(lost.id);
    const partial = unzipSync(new Uint8Array(await (await routes.takeaway.GET(get(`/api/takeaway/zip?items=${items}`), format("zip"))).arrayBuffer()));
    const lostName = manifestFiles(zip).find((file) => !manifestFiles(partial).includes(file));
    expect(Object.keys(partial).filter((name) => name.endsWith(".png"))).toHaveLength(3);
    expect(lostName && partial[lostName]).toBeUndefined();
    expect(new TextDecoder().decode(partial["README.txt"])).toBe(
      `1 chosen item was deleted since and is left out. 1 blind comparison not yet revealed is left out: its files would name the models.\n\n1 image was deleted while this zip was written, so it is not in it: ${lostName}.\n`,
    );
    const csv = await (await routes.takeaway.GET(get(`/api/takeaway/csv?items=${items}`), format("csv"))).text();
    expect(csv.trimEnd().split("\r\n").at(-1)).toBe(
      "note,1 chosen item was deleted since and is left out. 1 blind comparison not yet revealed is left out: its files would name the models.",
    );
    // Its image links lead where the person is, not to the name the server listens on.
    const reached = await (await routes.takeaway.GET(new Request(`http://localhost/api/takeaway/csv?items=${items}`, { headers: { host: "127.0.0.1:3420" } }), format("csv"))).text();
    expect(reached).toMatch(/,http:\/\/127\.0\.0\.1:3420\/api\/images\/[^,]+\/download/);
    expect(reached).not.toContain("localhost");
    // Asked for from the Chinese interface, the same files say it in Chinese.
    const leftOutZh = "所选的 1 项已被删除，未包含在内。 1 组尚未揭晓的盲测对比未包含在内：其文件会写出模型名称。";
    const zipZh = unzipSync(new Uint8Array(await (await routes.takeaway.GET(get(`/api/takeaway/zip?items=${items}`, "zh"), format("zip"))).arrayBuffer()));
    expect(new TextDecoder().decode(zipZh["README.txt"])).toBe(`${leftOutZh}\n\n有 1 张图片在生成此 zip 时被删除，未包含在内：${lostName}。\n`);
    const csvZh = await (await routes.takeaway.GET(get(`/api/takeaway/csv?items=${items}`, "zh"), format("csv"))).text();
    expect(csvZh.trimEnd().split("\r\n").at(-1)).toBe(`note,${leftOutZh}`);

    const sheet = await routes.takeaway.GET(get(`/api/takeaway/contact-sheet?items=${items}`), format("contact-sheet"));
    expect(sheet.headers.get("content-type")).toBe("image/png");
    expect((await sharp(Buffer.from(await sheet.arrayBuffer())).metadata()).format).toBe("png");

    const deckResponse = await routes.takeaway.GET(get(`/api/takeaway/deck?items=${items}`, "en"), format("deck"));
    expect(deckResponse.headers.get("content-disposition")).toContain("selection_3-items.pptx");
    const deck = await convertDeck(new Uint8Array(await deckResponse.arrayBuffer()));
    try {
      // Title, the open comparison, the blind one, the single image, the settings.
      expect(deck.pages).toBe(5);
      const text = deck.text.replace(/\s+/g, " ");
      expect(text).toContain("3 items from the history");
      expect(text).toContain("1 chosen item was deleted since and is left out.");
      expect(text).toContain("A bowl of noodles on a wooden table");
      expect(text).toContain("Model A");
      expect(text).toContain("hidden until the reveal");
      // The open comparison's image removed from storage above: its place says so, and the title slide counts it.
      expect(text).toContain("This image is no longer stored here.");
      expect(text).toContain("1 image is no longer stored here, or could not be read: its place says so.");
      // The blind comparison's slide names no model: its own page's text.
      const blindPage = text.slice(text.indexOf("A bowl of noodles"), text.indexOf("A lone pine"));
      for (const name of ["Wan 2.6", "Qwen", "wan2", "qwen"]) expect(blindPage).not.toContain(name);
    } finally {
      await deck.done();
    }
  }, 240_000);

  it("a poll's report as slides: the ranking, the head-to-head, each item's images under their models with their votes, after the comparison was deleted", async () => {
    const blind = await comparisonOf(true, "Three teapots on a shelf");
    const made = await routes.polls.POST(post("/api/polls", { title: "Which teapot?", sets: [blind.id], reveal: "after_vote", access: "gate" }));
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    // Its twin shows the models only once closed: while open, its deck is its cover, saying why.
    const twin = (await (await routes.polls.POST(post("/api/polls", { title: "Which teapot, later?", sets: [blind.id], reveal: "on_close", access: "gate" }))).json()) as { id: string };
    for (const [voter, model] of [["v1", "qwen-image"], ["v2", "qwen-image"], ["v3", "wan2.6-t2i"]] as const) {
      expect(await harness.history.store.castVote({ pollId: id, item: 0, voter, choice: { kind: "pick", model }, createdAt: Date.now() })).toBe("cast");
    }
    // The poll keeps its images: the comparison deleted since takes nothing from its report.
    await routes.comparison.DELETE(new Request(`http://localhost/api/comparisons/${blind.id}`, { method: "DELETE" }), { params: Promise.resolve({ id: blind.id }) });
    // Open, it holds the ranking but not each item's images by model (a voter could read them before voting).
    const open = unzipSync(new Uint8Array(await (await routes.takeaway.GET(get(`/api/takeaway/deck?poll=${id}`, "en"), { params: Promise.resolve({ format: "deck" }) })).arrayBuffer()));
    expect(Object.keys(open).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))).toHaveLength(3);
    expect(new TextDecoder().decode(open["ppt/slides/slide1.xml"])).toContain("shown once the poll is closed");
    await harness.history.store.closePoll(id, Date.now());

    const response = await routes.takeaway.GET(get(`/api/takeaway/deck?poll=${id}`, "en"), { params: Promise.resolve({ format: "deck" }) });
    expect(response.headers.get("content-disposition")).toContain("poll_which-teapot.pptx");
    const deck = await convertDeck(new Uint8Array(await response.arrayBuffer()));
    try {
      // Title, ranking, head to head, the item.
      expect(deck.pages).toBe(4);
      const text = deck.text.replace(/\s+/g, " ");
      for (const shown of ["Which teapot?", "3 votes from 3 voters; 0 said all were bad.", "Too few votes to rank with confidence", "Leaderboard", "Head to head", "Qwen-Image / Wan 2.6", "Three teapots on a shelf", "2 picked it", "1 picked it", "0 picked it", "Comparison 1 · Ties: 0 · all bad: 0"]) {
        expect(text).toContain(shown);
      }
      const ranking = text.slice(text.indexOf("Leaderboard"), text.indexOf("Head to head"));
      expect(ranking.indexOf("Qwen-Image")).toBeLessThan(ranking.indexOf("Wan 2.6"));
      // The item's slide holds its three pictures: far from a blank page.
      const { channels } = await sharp(await deck.page(4)).stats();
      expect(Math.max(...channels.map((channel) => channel.stdev))).toBeGreaterThan(20);
    } finally {
      await deck.done();
    }
    expect((await routes.takeaway.GET(get("/api/takeaway/deck?poll=missing"), { params: Promise.resolve({ format: "deck" }) })).status).toBe(404);
    const held = unzipSync(new Uint8Array(await (await routes.takeaway.GET(get(`/api/takeaway/deck?poll=${twin.id}`, "en"), { params: Promise.resolve({ format: "deck" }) })).arrayBuffer()));
    const slides = Object.keys(held).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
    expect(slides).toEqual(["ppt/slides/slide1.xml"]);
    expect(new TextDecoder().decode(held["ppt/slides/slide1.xml"])).toContain("shown once it is closed");

    // The poll's sets as a zip: its comparison deleted since, the file says so.
    const zip = unzipSync(new Uint8Array(await (await routes.takeaway.GET(get(`/api/takeaway/zip?poll=${id}`), { params: Promise.resolve({ format: "zip" }) })).arrayBuffer()));
    expect(new TextDecoder().decode(zip["README.txt"])).toBe("1 of the poll's comparisons is left out: it came from a set deleted since.\n");
  }, 240_000);

  it("an image of an unrevealed blind comparison, chosen alone, is left out of the files, and neither shared nor edited until the reveal", async () => {
    const blind = await comparisonOf(true, "Two foxes in the snow");
    const column = blind.columns[0]?.generation;
    const image = column?.images[0];
    if (!column || !image) throw new Error("no column");
    const zipOf = async () => unzipSync(new Uint8Array(await (await routes.takeaway.GET(get(`/api/takeaway/zip?items=generation:${column.id}`), { params: Promise.resolve({ format: "zip" }) })).arrayBuffer()));
    const before = await zipOf();
    expect(Object.keys(before).filter((name) => name.endsWith(".png"))).toHaveLength(0);
    expect(new TextDecoder().decode(before["README.txt"])).toBe("1 chosen image of a blind comparison not yet revealed is left out: alone, it would name its model.\n");
    const share = () => routes.shares.POST(post("/api/shares", { title: "A fox", entries: [{ kind: "generation", id: column.id }] }));
    const refused = await share();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^The link was not made: an image chosen belongs to a blind comparison/);
    // Beside its own comparison it is not alone: the link shows it there, hidden.
    const whole = await routes.shares.POST(post("/api/shares", { title: "Foxes", entries: [{ kind: "comparison", id: blind.id }, { kind: "generation", id: column.id }] }));
    expect(whole.status).toBe(201);
    const input = () => routes.inputs.POST(post("/api/inputs", { imageId: image.id }));
    const edit = await input();
    expect(edit.status).toBe(403);
    expect(((await edit.json()) as { error: { message: string } }).error.message).toMatch(/as an edit's input its size would tell its model/);

    // Revealed, the same image is an image like any other.
    const revealed = await routes.comparison.PATCH(new Request(`http://localhost/api/comparisons/${blind.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ revealed: true }) }), { params: Promise.resolve({ id: blind.id }) });
    expect(revealed.status).toBe(200);
    expect(Object.keys(await zipOf()).filter((name) => name.endsWith(".png"))).toHaveLength(1);
    expect((await share()).status).toBe(201);
    expect((await input()).status).toBe(201);
  }, 120_000);

  it("numbers every file's items by their place in the selection, one deleted before them; a contact sheet captions them in the interface's language", async () => {
    const gone = await generationOf("A sandcastle at high tide");
    const set = await comparisonOf(false, "A lighthouse at dawn");
    const lines = { model: "wan2.2-t2i-flash", aspect: "1:1", n: 1, seed: 7, promptExtend: false, watermark: false } as const;
    const started = (await (await routes.batches.POST(post("/api/batches", toBatchRequest("Two animals", "lines", rowsFromLines("A fox\nAn owl", lines))))).json()) as ComparisonView;
    const batch = await settledSet(harness, started.id);
    const single = await generationOf("A heron in the reeds");
    await (await import("../../generations/[id]/route")).DELETE(new Request(`http://localhost/api/generations/${gone.id}`, { method: "DELETE" }), { params: Promise.resolve({ id: gone.id }) });
    const items = `generation:${gone.id},comparison:${set.id},comparison:${batch.id},generation:${single.id}`;
    const download = (format: string, lang?: "en" | "zh") => routes.takeaway.GET(get(`/api/takeaway/${format}?items=${items}`, lang), { params: Promise.resolve({ format }) });
    const named = ["2 · Wan 2.6", "2 · Qwen-Image", "2 · Qwen-Image Max", "3 · line 1", "3 · line 2", "4 · Wan 2.2 flash"];

    const [header, ...rows] = parseCsv(await (await download("csv")).text());
    const item = header?.cells.indexOf("item") ?? -1;
    expect(rows.map((row) => row.cells[item]).filter((name) => name !== "note")).toEqual(named);
    const zip = unzipSync(new Uint8Array(await (await download("zip")).arrayBuffer()));
    expect((JSON.parse(new TextDecoder().decode(zip["manifest.json"])) as Array<{ item: string }>).map((line) => line.item)).toEqual(named);
    // The images' names start with the numbers the deck gives them below, a set's column after its item's.
    expect(Object.keys(zip).filter((name) => name.startsWith("images/")).map((name) => name.split("_")[0])).toEqual(["images/002.1", "images/002.2", "images/002.3", "images/003.1", "images/003.2", "images/004"]);

    // The deck's settings table: a line per generation, numbered by item (and column, or a batch's line), a long cell in runs.
    const deck = unzipSync(new Uint8Array(await (await download("deck")).arrayBuffer()));
    const texts = Object.entries(deck)
      .filter(([name]) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
      .flatMap(([, xml]) => [...new TextDecoder().decode(xml).matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((match) => match[1]));
    const settings = texts.slice(texts.lastIndexOf("Settings")).join("");
    for (const line of ["prompt2.1Wan 2.6", "off2.2Qwen-Image1664", "off2.3Qwen-Image Max", "off3 · Line 1Wan 2.2 flash", "off3 · Line 2Wan 2.2 flash", "off4Wan 2.2 flash"]) expect(settings).toContain(line);

    sheetCaptions.length = 0;
    expect((await download("contact-sheet", "zh")).status).toBe(200);
    expect((await download("contact-sheet", "en")).status).toBe(200);
    expect((await routes.sheet.GET(get(`/api/comparisons/${batch.id}/contact-sheet`, "zh"), { params: Promise.resolve({ id: batch.id }) })).status).toBe(200);
    expect(sheetCaptions).toEqual([
      ["2 · Wan 2.6", "2 · Qwen-Image", "2 · Qwen-Image Max", "3 · 第 1 行", "3 · 第 2 行", "4 · Wan 2.2 flash"],
      ["2 · Wan 2.6", "2 · Qwen-Image", "2 · Qwen-Image Max", "3 · Line 1", "3 · Line 2", "4 · Wan 2.2 flash"],
      ["第 1 行", "第 2 行"],
    ]);
  }, 120_000);

  it("refuses a list it cannot read, before reading anything", async () => {
    const response = await routes.takeaway.GET(get("/api/takeaway/zip?items=nonsense"), { params: Promise.resolve({ format: "zip" }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("?items=");
    expect((await routes.takeaway.GET(get("/api/takeaway/pdf?starred=1"), { params: Promise.resolve({ format: "pdf" }) })).status).toBe(404);
  });
});

describe("an edit taken away", () => {
  it("says it is one in every file: its input beside its result on the slide, in the zip and named in the manifests, its size as sent", async () => {
    const photo = await sharp({ create: { width: 3000, height: 400, channels: 3, background: { r: 30, g: 90, b: 160 } } }).jpeg().toBuffer();
    const input = (await (await routes.inputs.POST(new Request("http://localhost/api/inputs", { method: "POST", headers: { "content-type": "image/jpeg" }, body: new Uint8Array(photo) }))).json()) as { id: string };
    const edits = await import("../../edits/route");
    const body = { model: "qwen-image-edit-plus", input: { id: input.id, width: 3000, height: 400 }, prompt: "make the sky stormy", negativePrompt: "", size: null, n: 1, seed: 5, promptExtend: true, watermark: false };
    const started = (await (await edits.POST(post("/api/edits", body))).json()) as GenerationView;
    await harness.history.runner.idle();
    const edit = await harness.history.store.get(started.id);
    expect(edit?.images.map((image) => `${image.width}*${image.height}`)).toEqual(["2048*512"]);
    const format = (name: string) => ({ params: Promise.resolve({ format: name }) });
    const items = `generation:${started.id}`;

    const zip = unzipSync(new Uint8Array(await (await routes.takeaway.GET(get(`/api/takeaway/zip?items=${items}`), format("zip"))).arrayBuffer()));
    expect(await sharp(Buffer.from(zip["images/001_input.png"] ?? [])).metadata()).toMatchObject({ format: "png", width: 3000, height: 400 });
    const [line] = JSON.parse(new TextDecoder().decode(zip["manifest.json"])) as Array<{ settings: string; size: string; input_file: string; input_url: string }>;
    expect(JSON.parse(line?.settings ?? "{}")).toEqual({ size: null, n: 1, prompt_extend: true, watermark: false, input: { id: input.id, width: 3000, height: 400 } });
    expect([line?.size, line?.input_file, line?.input_url]).toEqual(["2048*512", "images/001_input.png", `http://localhost/api/images/${input.id}`]);

    // Read back into the Batch form, it is refused with its line rather than run from text.
    const csv = await (await routes.takeaway.GET(get(`/api/takeaway/csv?items=${items}`), format("csv"))).text();
    const defaults = { model: "qwen-image", aspect: "1:1", n: 1, seed: null, promptExtend: false, watermark: false } as const;
    expect(rowProblems(rowsFromCsv(csv, defaults)).map((problem) => problem.message)).toEqual(["Line 2: It is an edit of an input image, and a batch makes images from text: remove this line."]);

    const deck = await convertDeck(new Uint8Array(await (await routes.takeaway.GET(get(`/api/takeaway/deck?items=${items}`), format("deck"))).arrayBuffer()));
    try {
      expect(deck.pages).toBe(3);
      const text = deck.text.replace(/\s+/g, " ");
      for (const said of ["Edit: make the sky stormy", "Before", "After · Qwen-Image Edit Plus", "Input: 3000*400, uploaded", "following the input"]) expect(text).toContain(said);
      expect(text).not.toContain("2048*512");
      // The input's blue band beside the result: both pictures are drawn on the edit's slide.
      const words = await deck.words(2);
      const before = words.find((word) => word.text === "Before");
      const after = words.find((word) => word.text === "After");
      expect(before && after && before.xMin < after.xMin).toBe(true);
    } finally {
      await deck.done();
    }
  }, 240_000);
});
