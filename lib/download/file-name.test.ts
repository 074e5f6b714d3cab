import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentDisposition, downloadFileName, fileNameOf } from "./file-name";

const single = { index: 0, count: 1 };
// Forbidden on Windows, or path separators elsewhere; plus C0 controls and DEL.
const UNSAFE = /[/\\:*?"<>|\x00-\x1f\x7f]/;

describe("downloadFileName", () => {
  it("builds model, seed and prompt words", () => {
    expect(downloadFileName({ model: "wan2.6-t2i", seed: 42, prompt: "A kitten running on grass", ...single })).toBe(
      "wan2.6-t2i_seed42_a-kitten-running-on-grass.png",
    );
  });

  it("keeps CJK characters", () => {
    expect(downloadFileName({ model: "qwen-image", seed: 7, prompt: "岳阳楼记", ...single })).toBe("qwen-image_seed7_岳阳楼记.png");
    expect(downloadFileName({ model: "qwen-image", seed: 7, prompt: "岳阳楼记, 青花瓷！", ...single })).toBe(
      "qwen-image_seed7_岳阳楼记-青花瓷.png",
    );
  });

  it("folds full-width Latin and keeps accented words whole", () => {
    expect(downloadFileName({ model: "m", seed: 1, prompt: "ＡＢＣ　Café crème", ...single })).toBe("m_seed1_abc-café-crème.png");
    expect(downloadFileName({ model: "m", seed: 1, prompt: "Cafe\u0301", ...single })).toBe("m_seed1_café.png");
  });

  it("gives just model and seed for an empty or punctuation-only prompt", () => {
    expect(downloadFileName({ model: "wan2.6-t2i", seed: 42, prompt: "", ...single })).toBe("wan2.6-t2i_seed42.png");
    expect(downloadFileName({ model: "wan2.6-t2i", seed: 42, prompt: "   ", ...single })).toBe("wan2.6-t2i_seed42.png");
    expect(downloadFileName({ model: "wan2.6-t2i", seed: 42, prompt: "?!... --- ***", ...single })).toBe("wan2.6-t2i_seed42.png");
  });

  it("keeps at most six words", () => {
    expect(downloadFileName({ model: "m", seed: 1, prompt: "one two three four five six seven eight", ...single })).toBe(
      "m_seed1_one-two-three-four-five-six.png",
    );
  });

  it("cuts a long prompt at a word boundary within 60 characters", () => {
    const prompt = "photorealistic extraordinarily detailed panoramic landscape photograph mountains";
    const name = downloadFileName({ model: "m", seed: 1, prompt, ...single });
    // Adding "photograph" would make the prompt part 70 characters long.
    expect(name).toBe("m_seed1_photorealistic-extraordinarily-detailed-panoramic-landscape.png");
  });

  it("cuts a single unspaced word that is too long, without splitting characters", () => {
    const name = downloadFileName({ model: "m", seed: 1, prompt: "楼".repeat(200), ...single });
    expect(name).toBe(`m_seed1_${"楼".repeat(60)}.png`);
    const astral = downloadFileName({ model: "m", seed: 1, prompt: "𠀀".repeat(100), ...single });
    expect(astral).toBe(`m_seed1_${"𠀀".repeat(30)}.png`);
  });

  it("stays within 120 characters for very long models, seeds and batches", () => {
    const name = downloadFileName({
      model: "x".repeat(500),
      seed: -Number.MAX_VALUE,
      prompt: "word ".repeat(500),
      index: Number.MAX_SAFE_INTEGER - 1,
      count: Number.MAX_SAFE_INTEGER,
    });
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith(`_${Number.MAX_SAFE_INTEGER}of${Number.MAX_SAFE_INTEGER}.png`)).toBe(true);
  });

  it("neutralises path traversal in the prompt and the model", () => {
    expect(downloadFileName({ model: "m", seed: 1, prompt: "../../etc/passwd", ...single })).toBe("m_seed1_etc-passwd.png");
    expect(downloadFileName({ model: "../../.hidden/model", seed: 1, prompt: "", ...single })).toBe("hidden-model_seed1.png");
    expect(downloadFileName({ model: "..", seed: 1, prompt: "", ...single })).toBe("image_seed1.png");
  });

  it("adds a 1-based batch suffix when there are several images", () => {
    expect(downloadFileName({ model: "wan2.6-t2i", seed: 42, prompt: "a cat", index: 1, count: 4 })).toBe(
      "wan2.6-t2i_seed42_a-cat_2of4.png",
    );
    expect(downloadFileName({ model: "wan2.6-t2i", seed: 42, prompt: "", index: 0, count: 2 })).toBe("wan2.6-t2i_seed42_1of2.png");
  });

  it("uses the given extension", () => {
    expect(downloadFileName({ model: "m", seed: 1, prompt: "a cat", extension: "webp", ...single })).toBe("m_seed1_a-cat.webp");
  });

  it("rejects impossible batch positions and extensions", () => {
    expect(() => downloadFileName({ model: "m", seed: 1, prompt: "", index: 4, count: 4 })).toThrow(RangeError);
    expect(() => downloadFileName({ model: "m", seed: 1, prompt: "", index: -1, count: 4 })).toThrow(RangeError);
    expect(() => downloadFileName({ model: "m", seed: 1, prompt: "", index: 0, count: 0 })).toThrow(RangeError);
    expect(() => downloadFileName({ model: "m", seed: 1, prompt: "", index: 0.5, count: 2 })).toThrow(RangeError);
    expect(() => downloadFileName({ model: "m", seed: 1, prompt: "", ...single, extension: "../png" })).toThrow(RangeError);
  });

  it("is always a safe name for any prompt", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), fc.string({ maxLength: 400 }), (prompt, otherPrompt) => {
        for (const p of [prompt, otherPrompt]) {
          const name = downloadFileName({ model: "wan2.6-t2i", seed: 42, prompt: p, ...single });
          expect(name).not.toMatch(UNSAFE);
          expect(name.length).toBeLessThanOrEqual(120);
          expect(name.endsWith(".png")).toBe(true);
          expect(name.startsWith("wan2.6-t2i_seed42")).toBe(true);
        }
      }),
    );
  });

  it("is always a safe name whatever the model, seed and batch", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.string({ unit: "binary" }),
        fc.oneof(fc.integer(), fc.double()),
        fc.integer({ min: 1, max: 1_000_000 }).chain((count) => fc.tuple(fc.integer({ min: 0, max: count - 1 }), fc.constant(count))),
        (model, prompt, seed, [index, count]) => {
          const name = downloadFileName({ model, seed, prompt, index, count });
          expect(name).not.toMatch(UNSAFE);
          expect(name.startsWith(".")).toBe(false);
          expect(name.length).toBeLessThanOrEqual(120);
          expect(name.endsWith(".png")).toBe(true);
        },
      ),
    );
  });
});

