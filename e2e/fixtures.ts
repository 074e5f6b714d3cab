import { test as base, expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { CANARY_KEY, workerServers } from "./ports";

/** The playground as a person sees it: every control found by its visible label or role. */
export class PlaygroundPage {
  /** The one-model form; the compare form beside it has fields of the same names. */
  readonly form: Locator;
  readonly prompt: Locator;
  readonly negativePrompt: Locator;
  readonly generateButton: Locator;
  readonly results: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole("form", { name: "Generation settings" });
    this.prompt = this.form.getByLabel("Prompt", { exact: true });
    this.negativePrompt = this.form.getByLabel("Negative prompt");
    this.generateButton = page.getByRole("button", { name: "Generate" });
    this.results = page.getByRole("article");
  }

  async open() {
    await this.page.goto("/");
    await expect(this.generateButton).toBeVisible();
  }

  /** Unfolds "More options" (the seed and the switches), if it is not open already. */
  async openMoreOptions() {
    await openMoreOptions(this.form);
  }

  /** The model menu: its value is the chosen model's id. */
  get modelSelect() {
    return this.form.getByLabel("Model", { exact: true });
  }

  /**
   * Chooses a model and waits for the form to have switched: its rules load with the form's first focus, and
   * a field filled before they arrive is then switched along with the rest (the size picker says the model's
   * name once it has). A choice whose rules are held back or fail is made with `selectModel` itself.
   */
  async chooseModel(name: string) {
    await selectModel(this.modelSelect, name);
    await expect(this.form.locator("fieldset").first()).toHaveAccessibleDescription(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[:：]`));
  }

  sizePreset(size: string) {
    return this.page.getByRole("radio", { name: new RegExp(`^${size.replace("*", "\\*")}`) });
  }

  async customSize(width: number, height: number) {
    await this.page.getByRole("radio", { name: "Custom size" }).check();
    await this.form.getByLabel("Width (px)").fill(String(width));
    await this.form.getByLabel("Height (px)").fill(String(height));
  }

  latest() {
    return this.results.first();
  }

  /** Opens image `index` of a result in the lightbox and answers the full image's pixel size. */
  async fullImageSize(result: Locator, index = 1): Promise<[number, number]> {
    await result.getByRole("button", { name: new RegExp(`^Open image ${index} of`) }).click();
    const dialog = this.page.getByRole("dialog");
    // The result (an edit's lightbox also holds its input, after the result).
    const image = dialog.getByRole("img").first();
    await expect(image).toHaveJSProperty("complete", true);
    const size = await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight] as [number, number]);
    await this.page.keyboard.press("Escape");
    // Gone from the page, not only hidden: a closed <dialog> still holds its text until React removes it.
    await expect(this.page.locator("dialog")).toHaveCount(0);
    return size;
  }
}

/** Unfolds a form's "More options" (the seed and the switches), if it is not open already. */
/** A result's failure, in the words the person reads (not an alert: see ErrorReport). */
export const failure = (scope: Locator) => scope.getByRole("note", { name: "What went wrong" });

export const openMoreOptions = async (form: Locator) => {
  const details = form.locator("details");
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.locator("summary").click();
};

/** Chooses a model by its name in a model menu (whose recommended entries add a ★ to the name). */
export const selectModel = async (select: Locator, name: string) => {
  const value = await select
    .locator("option")
    .evaluateAll((options, wanted) => options.find((option) => option.textContent?.replace(/ ★$/, "") === wanted)?.getAttribute("value") ?? null, name);
  if (!value) throw new Error(`no model named ${name} in the menu`);
  // Playwright sends a change even for the option already chosen, which a person's choice never does: the
  // switch it starts would then land after the fields filled next and put their values in the model's shape.
  if ((await select.inputValue()) !== value) await select.selectOption(value);
};

/**
 * Waits for a closed full-screen view (the lightbox, the slide show) to have taken its history entry away: the
 * close steps back, which the browser does a moment later, and a navigation started before then is cancelled by
 * that step (a person cannot be that quick; a test can).
 */
export const viewEntryGone = (page: Page) => page.waitForFunction(() => !(history.state && typeof history.state === "object" && "fullScreenView" in history.state));

const CHUNKS = "**/_next/static/chunks/**";

/**
 * From now on every script the page's HTML does not name fails, as when the network drops or a deploy has
 * replaced the build since the page loaded: each part loaded later is lost. Answers the way to let them through.
 */
export const failLaterScripts = async (page: Page): Promise<() => Promise<void>> => {
  const named = new Set((await (await page.request.get("/")).text()).match(/\/_next\/static\/chunks\/[^"\\]+\.js/g));
  expect(named.size).toBeGreaterThan(0);
  await page.route(CHUNKS, (route) => (named.has(new URL(route.request().url()).pathname) ? route.fallback() : route.abort("internetdisconnected")));
  return () => page.unroute(CHUNKS);
};

/** The history through the app's own API, to start each test from an empty one. */
export const clearHistory = async (request: APIRequestContext) => {
  for (;;) {
    const page = (await (await request.get("/api/generations?limit=100")).json()) as { items: Array<{ kind: string; id: string }> };
    if (page.items.length === 0) return;
    for (const item of page.items) {
      expect((await request.delete(`/api/${item.kind === "comparison" ? "comparisons" : "generations"}/${item.id}`)).status()).toBe(204);
    }
  }
};

/** The compare form: models ticked by name, one comparison card per run. */
export class ComparePanel {
  readonly form: Locator;
  readonly prompt: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole("form", { name: "Comparison settings" });
    this.prompt = this.form.getByLabel("Prompt", { exact: true });
  }

  async open() {
    await this.page.getByRole("button", { name: "Compare", exact: true }).click();
    await expect(this.form).toBeVisible();
  }

  model(name: string) {
    return this.form.getByRole("checkbox", { name, exact: true });
  }

  /** Ticks exactly these models. */
  async chooseModels(names: readonly string[]) {
    for (const box of await this.form.getByRole("checkbox").all()) {
      if (await box.isChecked()) await box.uncheck();
    }
    for (const name of names) await this.model(name).check();
  }

  submit() {
    return this.form.getByRole("button", { name: /^Compare \d models$/ }).click();
  }

  card() {
    return this.page.getByRole("article", { name: /^Comparison of/ }).first();
  }

  column(card: Locator, label: string) {
    return card.getByRole("listitem", { name: label, exact: true });
  }
}

/** The grid form: axes chosen by what they vary, one grid card per run. */
export class GridPanel {
  readonly form: Locator;
  readonly prompt: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole("form", { name: "Grid settings" });
    this.prompt = this.form.getByLabel("Prompt", { exact: true });
  }

  async open() {
    await this.page.getByRole("button", { name: "Grid", exact: true }).click();
    await expect(this.form).toBeVisible();
  }

  /** The axis at a 1-based place: "Axis 1 (columns)", "Axis 2 (rows)", "Axis 3 (tables)". */
  axis(n: number) {
    return this.form.getByRole("group", { name: new RegExp(`^Axis ${n} `) });
  }

  async setAxis(n: number, varies: string) {
    await this.axis(n).getByLabel("Varies").selectOption({ label: varies });
  }

  /** Runs the grid; a grid of more than 4 images asks first, and `images` answers yes to that question. */
  async run(images?: number) {
    await this.form.getByRole("button", { name: "Run the grid" }).click();
    if (images !== undefined) await this.form.getByRole("button", { name: `Make ${images} images` }).click();
  }

  /** The models the form starts with across, these seeds down: a grid of several places, as a poll of several items is made from. */
  async runModelsBySeeds(prompt: string, seeds: string) {
    await this.prompt.fill(prompt);
    await this.setAxis(1, "Model");
    await this.form.getByRole("button", { name: "Add an axis" }).click();
    await this.axis(2).getByLabel("Seeds").fill(seeds);
    await this.run();
  }

  card() {
    return this.page.getByRole("article", { name: /^Grid of/ }).first();
  }
}

/** The batch form: prompts pasted one per line or read from a CSV, one batch card per run. */
export class BatchPanel {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole("form", { name: "Batch settings" });
  }

  async open() {
    await this.page.getByRole("button", { name: "Batch", exact: true }).click();
    await expect(this.form).toBeVisible();
  }

  card() {
    return this.page.getByRole("article", { name: /^Batch of/ }).first();
  }
}

/** A file as the browser's file picker hands it over. */
export type PickedFile = { name: string; mimeType: string; buffer: Buffer };

/** The edit form: an input image (uploaded or taken from the history), a prompt, only the editing models. */
export class EditPanel {
  readonly form: Locator;
  readonly prompt: Locator;
  readonly submit: Locator;
  readonly inputImage: Locator;
  readonly model: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole("form", { name: "Edit settings" });
    this.prompt = this.form.getByLabel("Prompt", { exact: true });
    this.submit = this.form.getByRole("button", { name: "Edit image" });
    this.inputImage = this.form.getByRole("group", { name: "Input image" });
    this.model = this.form.getByLabel("Model", { exact: true });
  }

  async open() {
    await this.page.getByRole("button", { name: "Edit", exact: true }).click();
    await expect(this.form).toBeVisible();
  }

  /** Through the file picker, as a person choosing a file would. */
  async upload(file: PickedFile) {
    await this.form.getByLabel(/^(Choose an image|Replace image)$/).setInputFiles(file);
  }

  /** Waits until the form shows an uploaded input of this size. */
  async expectInput(size: string) {
    await expect(this.inputImage.getByRole("img", { name: `The input image, ${size}` })).toBeVisible();
  }
}

const CONTROL = { headers: { authorization: `Bearer ${CANARY_KEY}` } };

/** The standalone simulator's test controls: faults on demand and a count of the calls it received. */
export class SimulatorControl {
  constructor(
    private readonly request: APIRequestContext,
    private readonly url: string,
  ) {}

  async reset() {
    expect((await this.request.post(`${this.url}/__sim/reset`, CONTROL)).ok()).toBe(true);
  }

  async fault(kind: string, extra: Record<string, unknown> = {}) {
    expect((await this.request.post(`${this.url}/__sim/faults`, { ...CONTROL, data: { kind, ...extra } })).ok()).toBe(true);
  }

  async configure(config: { latencyMs?: number; responseFormat?: "url" | "b64_json"; answerShape?: "openai" | "multimodal" | "text2image" | "task" }) {
    expect((await this.request.post(`${this.url}/__sim/config`, { ...CONTROL, data: config })).ok()).toBe(true);
  }

  async stats(): Promise<{
    calls: number;
    succeeded: number;
    rejected: number;
    aborted: number;
    taskQueries: number;
    taskCancels: number;
    lastRequest: Record<string, unknown> | null;
  }> {
    return (await this.request.get(`${this.url}/__sim/stats`, CONTROL)).json();
  }
}

export const test = base.extend<{ origin: string; playground: PlaygroundPage; simulator: SimulatorControl; compare: ComparePanel; grid: GridPanel }>({
  // The live project's tests talk to their worker's own server (playwright.config.ts); the others to their project's.
  origin: async ({}, use, testInfo) => {
    const origin = testInfo.project.name === "live" ? workerServers(testInfo.parallelIndex).appUrl : testInfo.project.use.baseURL;
    if (!origin) throw new Error(`The project "${testInfo.project.name}" names no server to test`);
    await use(origin);
  },
  baseURL: async ({ origin }, use) => use(origin),
  grid: async ({ playground }, use) => {
    const panel = new GridPanel(playground.page);
    await panel.open();
    await use(panel);
  },
  compare: async ({ playground }, use) => {
    const panel = new ComparePanel(playground.page);
    await panel.open();
    await use(panel);
  },
  // Set afresh before every test, asked for or not: a latency or a fault a test before set must not reach the next.
  simulator: [
    async ({ request }, use, testInfo) => {
      const simulator = new SimulatorControl(request, workerServers(testInfo.parallelIndex).simulatorUrl);
      await simulator.reset();
      await simulator.configure({ latencyMs: 400, responseFormat: "url", answerShape: "openai" });
      await use(simulator);
    },
    { auto: true },
  ],
  playground: async ({ page, request }, use) => {
    await clearHistory(request);
    const playground = new PlaygroundPage(page);
    await playground.open();
    await use(playground);
  },
});

export { expect };
