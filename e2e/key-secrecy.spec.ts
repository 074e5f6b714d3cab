import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, failure, test } from "./fixtures";
import { CANARY_KEY } from "./ports";

test("the API key never reaches the browser: no page, script or API response holds it", async ({ page, simulator, request, playground }) => {
  const leaks: string[] = [];
  const seen: string[] = [];
  page.on("response", async (response) => {
    const headers = JSON.stringify(await response.allHeaders());
    const body = await response.body().catch(() => Buffer.alloc(0));
    seen.push(response.url());
    if (headers.includes(CANARY_KEY) || body.includes(CANARY_KEY)) leaks.push(response.url());
  });

  await page.reload();
  await playground.prompt.fill("A canary in a coal mine");
  await playground.generateButton.click();
  await expect(playground.latest().getByRole("img")).toBeVisible();
  await playground.fullImageSize(playground.latest());
  await simulator.fault("bad_key");
  await playground.generateButton.click();
  await expect(failure(playground.latest())).toBeVisible();

  // Every script chunk the build produced, not only those this page happened to load.
  const html = await (await request.get("/")).text();
  const chunks = [...html.matchAll(/\/_next\/static\/[^"'\s]+\.js/g)].map((match) => match[0]);
  expect(chunks.length).toBeGreaterThan(0);
  for (const chunk of new Set(chunks)) {
    expect(await (await request.get(chunk)).text(), chunk).not.toContain(CANARY_KEY);
  }
  expect(html).not.toContain(CANARY_KEY);
  // And every file of the client build on disk, loaded by this page or not.
  const files = readdirSync(".next/static", { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect(readFileSync(join(file.parentPath, file.name), "latin1")).not.toContain(CANARY_KEY);
  expect(seen.some((url) => url.endsWith("/api/generations"))).toBe(true);
  expect(seen.some((url) => /\/api\/images\/[\w-]+$/.test(url))).toBe(true);
  expect(leaks).toEqual([]);
});
