import { describe, expect, it } from "vitest";
import { defaultRequest } from "../models/defaults";
import { generateRequestSchema } from "../models/request-schema";
import { LOCALES } from "./locale";
import { MESSAGES } from "./messages";

const examples = (locale: (typeof LOCALES)[number]) => MESSAGES[locale].common.exampleList;

describe("example prompts", () => {
  it.each(LOCALES)("in %s, each one is a request its model takes as it is", (locale) => {
    expect(examples(locale).length).toBeGreaterThanOrEqual(4);
    for (const example of examples(locale)) {
      expect(generateRequestSchema.safeParse({ ...defaultRequest(example.model), prompt: example.prompt }).error).toBeUndefined();
    }
  });

  it("offers the same examples in both languages", () => {
    expect(examples("zh").map((example) => example.model)).toEqual(examples("en").map((example) => example.model));
  });
});
