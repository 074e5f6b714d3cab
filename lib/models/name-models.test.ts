import { describe, expect, it } from "vitest";
import { nameModels } from "./model-names";

describe("model names in the server's sentences", () => {
  it("replaces each standing id by its name, the longest first", () => {
    expect(nameModels("wan2.6-t2i is temporarily unavailable. Try again in 7 seconds, or pick another model.")).toBe(
      "Wan 2.6 is temporarily unavailable. Try again in 7 seconds, or pick another model.",
    );
    expect(nameModels("qwen-image-max refused one of the settings.")).toBe("Qwen-Image Max refused one of the settings.");
    expect(nameModels("This server's API key may not use qwen-image-edit-plus.")).toBe("This server's API key may not use Qwen-Image Edit Plus.");
  });

  it("leaves ids inside other words, file names and links alone", () => {
    expect(nameModels("see qwen-image-max_seed42_a-fox.png")).toBe("see qwen-image-max_seed42_a-fox.png");
    expect(nameModels("https://x.test/wan2.6-t2i/a.png")).toBe("https://x.test/wan2.6-t2i/a.png");
    expect(nameModels("The gateway is limiting requests right now.")).toBe("The gateway is limiting requests right now.");
  });
});
