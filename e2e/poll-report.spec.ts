import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import type { APIRequestContext } from "@playwright/test";
import { unzipSync } from "fflate";
import { expect, test } from "./fixtures";

/** A poll's making and its Results page as a report: what it leaves out, why its ranking is uncertain, and on paper. */

/** Each choice a vote of its own voter (a browser of its own), sent as the vote page sends it. */
const vote = async (link: string, choices: readonly string[], origin: string, newContext: () => Promise<APIRequestContext>) => {
  const api = link.replace("/vote/", "/api/vote/");
  for (const choice of choices) {
    const voter = await newContext();
    try {
      const { seat } = (await (await voter.get(api)).json()) as { seat: string };
      expect((await voter.post(`${api}/votes`, { headers: { origin }, data: { item: 0, seat, choice } })).status()).toBe(201);
    } finally {
      await voter.dispose();
    }
  }
};

test("a poll of a comparison whose model failed says so before it is made; its report says which need its votes leave unmet and, closed, what the poll left out, on the page and the slides alike", async ({ compare, simulator, page, playwright, origin }) => {
  test.setTimeout(90_000);
  await simulator.fault("moderation", { model: "qwen-image-max" });
  await compare.chooseModels(["Wan 2.6", "Qwen-Image Max", "Qwen-Image"]);
  await compare.prompt.fill("A lighthouse on a cliff at dawn");
  await compare.submit();
  const card = compare.card();
  await expect(card.getByRole("img")).toHaveCount(2);
  await card.getByRole("button", { name: "Make a poll" }).click();
  const form = card.getByRole("form", { name: "Make a poll" });
  // Soft: the report's checks below go on either way.
  await expect.soft(form.getByRole("note", { name: "What the poll leaves out, for want of an image:" }).getByRole("listitem")).toHaveText([
    "“A lighthouse on a cliff at dawn”: Qwen-Image Max failed, so its item compares the other models only.",
  ]);
  await form.getByLabel("Poll title").fill("Which lighthouse?");
  await form.getByLabel("Anyone with the link").check();
  await form.getByRole("button", { name: "Make the poll" }).click();
  const link = await card.getByRole("textbox", { name: "Voting link" }).inputValue();
  await vote(link, ["tie", "tie", "bad"], origin, () => playwright.request.newContext({ baseURL: origin }));
  // Closed, its report shows the items, and with them what the poll left out: by model, the models shown now.
  await card.getByRole("button", { name: "Close poll" }).click();
  await card.getByRole("button", { name: "Close it" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Closed" })).toBeVisible();

  await card.getByRole("link", { name: "Results", exact: true }).click();
  await expect(page.getByText("3 votes from 3 voters; 1 said all were bad.")).toBeVisible();
  const leftOut = "“A lighthouse on a cliff at dawn”, Comparison 1: Qwen-Image Max failed, so its item compares the other models only.";
  const leftOutNote = page.getByRole("note", { name: "What the poll left out, for want of an image:" });
  await expect(leftOutNote.getByRole("listitem")).toHaveText([leftOut]);
  await leftOutNote.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screenshots/poll-left-out.png" });
  // The two votes that rank and the "all bad" one add up to the 3 above; and each model's 2 comparisons are said.
  const note =
    "Too few votes to rank with confidence: a ranking needs 20 votes that pick an image or call a tie; so far: 2 (besides 1 “all bad”: such a vote ranks no model); each model needs 10 comparisons, and Qwen-Image has 2, Wan 2.6 has 2. Read the order below as a first impression, not a result.";
  await expect(page.getByRole("note").filter({ hasText: "Too few votes" })).toHaveText(note);

  // The deck's title slide says it in the same words.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download as slides" }).click();
  const files = unzipSync(new Uint8Array(await readFile(await (await download).path())));
  const words = (text: string) => text.replace(/\s+/g, "");
  const slides = Object.keys(files)
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]))
    .map((name) => words([...new TextDecoder().decode(files[name]).matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((run) => run[1]).join("")));
  expect(slides[0]).toContain(words(note));
  // And what the poll left out, as a table of its own (a cover has no room for a line a place).
  expect(slides.find((slide) => slide.includes(words("What the poll left out, for want of an image")))).toContain(
    words("Prompt Made no image In the poll “A lighthouse on a cliff at dawn”, Comparison 1 Qwen-Image Max failed Its item compares the other models only."),
  );
});

