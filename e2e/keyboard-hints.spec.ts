import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** A key's words only where a keyboard is likely: a touch screen shows, and reads, the rest of the help alone. */

const DEVICES = [
  { name: "a desktop", options: { viewport: { width: 1440, height: 900 } }, keyboard: true },
  // What Chromium reports as a coarse pointer that cannot hover: a phone.
  { name: "a phone", options: { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } }, keyboard: false },
];

/** Each form's prompt help: the words said everywhere (none for the one-model form) and its keys. */
const FORMS = [
  { locale: "en-GB", mode: "One model", form: "Generation settings", prompt: "Prompt", rest: null, keys: "Ctrl+Enter (⌘+Enter on a Mac) generates." },
  { locale: "en-GB", mode: "Compare", form: "Comparison settings", prompt: "Prompt", rest: "The limit is the strictest of the chosen models'.", keys: "Ctrl+Enter (⌘+Enter) compares." },
  {
    locale: "en-GB",
    mode: "Grid",
    form: "Grid settings",
    prompt: "Prompt",
    rest: "{red|green|blue} offers alternatives; __name__ takes the items of a saved list.",
    keys: "Ctrl+Enter (⌘+Enter) runs the grid.",
  },
  { locale: "en-GB", mode: "Edit", form: "Edit settings", prompt: "Prompt", rest: "Describe the change.", keys: "Ctrl+Enter (⌘+Enter on a Mac) starts the edit." },
  { locale: "zh-CN", mode: "单个模型", form: "生成设置", prompt: "提示词", rest: null, keys: "按 Ctrl+Enter（Mac 上为 ⌘+Enter）即可生成。" },
  { locale: "zh-CN", mode: "模型对比", form: "对比设置", prompt: "提示词", rest: "字数上限以所选模型中最严格的为准。", keys: "按 Ctrl+Enter（⌘+Enter）开始对比。" },
] as const;

/** The description Chromium itself gives the field, as a screen reader gets it (not a re-computation). */
const chromiumDescription = async (page: Page, name: string): Promise<string> => {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
  const { nodes } = await cdp.send("Accessibility.queryAXTree", { nodeId: root.nodeId, accessibleName: name, role: "textbox" });
  const shown = nodes.filter((node) => !node.ignored);
  expect(shown).toHaveLength(1);
  await cdp.detach();
  return String(shown[0]?.description?.value ?? "");
};

/** The field's box ends with the control (nothing under it), and the form's spacing is even around it. */
const expectNoGapUnder = async (prompt: Locator) => {
  const { control, field, previous, next } = await prompt.evaluate((element) => {
    const box = (node: Element | null | undefined) => node?.getBoundingClientRect() ?? null;
    const field = element.parentElement;
    return { control: box(element), field: box(field), previous: box(field?.previousElementSibling), next: box(field?.nextElementSibling) };
  });
  if (!control || !field || !previous || !next) throw new Error("the prompt's field has no neighbours to measure");
  expect(Math.abs(field.bottom - control.bottom)).toBeLessThan(0.5);
  expect(Math.abs(next.top - field.bottom - (field.top - previous.bottom))).toBeLessThan(0.5);
};

test("each form's Ctrl+Enter is said where a keyboard is likely, and neither shown nor read on a touch screen; the rest of its help is said everywhere", async ({ playground, browser }) => {
  const origin = new URL(playground.page.url()).origin;
  for (const device of DEVICES) {
    for (const locale of ["en-GB", "zh-CN"]) {
      const context = await browser.newContext({ ...device.options, locale, baseURL: origin });
      const page = await context.newPage();
      await page.goto("/");
      for (const { mode, form: formName, prompt: promptName, rest, keys } of FORMS.filter((entry) => entry.locale === locale)) {
        await test.step(`${device.name}, ${locale}: ${mode}`, async () => {
          await page.getByRole("button", { name: mode, exact: true }).click();
          const form = page.getByRole("form", { name: formName });
          const prompt = form.getByLabel(promptName, { exact: true });
          await expect(prompt).toBeVisible();
          // The keys themselves are named to assistive technology everywhere: a tablet may have a keyboard.
          await expect(prompt).toHaveAttribute("aria-keyshortcuts", "Control+Enter Meta+Enter");
          if (rest) await expect(form.getByText(rest)).toBeVisible();
          const description = await chromiumDescription(page, promptName);
          if (device.keyboard) {
            await expect(form.getByText(keys)).toBeVisible();
            expect(description).toContain(keys);
          } else {
            await expect(form.getByText(keys)).toBeHidden();
            expect(description).not.toContain("Ctrl+Enter");
            // A help of nothing but the keys leaves no empty line under the prompt.
            if (!rest) await expectNoGapUnder(prompt);
          }
          if (rest) expect(description).toContain(rest);
        });
      }
      await context.close();
    }
  }
});
