import { readFileSync } from "node:fs";
import { readPngText } from "../lib/png/text-chunks";
import type { APIRequestContext, Page } from "@playwright/test";
import { takeCardRenders, watchCardRenders } from "./card-renders";
import { ComparePanel, expect, failLaterScripts, failure, test, type PlaygroundPage, type SimulatorControl } from "./fixtures";
import { heard, listen } from "./heard";
import { shiftsSeen, watchShifts } from "./layout-shifts";

test.describe("the history", () => {
  test("Present favourites with none says so, rather than open an empty slide show", async ({ playground, page }) => {
    await page.getByRole("button", { name: "Present favourites" }).click();
    await expect(page.getByRole("status").filter({ hasText: "No favourites yet: mark the results to present with their star (Favourite), then present them here." })).toBeVisible();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(playground.prompt).toBeVisible();
  });

  test("the lightbox opens with the focus on Close, and a move to an end leaves no disabled button holding it", async ({ playground, page, request }) => {
    const generation = { model: "wan2.2-t2i-flash", prompt: "Two paper lanterns", negativePrompt: "", width: 512, height: 512, n: 2, seed: 3, promptExtend: true, watermark: false };
    expect((await request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } })).status()).toBe(200);
    await page.reload();
    await playground.latest().getByRole("button", { name: /^Open image 1 of 2/ }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toHaveAccessibleName("Image 1 of 2");
    // Previous does nothing at the first image: the focus is on a control that acts.
    const [previous, next] = [dialog.getByRole("button", { name: "Previous" }), dialog.getByRole("button", { name: "Next" })];
    await expect(previous).toHaveAttribute("aria-disabled", "true");
    await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
    // Next pressed to the last image turns disabled under the focus: the focus goes to Previous, the way back.
    await next.focus();
    await page.keyboard.press("Enter");
    await expect(dialog).toHaveAccessibleName("Image 2 of 2");
    await expect(next).toHaveAttribute("aria-disabled", "true");
    await expect(previous).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(dialog).toHaveAccessibleName("Image 1 of 2");
    await expect(next).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.locator("dialog")).toHaveCount(0);
  });

  test("the lightbox's move on to another result begins what it says with that result's prompt", async ({ playground, page, request }) => {
    // Oldest first: the pair of lanterns is on top, the koi after it.
    for (const [prompt, n] of [["A single koi", 1], ["Two paper lanterns", 2]] as const) {
      const generation = { model: "wan2.2-t2i-flash", prompt, negativePrompt: "", width: 512, height: 512, n, seed: 3, promptExtend: true, watermark: false };
      expect((await request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } })).status()).toBe(200);
    }
    await page.reload();
    await playground.latest().getByRole("button", { name: /^Open image 1 of 2/ }).click();
    const dialog = page.getByRole("dialog");
    const next = dialog.getByRole("button", { name: "Next" });
    await next.focus();
    await page.keyboard.press("Enter");
    // Within a result, its place says enough.
    const said = dialog.locator("[aria-live=polite]").filter({ hasText: / px, image \d of \d$/ });
    await expect(said).toHaveText(/^\d+\*\d+ px, image 2 of 2$/);
    await page.keyboard.press("Enter");
    await expect(said).toHaveText(/^Another result: A single koi · \d+\*\d+ px, image 1 of 1$/);
    await page.keyboard.press("ArrowLeft");
    await expect(said).toHaveText(/^Another result: Two paper lanterns · \d+\*\d+ px, image 2 of 2$/);
    await page.keyboard.press("ArrowLeft");
    await expect(said).toHaveText(/^\d+\*\d+ px, image 1 of 2$/);
  });

  test("the lightbox's Next goes on past the loaded page: it loads the next one, and only the history's true end is the last image", async ({ playground, page, request }) => {
    // One more than a page (12), oldest first, so the oldest is the only one on the second page.
    const prompts = Array.from({ length: 13 }, (_, index) => `Lantern number ${index + 1}`);
    for (const prompt of prompts) {
      const generation = { model: "wan2.2-t2i-flash", prompt, negativePrompt: "", width: 512, height: 512, n: 1, seed: 5, promptExtend: true, watermark: false };
      expect((await request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } })).status()).toBe(200);
    }
    await page.reload();
    await playground.latest().getByRole("button", { name: /^Open image 1 of 1/ }).click();
    const dialog = page.getByRole("dialog");
    const shown = (number: number) => dialog.getByRole("img", { name: `Full size: Lantern number ${number}` });
    await expect(shown(13)).toBeVisible();
    for (let number = 12; number >= 2; number -= 1) {
      await page.keyboard.press("ArrowRight");
      await expect(shown(number)).toBeVisible();
    }
    // The end of the loaded page, not of the history: Next still acts, and the list behind holds only that page.
    const next = dialog.getByRole("button", { name: "Next" });
    await expect(next).not.toHaveAttribute("aria-disabled", "true");
    await expect(playground.results).toHaveCount(12);
    await next.focus();
    await page.keyboard.press("Enter");
    await expect(shown(1)).toBeVisible();
    await expect(playground.results).toHaveCount(13);
    // Now the history ends: Next says so, and the focus goes to the way back.
    await expect(next).toHaveAttribute("aria-disabled", "true");
    await expect(next).toHaveAccessibleDescription("This is the last image.");
    await expect(dialog.getByRole("button", { name: "Previous" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(shown(2)).toBeVisible();
  });

  test("the lightbox's Next passes over a page of failed runs, and asks again for a page that could not be loaded", async ({ playground, page, request, simulator }) => {
    const run = async (prompt: string) => {
      const generation = { model: "wan2.2-t2i-flash", prompt, negativePrompt: "", width: 512, height: 512, n: 1, seed: 5, promptExtend: true, watermark: false };
      return (await request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } })).json() as Promise<{ status: string }>;
    };
    // Oldest first: the lantern at the end alone on the third page, a page of refusals (no image) before it.
    expect((await run("The lantern at the end")).status).toBe("succeeded");
    await simulator.fault("moderation", { times: 12 });
    // The refusals' order among themselves does not matter: made at once.
    const refused = await Promise.all(Array.from({ length: 12 }, (_, index) => run(`Refused number ${index + 1}`)));
    expect(refused.map(({ status }) => status)).toEqual(refused.map(() => "failed"));
    for (let number = 1; number <= 12; number += 1) expect((await run(`Lantern number ${number}`)).status).toBe("succeeded");
    await page.reload();
    await playground.latest().getByRole("button", { name: /^Open image 1 of 1/ }).click();
    const dialog = page.getByRole("dialog");
    const shown = (name: string) => dialog.getByRole("img", { name: `Full size: ${name}` });
    await expect(shown("Lantern number 12")).toBeVisible();
    for (let number = 11; number >= 1; number -= 1) {
      await page.keyboard.press("ArrowRight");
      await expect(shown(`Lantern number ${number}`)).toBeVisible();
    }

    // The next page cannot be read (the query's three retries included): Next says so and stays where it is;
    // pressed again, it asks again.
    let refusals = 4;
    await page.route(/\/api\/generations\?.*cursor=/, (route) => {
      if (refusals === 0) return route.continue();
      refusals -= 1;
      return route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "Held back by the test." } }) });
    });
    const next = dialog.getByRole("button", { name: "Next" });
    await page.keyboard.press("ArrowRight");
    await expect(dialog).toContainText("Loading more of the history…");
    await expect(dialog).toContainText("The next images could not be loaded: press Next to try again.", { timeout: 20_000 });
    expect(refusals).toBe(0);
    await expect(shown("Lantern number 1")).toBeVisible();
    await expect(next).not.toHaveAttribute("aria-disabled", "true");

    // Asked again, the page of refusals holds no image: the one after it is read, and Next lands on its image.
    await page.keyboard.press("ArrowRight");
    await expect(shown("The lantern at the end")).toBeVisible();
    await expect(dialog).not.toContainText("could not be loaded");
    await expect(playground.results).toHaveCount(25);
    await expect(next).toHaveAttribute("aria-disabled", "true");
  });

  test("cards whose code cannot be fetched say so, and come with Try again", async ({ playground, page }) => {
    await playground.prompt.fill("A card whose code is held back");
    await playground.generateButton.click();
    await expect(playground.latest().getByRole("img")).toBeVisible();

    // After a reload the cards and the screen reader's announcer are lost, and the page must go on without them.
    const letThrough = await failLaterScripts(page);
    await page.reload();
    const alert = page.getByRole("alert").filter({ hasText: "The history's cards could not be loaded" });
    await expect(alert).toBeVisible();
    await expect(playground.results).toHaveCount(0);
    await playground.prompt.fill("The form still works");
    await expect(playground.prompt).toHaveValue("The form still works");

    await letThrough();
    await alert.getByRole("button", { name: "Try again" }).click();
    await expect(playground.latest()).toContainText("A card whose code is held back");
    await expect(alert).toHaveCount(0);
  });

  test("a part opened later whose code cannot be fetched says so in its place, and Try again fetches it", async ({ playground, page, request }) => {
    const generation = { model: "wan2.2-t2i-flash", prompt: "A kite over the dunes", negativePrompt: "", width: 512, height: 512, n: 1, seed: 4, promptExtend: true, watermark: false };
    expect((await request.post("/api/generations", { data: generation, headers: { prefer: "wait=20" } })).status()).toBe(200);
    await page.reload();
    const openImage = playground.latest().getByRole("button", { name: /^Open image 1 of 1/ });
    await expect(openImage).toBeVisible();
    await playground.prompt.fill("Typed before the tab's code failed");

    const letThrough = await failLaterScripts(page);
    const compare = new ComparePanel(page);
    const unloaded = page.getByRole("alert").filter({ hasText: "This part could not be loaded (the connection failed or the playground was updated)." });
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await expect(unloaded).toBeVisible();
    await expect(compare.form).toHaveCount(0);
    await page.getByRole("button", { name: "One model", exact: true }).click();
    await expect(playground.prompt).toHaveValue("Typed before the tab's code failed");

    // A dialog's part says so where it would have shown, and can be closed as the dialog could.
    await openImage.click();
    await expect(unloaded).toBeVisible();
    await unloaded.getByRole("button", { name: "Close" }).click();
    await expect(unloaded).toHaveCount(0);
    // The keyboard's place goes back to what opened it, as the dialog's Close gives it back.
    await expect(openImage).toBeFocused();
    await openImage.click();
    await expect(unloaded).toBeVisible();

    await letThrough();
    await unloaded.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("dialog")).toHaveAccessibleName("Image 1 of 1");
    await page.keyboard.press("Escape");
    await expect(page.locator("dialog")).toHaveCount(0);
    // Opened again, it opens at once.
    await openImage.click();
    await expect(page.getByRole("dialog")).toHaveAccessibleName("Image 1 of 1");
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await unloaded.getByRole("button", { name: "Try again" }).click();
    await expect(compare.prompt).toBeVisible();
    await compare.prompt.fill("The compare form works");
    await expect(compare.prompt).toHaveValue("The compare form works");
    await expect(unloaded).toHaveCount(0);
    await page.getByRole("button", { name: "One model", exact: true }).click();
    await expect(playground.prompt).toHaveValue("Typed before the tab's code failed");
    await expect(playground.latest()).toContainText("A kite over the dunes");
  });

  test("a reload while the model works loses nothing: the result still arrives", async ({ playground, simulator, page }) => {
    await simulator.configure({ latencyMs: 3000 });
    await playground.prompt.fill("A slow generation that outlives the tab");
    await playground.generateButton.click();
    await expect(playground.latest().getByRole("timer", { name: "Elapsed time" })).toBeVisible();
    await page.reload();
    const result = playground.latest();
    await expect(result).toContainText("A slow generation that outlives the tab");
    await expect(result.getByRole("timer", { name: "Elapsed time" })).toBeVisible();
    await expect(result.getByRole("img")).toBeVisible({ timeout: 15_000 });
    await expect(result).toContainText("Done");
    expect((await simulator.stats()).calls).toBe(1);
  });

  test("a 1:4 image stays within the window, in the box its placeholder held", async ({ playground, simulator, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await simulator.configure({ latencyMs: 3000 });
    await playground.chooseModel("Qwen-Image 2.0 Pro");
    await playground.customSize(512, 2048);
    await playground.prompt.fill("A lighthouse, tall and narrow");
    await playground.generateButton.click();
    const card = playground.latest();
    const placeholder = card.getByRole("list", { name: "Images being generated" }).locator("li > div").first();
    await expect(placeholder).toBeVisible();
    const held = await placeholder.boundingBox();
    const picture = card.getByRole("button", { name: /^Open image 1 of 1/ });
    await expect(picture.getByRole("img")).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => picture.getByRole("img").evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    const shown = await picture.boundingBox();
    // At most 70% of the window's height, a quarter as wide, and where the placeholder was: nothing moved.
    expect(shown!.height).toBeLessThanOrEqual(800 * 0.7 + 1);
    expect(shown!.height / shown!.width).toBeCloseTo(4, 1);
    for (const side of ["x", "y", "width", "height"] as const) expect(Math.abs(shown![side] - held![side])).toBeLessThanOrEqual(1);
    await page.screenshot({ path: "test-results/screenshots/tall-image-card.png" });
  });

  test("a generation started while the history is still loading shows up all the same", async ({ playground, page }) => {
    // The first list answer is read by the server at once but reaches the page late, as on a slow first
    // load; the generation starts in between, so that answer cannot hold it.
    let held = false;
    await page.route("**/api/generations?*", async (route) => {
      if (held) return route.continue();
      held = true;
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // The page may have given up on this answer (that is the fix under test): then there is no one to answer.
      await route.fulfill({ response }).catch(() => undefined);
    });
    await page.reload();
    await playground.prompt.fill("Started before the history loaded");
    await playground.generateButton.click();
    await expect(playground.latest()).toContainText("Started before the history loaded");
    await expect(playground.latest().getByRole("img")).toBeVisible();
  });

  test("reuse settings fills the form exactly as the generation had it", async ({ playground, page }) => {
    await playground.chooseModel("Wan 2.2 flash");
    await playground.prompt.fill("A tea house on a misty mountain");
    await playground.negativePrompt.fill("blurry, text");
    await playground.customSize(1000, 800);
    await playground.form.getByLabel("Number of images").fill("2");
    await playground.openMoreOptions();
    await playground.form.getByLabel("Seed", { exact: true }).fill("5");
    await page.getByRole("switch", { name: "Prompt rewriting (prompt_extend)" }).uncheck();
    await page.getByRole("switch", { name: "Watermark" }).check();
    await playground.generateButton.click();
    await expect(playground.latest().getByRole("img")).toHaveCount(2);

    // Change everything, then bring it all back in one click.
    await playground.chooseModel("Qwen-Image");
    await playground.prompt.fill("something else");
    await playground.negativePrompt.fill("");
    await page.getByRole("button", { name: "Clear" }).click();
    await playground.latest().getByRole("button", { name: "Reuse settings" }).click();

    await expect(playground.modelSelect).toHaveValue("wan2.2-t2i-flash");
    await expect(playground.prompt).toHaveValue("A tea house on a misty mountain");
    await expect(playground.negativePrompt).toHaveValue("blurry, text");
    await expect(playground.form.getByLabel("Width (px)")).toHaveValue("1000");
    await expect(playground.form.getByLabel("Height (px)")).toHaveValue("800");
    await expect(playground.form.getByLabel("Number of images")).toHaveValue("2");
    await expect(playground.form.getByLabel("Seed", { exact: true })).toHaveValue("5");
    await expect(page.getByRole("switch", { name: "Prompt rewriting (prompt_extend)" })).not.toBeChecked();
    await expect(page.getByRole("switch", { name: "Watermark" })).toBeChecked();

    // What was typed before the click is not lost: it can be put back, model and all.
    const said = playground.form.getByRole("status").filter({ hasText: "What you had typed was replaced." });
    await said.getByRole("button", { name: "Put mine back" }).click();
    await expect(playground.prompt).toHaveValue("something else");
    await expect(playground.modelSelect).toHaveValue("qwen-image");
    await expect(said).toHaveCount(0);
  });

  test("reuse the seed, use the revised prompt", async ({ playground, page }) => {
    await playground.prompt.fill("Koi in a lotus pond");
    await playground.generateButton.click();
    const result = playground.latest();
    await expect(result.getByRole("img")).toBeVisible();
    const seed = await result.locator("dt:text-is('Seed') + dd").textContent();
    const revised = await result.getByTestId("revised-prompt").textContent();
    expect(seed).toMatch(/^\d+$/);

    await result.getByRole("button", { name: "Reuse seed" }).click();
    await expect(playground.form.getByLabel("Seed", { exact: true })).toHaveValue(seed ?? "");
    await result.getByRole("button", { name: "Use revised prompt" }).click();
    await expect(playground.prompt).toHaveValue(revised ?? "");
  });

  test("what a card puts in the form takes the keyboard there, and the form's notice is said from a region already there", async ({ playground, page }) => {
    await playground.prompt.fill("Koi in a lotus pond");
    await playground.generateButton.click();
    const result = playground.latest();
    await expect(result.getByRole("img")).toBeVisible();
    // The notices' live region waits on the page, empty (one put in with its words already in it is not read
    // out); marked, to find that same element once it speaks.
    const notices = playground.form.getByRole("status");
    await expect(notices).toHaveCount(1);
    await expect(notices).toBeEmpty();
    await notices.evaluate((element) => element.setAttribute("data-there-before", ""));

    const press = async (name: string) => {
      await result.getByRole("button", { name }).focus();
      await page.keyboard.press("Enter");
    };
    await press("Reuse settings");
    await expect(playground.modelSelect).toBeFocused();
    await expect(playground.form.locator("[data-there-before]")).toHaveText(/^Settings loaded from the history \(.+\)\.$/);
    await press("Reuse seed");
    await expect(playground.form.getByLabel("Seed", { exact: true })).toBeFocused();
    await press("Use revised prompt");
    await expect(playground.prompt).toBeFocused();
  });

  test("download gives a PNG named after the result, with the prompt and settings inside", async ({ playground, page }) => {
    await playground.chooseModel("Qwen-Image Plus");
    await playground.prompt.fill("Spring festival poster with the word 福");
    await playground.openMoreOptions();
    await playground.form.getByLabel("Seed", { exact: true }).fill("42");
    await playground.generateButton.click();
    const result = playground.latest();
    await expect(result.getByRole("img")).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent("download"), result.getByRole("link", { name: "Download PNG" }).click()]);
    expect(download.suggestedFilename()).toBe("qwen-image-plus_seed42_spring-festival-poster-with-the-word.png");
    const png = readFileSync(await download.path());
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const text = Object.fromEntries(readPngText(png).map((entry) => [entry.keyword, entry.text]));
    expect(text.prompt).toBe("Spring festival poster with the word 福");
    expect(text.revised_prompt).toContain("福");
    expect(JSON.parse(text.parameters ?? "{}")).toMatchObject({ model: "qwen-image-plus", size: "1328*1328", n: 1, seed: 42 });
  });

  test("delete can be undone; once it goes through, the record and its files are gone", async ({ playground, page, request }) => {
    const body = { model: "wan2.2-t2i-flash", prompt: "A paper boat to delete", negativePrompt: "", width: 512, height: 512, n: 1, seed: 1, promptExtend: false, watermark: false };
    expect((await request.post("/api/generations", { data: body, headers: { prefer: "wait=20" } })).status()).toBe(200);
    // The notice's seconds pass on the page's clock, not the test's.
    await page.clock.install();
    await page.reload();
    const result = playground.latest();
    await expect(result.getByRole("img")).toBeVisible();
    const thumb = await result.getByRole("img").getAttribute("src");

    await result.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(playground.results).toHaveCount(0);
    // The pointer passing over the notice does not cut its window short.
    const notice = page.getByRole("status").filter({ has: page.getByRole("button", { name: "Undo" }) });
    await notice.hover();
    await page.mouse.move(0, 0);
    await expect(page.getByRole("button", { name: "Undo" })).toBeFocused();
    await page.clock.runFor(6_500);
    await expect(page.getByRole("button", { name: "Undo" })).toBeFocused();
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(playground.results).toHaveCount(1);
    // The card is back where the notice was, and the keyboard's place with it.
    await expect(playground.latest()).toBeFocused();

    // The delete is held on its way to the server: the card stays hidden meanwhile (no flash of it, no second Delete).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/generations\/[^/?]+$/, async (route) => {
      if (route.request().method() !== "DELETE") return route.fallback();
      await held;
      await route.fallback();
    });
    const sent = page.waitForRequest((sentRequest) => sentRequest.method() === "DELETE");
    await playground.latest().getByRole("button", { name: "Delete", exact: true }).click();
    // The notice goes on its own, wherever the focus is.
    await playground.prompt.focus();
    await page.clock.runFor(13_000);
    await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0);
    await sent;
    await page.waitForTimeout(1_000);
    await expect(playground.results).toHaveCount(0);
    const answered = page.waitForResponse((answer) => answer.request().method() === "DELETE");
    release();
    await answered;
    await expect(playground.results).toHaveCount(0);
    await page.reload();
    await expect(page.getByText("Your images will appear here")).toBeVisible();
    expect((await request.get(thumb ?? "")).status()).toBe(404);
  });

  test("a delete goes through though the page left the focus on Undo; someone at the notice holds it a minute at most", async ({ playground, page, request }) => {
    const prompts = ["A kite left alone", "A kite tabbed back to", "A kite under the pointer"];
    for (const [seed, prompt] of prompts.entries()) {
      const body = { model: "wan2.2-t2i-flash", prompt, negativePrompt: "", width: 512, height: 512, n: 1, seed, promptExtend: false, watermark: false };
      expect((await request.post("/api/generations", { data: body, headers: { prefer: "wait=20" } })).status()).toBe(200);
    }
    await page.clock.install();
    await page.reload();
    // What the server lists: another tab or a colleague sees this.
    const listed = async (prompt: string) => ((await (await request.get("/api/generations?limit=20")).json()) as { items: Array<{ request: { prompt: string } }> }).items.some((item) => item.request.prompt === prompt);
    const undo = page.getByRole("button", { name: "Undo" });
    const remove = async (prompt: string) => {
      await playground.results.filter({ hasText: prompt }).getByRole("button", { name: "Delete", exact: true }).click();
      // A keyboard can undo at once.
      await expect(undo).toBeFocused();
    };
    /** Held past the 12 s, the delete still goes through a minute after it was pressed. */
    const heldForAMinute = async (prompt: string) => {
      await page.clock.runFor(40_000);
      await expect(undo).toBeVisible();
      expect(await listed(prompt)).toBe(true);
      await page.clock.runFor(21_000);
      await expect.poll(() => listed(prompt)).toBe(false);
      await expect(undo).toHaveCount(0);
    };

    await remove("A kite left alone");
    await page.mouse.move(0, 0);
    await page.clock.runFor(13_000);
    await expect.poll(() => listed("A kite left alone")).toBe(false);
    await expect(undo).toHaveCount(0);

    // A keyboard user who comes back to Undo holds it, for a minute at most.
    await remove("A kite tabbed back to");
    await expect(page.getByRole("status").filter({ has: undo })).toContainText("Undo stays for 12 seconds; while you point at this or tab back to Undo, up to 60 seconds.");
    await page.mouse.move(0, 0);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Shift+Tab");
    await expect(undo).toBeFocused();
    await heldForAMinute("A kite tabbed back to");

    // So does a pointer resting on the notice.
    await remove("A kite under the pointer");
    await page.getByRole("status").filter({ has: undo }).hover();
    await heldForAMinute("A kite under the pointer");
  });

  test("an Undo whose window closed leaves the keyboard on the card now in its place", async ({ playground, page, request }) => {
    for (const [seed, prompt] of ["A lantern kept", "A lantern let go"].entries()) {
      const body = { model: "wan2.2-t2i-flash", prompt, negativePrompt: "", width: 512, height: 512, n: 1, seed, promptExtend: false, watermark: false };
      expect((await request.post("/api/generations", { data: body, headers: { prefer: "wait=20" } })).status()).toBe(200);
    }
    await page.clock.install();
    await page.reload();
    await playground.results.filter({ hasText: "A lantern let go" }).getByRole("button", { name: "Delete", exact: true }).focus();
    await page.keyboard.press("Enter");
    const undo = page.getByRole("button", { name: "Undo" });
    await expect(undo).toBeFocused();
    await page.clock.runFor(13_000);
    await expect(undo).toHaveCount(0);
    await expect(playground.results).toHaveCount(1);
    await expect(playground.results.filter({ hasText: "A lantern kept" })).toBeFocused();
  });

  test("the last favourite unstarred in the favourites view leaves the keyboard on the heading, and the empty view is said", async ({ playground, page, request }) => {
    const body = { model: "wan2.2-t2i-flash", prompt: "A single starred kite", negativePrompt: "", width: 512, height: 512, n: 1, seed: 1, promptExtend: false, watermark: false };
    expect((await request.post("/api/generations", { data: body, headers: { prefer: "wait=20" } })).status()).toBe(200);
    await page.reload();
    const star = playground.latest().getByRole("button", { name: "Favourite" });
    await star.click();
    await expect(star).toHaveAttribute("aria-pressed", "true");
    await listen(page);
    await page.getByLabel("Favourites only").check();
    await expect.poll(() => heard(page)).toEqual(["1 result shown."]);

    await star.focus();
    await page.keyboard.press("Enter");
    await expect(playground.results).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "History" })).toBeFocused();
    await expect.poll(() => heard(page)).toEqual(["1 result shown.", "No matches."]);
  });

  test("a search or a filter says what it found once the list has settled, not at every key", async ({ playground, simulator, page }) => {
    await litAndRefused(playground, simulator);

    await listen(page);
    await page.getByLabel("Search prompts").pressSequentially("zzzqqq", { delay: 120 });
    await expect.poll(() => heard(page)).toEqual(["No matches."]);
    await page.waitForTimeout(1_500);
    expect(await heard(page)).toEqual(["No matches."]);

    await page.getByLabel("Search prompts").fill("");
    await expect.poll(() => heard(page)).toEqual(["No matches.", "2 results shown."]);
    await page.getByLabel("Status").selectOption("failed");
    await expect.poll(() => heard(page)).toEqual(["No matches.", "2 results shown.", "1 result shown."]);
    // The same words as before, for another list: said again.
    await page.getByLabel("Search prompts").fill("zzzqqq");
    await expect.poll(() => heard(page)).toEqual(["No matches.", "2 results shown.", "1 result shown.", "No matches."]);
  });

  test("favourites, search and status filters", async ({ playground, simulator, page }) => {
    await litAndRefused(playground, simulator);
    await playground.prompt.fill("Blue porcelain teacup");
    await playground.generateButton.click();
    await expect(playground.latest().getByRole("img")).toBeVisible();
    await playground.latest().getByRole("button", { name: "Favourite" }).click();
    await expect(playground.latest().getByRole("button", { name: "Favourite" })).toHaveAttribute("aria-pressed", "true");

    await page.getByLabel("Favourites only").check();
    await expect(playground.results).toHaveCount(1);
    await expect(playground.latest()).toContainText("Blue porcelain teacup");
    await page.getByLabel("Favourites only").uncheck();

    await page.getByLabel("Search prompts").fill("lanterns");
    await expect(playground.results).toHaveCount(1);
    await expect(playground.latest()).toContainText("Red lanterns at night");
    await page.getByLabel("Search prompts").fill("");

    await page.getByLabel("Status").selectOption("failed");
    await expect(playground.results).toHaveCount(1);
    await expect(playground.latest()).toContainText("A refused prompt");
    await page.getByLabel("Status").selectOption("");
    await expect(playground.results).toHaveCount(3);
  });

  test("the history loads page by page as it scrolls", async ({ playground, page, request }) => {
    for (let index = 0; index < 15; index++) {
      const response = await request.post("/api/generations", {
        data: { model: "wan2.2-t2i-flash", prompt: `Scroll item ${index}`, negativePrompt: "", width: 512, height: 512, n: 1, seed: index, promptExtend: false, watermark: false },
      });
      expect(response.status()).toBe(202);
    }
    await page.reload();
    await expect(playground.results).toHaveCount(12);
    await page.getByRole("button", { name: "Load more" }).scrollIntoViewIfNeeded();
    await expect(playground.results).toHaveCount(15);
    await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  });

  test("each page of the history lands without moving what is on the screen: no layout shift", async ({ playground, page, request }) => {
    // Three pages of 12 and one more, finished: no card changes its size while the pages land.
    await makeFinished(request, 37);
    // Each further page lands later than the 500 ms after a click or a key in which a shift is not counted.
    await delayLaterPages(page);
    await page.reload();
    await expect(playground.results).toHaveCount(12);
    await watchShifts(page, false);
    // Scrolled with the wheel, as a person would, to the end while each page is on its way; the last page takes Load more away.
    const loadMore = page.getByRole("button", { name: "Load more" });
    await page.mouse.move(640, 360);
    for (const count of [24, 36, 37]) {
      await expect(async () => {
        await page.mouse.wheel(0, 800);
        expect(await playground.results.count()).toBe(count);
      }).toPass({ intervals: [50] });
    }
    await expect(loadMore).toHaveCount(0);
    // The last page's shifts, if any, are reported by then.
    expect(await shiftsSeen(page)).toEqual([]);
  });

  test("Load more pressed from the keyboard keeps the keyboard's place: on the first card of the page it loaded", async ({ playground, page, request }) => {
    await loadMoreFromKeyboard(page, request, 25);
    await expect(playground.results).toHaveCount(24);
    await expect(playground.results.nth(12)).toBeFocused();
  });

  test("once the last page landed from the keyboard, a Load more a later list brings does not take the focus", async ({ playground, page, request }) => {
    const loadMore = await loadMoreFromKeyboard(page, request, 13);
    await expect(playground.results).toHaveCount(13);
    await expect(loadMore).toHaveCount(0);
    // The last page's card has the focus the button had, rather than the page's body.
    await expect(playground.results.nth(12)).toBeFocused();
    // A filtered list with a page to come, landing while the focus is nowhere (on the page itself).
    await page.route("**/api/generations?*status=*", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.continue();
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    // Changed where a person changes it, from the menu: with the focus left on the card, the filter takes that card
    // away under it and the list rightly puts the focus on its heading (seen in CI, when the blur below came late).
    const status = page.getByLabel("Status");
    await status.focus();
    await status.selectOption("succeeded");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expect(loadMore).toBeVisible();
    await expect(playground.results).toHaveCount(12);
    await expect(loadMore).not.toBeFocused();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  });

  test("a page landing, a selection or a delete renders again only the cards it concerns", async ({ playground, page, request }) => {
    // With hundreds of cards loaded, rendering every one of them again was most of each page's landing time.
    // Two whole pages, brought in by the list's own loading as its end comes into view (a click on Load more raced it:
    // scrolling to the button starts that loading, and the button can leave before the click lands).
    await makeFinished(request, 24);
    await watchCardRenders(page);
    await page.reload();
    await expect(playground.results).toHaveCount(12);
    await expect(playground.results.first().getByRole("img")).toBeVisible();
    await takeCardRenders(page);

    await page.getByRole("button", { name: "Load more" }).scrollIntoViewIfNeeded();
    await expect(playground.results).toHaveCount(24);
    const landed = await takeCardRenders(page);
    expect(landed.mounted).toHaveLength(12);
    expect(landed.rendered).toEqual([]);

    const first = playground.results.first();
    const name = await first.getAttribute("aria-label");
    await first.getByRole("checkbox", { name: /^Select/ }).check();
    await expect(page.getByRole("region", { name: "Selection" })).toBeVisible();
    expect((await takeCardRenders(page)).rendered).toEqual([name]);

    const second = playground.results.nth(1);
    const deleted = await second.getAttribute("aria-label");
    await second.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(playground.results).toHaveCount(24);
    expect(await takeCardRenders(page)).toEqual({ mounted: [deleted], rendered: [] });
  });
});

