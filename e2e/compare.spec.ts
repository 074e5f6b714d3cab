import type { Locator } from "@playwright/test";
import { expect, failure, test, viewEntryGone } from "./fixtures";

/**
 * How a card's row of buttons (the one that ends with Delete) is laid out: the gaps between neighbours on a
 * line, between lines, and each control's height.
 */
const rowLayout = (row: Locator) =>
  row.evaluate((element) => {
    const boxes = [...element.querySelectorAll("button, a, input, label")]
      .map((control) => ({ control, box: control.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0)
      .sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left);
    const lines: DOMRect[][] = [];
    for (const { box } of boxes) {
      const line = lines.find((held) => held.some((other) => box.top < other.bottom && other.top < box.bottom));
      if (line) line.push(box);
      else lines.push([box]);
    }
    const across = lines.flatMap((line) => line.sort((a, b) => a.left - b.left).slice(1).map((box, index) => Math.round(box.left - (line[index]?.right ?? 0))));
    const down = lines.slice(1).map((line, index) => Math.round(Math.min(...line.map((box) => box.top)) - Math.max(...(lines[index] ?? []).map((box) => box.bottom))));
    const heights = boxes.filter(({ control }) => control.tagName !== "LABEL").map(({ box }) => Math.round(box.height));
    return { across, down, heights, lines: lines.length };
  });

const expectEvenRow = async (row: Locator, where: string) => {
  const { across, down, heights, lines } = await rowLayout(row);
  expect(across.length, where).toBeGreaterThan(2);
  expect(new Set(across), `${where}: gaps across ${across.join(", ")}`).toEqual(new Set([8]));
  if (lines > 1) expect(new Set(down), `${where}: gaps between lines ${down.join(", ")}`).toEqual(new Set([8]));
  expect(new Set(heights).size, `${where}: heights ${heights.join(", ")}`).toBe(1);
};

/**
 * How a control's words sit in its column: on how many lines (a word broken inside, "C/a/n/c/e/l", takes
 * more than one), whether a box of its own is one line tall, and whether it stays within the column.
 */
const expectOneLine = async (element: Locator, column: Locator, where: string) => {
  const layout = await element.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    const style = getComputedStyle(node);
    // An inline badge's box is as tall as its font, whatever its lines: only a box of its own is measured.
    const inner = style.display === "inline" ? null : Math.round(node.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom));
    return { lines, inner, line: Math.round(parseFloat(style.lineHeight)) };
  });
  const [box, room] = await Promise.all([element.boundingBox(), column.boundingBox()]);
  if (!box || !room) throw new Error(`${where}: nothing to measure`);
  expect(layout.lines, `${where}: lines of text`).toBe(1);
  if (layout.inner !== null) expect(layout.inner, `${where}: height inside`).toBe(layout.line);
  expect(box.x, `${where}: left edge`).toBeGreaterThanOrEqual(room.x);
  expect(box.x + box.width, `${where}: right edge`).toBeLessThanOrEqual(room.x + room.width);
};

