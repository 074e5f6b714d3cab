import sharp from "sharp";
import { GRID_IMAGE } from "../lib/grid/grid-image";
import type { ComparisonView } from "../lib/generation/view";
import { expect, selectModel, test } from "./fixtures";

/** Grids: one change at a time across many cells, each cell a queued generation, the grid one history item. */

test.describe("parameter grids", () => {
  test("a prompt naming a list that is not saved says so as it is typed, a list every object answers to (__toString__) too, and the form goes on", async ({ grid }) => {
    await grid.prompt.fill("A __animals__ in a {forest|desert|city}");
    // Said before Run, in place of the hint to write variables, which the prompt has.
    await expect(grid.form.getByText("The prompt uses __animals__, which is not a saved list.")).toBeVisible();
    await expect(grid.prompt).toHaveAccessibleDescription(/The prompt uses __animals__, which is not a saved list\./);
    await expect(grid.form.getByText("Write {a|b} or __list__ in the prompt to vary it.")).toHaveCount(0);
    await grid.prompt.fill("A code screenshot of __toString__ and __constructor__");
    await expect(grid.form.getByText("The prompt uses __toString__, __constructor__, which are not saved lists.")).toBeVisible();
    await grid.run();
    await expect(grid.form.getByText("The prompt uses __toString__, __constructor__, which are not saved lists.")).toBeVisible();
    await expect(grid.prompt).toHaveValue("A code screenshot of __toString__ and __constructor__");
  });

  test("the watermark's help names the mark of the models the grid runs", async ({ grid }) => {
    const watermark = grid.form.getByRole("switch", { name: "Watermark" });
    await selectModel(grid.form.getByLabel("Model", { exact: true }), "Qwen-Image Max");
    await expect(watermark).toHaveAccessibleDescription("Adds the mark “Qwen-Image” at the bottom right.");
    await grid.setAxis(1, "Model");
    for (const box of await grid.axis(1).getByRole("checkbox").all()) if (await box.isChecked()) await box.uncheck();
    await grid.axis(1).getByRole("checkbox", { name: "Wan 2.6", exact: true }).check();
    await expect(watermark).toHaveAccessibleDescription("Adds the mark “AI generated” at the bottom right.");
    await grid.axis(1).getByRole("checkbox", { name: "Qwen-Image", exact: true }).check();
    await expect(watermark).toHaveAccessibleDescription("Adds a mark at the bottom right: “AI generated” on Wan, “Qwen-Image” on Qwen.");
  });

  test("a grid past the cell limit says so as it is typed, with its real counts, and Run waits until it fits", async ({ grid, simulator }) => {
    await grid.prompt.fill("a {red|green|blue|yellow|pink|black|white|gray|orange|purple|teal|gold|silver} fox");
    await expect(grid.axis(2).getByLabel("Varies")).toHaveValue("variables");
    await grid.axis(1).getByLabel("Seeds").fill("1 2 3 4 5 6 7 8 9");
    const size = grid.form.getByTestId("grid-size");
    const run = grid.form.getByRole("button", { name: "Run the grid" });
    // Before any click: the refusal the server would give, the counts as they are, and Run saying why it waits.
    await expect(size).toContainText("9 × 13 = 117 cells, 117 images");
    await expect(size).toContainText("This grid has 117 cells; a grid has at most 100.");
    await expect(size).not.toContainText("wait their turn");
    await expect(grid.form.getByTestId("run-estimate")).toContainText("117 images");
    await expect(run).toHaveAttribute("aria-disabled", "true");
    await expect(run).toHaveAccessibleDescription(/This grid has 117 cells; a grid has at most 100\./);
    await run.click({ force: true });
    await expect(grid.form.getByRole("button", { name: "Make 117 images" })).toHaveCount(0);
    await expect(grid.page.getByRole("article")).toHaveCount(0);

    // A value fewer on each axis: 12 × 8 = 96 cells, and it runs (asking first, as every grid of more than 4 images).
    await grid.prompt.fill("a {red|green|blue|yellow|pink|black|white|gray|orange|purple|teal|gold} fox");
    await grid.axis(1).getByLabel("Seeds").fill("1 2 3 4 5 6 7 8");
    await expect(size).toContainText("8 × 12 = 96 cells, 96 images");
    await expect(size).not.toContainText("a grid has at most");
    await expect(run).not.toHaveAttribute("aria-disabled");
    await run.click();
    await expect(grid.form.getByRole("button", { name: "Make 96 images" })).toBeVisible();
    expect((await simulator.stats()).calls).toBe(0);
  });

  test("an axis of more values than a grid takes says so at its field as they are typed, and Run refuses it there", async ({ grid, simulator }) => {
    await grid.prompt.fill("A lighthouse on a cliff at dawn");
    const seeds = grid.axis(1).getByLabel("Seeds");
    await seeds.fill("1 2 3 4 5 6 7 8 9 10 11 12");
    await expect(seeds).toHaveAttribute("aria-invalid", "false");
    await seeds.pressSequentially(" 13");
    // Before any click, at the field: the rule the server would refuse it by.
    await expect(seeds).toHaveAttribute("aria-invalid", "true");
    await expect(seeds).toHaveAccessibleDescription(/Seeds: give at most 12 values\.$/);
    await expect(seeds).toBeFocused();
    await grid.form.getByRole("button", { name: "Run the grid" }).click();
    await expect(seeds).toBeFocused();
    await expect(grid.form.getByRole("button", { name: "Make 13 images" })).toHaveCount(0);
    await seeds.press("Backspace");
    await seeds.press("Backspace");
    await expect(seeds).toHaveAttribute("aria-invalid", "false");
    await expect(grid.axis(1)).not.toContainText("give at most");
    expect((await simulator.stats()).calls).toBe(0);
  });

  test("a seed out of range is said at its field as it is typed, not only once run", async ({ grid }) => {
    await grid.prompt.fill("A lighthouse on a cliff at dawn");
    const seeds = grid.axis(1).getByLabel("Seeds");
    for (const typed of ["1, -4", "1, 99999999999"]) {
      await seeds.fill(typed);
      await expect(seeds).toHaveAttribute("aria-invalid", "true");
      await expect(seeds).toHaveAccessibleDescription(/A seed must be between 0 and 2147483647\.$/);
    }
    await seeds.fill("1, 2147483647");
    await expect(seeds).toHaveAttribute("aria-invalid", "false");
  });

  test("a 2 x 3 grid of models by seeds: labelled, a failed cell retried in its place, reused, downloaded as one PNG and shared as a grid", async ({ grid, simulator, page }) => {
    await simulator.fault("moderation", { model: "qwen-image" });
    await grid.prompt.fill("A lighthouse on a cliff at dawn");
    await grid.setAxis(1, "Model");
    for (const box of await grid.axis(1).getByRole("checkbox").all()) if (await box.isChecked()) await box.uncheck();
    await grid.axis(1).getByRole("checkbox", { name: "Wan 2.6", exact: true }).check();
    await grid.axis(1).getByRole("checkbox", { name: "Qwen-Image", exact: true }).check();
    await grid.form.getByRole("button", { name: "Add an axis" }).click();
    await expect(grid.axis(2).getByLabel("Varies")).toHaveValue("seed");
    // What is not a whole number is said at the field, not left out unseen.
    await grid.axis(2).getByLabel("Seeds").fill("11, x, 1.5");
    await expect(grid.axis(2).getByText("Not whole numbers, so not in the grid: x, 1.5")).toBeVisible();
    await expect(grid.axis(2).getByLabel("Seeds")).toHaveAttribute("aria-invalid", "true");
    // Typed as a person types, a key at a time: the box keeps its focus and its commas.
    await grid.axis(2).getByLabel("Seeds").fill("");
    await grid.axis(2).getByLabel("Seeds").pressSequentially("11, 12, 13");
    await expect(grid.axis(2).getByLabel("Seeds")).toHaveValue("11, 12, 13");
    await expect(grid.axis(2).getByLabel("Seeds")).toBeFocused();
    // Enter ends the typing: a grid of 6 images would ask first, and nothing asks.
    await grid.axis(2).getByLabel("Seeds").press("Enter");
    // Nothing to wait for when nothing happens: the form's checks take well under this.
    await grid.page.waitForTimeout(500);
    await expect(grid.form.getByTestId("grid-size")).toContainText("2 × 3 = 6 cells, 6 images");
    await expect(grid.form.getByRole("button", { name: "Make 6 images" })).toHaveCount(0);
    // Priced before it runs: the count of cells and images, and what they cost.
    await expect(grid.form.getByTestId("grid-size")).toContainText("2 × 3 = 6 cells, 6 images");
    await expect(grid.form.getByTestId("run-estimate")).toContainText("6 images");
    await grid.run(6);

    const card = grid.card();
    await expect(card).toHaveAccessibleName(/^Grid of 6 cells: A lighthouse on a cliff at dawn/);
    const table = card.getByRole("table");
    await expect(table.getByRole("columnheader")).toHaveText(["Seed \\ Model", "Wan 2.6", "Qwen-Image"]);
    await expect(table.getByRole("rowheader")).toHaveText(["11", "12", "13"]);
    // The refused cell stays in its place with Retry; every other cell fills in.
    const retry = card.getByRole("button", { name: /^Retry: / });
    await expect(retry).toHaveCount(1);
    await expect(retry).toHaveAccessibleName(/^Retry: Model: Qwen-Image · Seed: 1[123]$/);
    await expect(card.getByRole("img")).toHaveCount(5);
    await expect(card.getByText("5 of 6 made · 1 without an image · 0 running · 0 waiting")).toBeVisible();
    await card.screenshot({ path: "test-results/screenshots/grid-failed-cell.png" });
    const failedCell = card.getByRole("group", { name: (await retry.getAttribute("aria-label"))?.replace("Retry: ", "Cell ") ?? "" });
    await retry.click();
    await expect(failedCell.getByRole("img")).toBeVisible();
    await expect(card.getByRole("img")).toHaveCount(6);
    await expect(card.getByRole("button", { name: /^Retry: / })).toHaveCount(0);
    expect((await simulator.stats()).calls).toBe(7);
    await card.screenshot({ path: "test-results/screenshots/grid.png" });

    // One PNG with the labels: as large as its layout (two columns of cells, a row-label column, three rows).
    const downloading = page.waitForEvent("download");
    await card.getByRole("link", { name: "Download grid" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("grid_a-lighthouse-on-a-cliff-at.png");
    const { width, height } = await sharp(await download.path()).metadata();
    const { cell, gap, margin, rowLabel, header, title } = GRID_IMAGE;
    expect({ width, height }).toEqual({ width: margin * 2 + rowLabel + gap + 2 * cell + gap, height: margin * 2 + title + header + 3 * cell + 2 * gap });

    // Shared, it is called a grid there too.
    await card.getByRole("button", { name: "Share link" }).click();
    const link = await card.getByRole("textbox", { name: "Share link" }).inputValue();
    const visitor = await page.context().newPage();
    await visitor.goto(link);
    await expect(visitor.getByRole("article", { name: "Grid: A lighthouse on a cliff at dawn" })).toBeVisible();
    await visitor.close();

    // Reuse settings puts the grid back in its form.
    await grid.prompt.fill("");
    await card.getByRole("button", { name: "Reuse settings" }).click();
    await expect(grid.prompt).toHaveValue("A lighthouse on a cliff at dawn");
    await expect(grid.axis(1).getByLabel("Varies")).toHaveValue("model");
    await expect(grid.axis(2).getByLabel("Seeds")).toHaveValue("11, 12, 13");
  });

  test("search and replace names each column by its term, and each cell is sent its own prompt", async ({ grid, page }) => {
    await grid.prompt.fill("A red lighthouse on a red cliff");
    // The fresh grid varies the seed, so the form's own seed is not used; the help says so, and says what it does otherwise.
    const seed = grid.form.getByLabel("Seed", { exact: true });
    await expect(seed).toHaveAccessibleDescription("Not used while the grid has a Seed axis: each cell takes its seed from that axis.");
    await grid.setAxis(1, "Search and replace");
    await expect(seed).toHaveAccessibleDescription(
      "One seed for every cell, so the cells differ only by their axes' values. Empty: a random seed is chosen once, when the grid starts, and every cell uses it (the card shows it).",
    );
    await grid.axis(1).getByLabel("Terms").pressSequentially("red, blue, golden");
    await expect(grid.form.getByTestId("grid-size")).toContainText("3 cells, 3 images");
    await grid.run();
    const card = grid.card();
    await expect(card.getByRole("columnheader")).toHaveText(["red", "blue", "golden"]);
    await expect(card.getByRole("img")).toHaveCount(3);
    const id = (await page.request.get("/api/generations?limit=1").then((response) => response.json())).items[0].id as string;
    const saved = (await (await page.request.get(`/api/comparisons/${id}`)).json()) as ComparisonView;
    expect(saved.columns.map((column) => column.generation.request.prompt)).toEqual([
      "A red lighthouse on a red cliff",
      "A blue lighthouse on a blue cliff",
      "A golden lighthouse on a golden cliff",
    ]);
    // As the seed's help says: left empty, one seed chosen for the grid, the same in every cell.
    expect(new Set(saved.columns.map((column) => column.generation.request.seed)).size).toBe(1);
    expect(saved.columns[0]?.generation.request.seed).toBe(saved.seed);
    // A term the prompt lacks is refused in the form, before anything is sent.
    await grid.axis(1).getByLabel("Terms").fill("green, white");
    await grid.form.getByRole("button", { name: "Run the grid" }).click();
    await expect(grid.axis(1).getByLabel("Terms")).toHaveAccessibleDescription(/Search and replace: the prompt does not contain “green”, the first term\.$/);
    await expect(page.getByRole("article")).toHaveCount(1);
  });

  test("saving a list under the name of one someone else saved asks before replacing it for everyone", async ({ grid, page }) => {
    // A colleague's list, saved while this page was open.
    expect((await page.request.put("/api/lists", { data: { name: "birds", items: ["owl", "heron"] } })).status()).toBe(200);
    await page.reload();
    await grid.open();
    await grid.form.getByText("Saved lists").click();
    await grid.form.getByLabel("Items, one per line").fill("sparrow");
    const name = grid.form.getByLabel("Name", { exact: true });
    await name.fill("birds");
    await name.press("Enter");
    const ask = grid.form.getByRole("group", { name: "__birds__ already holds 2 items for everyone who uses this playground. Replace them with these?" });
    await ask.getByRole("button", { name: "Keep it" }).click();
    expect(await (await page.request.get("/api/lists")).json()).toContainEqual(expect.objectContaining({ name: "birds", items: ["owl", "heron"] }));
    await grid.form.getByRole("button", { name: "Save list" }).click();
    await grid.form.getByRole("button", { name: "Replace it" }).click();
    await expect(grid.form.getByRole("status").filter({ hasText: "saved" })).toHaveText("List __birds__ saved.");
    expect(await (await page.request.get("/api/lists")).json()).toContainEqual(expect.objectContaining({ name: "birds", items: ["sparrow"] }));
    // Opened from the list, edited and saved again: an edit of it, not asked.
    await grid.form.getByLabel("Items, one per line").fill("sparrow\nwren");
    await grid.form.getByRole("button", { name: "Save list" }).click();
    await expect(grid.form.getByRole("status").filter({ hasText: "saved" })).toHaveText("List __birds__ saved.");
    await expect(grid.form.getByRole("group", { name: /already holds/ })).toHaveCount(0);
  });

  test("prompt variables and a saved list expand to the previewed prompts, and those are what is sent", async ({ grid, page }) => {
    await grid.form.getByText(/^Saved lists \(\d+\)$/).click();
    await grid.form.getByLabel("Items, one per line").fill("cat\ndog\n\ncat");
    // The route's rules are said at the field before anything is sent.
    const name = grid.form.getByLabel("Name", { exact: true });
    await name.fill("two words");
    await grid.form.getByRole("button", { name: "Save list" }).click();
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(name).toHaveAccessibleDescription(/A list's name is letters, digits and dashes \(at most 40\)\./);
    // Enter in the list's name saves the list; it does not run the grid around it.
    await grid.form.getByLabel("Name", { exact: true }).fill("animals");
    await grid.form.getByLabel("Name", { exact: true }).press("Enter");
    await expect(grid.form.getByRole("status").filter({ hasText: "saved" })).toHaveText("List __animals__ saved.");

    await grid.prompt.fill("A {red|blue} __animals__ in the snow");
    // The variables get their axis at once; the seed axis the form starts with is taken away.
    await expect(grid.axis(2).getByLabel("Varies")).toHaveValue("variables");
    await grid.axis(1).getByRole("button", { name: "Remove axis 1" }).click();
    await expect(grid.form.getByRole("button", { name: "Add an axis" })).toBeFocused();
    const preview = grid.form.getByRole("list", { name: "Prompts to be sent" });
    await expect(preview.getByRole("listitem")).toHaveText(["A red cat in the snow", "A red dog in the snow", "A blue cat in the snow", "A blue dog in the snow"]);
    await grid.axis(1).getByLabel("Random picks").check();
    // More picks than the prompt makes combinations: said at the count, which is kept as typed.
    await grid.axis(1).getByLabel("How many").fill("6");
    await expect(grid.axis(1).getByLabel("How many")).toHaveAccessibleDescription("The prompt makes only 4 combinations: each is taken once.");
    await expect(preview.getByRole("listitem")).toHaveCount(4);
    await grid.axis(1).getByLabel("How many").fill("3");
    await expect(grid.axis(1).getByText("The prompt makes only 4 combinations")).toHaveCount(0);
    await expect(preview.getByRole("listitem")).toHaveCount(3);
    const previewed = await preview.getByRole("listitem").allTextContents();
    await grid.run();

    const card = grid.card();
    await expect(card.getByRole("img")).toHaveCount(3);
    await expect(card.getByRole("columnheader")).toHaveText(previewed.map((prompt) => prompt.replace(/^A (\w+) (\w+) in the snow$/, "$1 · $2")));
    const id = (await page.request.get("/api/generations?limit=1").then((response) => response.json())).items[0].id as string;
    const saved = (await (await page.request.get(`/api/comparisons/${id}`)).json()) as ComparisonView;
    expect(saved.columns.map((column) => column.generation.request.prompt)).toEqual(previewed);
    await page.screenshot({ path: "test-results/screenshots/grid-variables.png", fullPage: true });

    // A list is everyone's: deleting it asks first, and "Keep it" keeps it.
    const lists = grid.form.getByRole("list").filter({ hasText: "__animals__" });
    await grid.form.getByRole("button", { name: "Delete list animals" }).click();
    await expect(grid.form.getByRole("group", { name: /^Delete __animals__ for everyone/ })).toBeVisible();
    await grid.form.getByRole("button", { name: "Keep it" }).click();
    await expect(lists).toHaveCount(1);
    await grid.form.getByRole("button", { name: "Delete list animals" }).click();
    await grid.form.getByRole("button", { name: "Delete it" }).click();
    await expect(lists).toHaveCount(0);
    await expect(grid.form.getByLabel("Name", { exact: true })).toBeFocused();
  });
});
