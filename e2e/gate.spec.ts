import { rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { expect, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { BatchPanel, GridPanel, PlaygroundPage } from "./fixtures";
import { GATED_APP_PORT } from "./ports";
import { startAppServer, type AppServer } from "./server-process";

/**
 * A deployment behind the access gate, with tight limits: every route refuses without a valid session,
 * however the request dresses up, and the limits hold exactly.
 */

const PASSWORD = "correct-horse-battery";
const DATA_DIR = ".data/e2e-gated";
let server: AppServer;

test.beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  server = await startAppServer(GATED_APP_PORT, {
    DATA_DIR,
    PLAYGROUND_PASSWORD: PASSWORD,
    RATE_LIMIT_PER_MINUTE: "3",
    DAILY_IMAGE_LIMIT: "4",
    SIMULATOR_LATENCY_MS: "100",
  });
});
test.afterAll(() => server.kill());

const GENERATION = { model: "wan2.2-t2i-flash", prompt: "a gated kitten", negativePrompt: "", width: 512, height: 512, n: 1, seed: 1, promptExtend: false, watermark: false };
const SOME_ID = "00000000-0000-4000-8000-000000000000";

const ROUTES: Array<{ method: string; path: string; data?: unknown }> = [
  { method: "GET", path: "/api/generations" },
  { method: "POST", path: "/api/generations", data: GENERATION },
  { method: "GET", path: `/api/generations/${SOME_ID}` },
  { method: "PATCH", path: `/api/generations/${SOME_ID}`, data: { starred: true } },
  { method: "DELETE", path: `/api/generations/${SOME_ID}` },
  { method: "POST", path: `/api/generations/${SOME_ID}/cancel` },
  { method: "GET", path: `/api/images/${SOME_ID}` },
  { method: "GET", path: `/api/images/${SOME_ID}/thumb` },
  { method: "GET", path: `/api/images/${SOME_ID}/download` },
  { method: "GET", path: "/api/limits" },
  { method: "GET", path: "/api/events" },
  { method: "POST", path: "/api/comparisons", data: { models: ["qwen-image", "wan2.6-t2i"], prompt: "x", negativePrompt: "", aspect: "1:1", perModel: 1, seed: null, promptExtend: false, watermark: false, blind: false } },
  { method: "GET", path: `/api/comparisons/${SOME_ID}` },
  { method: "PATCH", path: `/api/comparisons/${SOME_ID}`, data: { revealed: true } },
  { method: "DELETE", path: `/api/comparisons/${SOME_ID}` },
  { method: "POST", path: `/api/comparisons/${SOME_ID}/retry`, data: { column: SOME_ID } },
  { method: "GET", path: `/api/comparisons/${SOME_ID}/grid` },
  { method: "GET", path: `/api/comparisons/${SOME_ID}/csv` },
  { method: "GET", path: `/api/comparisons/${SOME_ID}/zip` },
  { method: "GET", path: `/api/comparisons/${SOME_ID}/contact-sheet` },
  { method: "GET", path: `/api/comparisons/${SOME_ID}/deck` },
  { method: "GET", path: "/api/takeaway/deck?starred=1" },
  { method: "GET", path: "/api/takeaway/zip?items=generation:x" },
  { method: "POST", path: "/api/grids", data: { kind: "grid", model: "qwen-image", prompt: "x", negativePrompt: "", aspect: "1:1", perCell: 1, seed: null, promptExtend: false, watermark: false, axes: [{ type: "seed", values: [1, 2] }], lists: {} } },
  { method: "POST", path: "/api/batches", data: { kind: "batch", prompt: "x", source: "lines", rows: [{ line: 1, request: { model: "qwen-image", prompt: "x", negativePrompt: "", width: 1328, height: 1328, n: 1, seed: null, promptExtend: false, watermark: false } }] } },
  { method: "GET", path: "/api/lists" },
  { method: "POST", path: "/api/polls", data: { title: "x", sets: [SOME_ID], reveal: "after_vote", access: "link" } },
  { method: "GET", path: `/api/polls/${SOME_ID}` },
  { method: "POST", path: `/api/polls/${SOME_ID}/close` },
  { method: "GET", path: "/api/leaderboard" },
  { method: "PUT", path: "/api/lists", data: { name: "colours", items: ["red"] } },
  { method: "DELETE", path: "/api/lists/colours" },
  { method: "POST", path: "/api/shares", data: { title: "", entries: [{ kind: "generation", id: SOME_ID }] } },
  { method: "POST", path: "/api/inputs", data: { imageId: SOME_ID } },
  { method: "POST", path: "/api/edits", data: {} },
  { method: "POST", path: "/api/gateway/check" },
];

