import sharp from "sharp";
import type { Page } from "@playwright/test";
import { EditPanel, expect, openMoreOptions, selectModel, test, type PickedFile, type PlaygroundPage } from "./fixtures";

/** A photo-like picture: a gradient with a few blocks, so an edit's change and the slider are visible. */
const picture = async (width: number, height: number, format: "png" | "jpeg" = "png", orientation?: number): Promise<Buffer> => {
  const blocks = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
       <defs><linearGradient id="g"><stop offset="0" stop-color="#1d4ed8"/><stop offset="1" stop-color="#f59e0b"/></linearGradient></defs>
       <rect width="100%" height="100%" fill="url(#g)"/>
       <rect x="10%" y="55%" width="30%" height="35%" fill="#065f46"/>
       <circle cx="70%" cy="30%" r="12%" fill="#fde68a"/>
     </svg>`,
  );
  const image = sharp(blocks).toFormat(format);
  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer();
};

const file = (name: string, mimeType: string, buffer: Buffer): PickedFile => ({ name, mimeType, buffer });

/** The garden (1200*800) uploaded and edited with "Make the sky stormy": the form, and the result's card once it shows the slider. */
const stormyGarden = async (page: Page, playground: PlaygroundPage) => {
  const edit = new EditPanel(page);
  await edit.open();
  await edit.upload(file("garden.png", "image/png", await picture(1200, 800)));
  await edit.expectInput("1200*800");
  await edit.prompt.fill("Make the sky stormy");
  await edit.submit.click();
  const result = playground.latest();
  await expect(result.getByRole("slider")).toBeVisible();
  return { edit, result };
};

/** Holds the browser's POSTs to /api/inputs of one content type (an upload's image/*, a result's JSON) until released. */
const holdInputs = (page: Page, contentType: RegExp) => {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  void page.route("**/api/inputs", async (route) => {
    if (contentType.test(route.request().headers()["content-type"] ?? "")) await gate;
    // The page may have given up on it meanwhile (a newer choice aborts it).
    await route.continue().catch(() => {});
  });
  return {
    release: async () => {
      release();
      await page.unroute("**/api/inputs");
    },
  };
};

/** A picture handed to an element as a file dragged from the desktop (drop) or copied (paste) arrives. */
const handOver = async (page: Page, how: "drop" | "paste", selector: string, picture: Buffer, { name, type } = { name: "picture.png", type: "image/png" }) =>
  page.locator(selector).evaluate(
    (element, { bytes, how, name, type }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type }));
      const event = how === "drop" ? new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }) : new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
      element.dispatchEvent(event);
    },
    { bytes: [...picture], how, name, type },
  );

test.describe("editing an image", () => {
  test("upload, edit, and compare before and after with the slider", async ({ playground, simulator, page }) => {
    const edit = new EditPanel(page);
    await edit.open();
    // Only the models that edit are offered.
    await expect(edit.model).toHaveValue("qwen-image-2.0-pro");
    await expect(edit.model.locator("option", { hasText: "Wan 2.6" })).toHaveCount(0);

    await edit.upload(file("garden.png", "image/png", await picture(1200, 800)));
    await edit.expectInput("1200*800");
    await expect(edit.inputImage).toContainText("Uploaded image, 1200*800 (3:2)");
    await expect(edit.form.getByLabel("Follow the input image (about 1248*832)")).toBeChecked();

    await edit.prompt.fill("Make the sky stormy, keep the garden as it is");
    await openMoreOptions(edit.form);
    await edit.form.getByLabel("Seed", { exact: true }).fill("7");
    await edit.submit.click();

    const result = playground.latest();
    await expect(result).toContainText("Edit");
    await expect(result).toContainText("1200*800, uploaded");
    await expect(result).toContainText("1248*832 (3:2), following the input");
    const slider = result.getByRole("slider", { name: "Drag across the picture to compare before and after" });
    await expect(slider).toBeVisible();
    expect(await playground.fullImageSize(result)).toEqual([1248, 832]);

    const stats = await simulator.stats();
    expect(stats.lastRequest).toMatchObject({ model: "qwen-image-2.0-pro", prompt: "Make the sky stormy, keep the garden as it is", seed: 7, size: null });
    expect(String(stats.lastRequest?.image)).toMatch(/^data:image\/png \(\d+ bytes, 1200\*800\)$/);

    // The slider moves the divider: all "before" at the right end, all "after" at the left.
    const before = result.getByTestId("before-image");
    await expect(before).toHaveAttribute("alt", "Before: the input, 1200*800");
    await expect(result.getByRole("img", { name: "After: result 1 of 1 for: Make the sky stormy, keep the garden as it is" })).toBeVisible();
    await expect(before).toHaveCSS("clip-path", "inset(0px 50% 0px 0px)");
    await slider.focus();
    await page.keyboard.press("End");
    await expect(before).toHaveCSS("clip-path", "inset(0px 0% 0px 0px)");
    await page.keyboard.press("Home");
    await expect(before).toHaveCSS("clip-path", "inset(0px 100% 0px 0px)");
    await slider.fill("30");
    await expect(before).toHaveCSS("clip-path", "inset(0px 70% 0px 0px)");
    // A press anywhere on the picture moves the divider there (what a touch screen needs).
    const box = await before.boundingBox();
    await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) * 0.8, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    await expect(before).toHaveCSS("clip-path", "inset(0px 20% 0px 0px)");
    await expect(before).toHaveCSS("object-fit", "cover");
    await page.screenshot({ path: "test-results/screenshots/edit-before-after.png", fullPage: true });

    // Asked for another shape, the result's frame shows the input whole rather than cut to fit, and says so.
    await edit.form.getByRole("radio", { name: "Choose a size" }).check();
    await edit.form.getByRole("radio", { name: /^1024\*1536/ }).check();
    await edit.submit.click();
    const portrait = playground.latest();
    await expect(portrait).toContainText("1024*1536 (2:3)");
    await expect(portrait.getByRole("slider", { name: "Drag across the picture to compare before and after. The input (3:2) is shown whole inside the result's 2:3 frame." })).toBeVisible();
    await expect(portrait.getByTestId("before-image")).toHaveCSS("object-fit", "contain");
    await portrait.screenshot({ path: "test-results/screenshots/edit-other-shape.png" });

    // Two images of one edit that share their revised prompt say it once, under both sliders.
    await edit.form.getByLabel("Number of images").fill("2");
    await edit.submit.click();
    const pair = playground.latest();
    await expect(pair.getByRole("slider")).toHaveCount(2);
    await expect(pair.getByText("Revised prompt of all 2 images")).toHaveCount(1);
    await expect(pair.getByTestId("revised-prompt")).toHaveCount(1);
  });

  test("the form's notices go once a later load replaces them or a run is sent", async ({ page, playground }) => {
    const { edit, result } = await stormyGarden(page, playground);

    // The box of notices, not the note beside it that offers the way back to replaced work.
    const notices = edit.form.getByRole("status").filter({ has: page.getByRole("listitem") });
    await result.getByRole("button", { name: "Reuse settings" }).click();
    await expect(notices).toHaveText("Edit loaded from the history (Qwen-Image 2.0 Pro).");
    await result.getByRole("button", { name: "Use revised prompt" }).click();
    await expect(notices).toHaveCount(0);

    await edit.form.getByLabel("Number of images").fill("4");
    await selectModel(edit.model, "Qwen-Image Edit");
    await expect(notices).toContainText("4 images is more than Qwen-Image Edit makes per request; it is now 1.");
    await edit.submit.click();
    await expect(page.getByRole("article").filter({ has: page.getByRole("slider") })).toHaveCount(2);
    await expect(notices).toHaveCount(0);
  });

  test("a generation edited twice: each step edits the last result, and the chain is there after a reload", async ({ playground, page }) => {
    await playground.chooseModel("Qwen-Image");
    await playground.prompt.fill("A lighthouse on a cliff at dawn");
    await playground.generateButton.click();
    const generated = playground.latest();
    await expect(generated.getByRole("img")).toHaveCount(1);

    const edit = new EditPanel(page);
    await generated.getByRole("button", { name: "Edit this image" }).click();
    await expect(edit.form).toBeVisible();
    await expect(edit.inputImage).toContainText("a result of “A lighthouse on a cliff at dawn”");
    await edit.prompt.fill("Add a storm over the sea");
    await edit.submit.click();

    const first = page.getByRole("article", { name: /Add a storm over the sea/ });
    await expect(first.getByRole("slider")).toBeVisible();
    await expect(first.getByRole("list", { name: "Edit chain" }).getByRole("listitem")).toHaveText(["Step 1: A lighthouse on a cliff at dawn", "Step 2: this edit"]);

    await first.getByRole("button", { name: "Edit this image" }).click();
    await expect(edit.inputImage).toContainText("a result of “Add a storm over the sea”");
    await selectModel(edit.model, "Qwen-Image Edit");
    // The first editing model takes no size: it says so instead of offering one.
    await expect(edit.form).toContainText("Qwen-Image Edit takes no size: the output follows the input image");
    await edit.prompt.fill("Turn it into a night scene with the beam lit");
    await edit.submit.click();

    const second = page.getByRole("article", { name: /Turn it into a night scene/ });
    await expect(second.getByRole("slider")).toBeVisible();
    const chain = second.getByRole("list", { name: "Edit chain" });
    await expect(chain.getByRole("listitem")).toHaveText(["Step 1: A lighthouse on a cliff at dawn", "Step 2: Add a storm over the sea", "Step 3: this edit"]);

    await page.reload();
    const reloaded = page.getByRole("article", { name: /Turn it into a night scene/ });
    const kept = reloaded.getByRole("list", { name: "Edit chain" });
    await expect(kept.getByRole("listitem")).toHaveText(["Step 1: A lighthouse on a cliff at dawn", "Step 2: Add a storm over the sea", "Step 3: this edit"]);
    await expect(reloaded).toContainText("a result of “Add a storm over the sea”");
    // A step of the chain leads to its own card.
    await kept.getByRole("link", { name: "Step 2: Add a storm over the sea" }).click();
    const stepTwo = page.getByRole("article", { name: /Add a storm over the sea/ });
    await expect(stepTwo).toBeInViewport();
    await expect(stepTwo).toBeFocused();
    await page.screenshot({ path: "test-results/screenshots/edit-chain.png", fullPage: true });

    // Reusing the edit's settings brings back its input image and its model (what it does is its description,
    // not a tooltip alone).
    await expect(reloaded.getByRole("button", { name: "Reuse settings" })).toHaveAccessibleDescription("Everything as it was, the seed used included, to make this image again.");
    await reloaded.getByRole("button", { name: "Reuse settings" }).click();
    await expect(edit.form).toBeVisible();
    await expect(edit.model).toHaveValue("qwen-image-edit");
    await expect(edit.prompt).toHaveValue("Turn it into a night scene with the beam lit");
    await expect(edit.inputImage).toContainText("a result of “Add a storm over the sea”");
    // The note says where the settings came from, naming the model as the list does, not by its id.
    await expect(edit.form.getByText("Edit loaded from the history (Qwen-Image Edit).", { exact: true })).toBeVisible();

    // Opened from a share page, it says the shared link, not the history.
    await reloaded.getByRole("button", { name: "Share link" }).click();
    const link = await reloaded.getByRole("textbox", { name: "Share link" }).inputValue();
    const visitor = await page.context().newPage();
    await visitor.goto(link);
    await visitor.getByRole("article", { name: /Turn it into a night scene/ }).getByRole("link", { name: "Open in playground" }).click();
    const visiting = new EditPanel(visitor);
    await expect(visiting.prompt).toHaveValue("Turn it into a night scene with the beam lit");
    await expect(visiting.form.getByText("Edit loaded from the shared link (Qwen-Image Edit).", { exact: true })).toBeVisible();
    await visitor.close();
  });

  test("refuses a 12 MB file and a disguised one before any request, and turns a phone photo upright", async ({ page, playground }) => {
    void playground;
    const uploads: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/inputs") uploads.push(request.method());
    });
    const edit = new EditPanel(page);
    await edit.open();

    const start = await picture(800, 600);
    await edit.upload(file("huge.png", "image/png", Buffer.concat([start, Buffer.alloc(12 * 1024 * 1024 - start.length)])));
    await expect(edit.inputImage.getByRole("alert")).toHaveText(
      "This file is 12 MB; the gateway takes images up to 10 MB. Nothing was uploaded.",
    );
    await edit.upload(file("photo.png", "image/png", Buffer.from("not really a picture, only named like one")));
    await expect(edit.inputImage.getByRole("alert")).toHaveText(
      "This file is not a PNG, JPEG or WebP image (judged by its contents, not its name). Nothing was uploaded.",
    );
    expect(uploads).toEqual([]);

    // Stored 640 wide and 400 high with EXIF orientation 6: a camera held on its side, seen 400*640.
    await edit.upload(file("phone.jpg", "image/jpeg", await picture(640, 400, "jpeg", 6)));
    await edit.expectInput("400*640");
    await expect(edit.inputImage.getByRole("alert")).toHaveCount(0);

    // A large photo is scaled down in the browser before it is sent.
    await edit.upload(file("camera.jpg", "image/jpeg", await picture(4000, 3000, "jpeg")));
    await edit.expectInput("2048*1536");
    expect(uploads).toEqual(["POST", "POST"]);

    // A heavy PNG that needs no scaling is drawn again, smaller, rather than sent (and later sent on) whole.
    const heavy = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: "#336699", noise: { type: "gaussian", mean: 128, sigma: 30 } } }).png().toBuffer();
    expect(heavy.length).toBeGreaterThan(5 * 1024 * 1024);
    const sent = page.waitForRequest((request) => new URL(request.url()).pathname === "/api/inputs");
    await edit.upload(file("screenshot.png", "image/png", heavy));
    await edit.expectInput("1800*1200");
    // What the server keeps, and each edit of it sends on, is what the browser made of it.
    const kept = await page.request.get(((await (await (await sent).response())?.json()) as { src: string }).src);
    expect(kept.headers()["content-type"]).toBe("image/webp");
    expect((await kept.body()).length).toBeLessThan(4 * 1024 * 1024);
  });

  test("a picture dropped on the input box, or pasted into the form, becomes the input", async ({ page, playground }) => {
    void playground;
    const edit = new EditPanel(page);
    await edit.open();
    await handOver(page, "drop", "[data-testid=input-drop-zone]", await picture(900, 600));
    await edit.expectInput("900*600");
    // A dropped file that is no image is refused with why, and the input stays.
    await handOver(page, "drop", "[data-testid=input-drop-zone]", Buffer.from("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n"), { name: "brief.pdf", type: "application/pdf" });
    await expect(edit.form.getByText("This file is not a PNG, JPEG or WebP image (judged by its contents, not its name). Nothing was uploaded.")).toBeVisible();
    await edit.expectInput("900*600");
    // A paste anywhere in the form, here into the prompt, replaces it; pasted text would still go in as text.
    await handOver(page, "paste", "#edit-prompt", await picture(640, 640));
    await edit.expectInput("640*640");
    await expect(edit.prompt).toHaveValue("");
    // With the focus on the page itself (after a click on the picture's box), a paste is taken too.
    await page.locator("body").click({ position: { x: 2, y: 2 } });
    await handOver(page, "paste", "body", await picture(720, 480));
    await edit.expectInput("720*480");
    // Not while another mode's form is the one shown.
    await page.getByRole("button", { name: "One model", exact: true }).click();
    await handOver(page, "paste", "body", await picture(500, 500));
    await edit.open();
    await edit.expectInput("720*480");

    // A file dropped outside a drop zone is refused, not opened in place of the page (and of what was typed).
    await edit.prompt.fill("Typed before a stray drop");
    const refused = await page.locator("header").evaluate((element, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], "stray.png", { type: "image/png" }));
      const over = new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true });
      const drop = new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true });
      return [!element.dispatchEvent(over), !element.dispatchEvent(drop)];
    }, [...(await picture(300, 300))]);
    expect(refused).toEqual([true, true]);
    await expect(edit.prompt).toHaveValue("Typed before a stray drop");
    await edit.expectInput("720*480");
  });

  test("while a new input is still on its way, an edit waits for it rather than start from the old one", async ({ page, playground, simulator }) => {
    void playground;
    const edit = new EditPanel(page);
    await edit.open();
    await edit.upload(file("first.png", "image/png", await picture(900, 600)));
    await edit.expectInput("900*600");

    const held = holdInputs(page, /^image\//);
    await edit.upload(file("second.png", "image/png", await picture(600, 900)));
    await expect(edit.inputImage.getByRole("status")).toHaveText("Uploading…");
    await edit.prompt.fill("Make it autumn");
    await expect(edit.submit).toHaveAccessibleDescription("Wait for the input image: it is still being prepared.");
    // The button stays reachable and says why; pressed anyway, or Ctrl+Enter in the prompt, the form refuses.
    await edit.submit.press("Enter");
    await expect(edit.inputImage.getByText("Wait for the input image: it is still being prepared.")).toBeVisible();
    await expect(edit.form.getByLabel("Replace image")).toBeFocused();
    await edit.prompt.press("Control+Enter");
    expect((await simulator.stats()).calls).toBe(0);

    await held.release();
    await edit.expectInput("600*900");
    await expect(edit.inputImage.getByText("Wait for the input image")).toHaveCount(0);
    await edit.submit.click();
    await expect(playground.latest()).toContainText("600*900, uploaded");
  });

  test("a double click on Edit image starts and bills one edit", async ({ page, playground, simulator }) => {
    void playground;
    const edit = new EditPanel(page);
    await edit.open();
    await edit.upload(file("once.png", "image/png", await picture(900, 600)));
    await edit.expectInput("900*600");
    await edit.prompt.fill("Make it autumn, once");
    await edit.submit.dblclick();
    const edited = page.getByRole("article", { name: /Make it autumn, once/ });
    await expect(edited.getByRole("slider")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("article", { name: /Make it autumn, once/ })).toHaveCount(1);
    expect((await simulator.stats()).calls).toBe(1);
  });

  test("an editing model's refusal names the model as people know it, not by its id", async ({ page, playground, simulator }) => {
    void playground;
    const edit = new EditPanel(page);
    await edit.open();
    await edit.upload(file("busy.png", "image/png", await picture(900, 600)));
    await edit.expectInput("900*600");
    // A model only the editing registry knows: the page is handed its name, not that registry.
    await selectModel(edit.model, "Qwen-Image Edit Plus");
    await edit.prompt.fill("Make it spring");
    await simulator.fault("unavailable", { times: 3, retryAfterSeconds: 1 });
    await edit.submit.click();
    const card = page.getByRole("article", { name: /Make it spring/ });
    await expect(card).toContainText("Failed", { timeout: 30_000 });
    await expect(card).toContainText("Qwen-Image Edit Plus is temporarily unavailable");
    await expect(card).not.toContainText("qwen-image-edit-plus is");
  });

  test("a refusal the server ties to the input is said at the input", async ({ page, playground, simulator }) => {
    void playground;
    const edit = new EditPanel(page);
    await edit.open();
    await edit.upload(file("kept.png", "image/png", await picture(900, 600)));
    await edit.expectInput("900*600");
    await edit.prompt.fill("Make it winter");
    // The server's own answer when an input was dropped meanwhile (a day unused), as the route sends it.
    const gone = "The input image is no longer on the server (an input no edit uses is dropped a day after it was last chosen). Choose it again.";
    await page.route("**/api/edits", (route) =>
      route.fulfill({ status: 400, contentType: "application/json", json: { error: { code: "invalid_request", message: `The request was refused: input: ${gone}`, fields: [{ field: "input", message: gone }] } } }),
    );
    await edit.submit.click();
    await expect(edit.inputImage.getByText(gone)).toBeVisible();
    expect((await simulator.stats()).calls).toBe(0);
  });

  test("“Edit this image” from the keyboard puts the focus on the edit's prompt and says so from a region already there; Remove image hands it to the chooser", async ({ page, playground }) => {
    await playground.prompt.fill("A red kite over a beach");
    await playground.generateButton.click();
    const generated = playground.latest();
    await expect(generated.getByRole("img")).toHaveCount(1);

    // The edit form opened once: its notices' live region waits on the page, empty, before it has anything to say
    // (one put in with its words already in it is not read out). Marked, to find that same element later.
    const edit = new EditPanel(page);
    await edit.open();
    await expect(edit.form.getByRole("status")).toHaveCount(2);
    const notices = edit.form.getByRole("status").first();
    await expect(notices).toBeEmpty();
    await notices.evaluate((element) => element.setAttribute("data-there-before", ""));
    await page.getByRole("button", { name: "One model", exact: true }).click();

    await generated.getByRole("button", { name: "Edit this image" }).focus();
    await page.keyboard.press("Enter");
    await expect(edit.prompt).toBeFocused();
    await expect(edit.form.locator("[data-there-before]")).toHaveText("The image is in the form as the input: describe the change and press “Edit image”.");

    // The button goes with the image: the keyboard goes on to what chooses the next one, not to the page's body.
    await edit.inputImage.getByRole("button", { name: "Remove image" }).focus();
    await page.keyboard.press("Enter");
    await expect(edit.inputImage.getByRole("img")).toHaveCount(0);
    await expect(edit.form.getByLabel("Choose an image")).toBeFocused();
  });

  test("“Edit this image” still on its way loses to a picture dropped after it", async ({ page, playground }) => {
    await playground.prompt.fill("A red kite over a beach");
    await playground.generateButton.click();
    const generated = playground.latest();
    await expect(generated.getByRole("img")).toHaveCount(1);

    const held = holdInputs(page, /^application\/json/);
    await generated.getByRole("button", { name: "Edit this image" }).click();
    const edit = new EditPanel(page);
    await expect(edit.inputImage.getByRole("status")).toHaveText("Taking the image from the history…");
    await handOver(page, "drop", "[data-testid=input-drop-zone]", await picture(700, 500));
    await edit.expectInput("700*500");
    await held.release();
    await page.waitForLoadState("networkidle");
    await edit.expectInput("700*500");
    await expect(edit.inputImage).toContainText("Uploaded image, 700*500");
  });

  test("an edit needs an input image, and the form says so before any request", async ({ page, playground, simulator }) => {
    void playground;
    const edit = new EditPanel(page);
    await edit.open();
    await edit.prompt.fill("Make it autumn");
    await edit.submit.click();
    await expect(edit.inputImage.getByText("Choose an input image first.")).toBeVisible();
    // Focus goes to the refused control, which is marked so and described by the refusal (said once, as focused).
    const chooser = edit.form.getByLabel("Choose an image");
    await expect(chooser).toBeFocused();
    await expect(chooser).toHaveAttribute("aria-invalid", "true");
    await expect(chooser).toHaveAccessibleDescription(/Choose an input image first\./);
    // The same from the keyboard's own way to submit, in the prompt.
    await edit.prompt.focus();
    await edit.prompt.press("Control+Enter");
    await expect(chooser).toBeFocused();
    expect((await simulator.stats()).calls).toBe(0);
  });
});

test.describe("an edit presented", () => {
  test("is marked an edit, its input (before) beside the result (after), under its instruction, as its card shows it", async ({ page, playground }) => {
    const { result } = await stormyGarden(page, playground);

    await result.getByRole("button", { name: "Present", exact: true }).click();
    const show = page.getByRole("dialog", { name: "Presentation" });
    await expect(show.getByTestId("slide-prompt")).toHaveText(/^Edit\s*Make the sky stormy$/);
    const figures = show.getByRole("figure");
    await expect(figures).toHaveCount(2);
    await expect(figures.nth(0)).toContainText("Before");
    await expect(figures.nth(0)).toContainText("1200*800, uploaded");
    await expect(figures.nth(0).getByRole("img", { name: "Before: the input, 1200*800" })).toBeVisible();
    await expect(figures.nth(1)).toContainText("After · Qwen-Image 2.0 Pro");
    await expect(figures.nth(1).getByRole("img")).toBeVisible();
  });
});
