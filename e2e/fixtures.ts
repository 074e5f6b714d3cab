import { test as base, expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { SIMULATOR_URL } from "./ports";

/** The playground as a person sees it: every control found by its visible label or role. */
export class PlaygroundPage {
  readonly prompt: Locator;
  readonly negativePrompt: Locator;
  readonly generateButton: Locator;
  readonly results: Locator;

  constructor(readonly page: Page) {
    this.prompt = page.getByLabel("Prompt", { exact: true });
    this.negativePrompt = page.getByLabel("Negative prompt");
    this.generateButton = page.getByRole("button", { name: "Generate" });
    this.results = page.getByRole("article");
  }

  async open() {
    await this.page.goto("/");
    await expect(this.generateButton).toBeVisible();
  }

  model(name: string | RegExp) {
    return this.page.getByRole("radio", { name, exact: true });
  }

  async chooseModel(name: string | RegExp) {
    await this.model(name).check();
  }

  sizePreset(size: string) {
    return this.page.getByRole("radio", { name: new RegExp(`^${size.replace("*", "\\*")}`) });
  }

  async customSize(width: number, height: number) {
    await this.page.getByRole("radio", { name: "Custom size" }).check();
    await this.page.getByLabel("Width (px)").fill(String(width));
    await this.page.getByLabel("Height (px)").fill(String(height));
  }

  latest() {
    return this.results.first();
  }
}

/** The standalone simulator's test controls: faults on demand and a count of the calls it received. */
export class SimulatorControl {
  constructor(private readonly request: APIRequestContext) {}

  async reset() {
    expect((await this.request.post(`${SIMULATOR_URL}/__sim/reset`)).ok()).toBe(true);
  }

  async fault(kind: string, extra: Record<string, unknown> = {}) {
    expect((await this.request.post(`${SIMULATOR_URL}/__sim/faults`, { data: { kind, ...extra } })).ok()).toBe(true);
  }

  async configure(config: { latencyMs?: number; responseFormat?: "url" | "b64_json" }) {
    expect((await this.request.post(`${SIMULATOR_URL}/__sim/config`, { data: config })).ok()).toBe(true);
  }

  async stats(): Promise<{ calls: number; succeeded: number; rejected: number; aborted: number; lastRequest: Record<string, unknown> | null }> {
    return (await this.request.get(`${SIMULATOR_URL}/__sim/stats`)).json();
  }
}

export const test = base.extend<{ playground: PlaygroundPage; simulator: SimulatorControl }>({
  simulator: async ({ request }, use) => {
    const simulator = new SimulatorControl(request);
    await simulator.reset();
    await simulator.configure({ latencyMs: 400, responseFormat: "url" });
    await use(simulator);
  },
  playground: async ({ page }, use) => {
    const playground = new PlaygroundPage(page);
    await playground.open();
    await use(playground);
  },
});

export { expect };