test.describe("comparing models side by side", () => {
  test("three models, one prompt and seed: each column fills in on its own, and one model's failure stays in its column", async ({ compare, simulator, page }) => {
    await simulator.configure({ latencyMs: 2500 });
    await simulator.fault("moderation", { model: "qwen-image" });
    await compare.chooseModels(["Wan 2.6", "Qwen-Image Max", "Qwen-Image"]);
    await compare.form.getByLabel("Aspect ratio").selectOption("16:9");
    // Before anything is sent, the form says what each model will get.
    const plan = compare.form.getByRole("table", { name: "What each model gets" });
    await expect(plan.getByRole("row", { name: /Wan 2\.6/ })).toContainText("1792*1008 (16:9)");
    await expect(plan.getByRole("row", { name: /^Qwen-Image Max/ })).toContainText("1664*928 (16:9)");
    await compare.prompt.fill("A lighthouse on a cliff at dawn");
    await compare.form.getByLabel("Seed", { exact: true }).fill("4242");
    await compare.submit();

    const card = compare.card();
    await expect(card.getByRole("listitem", { name: /./ }).filter({ has: page.getByRole("heading") })).toHaveCount(3);
    // The refused model answers at once; the others are still working when its failure shows.
    const failed = compare.column(card, "Qwen-Image");
    await expect(failure(failed)).toContainText(/moderation|content/i);
    await expect(compare.column(card, "Wan 2.6").getByRole("timer")).toBeVisible();
    await expect(compare.column(card, "Wan 2.6").getByRole("img")).toBeVisible();
    await expect(compare.column(card, "Qwen-Image Max").getByRole("img")).toBeVisible();
    await expect(failed.getByRole("img")).toHaveCount(0);
    await expect(card).toContainText("Seed 4242");
    await expect(compare.column(card, "Wan 2.6")).toContainText("1792*1008 (16:9)");
    await card.screenshot({ path: "test-results/screenshots/comparison.png" });

    // The failed column runs again in its place, with the same seed.
    await failed.getByRole("button", { name: "Retry this model" }).click();
    await expect(failed.getByRole("img")).toBeVisible();
    await expect(failure(failed)).toHaveCount(0);
    await expect(page.getByRole("article")).toHaveCount(1);

    const stats = await simulator.stats();
    expect(stats.calls).toBe(4);
    expect(stats.lastRequest).toMatchObject({ model: "qwen-image", seed: 4242, prompt: "A lighthouse on a cliff at dawn" });

    // Saved as one history item, and it can be reopened into the form.
    await page.reload();
    await expect(page.getByRole("article")).toHaveCount(1);
    await compare.card().getByRole("button", { name: "Reuse settings" }).click();
    await expect(compare.form).toBeVisible();
    await expect(compare.model("Qwen-Image")).toBeChecked();
    await expect(compare.model("Wan 2.6")).toBeChecked();
    await expect(compare.model("Wan 2.2 flash")).not.toBeChecked();
    await expect(compare.prompt).toHaveValue("A lighthouse on a cliff at dawn");
    await expect(compare.form.getByLabel("Seed", { exact: true })).toHaveValue("4242");
  });

  test("four models at work keep Cancel, and then the status badge, on one line in every column, in English and Chinese, on a phone and on wide screens", async ({ compare, simulator, page }) => {
    test.setTimeout(90_000);
    await simulator.configure({ latencyMs: 20_000 });
    const models = ["Wan 2.6", "Qwen-Image Plus", "Wan 2.2 flash", "Qwen-Image Max"];
    await compare.chooseModels(models);
    await compare.prompt.fill("A lantern festival over a river at night");
    // A comparison of each language, each cancelled once measured: the gateway's 20 s would end it otherwise.
    const languages = [
      { language: "en", theme: "light", submit: "Compare 4 models", cancel: "Cancel", cancelled: "Cancelled" },
      // Chinese breaks between any two characters, and the dark theme is looked at too.
      { language: "zh", theme: "dark", submit: "对比 4 个模型", cancel: "取消", cancelled: "已取消" },
    ] as const;
    for (const { language, theme, submit, cancel, cancelled } of languages) {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width: 1280, height: 900 });
      if (language === "zh") {
        await page.getByLabel("Language").selectOption("zh");
        await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      }
      await page.getByRole("button", { name: submit, exact: true }).click();
      const card = page.getByRole("article").first();
      await expect(card.getByRole("timer")).toHaveCount(4);
      const columns = models.map((model) => ({ model, column: card.getByRole("listitem", { name: model, exact: true }) }));
      const check = async (find: (column: Locator) => Locator, what: string, shot: string) => {
        for (const width of [390, 1280, 1920]) {
          await page.setViewportSize({ width, height: 900 });
          for (const { model, column } of columns) await expectOneLine(find(column), column, `${what} in ${model} at ${width} px`);
          if (width === 1280) await card.screenshot({ path: `test-results/screenshots/comparison-four-${language}-${theme}-${shot}.png` });
        }
      };
      await check((column) => column.getByRole("button", { name: cancel, exact: true }), cancel, "running");
      for (const { column } of columns) await column.getByRole("button", { name: cancel, exact: true }).click();
      await check((column) => column.getByText(cancelled, { exact: true }), cancelled, "cancelled");
    }
  });

  test("deleting a comparison asks first, counting its images: Keep keeps it, Delete takes it out of the history for good", async ({ compare, page }) => {
    await compare.chooseModels(["Wan 2.6", "Qwen-Image Max"]);
    await compare.prompt.fill("A paper boat on a puddle");
    await compare.submit();
    const card = compare.card();
    await expect(card.getByRole("img")).toHaveCount(2);
    const deletes: string[] = [];
    page.on("request", (sent) => {
      if (sent.method() === "DELETE") deletes.push(new URL(sent.url()).pathname);
    });
    const ask = card.getByRole("button", { name: "Delete", exact: true });
    const question = card.getByRole("group", { name: "Delete this comparison and its 2 images?" });

    await ask.click();
    await expect(question.getByText("Delete this comparison and its 2 images?", { exact: true })).toBeVisible();
    await question.getByRole("button", { name: "Keep" }).click();
    await expect(question).toHaveCount(0);
    await expect(ask).toBeFocused();
    await expect(card.getByRole("img")).toHaveCount(2);
    await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0);

    await ask.click();
    await question.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByRole("article")).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: "Deleted comparison “A paper boat on a puddle”." })).toBeVisible();
    // Keep sent nothing: the server hears of a delete only once its Undo's window has closed.
    expect(deletes).toEqual([]);
    // The window stays open while the pointer or the focus is on the notice: leave it, and it closes.
    const told = page.waitForResponse((answer) => answer.request().method() === "DELETE" && /^\/api\/comparisons\/[^/]+$/.test(new URL(answer.url()).pathname), { timeout: 20_000 });
    await page.mouse.move(0, 0);
    await compare.prompt.focus();
    expect((await told).status()).toBe(204);
    await page.reload();
    await expect(page.getByText("Your images will appear here")).toBeVisible();
    await expect(page.getByRole("article")).toHaveCount(0);
  });

  test("a form refuses a single model, and a fifth one is disabled with the reason", async ({ compare }) => {
    await compare.chooseModels(["Wan 2.6"]);
    await compare.prompt.fill("A cat");
    await compare.submit();
    await expect(compare.form.getByRole("alert")).toHaveText("Pick at least 2 models to compare.");
    await compare.chooseModels(["Wan 2.6", "Wan 2.5 preview", "Qwen-Image", "Qwen-Image Max"]);
    await expect(compare.model("Wan 2.2 flash")).toBeDisabled();
    await expect(compare.form).toContainText("4 chosen, the most at once: untick one to choose another.");
    // What each chosen model is good at, readable without a pointer's tooltip, in the order chosen.
    const about = compare.form.getByRole("list", { name: "The chosen models" }).getByRole("listitem");
    await expect(about).toHaveCount(4);
    await expect(about.first()).toHaveText(/^Wan 2\.6: \S/);
  });

  test("blind mode says at the count that each model makes fewer, and the count typed comes back when it is off", async ({ compare }) => {
    await compare.chooseModels(["Wan 2.6", "Qwen-Image Max"]);
    const count = compare.form.getByLabel("Images per model");
    await count.fill("2");
    await compare.form.getByLabel("Blind comparison").check();
    // Qwen-Image Max makes one image a request: said at the count itself, not only under the plan.
    await expect(count).toHaveAccessibleDescription("Blind: 1 image per model (the most every chosen model makes), so no column stands out. Your 2 stay here for when blind mode is off.");
    await expect(count).toHaveValue("2");
    await compare.form.getByLabel("Blind comparison").uncheck();
    await expect(count).toHaveAccessibleDescription("1 to 4, capped by each model's own limit.");
    await expect(count).toHaveValue("2");
  });

  test("a column's images that share one revised prompt say it once, under them, on the card and on its share page", async ({ compare, page }) => {
    await compare.chooseModels(["Wan 2.6", "Qwen-Image Max"]);
    await compare.form.getByLabel("Images per model").fill("2");
    await compare.prompt.fill("A kite over a wheat field");
    const posted = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/comparisons" && response.request().method() === "POST");
    await compare.submit();
    const { id } = (await (await posted).json()) as { id: string };
    const card = compare.card();
    const wan = compare.column(card, "Wan 2.6");
    await expect(wan.getByRole("img")).toHaveCount(2, { timeout: 20_000 });
    await expect(wan.getByText("Revised prompt of all 2 images")).toHaveCount(1);
    await expect(wan.getByText("Revised prompt", { exact: true })).toHaveCount(0);
    await expect(wan.getByTestId("revised-prompt")).toHaveCount(1);
    // The model that makes one image a request keeps its image's own.
    const max = compare.column(card, "Qwen-Image Max");
    await expect(max.getByRole("img")).toHaveCount(1);
    await expect(max.getByText("Revised prompt", { exact: true })).toHaveCount(1);
    // Its settings put back in the form, which says where they came from, as the one-model form does.
    await card.getByRole("button", { name: "Reuse settings", exact: true }).click();
    await expect(compare.form.getByText("Settings loaded from the history.", { exact: true })).toBeVisible();

    const share = await page.request.post("/api/shares", { data: { title: "", entries: [{ kind: "comparison", id }] } });
    await page.goto(((await share.json()) as { path: string }).path);
    await expect(page.getByText("Revised prompt of all 2 images")).toHaveCount(1);
    await expect(page.getByText("Revised prompt", { exact: true })).toHaveCount(1);
    await page.getByRole("link", { name: "Open in playground" }).click();
    await expect(compare.prompt).toHaveValue("A kite over a wheat field");
    await expect(compare.form.getByText("Settings loaded from the shared link.", { exact: true })).toBeVisible();
  });

  test("a blind comparison is stopped whole: Cancel all stops every column in one request, none alone", async ({ compare, simulator, page }) => {
    await simulator.configure({ latencyMs: 20_000 });
    await compare.chooseModels(["Wan 2.6", "Qwen-Image Max"]);
    await compare.prompt.fill("A tram in the rain");
    await compare.form.getByLabel("Blind comparison").check();
    await compare.submit();
    const card = compare.card();
    await expect(card.getByText(/ made · /)).toContainText("2 running");
    const cancels: string[] = [];
    page.on("request", (sent) => {
      if (sent.method() === "POST" && sent.url().includes("/cancel")) cancels.push(new URL(sent.url()).pathname);
    });
    await card.getByRole("button", { name: "Cancel all unfinished" }).click();
    // What a column that finished meanwhile tells is said before anything is stopped.
    await expect(card.getByText(/A column that has already finished keeps its images and shows them now/)).toBeVisible();
    await card.getByRole("button", { name: "Cancel them" }).click();
    await expect(card.getByText(/ made · /)).toContainText("0 running · 0 waiting");
    await expect(card.getByText("Cancelled", { exact: true })).toHaveCount(2);
    expect(cancels).toEqual([expect.stringMatching(/^\/api\/comparisons\/[^/]+\/cancel$/)]);
  });

  test("a card's buttons stand at even gaps, and a share link takes its row's width, on a revealed blind comparison as on a generation", async ({ playground, page }) => {
    const post = async (path: string, data: unknown) => {
      const response = await page.request.post(path, { data, headers: { prefer: "wait=20" } });
      expect(response.ok()).toBe(true);
      return ((await response.json()) as { id: string }).id;
    };
    await post("/api/generations", { model: "wan2.2-t2i-flash", prompt: "A paper boat on a pond", negativePrompt: "", width: 512, height: 512, n: 1, seed: 2, promptExtend: true, watermark: false });
    const blind = await post("/api/comparisons", { models: ["wan2.6-t2i", "qwen-image-max"], prompt: "A bowl of ramen, studio light", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 4, promptExtend: true, watermark: false, blind: true });
    expect((await page.request.patch(`/api/comparisons/${blind}`, { data: { revealed: true } })).ok()).toBe(true);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await playground.open();
      const cards = [
        { name: "the revealed comparison", card: page.getByRole("article", { name: /^Comparison of 2 models: A bowl of ramen/ }) },
        { name: "the generation", card: page.getByRole("article", { name: /A paper boat on a pond/ }) },
      ];
      for (const { name, card } of cards) {
        const where = `${name} at ${width} px`;
        const row = card.getByRole("button", { name: "Delete", exact: true }).locator("..");
        await expect(card.getByRole("img").first()).toBeVisible();
        await expectEvenRow(row, where);
        await card.getByRole("button", { name: "Share link", exact: true }).click();
        const field = card.getByRole("textbox", { name: "Share link" });
        await expect(field).toBeVisible();
        await expectEvenRow(row, `${where}, its link open`);
        // The link's line is the row's whole width, whatever sits before it.
        const [line, rowBox, fieldBox] = await Promise.all([field.locator("..").boundingBox(), row.boundingBox(), field.boundingBox()]);
        if (!line || !rowBox || !fieldBox) throw new Error(`${where}: nothing to measure`);
        expect(Math.abs(line.x - rowBox.x), where).toBeLessThan(1);
        expect(Math.abs(line.width - rowBox.width), where).toBeLessThan(1);
        expect(fieldBox.width, where).toBeGreaterThan(rowBox.width / 2 - 100);
      }
    }
  });

  test("blind mode hides which model made which column until someone reveals it", async ({ compare, page }) => {
    await compare.chooseModels(["Wan 2.6", "Qwen-Image Max"]);
    await compare.prompt.fill("A bowl of ramen, studio light");
    await compare.form.getByLabel("Blind comparison").check();
    // Across families the watermark's words would name them: refused at its switch, before anything is sent.
    const watermark = compare.form.getByRole("switch", { name: "Watermark" });
    await watermark.check();
    await compare.submit();
    await expect(watermark).toHaveAccessibleDescription(/A blind comparison cannot carry the watermark across model families/);
    await expect(page.getByRole("article")).toHaveCount(0);
    // Blind mode off, the refusal goes at once; back on, it is said again.
    await compare.form.getByLabel("Blind comparison").uncheck();
    await expect(watermark).toHaveAttribute("aria-invalid", "false");
    await compare.form.getByLabel("Blind comparison").check();
    await expect(watermark).toHaveAttribute("aria-invalid", "true");
    await watermark.uncheck();
    await expect(watermark).toHaveAttribute("aria-invalid", "false");
    await compare.submit();
    const card = compare.card();
    await expect(compare.column(card, "Model A").getByRole("img")).toBeVisible();
    await expect(compare.column(card, "Model B").getByRole("img")).toBeVisible();
    for (const name of ["Wan 2.6", "Qwen-Image Max", "wan2.6-t2i", "qwen-image-max", "1280*1280", "1328*1328"]) await expect(card).not.toContainText(name);
    await expect(card.getByRole("link", { name: "Download PNG" })).toHaveCount(0);
    // A model's way of rewriting the prompt would tell it: the revised prompts wait for the reveal too.
    await expect(compare.column(card, "Model A")).toContainText("Shown when the models are revealed.");
    // The set leaves only as slides (under its letters): its zip's files would name the models.
    await expect(card.getByRole("button", { name: "Download as slides" })).toBeVisible();
    await expect(card.getByRole("link", { name: "Download images (zip)" })).toHaveCount(0);
    // The lightbox gives nothing away either.
    await compare.column(card, "Model A").getByRole("button", { name: /^Open image 1/ }).click();
    await expect(page.getByRole("dialog")).not.toContainText(/Wan|Qwen|wan|qwen|\d+\*\d+/);
    await expect(page.getByRole("dialog").getByRole("link", { name: "Download PNG" })).toHaveCount(0);
    await page.keyboard.press("Escape");

    // Neither a download nor a share page gives the models away: not the file's name, not the page's payload.
    const imageId = (await compare.column(card, "Model A").getByRole("img").getAttribute("src"))?.split("/")[3] ?? "";
    const download = await page.request.get(`/api/images/${imageId}/download`);
    expect(download.status()).toBe(403);
    await card.getByRole("button", { name: "Share link" }).click();
    const link = await card.getByRole("textbox", { name: "Share link" }).inputValue();
    const html = await (await page.request.get(link)).text();
    // The rendered markup, and the data the page's script receives for the share (the interface's catalogue,
    // which names models in its example prompts, is sent to every page alike).
    const markup = html.slice(0, html.indexOf("self.__next_f"));
    const start = html.indexOf('\\"share\\":{\\"id\\"');
    const data = html.slice(start, html.indexOf('\\"missing\\":', start));
    expect(markup).toContain("A bowl of ramen, studio light");
    expect(data).toContain("hidden-comparison");
    for (const name of ["Wan 2.6", "Qwen-Image Max", "wan2.6-t2i", "qwen-image-max", "1280*1280", "1328*1328"]) {
      expect(markup).not.toContain(name);
      expect(data).not.toContain(name);
    }
    const visitor = await page.context().newPage();
    await visitor.goto(link);
    await expect(visitor.getByRole("listitem", { name: "Model A" }).getByRole("img")).toBeVisible();
    await expect(visitor.getByRole("listitem", { name: "Model B" }).getByRole("img")).toBeVisible();
    await visitor.close();

    // A reveal cannot be undone, so it asks first; "Not yet" keeps the secret.
    await card.getByRole("button", { name: "Reveal models" }).click();
    await card.getByRole("button", { name: "Not yet" }).click();
    await expect(card.getByRole("button", { name: "Reveal models" })).toBeFocused();
    await expect(card.getByRole("heading", { name: "Model A" })).toBeVisible();
    await card.getByRole("button", { name: "Reveal models" }).click();
    await expect(card.getByRole("group", { name: "Show which model made each column? This cannot be undone." })).toBeVisible();
    // Which image each letter held, to find it again under its letter once the names show.
    const imageIds = async (column: ReturnType<typeof compare.column>) => (await column.getByRole("img").getAttribute("src"))?.split("/")[3];
    const heldA = await imageIds(compare.column(card, "Model A"));
    await card.getByRole("button", { name: "Reveal", exact: true }).click();
    await expect(card.getByRole("heading", { name: "Wan 2.6" })).toBeVisible();
    await expect(card.getByRole("heading", { name: "Qwen-Image Max" })).toBeVisible();
    await expect(card.getByRole("button", { name: "Reveal models" })).toHaveCount(0);
    // The letters people spoke of stay beside the names, on the card, the share page and the slides.
    const revealed = /^[AB] · (Wan 2\.6|Qwen-Image Max)$/;
    const headings = await card.getByRole("heading", { level: 3 }).allTextContents();
    expect(headings).toHaveLength(2);
    for (const heading of headings) expect(heading).toMatch(revealed);
    expect(headings.map((heading) => heading[0])).toEqual(["A", "B"]);
    const columnA = headings[0] ?? "";
    expect(await imageIds(compare.column(card, columnA))).toBe(heldA);
    const revisit = await page.context().newPage();
    await revisit.goto(link);
    await expect(revisit.getByRole("listitem", { name: columnA, exact: true }).getByRole("img")).toBeVisible();
    await expect(revisit.getByRole("listitem", { name: headings[1] ?? "", exact: true }).getByRole("img")).toBeVisible();
    await revisit.close();
    await card.getByRole("button", { name: "Present" }).click();
    const show = page.getByRole("dialog", { name: "Presentation" });
    await expect(show.getByRole("figure").first()).toContainText(columnA);
    await page.keyboard.press("Escape");
    await viewEntryGone(page);
    await page.reload();
    await expect(compare.card().getByRole("heading", { name: "Qwen-Image Max" })).toBeVisible();
  });
});