/** Two generations from the form: "Red lanterns at night" done, then "A refused prompt" refused by moderation. */
const litAndRefused = async (playground: PlaygroundPage, simulator: SimulatorControl) => {
  await playground.prompt.fill("Red lanterns at night");
  await playground.generateButton.click();
  await expect(playground.latest().getByRole("img")).toBeVisible();
  await simulator.fault("moderation");
  await playground.prompt.fill("A refused prompt");
  await playground.generateButton.click();
  await expect(failure(playground.latest())).toBeVisible();
};

/** `count` finished generations, made at once. */
const makeFinished = async (request: APIRequestContext, count: number) => {
  const made = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      request.post("/api/generations", {
        data: { model: "wan2.2-t2i-flash", prompt: `Page item ${index}`, negativePrompt: "", width: 512, height: 512, n: 1, seed: index, promptExtend: false, watermark: false },
        headers: { prefer: "wait=20" },
      }),
    ),
  );
  expect(made.map((response) => response.status())).toEqual(made.map(() => 200));
};

/** `count` finished items, the page reloaded on its first page, and Load more pressed from the keyboard (its next pages 700 ms late). */
const loadMoreFromKeyboard = async (page: Page, request: APIRequestContext, count: number) => {
  await makeFinished(request, count);
  await delayLaterPages(page);
  await page.reload();
  await expect(page.getByRole("article")).toHaveCount(12);
  const loadMore = page.getByRole("button", { name: "Load more" });
  await loadMore.focus();
  await page.keyboard.press("Enter");
  return loadMore;
};

/** The history's pages after the first answer 700 ms late. */
const delayLaterPages = (page: Page) =>
  page.route("**/api/generations?*cursor=*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