describe("contentDisposition", () => {
  it("passes an ASCII name through in both parameters", () => {
    expect(contentDisposition("wan2.6-t2i_seed42_a-cat.png")).toBe(
      "attachment; filename=\"wan2.6-t2i_seed42_a-cat.png\"; filename*=UTF-8''wan2.6-t2i_seed42_a-cat.png",
    );
  });

  it("replaces non-ASCII in the fallback and percent-encodes UTF-8", () => {
    expect(contentDisposition("qwen-image_seed7_岳阳楼记.png")).toBe(
      "attachment; filename=\"qwen-image_seed7_____.png\"; filename*=UTF-8''qwen-image_seed7_%E5%B2%B3%E9%98%B3%E6%A5%BC%E8%AE%B0.png",
    );
  });

  it("drops quotes and backslashes from the fallback and encodes characters outside attr-char", () => {
    expect(contentDisposition(`a"b\\c 'd'(e)*.png`)).toBe(
      "attachment; filename=\"abc 'd'(e)*.png\"; filename*=UTF-8''a%22b%5Cc%20%27d%27%28e%29%2A.png",
    );
  });

  it("cannot be used to inject headers and survives lone surrogates", () => {
    const value = contentDisposition("a\r\nSet-Cookie: x=1\ud800.png");
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toBe("attachment; filename=\"a__Set-Cookie: x=1_.png\"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1%EF%BF%BD.png");
  });

  it("round-trips the UTF-8 name through decodeURIComponent", () => {
    fc.assert(
      // Full-Unicode strings alone rarely hit the ASCII punctuation that needs care, so mix in ASCII-only ones.
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary-ascii" }), fc.string({ unit: "binary" })), (name) => {
        const value = contentDisposition(name);
        const encoded = value.slice(value.indexOf("UTF-8''") + "UTF-8''".length);
        expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]*$/);
        // But for a NUL, which no file name holds.
        expect(decodeURIComponent(encoded)).toBe(name.replaceAll("\u0000", ""));
        expect(value).toMatch(/^attachment; filename="[\x20-\x21\x23-\x5b\x5d-\x7e]*"; filename\*=UTF-8''/);
      }),
    );
  });
});

describe("fileNameOf", () => {
  it("reads back the exact name contentDisposition writes, whatever it is", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }), (name) => {
        expect(fileNameOf(contentDisposition(name))).toBe(name);
      }),
    );
  });

  it("falls back to the plain name, and to nothing", () => {
    expect(fileNameOf('attachment; filename="deck.pptx"')).toBe("deck.pptx");
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A; filename=\"x.pptx\"")).toBe("x.pptx");
    expect(fileNameOf(null)).toBeNull();
    expect(fileNameOf("inline")).toBeNull();
  });
});
