import { expect, failure, test } from "./fixtures";
import { CANARY_KEY } from "./ports";

test.describe("gateway faults reach the user as plain words", () => {
  const cases = [
    // A wait longer than the retry cap is not waited out: the user hears at once how long it is.
    { kind: "rate_limit", extra: { retryAfterSeconds: 60 }, message: "The gateway is limiting requests right now. Try again in 60 seconds." },
    // Asked to come back in 1 s, twice: the third 503 reaches the user.
    { kind: "unavailable", extra: { times: 3, retryAfterSeconds: 1 }, message: "is temporarily unavailable. Try again in 1 second" },
    { kind: "moderation", extra: {}, message: "The content moderation refused this prompt. Rephrase it (or the negative prompt) and try again." },
    { kind: "server_error", extra: {}, message: "The image service failed on its side; try again." },
    { kind: "garbage", extra: {}, message: "The gateway answered with something that is not an image result (not JSON)." },
    { kind: "bad_key", extra: {}, message: "The gateway did not accept this server's API key. Whoever runs the playground must check ONETOKEN_API_KEY." },
  ];

  test("a double click on a failed card's Retry starts and bills one run", async ({ playground, simulator }) => {
    await simulator.fault("moderation");
    await playground.prompt.fill("Retried with a double click");
    await playground.generateButton.click();
    const failed = playground.latest();
    await expect(failure(failed)).toContainText("The content moderation refused this prompt.");
    await failed.getByRole("button", { name: "Retry" }).dblclick();
    await expect(playground.results).toHaveCount(2);
    await expect(playground.latest().getByRole("img")).toHaveCount(1, { timeout: 30_000 });
    await expect(playground.results).toHaveCount(2);
    expect((await simulator.stats()).calls).toBe(2);
  });

  for (const { kind, extra, message } of cases) {
    test(`${kind}`, async ({ playground, simulator }) => {
      await simulator.fault(kind, extra);
      await playground.prompt.fill(`A fault test: ${kind}`);
      await playground.generateButton.click();
      const result = playground.latest();
      await expect(failure(result)).toContainText(message);
      // Said to a screen reader as it happens, once.
      const said = playground.page.getByTestId("run-announcer");
      await expect(said).toContainText(`Failed: “A fault test: ${kind}”.`);
      await expect(said).toContainText(message);
      await expect(result).toContainText("Failed");
      await expect(result).not.toContainText(CANARY_KEY);
      // The form keeps what was typed, so trying again is one click.
      await expect(playground.prompt).toHaveValue(`A fault test: ${kind}`);
    });
  }

  test("Cancel stops the wait and aborts the gateway call", async ({ playground, simulator }) => {
    await simulator.fault("hang");
    await playground.prompt.fill("A generation that never finishes");
    await playground.generateButton.click();
    const result = playground.latest();
    await expect(result.getByRole("timer", { name: "Elapsed time" })).toBeVisible();
    await expect(result.getByRole("list", { name: "Images being generated" })).toBeVisible();
    await result.getByRole("button", { name: "Cancel" }).click();
    await expect(result).toContainText("Cancelled after");
    await expect(result).toBeFocused();
    await expect(result.getByRole("button", { name: "Cancel" })).toHaveCount(0);
    await expect.poll(async () => (await simulator.stats()).aborted).toBe(1);
  });

  test("images of another size than asked show their own size, and the card and its share page say so, in English and Chinese", async ({ playground, simulator, browser }) => {
    // The slow drip answers one 1*1 PNG whatever was asked (the form's first size is 1280*1280).
    await simulator.fault("slow_drip");
    await playground.prompt.fill("A picture that came back the wrong size");
    await playground.generateButton.click();
    const result = playground.latest();
    await expect(result.getByRole("img")).toHaveCount(1, { timeout: 30_000 });
    await expect(result.getByText("1*1 (1:1) — 1280*1280 was asked", { exact: true })).toBeVisible();
    await expect(result.getByRole("note", { name: "What the gateway's answer lacked" })).toHaveText("The gateway's image is 1*1, not the 1280*1280 asked for.");
    await expect(result).toContainText("Done");
    await result.getByRole("button", { name: "Share link" }).click();
    const link = await result.getByRole("textbox", { name: "Share link" }).inputValue();
    const said = [
      ["en-GB", "1*1 (1:1) — 1280*1280 was asked", "What the gateway's answer lacked", "The gateway's image is 1*1, not the 1280*1280 asked for."],
      ["zh-CN", "1*1 (1:1)（请求的是 1280*1280）", "网关回应中缺少的内容", "网关返回的图片是 1*1，而不是所要求的 1280*1280。"],
    ] as const;
    for (const [locale, size, notices, notice] of said) {
      const viewer = await browser.newContext({ locale });
      const shared = await viewer.newPage();
      await shared.goto(link);
      await expect(shared.getByText(size, { exact: true })).toBeVisible();
      await expect(shared.getByRole("note", { name: notices })).toHaveText(notice);
      await viewer.close();
    }
  });

  test("a stored image that failed to load (the image store away a moment) mends itself without a reload", async ({ playground, page }) => {
    // The store answers the first two asks for the thumbnail with an error, as a bucket away for a while would.
    let refused = 0;
    await page.route(/\/api\/images\/[^/]+\/thumb(\?.*)?$/, async (route) => {
      if (refused < 2) {
        refused += 1;
        await route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "upstream_unavailable", message: "The image store could not be reached." } }) });
      } else await route.continue();
    });
    await playground.prompt.fill("A picture the store was slow to give");
    await playground.generateButton.click();
    const image = playground.latest().getByRole("img");
    await expect(image).toHaveCount(1, { timeout: 30_000 });
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(refused).toBe(2);
  });

  test("a Cancel refused on its way is said while the run goes on, and no longer once it has ended", async ({ playground, simulator, page }) => {
    await simulator.configure({ latencyMs: 3_000 });
    await page.route("**/api/generations/*/cancel", (route) => route.abort("connectionreset"));
    await playground.prompt.fill("A run whose Cancel does not get through");
    await playground.generateButton.click();
    const result = playground.latest();
    await result.getByRole("button", { name: "Cancel" }).click();
    await expect(result.getByRole("alert")).toHaveText("Not stopped: Could not reach the playground server. Check your connection and try again.");
    // It ran on and made its image: the refusal of a Cancel for a run now done is no longer said.
    await expect(result.getByRole("img")).toHaveCount(1, { timeout: 30_000 });
    await expect(result.getByRole("alert")).toHaveCount(0);
  });
});