/** Headers that have let requests past Next's middleware before (CVE-2025-29927 and relatives). */
const BYPASS_HEADERS: Array<Record<string, string>> = [
  {},
  { "x-middleware-subrequest": "middleware" },
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
  { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" },
  { "x-nextjs-data": "1" },
  { "x-invoke-path": "/api/generations", "x-invoke-status": "200" },
  { "x-middleware-prefetch": "1", purpose: "prefetch" },
];

const FORGED_COOKIES = [
  "",
  "playground_session=",
  "playground_session=9999999999999.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  "playground_session=1.abcdefghijklmnop.fv1eZj0jMSUzxY6kKVzaFQtjB63T-2C9XkhpiPNuk0c",
  "playground_session=../../etc/passwd",
];

/**
 * Refused means: 401 from a route, a redirect to sign-in from a page, or Next's own answer to a prefetch
 * probe (`x-middleware-prefetch`), an empty `{}` with `x-middleware-skip` that runs no handler at all.
 */
const expectRefused = async (response: APIResponse, what: string, page: boolean) => {
  if (response.headers()["x-middleware-skip"] === "1") {
    expect(await response.text(), what).toBe("{}");
    return;
  }
  if (page) {
    expect([307, 308], what).toContain(response.status());
    expect(response.headers().location, what).toMatch(/\/sign-in(\?next=[^&]+)?$/);
    // No page was rendered: the interface's words may travel with the layout, but no form, no history.
    const body = await response.text();
    expect(body, what).not.toContain('aria-label="Generation settings"');
    expect(body, what).not.toContain("<form");
    return;
  }
  expect(response.status(), what).toBe(401);
  expect(((await response.json()) as { error: { code: string } }).error.code, what).toBe("unauthorized");
};

const send = (request: APIRequestContext, route: (typeof ROUTES)[number], headers: Record<string, string>) =>
  request.fetch(`${server.url}${route.path}`, { method: route.method, headers, maxRedirects: 0, ...(route.data !== undefined && { data: route.data }) });

test("every API route refuses without a valid session, with a forged cookie, and through known bypass headers", async ({ request }) => {
  // 1,295 requests: one after another they took 27 s in one CI run and over 45 s in another, so each
  // route's 35 go at once.
  test.setTimeout(120_000);
  let checked = 0;
  for (const route of ROUTES) {
    const tries = FORGED_COOKIES.flatMap((cookie) => BYPASS_HEADERS.map((bypass) => ({ cookie, bypass })));
    await Promise.all(
      tries.map(async ({ cookie, bypass }) => {
        const response = await send(request, route, { ...bypass, ...(cookie && { cookie }) });
        await expectRefused(response, `${route.method} ${route.path} ${cookie} ${JSON.stringify(bypass)}`, false);
        checked++;
      }),
    );
  }
  expect(checked).toBe(ROUTES.length * FORGED_COOKIES.length * BYPASS_HEADERS.length);

  // And none of those requests did anything: signed in, the history is still empty.
  expect((await request.post(`${server.url}/api/session`, { data: { password: PASSWORD } })).status()).toBe(204);
  expect((await (await request.get(`${server.url}/api/generations`)).json()).items).toEqual([]);
  expect((await request.delete(`${server.url}/api/session`)).status()).toBe(204);
});

test("the page itself sends a visitor without a session to sign in, whatever the headers", async ({ request }) => {
  for (const bypass of BYPASS_HEADERS) {
    for (const cookie of FORGED_COOKIES) {
      const response = await request.get(`${server.url}/`, { headers: { ...bypass, ...(cookie && { cookie }) }, maxRedirects: 0 });
      await expectRefused(response, `/ ${cookie} ${JSON.stringify(bypass)}`, true);
    }
  }
});

test("signing in, the limits, a share link behind the gate, and signing out", async ({ page, browser }) => {
  const playground = new PlaygroundPage(page);
  await page.goto(server.url);
  await expect(page).toHaveURL(/\/sign-in$/);
  // Empty: said at the field in the page's language, nothing sent.
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Type the password first.");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // At the field (the page's live region says the same words a moment later).
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("That password is not right.");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(playground.generateButton).toBeVisible();
  await expect(page.getByTestId("usage")).toHaveText(/^4 of 4 images left today · about \$0\.00 spent \(offline demo: nothing billed\)$/);

  // The cookie is HttpOnly and SameSite: scripts cannot read it.
  const cookies = await page.context().cookies();
  expect(cookies.find((cookie) => cookie.name === "playground_session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("playground_session");

  // The rate limit admits exactly 3 a minute: the 4th is refused with a clear message.
  await playground.chooseModel("Wan 2.2 flash");
  for (let index = 1; index <= 3; index++) {
    await playground.prompt.fill(`Gated generation ${index}`);
    await playground.generateButton.click();
    await expect(playground.results).toHaveCount(index);
  }
  await playground.prompt.fill("One too many");
  await playground.generateButton.click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not start" })).toContainText(
    /At most 3 generations a minute may be started here \(a download counts as one\), and this would go past it\. Try again in \d+ seconds?\./,
  );
  await expect(page.getByTestId("usage")).toHaveText(/^1 of 4 images left today · about \$0\.06 spent \(offline demo: nothing billed\)$/);

  // A batch or a grid larger than what is left today is said before it is sent, and cannot run.
  const batch = new BatchPanel(page);
  await batch.open();
  await batch.form.getByLabel("Prompts, one per line").fill("A lantern festival\nA quiet harbour at night");
  await expect(batch.form.locator("p", { hasText: "This batch needs 2 images, more than the 1 left today: run fewer rows or wait for tomorrow (UTC)." })).toBeVisible();
  await expect(batch.form.getByRole("button", { name: "Run the batch" })).toHaveAttribute("aria-disabled", "true");
  const grid = new GridPanel(page);
  await grid.open();
  await grid.prompt.fill("A lighthouse on a cliff at dawn");
  await grid.setAxis(1, "Seed");
  await grid.axis(1).getByLabel("Seeds").fill("11, 12");
  await expect(grid.form.getByTestId("grid-size")).toContainText("This grid needs 2 images, more than the 1 left today: make it smaller or wait for tomorrow (UTC).");
  await expect(grid.form.getByRole("button", { name: "Run the grid" })).toHaveAttribute("aria-disabled", "true");
  await page.getByRole("button", { name: "One model", exact: true }).click();

  // A download counts against the same limit: its refusal is said beside its link, not left as a failed file.
  let downloads = 0;
  page.on("download", () => downloads++);
  // A favourite to take away: with none, the disclosure offers no download at all.
  const star = playground.results.first().getByRole("button", { name: "Favourite" });
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");
  await page.getByText("Download the favourites", { exact: true }).click();
  const favourites = page.getByRole("group", { name: "Download the favourites" });
  await favourites.getByRole("link", { name: "Images (zip)" }).click();
  await expect(favourites.getByRole("alert")).toHaveText(
    /^The download could not start: At most 3 generations a minute may be started here \(a download counts as one\), and this would go past it\. Try again in \d+ seconds?\.$/,
  );
  expect(downloads).toBe(0);

  // A share link opens only for someone who may use the deployment: a stranger signs in first, then lands on it.
  const shared = playground.results.filter({ hasText: "Gated generation 3" });
  await expect(shared.getByRole("img")).toBeVisible();
  await shared.getByRole("button", { name: "Share link" }).click();
  const link = await shared.getByRole("textbox", { name: "Share link" }).inputValue();
  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  await visitor.goto(link);
  await expect(visitor).toHaveURL(/\/sign-in\?next=%2Fshare%2F/);
  await expect(visitor.getByText("Gated generation 3")).toHaveCount(0);
  await visitor.getByLabel("Password").fill(PASSWORD);
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(link);
  await expect(visitor.getByRole("article", { name: /Gated generation 3/ })).toBeVisible();
  await stranger.close();

  const token = cookies.find((cookie) => cookie.name === "playground_session")?.value ?? "";
  const withToken = () => fetch(`${server.url}/api/generations`, { headers: { cookie: `playground_session=${token}` } });
  expect((await withToken()).status).toBe(200);
  // Another tab of the same browser, showing the history: signed out in the first, it leaves for sign-in at
  // once (its live stream says so), rather than keep the history on screen.
  const other = await page.context().newPage();
  await other.goto(server.url);
  await expect(other.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(await page.evaluate(() => Object.keys(sessionStorage).sort())).toEqual(["playground.draft.batch", "playground.draft.generate", "playground.draft.grid"]);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(other).toHaveURL(/\/sign-in$/, { timeout: 10_000 });
  await other.close();
  expect((await page.request.get(`${server.url}/api/generations`)).status()).toBe(401);
  // Signing out recalls the token itself: a copy of the old cookie no longer opens anything.
  expect((await withToken()).status).toBe(401);
  // The tab signed out of on purpose keeps nothing typed for whoever signs in next (the batch and the grid
  // were filled above).
  expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith("playground.")))).toEqual([]);
});

