import { existsSync, rmSync } from "node:fs";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { startSimulatorServer, type SimulatorServer } from "../lib/simulator/node-server";
import { createS3Client } from "../lib/store/s3-images";
import { freePort } from "../test/services/free-port";
import { startPostgresCluster, type PostgresCluster } from "../test/services/postgres-cluster";
import { startSwiftServer, type SwiftServer } from "../test/services/swift-server";
import { ComparePanel, failure, PlaygroundPage } from "./fixtures";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy";
import { startAppServer, type AppServer } from "./server-process";

/**
 * A team deployment on one machine: two `next start` instances on one PostgreSQL database and one S3 bucket
 * (Swift with s3api), behind a round-robin proxy, every service started here on free loopback ports and
 * stopped after. A person uses the proxy's address, as they would the team's URL.
 */

const KEY = "sk-team-e2e-0123456789abcdef";
const LEASE_SECONDS = 3;
const BUCKET = "playground-team";
const UNUSED_DATA_DIR = ".data/e2e-team-unused";
const GENERATION = { model: "wan2.2-t2i-flash", n: 1, width: 512, height: 512, negativePrompt: "", seed: null, promptExtend: false, watermark: false };

let postgres: PostgresCluster;
let swift: SwiftServer;
let simulator: SimulatorServer;
let apps: AppServer[] = [];
let proxy: RoundRobinProxy;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  rmSync(UNUSED_DATA_DIR, { recursive: true, force: true });
  [postgres, swift, simulator] = await Promise.all([startPostgresCluster(), startSwiftServer(), startSimulatorServer({ apiKey: KEY, latencyMs: 300 })]);
  const s3 = { endpoint: swift.endpoint, region: swift.region, credentials: { accessKeyId: swift.accessKeyId, secretAccessKey: swift.secretAccessKey } };
  await createS3Client({ ...s3, bucket: BUCKET, prefix: "", forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: BUCKET }));
  const env = {
    ONETOKEN_API_KEY: KEY,
    ONETOKEN_BASE_URL: simulator.url,
    ONETOKEN_TIMEOUT_MS: "60000",
    DATABASE_URL: postgres.url,
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: swift.endpoint,
    S3_REGION: swift.region,
    S3_ACCESS_KEY_ID: swift.accessKeyId,
    S3_SECRET_ACCESS_KEY: swift.secretAccessKey,
    JOB_LEASE_SECONDS: String(LEASE_SECONDS),
    MAX_CONCURRENT_GENERATIONS: "2",
    DAILY_IMAGE_LIMIT: "9",
    RATE_LIMIT_PER_MINUTE: "1000",
    PLAYGROUND_PASSWORD: "",
      // Nothing of the history may land in an instance's own folder: it is all in the database and the bucket.
    DATA_DIR: UNUSED_DATA_DIR,
  };
  const ports = await Promise.all([freePort(), freePort()]);
  // Started together, so they migrate the new database at the same moment.
  apps = await Promise.all(ports.map((port) => startAppServer(port, env)));
  proxy = await startRoundRobinProxy(apps.map((app) => app.url));
});

test.afterAll(async () => {
  for (const app of apps) app.kill();
  await proxy?.close();
  await simulator?.close();
  swift?.stop();
  postgres?.stop();
});

/** Every picture on the page has loaded, from whichever instance (thumbnails are lazy: each is scrolled to). */
const expectImagesLoaded = async (page: Page) => {
  for (const image of await page.getByRole("article").getByRole("img").all()) {
    await image.scrollIntoViewIfNeeded();
    await expect(image).toHaveJSProperty("complete", true);
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  }
};

const limits = async (request: APIRequestContext, url: string) =>
  (await (await request.get(`${url}/api/limits`)).json()) as { imagesToday: number; running: number; lingering: number };

