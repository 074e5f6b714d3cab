import { expect, test } from "./fixtures";

test.describe("the first screen", () => {
  test("is painted only once its header and both columns are parsed, so a slow device sees nothing move", async ({ page }) => {
    const html = await (await page.request.get("/")).text();
    const head = html.slice(0, html.indexOf("</head>"));
    // The browser holds its first paint until the element the link names has been parsed whole.
    const expectLink = /<link rel="expect" href="#([\w-]+)" blocking="render"\/>/.exec(head);
    expect(expectLink, "a render-blocking expect link in the head").not.toBeNull();
    const target = expectLink?.[1] ?? "";

    await page.goto("/");
    const element = page.locator(`#${target}`);
    await expect(element).toHaveCount(1);
    // The element is the page's main part: the header is before it and the generation form inside it.
    expect(await element.evaluate((node) => node.tagName)).toBe("MAIN");
    await expect(element.getByRole("form", { name: "Generation settings" })).toBeVisible();
    const position = await element.evaluate((node) => document.querySelector("header")?.compareDocumentPosition(node) ?? 0);
    expect(position & 4, "the header comes before it (DOCUMENT_POSITION_FOLLOWING)").toBe(4);
  });
});