test("a grid's place whose one model failed is said to be left out of the poll, with its place", async ({ grid, simulator }) => {
  await simulator.fault("moderation", { model: "qwen-image-max" });
  await grid.runModelsBySeeds("A kite over the dunes", "5, 6");
  const card = grid.card();
  await expect(card.getByRole("img")).toHaveCount(3);
  await card.getByRole("button", { name: "Make a poll" }).click();
  await expect(card.getByRole("form", { name: "Make a poll" }).getByRole("note").getByRole("listitem")).toHaveText([
    /^“A kite over the dunes” \(Seed: [56]\): Qwen-Image Max failed, so it is not in the poll \(fewer than two images: nothing to compare\)\.$/,
  ]);
});

test("a poll's printed report is on white paper in the light theme's colours, without links or menus, its items' heading kept with them", async ({ compare, page, origin }) => {
  test.setTimeout(90_000);
  await page.context().addCookies([{ name: "theme", value: "dark", url: origin }]);
  await compare.chooseModels(["Wan 2.6", "Qwen-Image"]);
  await compare.prompt.fill("A harbour crane at dusk, seen from the quay");
  await compare.submit();
  const card = compare.card();
  await expect(card.getByRole("img")).toHaveCount(2);
  await card.getByRole("button", { name: "Make a poll" }).click();
  await card.getByRole("form", { name: "Make a poll" }).getByLabel("Poll title").fill("Which crane?");
  await card.getByRole("form", { name: "Make a poll" }).getByRole("button", { name: "Make the poll" }).click();
  // Closed, its report shows each comparison's images under their models.
  await card.getByRole("button", { name: "Close poll" }).click();
  await card.getByRole("button", { name: "Close it" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Closed" })).toBeVisible();
  await card.getByRole("link", { name: "Results", exact: true }).click();
  const heading = page.getByRole("heading", { name: "The images and their votes" });
  await expect(heading).toBeVisible();
  for (const image of await page.getByRole("article", { name: "Comparison 1" }).getByRole("img").all()) await expect(image).toHaveJSProperty("complete", true);

  await page.emulateMedia({ media: "print" });
  // Nothing to press or choose is printed: no link, button, menu or field. Soft, as each check here is of its own.
  await expect.soft(page.getByRole("link", { name: "Every poll" })).toBeHidden();
  await expect.soft(page.getByLabel("Theme")).toBeHidden();
  await expect.soft(page.getByLabel("Language")).toBeHidden();
  const controls = await page.locator("a, button, select, input, textarea, [tabindex]:not([tabindex='-1'])").evaluateAll((all) =>
    all.filter((element) => element.checkVisibility()).map((element) => element.outerHTML.slice(0, 80)),
  );
  expect.soft(controls).toEqual([]);
  // Dark text on the white paper (a browser prints no backgrounds): every piece of text, whatever the theme on screen.
  const pale = await page.evaluate(() => {
    // Painted to read it back as sRGB, whatever the notation (Tailwind's colours are oklch()).
    const paint = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
    const luminance = (color: string) => {
      if (!paint) throw new Error("no canvas");
      paint.clearRect(0, 0, 1, 1);
      paint.fillStyle = color;
      paint.fillRect(0, 0, 1, 1);
      const [r = 0, g = 0, b = 0] = [...paint.getImageData(0, 0, 1, 1).data].map((value) => {
        const c = value / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    return [...document.querySelectorAll("body *")]
      .filter((element) => element.checkVisibility() && [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()))
      .map((element) => ({ text: element.textContent?.slice(0, 40), color: getComputedStyle(element).color }))
      .filter(({ color }) => luminance(color) > 0.3);
  });
  expect.soft(pale).toEqual([]);

  // A page that ends just under the heading: the heading goes over with its first item rather than end the page alone.
  const width = page.viewportSize()?.width ?? 1280;
  const box = await heading.boundingBox();
  if (!box) throw new Error("no heading");
  const pdf = test.info().outputPath("report.pdf");
  await writeFile(pdf, await page.pdf({ width: `${width}px`, height: `${Math.ceil(box.y + box.height + 4)}px`, margin: { top: "0", bottom: "0", left: "0", right: "0" } }));
  const pages = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f");
  const headed = pages.findIndex((text) => text.includes("The images and their votes"));
  expect(headed).toBeGreaterThan(0);
  expect(pages[headed]).toContain("A harbour crane at dusk");
});
