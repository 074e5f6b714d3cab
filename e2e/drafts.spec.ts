import sharp from "sharp";
import { ComparePanel, EditPanel, expect, test } from "./fixtures";

test.describe("typed work kept in the tab", () => {
  test("each form's work comes back after a reload, in the mode the tab was in, and a history item loaded over it can be put back", async ({ playground, page }) => {
    await playground.chooseModel("Qwen-Image");
    await playground.prompt.fill("A draft of a lighthouse, typed before the reload");
    await playground.negativePrompt.fill("fog");
    await playground.openMoreOptions();
    await playground.form.getByLabel("Seed").fill("4321");

    const compare = new ComparePanel(page);
    await compare.open();
    await compare.prompt.fill("A compared draft");
    await compare.chooseModels(["Wan 2.6", "Qwen-Image", "Qwen-Image Max"]);

    const edit = new EditPanel(page);
    await edit.open();
    const picture = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#1d4ed8" } }).png().toBuffer();
    await edit.upload({ name: "harbour.png", mimeType: "image/png", buffer: picture });
    await edit.expectInput("900*600");
    await edit.prompt.fill("Make the harbour a night scene");

    await page.reload();
    // The tab is back where it was: the edit form, its picture and its prompt.
    await expect(page.getByRole("button", { name: "Edit", exact: true })).toHaveAttribute("aria-pressed", "true");
    await edit.expectInput("900*600");
    await expect(edit.prompt).toHaveValue("Make the harbour a night scene");
    await compare.open();
    await expect(compare.prompt).toHaveValue("A compared draft");
    await expect(compare.model("Qwen-Image Max")).toBeChecked();
    await page.getByRole("button", { name: "One model", exact: true }).click();
    await expect(playground.prompt).toHaveValue("A draft of a lighthouse, typed before the reload");
    await expect(playground.modelSelect).toHaveValue("qwen-image");
    await expect(playground.negativePrompt).toHaveValue("fog");
    await playground.openMoreOptions();
    await expect(playground.form.getByLabel("Seed")).toHaveValue("4321");

    // It runs as typed, and after it runs the form (and its draft) still holds it.
    await playground.generateButton.click();
    await expect(playground.latest().getByRole("img")).toBeVisible();
    await expect(playground.latest()).toContainText("A draft of a lighthouse, typed before the reload");
    await playground.prompt.fill("Typed after the run");
    await page.reload();
    await expect(playground.prompt).toHaveValue("Typed after the run");
    // Reuse settings over the draft read back: the draft is typed work like any, and can be put back.
    await playground.latest().getByRole("button", { name: "Reuse settings" }).click();
    await expect(playground.prompt).toHaveValue("A draft of a lighthouse, typed before the reload");
    await playground.form.getByRole("button", { name: "Put mine back" }).click();
    await expect(playground.prompt).toHaveValue("Typed after the run");

    // A form emptied back to its start keeps nothing: a reload shows it fresh.
    await playground.prompt.fill("");
    await playground.chooseModel("Wan 2.6");
    // Qwen-Image's square 1328*1328 fits Wan 2.6 too, so it stayed: the start's size is chosen again.
    await playground.sizePreset("1280*1280").check();
    await playground.negativePrompt.fill("");
    await playground.openMoreOptions();
    await playground.form.getByLabel("Seed").fill("");
    await page.reload();
    await expect(playground.prompt).toHaveValue("");
    expect(await page.evaluate(() => sessionStorage.getItem("playground.draft.generate"))).toBeNull();
  });

  test("an edit draft read back under a history item's settings or image: the item wins, and the draft can be put back", async ({ playground, page }) => {
    const edit = new EditPanel(page);
    await edit.open();
    const picture = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
    await edit.upload({ name: "harbour.png", mimeType: "image/png", buffer: await picture(900, 600, "#1d4ed8") });
    await edit.expectInput("900*600");
    await edit.prompt.fill("Make the harbour a night scene");
    await edit.submit.click();
    const edited = page.getByRole("article", { name: /Make the harbour a night scene/ });
    await expect(edited.getByRole("slider")).toBeVisible();

    // Work of the user's own: another picture, another prompt, left in the edit form; the tab then shows one model.
    await edit.upload({ name: "square.png", mimeType: "image/png", buffer: await picture(800, 800, "#b45309") });
    await edit.expectInput("800*800");
    await edit.prompt.fill("My own square, not yet run");
    await page.getByRole("button", { name: "One model", exact: true }).click();
    await page.reload();
    await expect(playground.form).toBeVisible();

    // The edit's settings come in over the draft the form reads back as it opens; "Put mine back" gives the
    // draft back whole, its picture included.
    await edited.getByRole("button", { name: "Reuse settings" }).click();
    await expect(edit.prompt).toHaveValue("Make the harbour a night scene");
    await edit.expectInput("900*600");
    await edit.form.getByRole("button", { name: "Put mine back" }).click();
    await expect(edit.prompt).toHaveValue("My own square, not yet run");
    await edit.expectInput("800*800");

    // "Edit this image" into a form opening over a draft: the result is the input, the draft's prompt stays.
    await page.getByRole("button", { name: "One model", exact: true }).click();
    await page.reload();
    await edited.getByRole("button", { name: "Edit this image" }).click();
    await expect(edit.inputImage).toContainText("a result of “Make the harbour a night scene”");
    await expect(edit.prompt).toHaveValue("My own square, not yet run");
    await page.reload();
    await expect(edit.inputImage).toContainText("a result of “Make the harbour a night scene”");

    // The same when the result cannot be taken (the network gone): the draft's own picture is put back, and why is said.
    await edit.upload({ name: "square.png", mimeType: "image/png", buffer: await picture(800, 800, "#b45309") });
    await edit.expectInput("800*800");
    await page.getByRole("button", { name: "One model", exact: true }).click();
    await page.reload();
    await page.route("**/api/inputs", (route) => route.abort("internetdisconnected"), { times: 1 });
    await edited.getByRole("button", { name: "Edit this image" }).click();
    await expect(edit.form.getByText(/^Could not put the image in the edit form: /)).toBeVisible();
    await edit.expectInput("800*800");
    await expect(edit.prompt).toHaveValue("My own square, not yet run");
  });

  test("a draft that no longer fits the form is dropped, not poured into it", async ({ playground, page }) => {
    await playground.prompt.fill("A draft about to be spoilt");
    await page.evaluate(() => {
      const kept = JSON.parse(sessionStorage.getItem("playground.draft.generate") ?? "null") as { values: { model: string } };
      kept.values.model = "a-model-since-removed";
      sessionStorage.setItem("playground.draft.generate", JSON.stringify(kept));
      sessionStorage.setItem("playground.mode", "a-mode-since-removed");
    });
    await page.reload();
    await expect(playground.generateButton).toBeVisible();
    await expect(playground.prompt).toHaveValue("");
    await expect(playground.modelSelect).toHaveValue("wan2.6-t2i");
    await expect(page.getByRole("button", { name: "One model", exact: true })).toHaveAttribute("aria-pressed", "true");
  });
});