test("every result is seen whichever instance answers, and the cap and the budget hold across both", async ({ page, request }) => {
  test.setTimeout(120_000);
  const playground = new PlaygroundPage(page);
  await page.goto(proxy.url);
  await playground.prompt.fill("A lighthouse in the fog");
  await playground.generateButton.click();
  await expect(playground.latest().getByRole("img")).toBeVisible({ timeout: 30_000 });

  const compare = new ComparePanel(page);
  await compare.open();
  await compare.chooseModels(["Wan 2.6", "Qwen-Image"]);
  await compare.prompt.fill("A red fox in fresh snow");
  await compare.submit();
  const card = compare.card();
  await expect(compare.column(card, "Wan 2.6").getByRole("img")).toBeVisible({ timeout: 30_000 });
  await expect(compare.column(card, "Qwen-Image").getByRole("img")).toBeVisible({ timeout: 30_000 });

  // Each reload may land on either instance: the same history, its images served from the bucket.
  for (let reload = 0; reload < 4; reload++) {
    await page.reload();
    await expect(playground.results).toHaveCount(2);
    await expectImagesLoaded(page);
  }
  for (const app of apps) expect(proxy.served.get(app.url)).toBeGreaterThan(5);
  await page.screenshot({ path: "test-results/screenshots/team.png" });

  // Both instances count the same day: 3 images so far, against one budget of 9.
  for (const app of apps) expect((await limits(request, app.url)).imagesToday).toBe(3);

  // The cap of 2 calls in flight is one cap: two slow calls, one on each instance, fill it for both.
  simulator.simulator.configure({ latencyMs: 5_000 });
  const first = await request.post(`${proxy.url}/api/generations`, { data: { ...GENERATION, prompt: "slow one" } });
  const second = await request.post(`${proxy.url}/api/generations`, { data: { ...GENERATION, prompt: "slow two" } });
  expect([first.status(), second.status()]).toEqual([202, 202]);
  for (const app of apps) {
    const third = await request.post(`${app.url}/api/generations`, { data: { ...GENERATION, prompt: "no room" } });
    expect(third.status()).toBe(503);
    expect(await third.json()).toMatchObject({ error: { code: "busy" } });
  }
  simulator.simulator.configure({ latencyMs: 300 });
  await expect.poll(async () => (await limits(request, proxy.url)).running, { timeout: 20_000 }).toBe(0);
  // One budget: 5 of the 9 images are used, whichever instance is asked.
  for (const app of apps) expect((await limits(request, app.url)).imagesToday).toBe(5);
  expect(existsSync(`${UNUSED_DATA_DIR}/images`)).toBe(false);
  expect(existsSync(`${UNUSED_DATA_DIR}/playground.db`)).toBe(false);
});

test("an instance killed in the middle of a generation: it becomes Interrupted within the lease, and nothing else is lost", async ({ page, request }) => {
  test.setTimeout(120_000);
  const playground = new PlaygroundPage(page);
  await page.goto(proxy.url);
  await expect(playground.results).toHaveCount(4);
  simulator.simulator.configure({ latencyMs: 60_000 });
  await playground.prompt.fill("Running when its instance dies");
  await playground.generateButton.click();
  const doomed = playground.results.filter({ hasText: "Running when its instance dies" });
  await expect(doomed.getByRole("timer", { name: "Elapsed time" })).toBeVisible();
  // The instance that took the request runs the job: kill it without warning.
  const owner = proxy.lastServer("POST", "/api/generations");
  const victim = apps.find((app) => app.url === owner);
  expect(victim).toBeDefined();
  victim?.kill();

  // The survivor notices the lease ran out; the page, its stream reconnected through the proxy, shows it.
  await expect(doomed).toContainText("Interrupted", { timeout: (LEASE_SECONDS + 10) * 1000 });
  await expect(failure(doomed)).toHaveText("The server running this generation stopped (or lost its database) before it ended. Retry it to run it again.");
  const survivor = apps.find((app) => app !== victim);
  await page.reload();
  await expect(playground.results).toHaveCount(5);
  await expectImagesLoaded(page);

  // The survivor runs it again when asked.
  simulator.simulator.configure({ latencyMs: 300 });
  await doomed.getByRole("button", { name: "Retry" }).click();
  await expect(playground.results).toHaveCount(6);
  await expect(playground.latest()).toContainText("Running when its instance dies");
  await expect(playground.latest().getByRole("img")).toBeVisible({ timeout: 30_000 });
  expect(await limits(request, survivor?.url ?? "")).toMatchObject({ running: 0, imagesToday: 7 });
});

test("the database away for a while: the pages and the history say so, and come back when it is", async ({ page, context }) => {
  test.setTimeout(90_000);
  const playground = new PlaygroundPage(page);
  const unreached = "The playground's database cannot be reached right now (it may be restarting). Try again in a few seconds.";
  postgres.pause();
  const board = await context.newPage();
  try {
    // A page made of the database's records says so in place of them.
    await board.goto(`${proxy.url}/leaderboard`);
    await expect(board.getByRole("heading", { name: "The playground is briefly unavailable" })).toBeVisible();
    await expect(board.getByText(unreached)).toBeVisible();
    await board.screenshot({ path: "test-results/screenshots/database-away.png" });
    // The playground's own page is drawn without it: its history says why it is empty, at the first refusal
    // of its list (the query tries again meanwhile).
    let refusedLists = 0;
    page.on("response", (response) => {
      const url = new URL(response.url());
      if (url.pathname === "/api/generations" && !url.searchParams.has("limit") && response.status() === 503) refusedLists += 1;
    });
    await page.goto(proxy.url);
    await expect(playground.prompt).toBeVisible();
    await expect(page.getByText(`The history could not be loaded: ${unreached}`)).toBeVisible({ timeout: 20_000 });
    expect(refusedLists).toBe(1);
  } finally {
    postgres.resume();
  }
  // Back by itself, without a reload.
  await expect(playground.results).toHaveCount(6, { timeout: 30_000 });
  await expect(page.getByText(unreached)).toHaveCount(0);
  await board.getByRole("link", { name: "Try again" }).click();
  await expect(board.getByRole("heading", { name: "Leaderboard" })).toBeVisible();
});
