import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { defaultRequest } from "../models/defaults";
import { defaultEdit } from "../edit/edit-defaults";
import { asCurl, asFetch, INPUT_STAND_IN } from "./as-code";
import type { GenerationView } from "./view";
import { generationView } from "@/test/generation-view";

const generation: GenerationView = generationView({
  status: "succeeded",
  finishedAt: 1,
  request: { ...defaultRequest("qwen-image-plus"), prompt: "Tom's tea house, \"quoted\", $HOME and `ticks`", negativePrompt: "blurry" },
  seed: 42,
  durationMs: 1,
});

describe("copy as code", () => {
  it("writes a cURL command whose body is exactly what the server sent, in a shell-safe quote", () => {
    const curl = asCurl(generation, { baseUrl: "https://api.onetoken.one", requestStyle: "native" });
    expect(curl).toContain(`curl -X POST 'https://api.onetoken.one/v1/images/generations'`);
    expect(curl).toContain(`-H "Authorization: Bearer $ONETOKEN_API_KEY"`);
    // The shell reads the quoted body back to the very JSON; $HOME and backticks stay literal.
    const quoted = curl.slice(curl.indexOf("-d ") + 3);
    const echoed = execFileSync("bash", ["-c", `printf %s ${quoted}`], { env: { ...process.env, HOME: "/nowhere" } }).toString();
    expect(JSON.parse(echoed)).toEqual({
      model: "qwen-image-plus",
      input: { messages: [{ role: "user", content: [{ text: generation.request.prompt }] }] },
      parameters: { negative_prompt: "blurry", prompt_extend: true, watermark: false, size: "1664*928", n: 1, seed: 42 },
    });
  });

  it("writes a fetch snippet in the configured style, with the key from the environment", () => {
    const snippet = asFetch(generation, { baseUrl: "http://127.0.0.1:4010", requestStyle: "flat" });
    expect(snippet).toContain(`fetch("http://127.0.0.1:4010/v1/images/generations"`);
    expect(snippet).toContain("Authorization: `Bearer ${process.env.ONETOKEN_API_KEY}`");
    expect(snippet).toContain(`"prompt": "Tom's tea house, \\"quoted\\", $HOME and \`ticks\`"`);
    expect(snippet).not.toContain("input");
  });
});

describe("copy as code for an edit", () => {
  const edit: GenerationView = {
    ...generation,
    request: { ...defaultEdit("qwen-image-edit", { id: "in-1", width: 800, height: 600 }), prompt: "make it snow", seed: null },
    input: { id: "in-1", width: 800, height: 600, src: "/api/images/in-1", thumbSrc: "/api/images/in-1/thumb", from: null },
    seed: 11,
  };

  it("posts to the edits endpoint in the native shape whatever the style, with a stand-in for the image", () => {
    const snippet = asFetch(edit, { baseUrl: "https://api.onetoken.one", requestStyle: "flat" });
    expect(snippet).toContain(`fetch("https://api.onetoken.one/v1/images/edits"`);
    const curl = asCurl(edit, { baseUrl: "https://api.onetoken.one", requestStyle: "flat" });
    const quoted = curl.slice(curl.indexOf("-d ") + 3);
    const echoed = execFileSync("bash", ["-c", `printf %s ${quoted}`]).toString();
    // qwen-image-edit takes no size and no prompt_extend: neither is sent.
    expect(JSON.parse(echoed)).toEqual({
      model: "qwen-image-edit",
      input: { messages: [{ role: "user", content: [{ image: INPUT_STAND_IN }, { text: "make it snow" }] }] },
      parameters: { watermark: false, n: 1, seed: 11 },
    });
  });
});
