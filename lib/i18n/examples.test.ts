import { describe, expect, it } from "vitest";
import { defaultRequest } from "../models/defaults";
import { generateRequestSchema } from "../models/request-schema";
import { EXAMPLE_PROMPTS } from "./examples";
import { LOCALES } from "./locale";

describe("example prompts", () => {
  it.each(LOCALES)("in %s, each one is a request its model takes as it is", (locale) => {
    expect(EXAMPLE_PROMPTS[locale].length).toBeGreaterThanOrEqual(4);
    for (const example of EXAMPLE_PROMPTS[locale]) {
      expect(generateRequestSchema.safeParse({ ...defaultRequest(example.model), prompt: example.prompt }).error).toBeUndefined();
    }
  });

  it("offers the same examples in both languages", () => {
    expect(EXAMPLE_PROMPTS.zh.map((example) => example.model)).toEqual(EXAMPLE_PROMPTS.en.map((example) => example.model));
  });
});
