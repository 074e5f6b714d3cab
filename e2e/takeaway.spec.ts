import { readFile } from "node:fs/promises";
import { unzipSync } from "fflate";
import { expect, test } from "./fixtures";

/** Taking work away from the history: a selection, or the favourites, as slides, a zip, a CSV or a contact sheet. */
test("a selection and the favourites download as a slide deck and a zip of their images", async ({ playground, compare, page }) => {
  await compare.chooseModels(["Wan 2.2 flash", "Qwen-Image"]);
  await compare.prompt.fill("A kite festival on a windy beach");
  await compare.submit();
  await expect(compare.column(compare.card(), "Qwen-Image").getByRole("img")).toBeVisible();
  await page.getByRole("button", { name: "One model" }).click();
  await playground.chooseModel("Wan 2.2 flash");
  await playground.prompt.fill("A single paper boat");
  await playground.generateButton.click();
  const single = playground.results.filter({ hasText: "A single paper boat" });
  await expect(single.getByRole("img")).toHaveCount(1);

  await single.getByLabel("Select").check();
  await compare.card().getByLabel("Select").check();
  const downloads = page.getByRole("region", { name: "Selection" }).getByRole("group", { name: "Download the selection" });
  // Held back a moment, as a large deck is while the server builds it: the page says what is happening.
  await page.route("**/api/takeaway/deck?*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  const deckDownload = page.waitForEvent("download");
  await downloads.getByRole("button", { name: "Download as slides" }).click();
  await expect(downloads.getByText("Preparing the slides…")).toBeVisible();
  await expect(downloads.getByRole("button", { name: "Download as slides" })).toBeDisabled();
  const deck = await deckDownload;
  expect(deck.suggestedFilename()).toBe("selection_2-items.pptx");
  // Its progress said on the page while it was made and fetched, and nothing left over once saved.
  await expect(downloads.getByText(/the slides/)).toHaveCount(0);
  await expect(downloads.getByRole("alert")).toHaveCount(0);
  const deckBytes = await readFile(await deck.path());
  // A PowerPoint file is a zip: its slides are inside, a title, one per image or comparison, and the settings.
  const slides = Object.keys(unzipSync(new Uint8Array(deckBytes))).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
  expect(slides).toHaveLength(4);

  const zipDownload = page.waitForEvent("download");
  await downloads.getByRole("link", { name: "Images (zip)" }).click();
  const files = unzipSync(new Uint8Array(await readFile(await (await zipDownload).path())));
  expect(Object.keys(files).filter((name) => name.endsWith(".png"))).toHaveLength(3);
  expect(JSON.parse(new TextDecoder().decode(files["manifest.json"])).map((line: { item: string }) => line.item)).toEqual(["1 · Wan 2.2 flash", "2 · Wan 2.2 flash", "2 · Qwen-Image"]);

  // The favourites: only what is starred.
  await single.getByRole("button", { name: "Favourite" }).click();
  await expect(single.getByRole("button", { name: "Favourite" })).toHaveAttribute("aria-pressed", "true");
  await page.getByText("Download the favourites", { exact: true }).click();
  const favourites = page.getByRole("group", { name: "Download the favourites" });
  const favouritesDownload = page.waitForEvent("download");
  await favourites.getByRole("link", { name: "Images (zip)" }).click();
  const favourite = await favouritesDownload;
  expect(favourite.suggestedFilename()).toBe("favourites.zip");
  const starred = unzipSync(new Uint8Array(await readFile(await favourite.path())));
  expect(Object.keys(starred).filter((name) => name.endsWith(".png"))).toHaveLength(1);
});

test("a contact sheet, built whole before it is sent, says on the page that it is being prepared and is built once", async ({ playground, page }) => {
  await playground.chooseModel("Wan 2.2 flash");
  await playground.prompt.fill("A lighthouse at dusk");
  await playground.generateButton.click();
  const result = playground.results.filter({ hasText: "A lighthouse at dusk" });
  await expect(result.getByRole("img")).toHaveCount(1);
  await result.getByLabel("Select").check();
  const downloads = page.getByRole("region", { name: "Selection" }).getByRole("group", { name: "Download the selection" });
  const sheetLink = downloads.getByRole("link", { name: "Contact sheet" });

  // Held back, as a sheet of a hundred items is while the server draws it; every request that would draw one is counted.
  let built = 0;
  await page.route("**/api/takeaway/contact-sheet?*", async (route) => {
    if (new URL(route.request().url()).searchParams.has("check")) return route.continue();
    built += 1;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  const sheetDownload = page.waitForEvent("download");
  await sheetLink.click();
  await expect(downloads.getByText("Preparing the contact sheet…")).toBeVisible();
  await expect(sheetLink).toBeDisabled();
  // A second click meanwhile, as an impatient person makes: it starts no second drawing.
  await sheetLink.click({ force: true });
  const sheet = await sheetDownload;
  expect(sheet.suggestedFilename()).toBe("selection_1-item_contact-sheet.png");
  expect((await readFile(await sheet.path())).subarray(1, 4).toString()).toBe("PNG");
  await expect(downloads.getByText(/the contact sheet/)).toHaveCount(0);
  await expect(sheetLink).toBeEnabled();
  expect(built).toBe(1);

  // A sheet that cannot come is said in words beside its link, not left as a failed file.
  await page.unroute("**/api/takeaway/contact-sheet?*");
  await page.route("**/api/takeaway/contact-sheet?*", (route) => route.abort());
  await sheetLink.click();
  await expect(downloads.getByRole("alert")).toHaveText("The contact sheet could not be made: Could not reach the playground server. Check your connection and try again.");
});

test("with no favourites, their disclosure says so rather than offer empty files, in English and in Chinese", async ({ playground, page, browser }) => {
  const none = "No favourites yet: mark the results to take away with their star (Favourite), then download them here.";
  await page.getByText("Download the favourites", { exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: none })).toBeVisible();
  await expect(page.getByRole("group", { name: "Download the favourites" })).toHaveCount(0);
  // The server refuses them too, and its check says so: a link kept from before would show the words, not download.
  for (const format of ["deck", "zip", "csv", "contact-sheet"]) {
    const checked = await page.request.get(`/api/takeaway/${format}?starred=1&check=1`);
    expect(checked.status()).toBe(409);
    expect(((await checked.json()) as { error: { message: string } }).error.message).toBe(none);
  }
  const zh = await browser.newContext({ locale: "zh-CN", baseURL: new URL(page.url()).origin });
  try {
    const chinese = await zh.newPage();
    await chinese.goto("/");
    await chinese.getByText("下载收藏", { exact: true }).click();
    await expect(chinese.getByRole("status").filter({ hasText: "还没有收藏：先用星标（收藏）标记要带走的结果，再在这里下载。" })).toBeVisible();
  } finally {
    await zh.close();
  }

  // One starred, with the disclosure open: its links come, no reload needed.
  await playground.chooseModel("Wan 2.2 flash");
  await playground.prompt.fill("A starred paper kite");
  await playground.generateButton.click();
  const result = playground.results.filter({ hasText: "A starred paper kite" });
  await expect(result.getByRole("img")).toHaveCount(1);
  await result.getByRole("button", { name: "Favourite" }).click();
  await expect(page.getByRole("group", { name: "Download the favourites" }).getByRole("link", { name: "Images (zip)" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: none })).toHaveCount(0);
});
