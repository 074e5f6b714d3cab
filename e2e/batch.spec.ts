import { unzipSync } from "fflate";
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { contactSheetSize } from "../lib/download/contact-sheet";
import type { Locator } from "@playwright/test";
import { BatchPanel, expect, test } from "./fixtures";

/** Batches: many prompts at once from lines or a CSV, every row checked before anything is sent. */

test.describe("batches", () => {
  test("a Chinese Excel's CSV reads as written (and says what it was read as), empty columns and all, and a refused row far down is listed with its line", async ({ playground }) => {
    const batch = new BatchPanel(playground.page);
    await batch.open();
    await batch.form.getByLabel("A CSV file").check();
    // "雪中的狐狸" as GB18030 writes it, Excel's default for "CSV (逗号分隔)" in Chinese; the rest is ASCII, the same in both.
    const fox = Buffer.from([209, 169, 214, 208, 181, 196, 186, 252, 192, 234]);
    const rows = Array.from({ length: 60 }, (_, index) => (index === 57 ? Buffer.from(`${"x".repeat(900)},qwen-image,,\r\n`) : Buffer.concat([fox, Buffer.from(` ${index + 1},qwen-image,,\r\n`)])));
    const file = Buffer.concat([Buffer.from("prompt,model,,\r\n"), ...rows, Buffer.from(",,,\r\n")]);
    await batch.form.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "提示词.csv", mimeType: "text/csv", buffer: file });
    const preview = batch.form.getByRole("table", { name: "Rows to be sent" });
    await expect(preview.getByRole("row", { name: /^2 / })).toContainText("雪中的狐狸 1");
    // Said under the file: what it was read as, and how to check.
    await expect(batch.form.getByText("This file is not UTF-8: it was read as GB18030. Check that the rows read right; if not, save it from the spreadsheet as “CSV UTF-8”.")).toBeVisible();
    // The first 50 rows, and the refused one on line 59.
    await expect(preview.getByRole("rowheader")).toHaveCount(51);
    await expect(preview.getByRole("row", { name: /^59 / })).toContainText("Line 59: Qwen-Image reads at most 800 characters; this prompt has 900.");
    await expect(batch.form.getByTestId("batch-size")).toHaveText("60 rows, 60 images");
  });

  test("a CSV with a refused row is refused before any gateway call, says which line and why, and runs once fixed", async ({ playground, simulator, page }) => {
    const batch = new BatchPanel(page);
    await batch.open();
    // A count the model cannot make is said at the count, once, and blocks the batch: never quietly replaced.
    const count = batch.form.getByLabel("Images per row");
    const typed = await count.inputValue();
    await count.fill("0");
    await expect(batch.form.getByText(/makes 1 to 4 images per request\.$/)).toBeVisible();
    await expect(count).toHaveAttribute("aria-invalid", "true");
    await count.fill(typed);
    await expect(count).toHaveAttribute("aria-invalid", "false");
    await batch.form.getByLabel("A CSV file").check();
    const csv = `prompt,model,seed\nA red fox in fresh snow,qwen-image,7\n"An owl, at dusk",wan2.6-t2i,\n${"x".repeat(900)},qwen-image,\n`;
    await batch.form.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "prompts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    const preview = batch.form.getByRole("table", { name: "Rows to be sent" });
    await expect(preview.getByRole("rowheader")).toHaveText(["2", "3", "4"]);
    await expect(preview.getByRole("row", { name: /^4 / })).toContainText("Line 4: Qwen-Image reads at most 800 characters; this prompt has 900.");
    await expect(batch.form.locator("p").filter({ hasText: /^1 row is refused: fix it to run the batch\.$/ })).toBeVisible();
    const run = batch.form.getByRole("button", { name: "Run the batch" });
    await expect(run).toHaveAttribute("aria-disabled", "true");
    await run.click({ force: true });
    await expect(page.getByRole("article")).toHaveCount(0);
    expect((await simulator.stats()).calls).toBe(0);
    await batch.form.screenshot({ path: "test-results/screenshots/batch-refused-row.png" });
    // A row that could not be read shows no settings: the defaults standing in for its failed cells are not what it asked for.
    await batch.form.getByLabel("CSV", { exact: true }).fill(`${csv}A stoat,no-such-model,\n`);
    const unread = preview.getByRole("row", { name: /^5 / });
    await expect(unread).toContainText("Line 5: There is no model “no-such-model”.");
    await expect(unread.getByRole("cell").last()).toHaveText("—");

    // Fixed in place, the batch runs: one history item, a row per line.
    await batch.form.getByLabel("CSV", { exact: true }).fill(csv.replace("x".repeat(900), "A hare in a meadow"));
    await expect(batch.form.getByTestId("batch-size")).toHaveText("3 rows, 3 images");
    await run.click();
    const card = batch.card();
    await expect(card.getByRole("img")).toHaveCount(3);
    await expect(card.getByRole("rowheader")).toHaveText(["2", "3", "4"]);
    await expect(card.getByRole("row", { name: /^2 / })).toContainText("Qwen-Image · 1328*1328 · 7 · 1");
    expect((await simulator.stats()).calls).toBe(3);
    await card.screenshot({ path: "test-results/screenshots/batch.png" });

    // Its results as CSV, and its images as a zip with the same table inside.
    const csvDownload = page.waitForEvent("download");
    await card.getByRole("link", { name: "Download results (CSV)" }).click();
    const results = await readFile(await (await csvDownload).path(), "utf8");
    expect(results.split("\r\n")[0]).toBe("\ufeffitem,prompt,negative_prompt,revised_prompt,model,size,seed,settings,created,request_id,status,error,file,image_url,input_file,input_url");
    expect(results).toContain('line 3,"An owl, at dusk"');
    const zipDownload = page.waitForEvent("download");
    await card.getByRole("link", { name: "Download images (zip)" }).click();
    const zip = await zipDownload;
    expect(zip.suggestedFilename()).toMatch(/^batch_a-red-fox-in-fresh-snow\.zip$/);
    const files = unzipSync(new Uint8Array(await readFile(await zip.path())));
    expect(Object.keys(files).filter((name) => name.endsWith(".png"))).toHaveLength(3);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(files["manifest.csv"])).toBe(results);
    expect(JSON.parse(new TextDecoder().decode(files["manifest.json"]))).toHaveLength(3);

    // A contact sheet: one page, four across, a row of three thumbnails here.
    const sheetDownload = page.waitForEvent("download");
    await card.getByRole("link", { name: "Contact sheet" }).click();
    const sheet = await sheetDownload;
    expect(sheet.suggestedFilename()).toBe("batch_a-red-fox-in-fresh-snow_contact-sheet.png");
    expect(await sharp(await sheet.path()).metadata()).toMatchObject({ format: "png", ...contactSheetSize(3) });

    // Reuse settings puts the rows back, as they ran.
    await card.getByRole("button", { name: "Reuse settings" }).click();
    await expect(batch.form.getByLabel("CSV", { exact: true })).toHaveValue(/^prompt,negative_prompt,model,size,seed,n\r?\nA red fox in fresh snow,,qwen-image,1328\*1328,7,1/);
    await expect(playground.page.getByRole("article")).toHaveCount(1);
    const loaded = batch.form.getByText("Settings loaded from the history.", { exact: true });
    await expect(loaded).toBeVisible();

    // So does its results file, uploaded as a batch: a row per generation, with the seed each ran with.
    const seeds = [...results.matchAll(/^line \d,[^\r]*?,(\d+),"\{/gm)].map((match) => match[1]);
    expect(seeds).toHaveLength(3);
    await batch.form.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "results.csv", mimeType: "text/csv", buffer: Buffer.from(results) });
    await expect(preview.getByRole("rowheader")).toHaveText(["2", "3", "4"]);
    await expect(preview.getByRole("row", { name: /^2 / })).toContainText("A red fox in fresh snow");
    await expect(preview.getByRole("row", { name: /^3 / })).toContainText(`An owl, at dusk`);
    await expect(preview.getByRole("row", { name: /^3 / })).toContainText(`· ${seeds[1]} ·`);
    // The rows now come from the file: the note of the loaded ones goes.
    await expect(loaded).toHaveCount(0);
    await expect(batch.form.getByTestId("batch-size")).toHaveText("3 rows, 3 images");
  });

  test("prompts pasted one per line run with the defaults, the batch named by its first prompt", async ({ playground, page }) => {
    const batch = new BatchPanel(page);
    await batch.open();
    await batch.form.getByLabel("Prompts, one per line").fill("A lantern festival\n\nA quiet harbour at night");
    await expect(batch.form.getByTestId("batch-size")).toHaveText("2 rows, 2 images");
    // A CSV file chosen over rows typed by hand takes their place, and they can be put back.
    await batch.form.getByLabel("A CSV file").check();
    await batch.form.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "other.csv", mimeType: "text/csv", buffer: Buffer.from("prompt\nA red kite\n") });
    await expect(batch.form.getByLabel("CSV", { exact: true })).toHaveValue("prompt\nA red kite\n");
    await batch.form.getByRole("status").filter({ hasText: "What you had typed was replaced." }).getByRole("button", { name: "Put mine back" }).click();
    await expect(batch.form.getByLabel("CSV", { exact: true })).toHaveValue("A lantern festival\n\nA quiet harbour at night");
    await batch.form.getByLabel("Lines").check();
    await expect(batch.form.getByTestId("batch-size")).toHaveText("2 rows, 2 images");
    // The seed left empty: what its help says is what the rows get, one seed for all, chosen when the batch starts.
    await expect(batch.form.getByText("Empty: a random seed is chosen once, when the batch starts, and every row without a seed of its own uses it")).toBeVisible();
    await batch.form.getByRole("button", { name: "Run the batch" }).click();
    const card = batch.card();
    await expect(card).toHaveAccessibleName("Batch of 2 rows: A lantern festival");
    await expect(card.getByRole("rowheader")).toHaveText(["1", "3"]);
    await expect(card.getByRole("img")).toHaveCount(2);
    await expect(playground.page.getByRole("article")).toHaveCount(1);
    const seeds = (await card.getByRole("row").filter({ has: page.getByRole("rowheader") }).allInnerTexts()).map((row) => /· (\d+) · 1/.exec(row)?.[1]);
    expect(seeds).toHaveLength(2);
    expect(seeds[0]).toMatch(/^\d+$/);
    expect(seeds[1]).toBe(seeds[0]);
  });

  test("a double click on a button that asks before spending leaves the question unselected, and its text can still be selected", async ({ playground, simulator, page }) => {
    /** A person's double click: the second press lands on the question that the first one opened in the button's place. */
    const doubleClick = async (button: Locator) => {
      await button.scrollIntoViewIfNeeded();
      const box = await button.boundingBox();
      if (!box) throw new Error("the button is not on screen");
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down({ clickCount: 1 });
      await page.mouse.up({ clickCount: 1 });
      await expect(page.getByRole("alertdialog")).toBeVisible();
      await page.mouse.down({ clickCount: 2 });
      await page.mouse.up({ clickCount: 2 });
    };
    const selected = () => page.evaluate(() => window.getSelection()?.toString() ?? "");

    await playground.chooseModel("Qwen-Image 2.0 Pro");
    await playground.sizePreset("1024*1024").check();
    await playground.form.getByLabel("Number of images").fill("6");
    await playground.prompt.fill("Six lanterns");
    await doubleClick(playground.generateButton);
    expect(await selected()).toBe("");
    await page.keyboard.press("Escape");

    const batch = new BatchPanel(page);
    await batch.open();
    await batch.form.getByLabel("Prompts, one per line").fill("A fox\nAn owl\nA hare\nA wren\nA stag");
    await doubleClick(batch.form.getByRole("button", { name: "Run the batch" }));
    const ask = page.getByRole("alertdialog");
    await expect(ask).toContainText("This run creates 5 images");
    expect(await selected()).toBe("");
    // A double click of the reader's own, on the question, selects its word to copy.
    await ask.getByText(/^This run creates/).dblclick({ position: { x: 8, y: 8 } });
    expect(await selected()).toBe("This");
    await ask.getByRole("button", { name: "Not now" }).click();
    expect((await simulator.stats()).calls).toBe(0);
  });
});