test("the daily image budget holds across a restart", async ({ request }) => {
  const signIn = await request.post(`${server.url}/api/session`, { data: { password: PASSWORD } });
  expect(signIn.status()).toBe(204);
  const usage = async () => (await (await request.get(`${server.url}/api/limits`)).json()) as { imagesToday: number };
  const before = (await usage()).imagesToday;
  server.kill();
  server = await startAppServer(GATED_APP_PORT, { DATA_DIR, PLAYGROUND_PASSWORD: PASSWORD, RATE_LIMIT_PER_MINUTE: "100", DAILY_IMAGE_LIMIT: "4", SIMULATOR_LATENCY_MS: "100" });
  expect((await usage()).imagesToday).toBe(before);
  const left = 4 - before;
  for (let index = 0; index < left; index++) {
    expect((await request.post(`${server.url}/api/generations`, { data: GENERATION })).status()).toBe(202);
  }
  const refused = await request.post(`${server.url}/api/generations`, { data: GENERATION });
  expect(refused.status()).toBe(429);
  expect(refused.headers()["retry-after"]).toMatch(/^\d+$/);
  expect((await refused.json()).error).toMatchObject({ code: "daily_limit_reached", message: expect.stringContaining("Today's budget of 4 images is used up") });
});

test("security headers on pages and API responses", async ({ request }) => {
  for (const path of ["/sign-in", "/api/generations"]) {
    const response = await request.get(`${server.url}${path}`, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
  const page = await request.get(`${server.url}/sign-in`);
  expect(page.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'.*frame-ancestors 'none'/);
  // Next's image optimizer would fetch a local route itself, without the caller's Host (past the check a
  // rebound name meets): it is off.
  expect((await request.get(`${server.url}/_next/image?url=${encodeURIComponent("/api/takeaway/contact-sheet?starred=1")}&w=640&q=75`)).status()).toBe(404);
});

test("a forged X-Forwarded-For buys no more sign-in attempts, and a page reached under another name is answered nothing", async () => {
  const attempt = (forwardedFor: string) =>
    fetch(`${server.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ password: "not the password" }),
    });
  // Five guesses an address a minute: a new forged address for each guess does not make it a new client.
  for (let index = 1; index <= 5; index++) expect((await attempt(`198.51.100.${index}`)).status).toBe(401);
  const refused = await attempt("198.51.100.99");
  expect(refused.status).toBe(429);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^Too many sign-in attempts\. Try again in \d+ seconds?\.$/);

  // DNS rebinding: a page on another name that resolves to this server sends "same-origin" requests with its
  // own Host. Nothing answers it: no change, no read of the history, not even the page.
  const rebound = (method: string, path: string, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${server.url}${path}`);
      const request = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method, headers: { host: `rebind.attacker.test:${url.port}`, "content-type": "application/json", "sec-fetch-site": "same-origin" } },
        (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  for (const [method, path, body] of [["POST", "/api/generations", JSON.stringify(GENERATION)], ["GET", "/api/generations"], ["GET", "/api/events"], ["GET", "/"], ["GET", "/sign-in"]] as const) {
    const answer = await rebound(method, path, body);
    expect(answer.status, `${method} ${path}`).toBe(403);
    expect(answer.body).toContain("PLAYGROUND_ORIGINS");
  }
  // A load balancer's probe asks by the instance's own address: the health route answers it, and says nothing else.
  const probe = await rebound("GET", "/api/health");
  expect(probe).toEqual({ status: 200, body: JSON.stringify({ ok: true }) });
});

test("a tab sent to sign in by its session ending elsewhere gets its typed work back once signed in again; one told of Sign out does not", async ({ browser }) => {
  // A server started afresh: the tests above used up this address's sign-ins for the minute.
  server.kill();
  server = await startAppServer(GATED_APP_PORT, { DATA_DIR, PLAYGROUND_PASSWORD: PASSWORD });
  const context = await browser.newContext();
  const [first, second] = [await context.newPage(), await context.newPage()];
  await first.goto(server.url);
  await first.getByLabel("Password").fill(PASSWORD);
  await first.getByRole("button", { name: "Sign in" }).click();
  await second.goto(server.url);
  const playground = new PlaygroundPage(second);
  await playground.prompt.fill("Typed in the other tab before the session ended");
  // The session signed out with no Sign out pressed in a tab (by a script holding its cookie, say): only the live stream tells.
  expect((await context.request.delete(`${server.url}/api/session`, { headers: { origin: server.url } })).status()).toBe(204);
  await expect(second).toHaveURL(/\/sign-in$/, { timeout: 10_000 });
  await second.getByLabel("Password").fill(PASSWORD);
  await second.getByRole("button", { name: "Sign in" }).click();
  await expect(playground.prompt).toHaveValue("Typed in the other tab before the session ended");

  // Sign out pressed: whoever signs in next in any tab of this browser (a shared computer) finds nothing typed.
  await first.goto(server.url);
  await playground.prompt.fill("Typed in the other tab before Sign out");
  await first.getByRole("button", { name: "Sign out" }).click();
  await expect(second).toHaveURL(/\/sign-in$/, { timeout: 10_000 });
  await second.getByLabel("Password").fill(PASSWORD);
  await second.getByRole("button", { name: "Sign in" }).click();
  await expect(playground.prompt).toBeVisible();
  await expect(playground.prompt).toHaveValue("");
  await context.close();
});

test("a password typed before the page has loaded its scripts signs in all the same, and a click that early does not send it off", async ({ page }) => {
  server.kill();
  server = await startAppServer(GATED_APP_PORT, { DATA_DIR, PLAYGROUND_PASSWORD: PASSWORD });
  // Scripts held back as a slow connection would: the field is on the page long before React takes it over.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/**", async (route) => {
    await released;
    await route.fallback();
  });
  await page.goto(server.url, { waitUntil: "commit" });
  const field = page.getByLabel("Password");
  await field.fill(PASSWORD);
  const signIn = page.getByRole("button", { name: "Sign in" });
  await expect(signIn).toBeDisabled();
  // Pressed now, Enter would have sent the form the browser's way, to this address: nothing goes.
  await field.press("Enter");
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(/\/sign-in$/);
  release();
  await signIn.click();
  await expect(new PlaygroundPage(page).prompt).toBeVisible();
});

test("a sign-out sends a tab without the live stream (the leaderboard) to sign in too, while a poll open to anyone stays as it is; a failed one sends none", async ({ browser }) => {
  server.kill();
  server = await startAppServer(GATED_APP_PORT, { DATA_DIR, PLAYGROUND_PASSWORD: PASSWORD });
  const context = await browser.newContext();
  const [first, board, voter] = [await context.newPage(), await context.newPage(), await context.newPage()];
  await first.goto(server.url);
  await first.getByLabel("Password").fill(PASSWORD);
  await first.getByRole("button", { name: "Sign in" }).click();
  await expect(new PlaygroundPage(first).prompt).toBeVisible();
  const comparison = { models: ["wan2.6-t2i", "qwen-image"], prompt: "A gated lighthouse", negativePrompt: "", aspect: "1:1", perModel: 1, seed: 4, promptExtend: false, watermark: false, blind: true };
  const compared = await context.request.post(`${server.url}/api/comparisons`, { data: comparison, headers: { origin: server.url, prefer: "wait=20" } });
  expect(compared.ok()).toBe(true);
  const poll = await context.request.post(`${server.url}/api/polls`, { data: { title: "Open to anyone", sets: [((await compared.json()) as { id: string }).id], reveal: "after_vote", access: "link" }, headers: { origin: server.url } });
  expect(poll.status()).toBe(201);
  await voter.goto(`${server.url}${((await poll.json()) as { path: string }).path}`);
  await expect(voter.getByRole("heading", { name: "Open to anyone" })).toBeVisible();
  await board.goto(`${server.url}/leaderboard`);
  await expect(board.getByRole("heading", { level: 1 })).toBeVisible();
  // A mark on each page: a page loaded again has lost it.
  const marked = (tab: Page) => tab.evaluate(() => (window as { notLoadedAgain?: boolean }).notLoadedAgain === true);
  for (const tab of [board, voter]) await tab.evaluate(() => Object.assign(window, { notLoadedAgain: true }));
  // And an ear on the news the tabs are told (lib/access/sign-out-news.ts), on the page that stays.
  await voter.evaluate(() => {
    const news = new BroadcastChannel("onetoken-playground-sign-out");
    news.onmessage = () => Object.assign(window, { told: ((window as { told?: number }).told ?? 0) + 1 });
    Object.assign(window, { news });
  });

  // A sign-out that failed tells no other tab: they are still signed in, with nothing to load again for.
  await first.route(/\/api\/session$/, (route) =>
    route.request().method() === "DELETE" ? route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "internal_error", message: "Down." } }) }) : route.fallback(),
  );
  const left = first.waitForEvent("load");
  await first.getByRole("button", { name: "Sign out" }).click();
  // The sign-in page, which sends a browser still signed in on to the playground.
  await left;
  await expect(new PlaygroundPage(first).prompt).toBeVisible();
  expect(await marked(board)).toBe(true);
  await first.unroute(/\/api\/session$/);

  await first.getByRole("button", { name: "Sign out" }).click();
  await expect(first).toHaveURL(/\/sign-in$/);
  await expect(board).toHaveURL(/\/sign-in\?next=%2Fleaderboard$/, { timeout: 10_000 });
  // A poll open to anyone with the link needs no session: its page stays.
  await expect(voter.getByRole("heading", { name: "Open to anyone" })).toBeVisible();
  expect(voter.url()).toMatch(/\/vote\//);
  // Signed in again, the tab is back where it was.
  await board.getByLabel("Password").fill(PASSWORD);
  await board.getByRole("button", { name: "Sign in" }).click();
  await expect(board).toHaveURL(/\/leaderboard$/);
  // Not even loaded again, which would lose a choice not yet sent; and told of the one sign-out that happened.
  expect(await marked(voter)).toBe(true);
  expect(await voter.evaluate(() => (window as { told?: number }).told)).toBe(1);
  await context.close();
});

test("a tab whose stream is refused for want of a session goes to sign in, rather than try again for ever", async ({ browser }) => {
  server.kill();
  server = await startAppServer(GATED_APP_PORT, { DATA_DIR, PLAYGROUND_PASSWORD: PASSWORD });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(new PlaygroundPage(page).prompt).toBeVisible();
  // The session gone while the stream was away (the password changed and the server restarted, say): its
  // reopening is refused as the server refuses it, and EventSource alone does not say why.
  await page.route(/\/api\/events/, async (route) => {
    await context.clearCookies();
    await route.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ error: { code: "unauthorized", message: "Sign in first." } }) });
  });
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in$/, { timeout: 10_000 });
  await context.close();
});
