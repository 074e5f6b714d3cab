import { describe, expect, it } from "vitest";
import { generationView } from "@/test/generation-view";
import { knownBill } from "./known-bill";

describe("an ended generation's bill", () => {
  it("is the gateway's count, the images of a success, nothing for what never went out, and unknown otherwise", () => {
    expect(knownBill(generationView({ status: "failed", billedImages: 0, seed: 5 }))).toBe(0);
    expect(knownBill(generationView({ status: "succeeded", billedImages: null, seed: 5 }))).toBe(0);
    expect(knownBill(generationView({ status: "cancelled", billedImages: null, seed: null }))).toBe(0);
    expect(knownBill(generationView({ status: "failed", billedImages: null, seed: 5 }))).toBeNull();
    expect(knownBill(generationView({ status: "cancelled", billedImages: null, seed: 5 }))).toBeNull();
  });
});
