import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { searchText } from "./search-text";

/** Letters whose upper case is one letter that lowers back to them: accented Latin, Cyrillic, Greek, full-width Latin. */
const LETTERS = [..."àáâãäåæçèéêëìíîïñòóôõöøùúûüýþœčřšžąęłńőű", ..."абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ", ..."αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώ", ..."ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"];
const letters = fc.string({ unit: fc.constantFrom(...LETTERS, " "), minLength: 1 });
const wordOf = (unit: "grapheme-composite" | "binary") => fc.string({ unit, minLength: 1 }).filter((word) => !/\s/.test(word));

describe("text as the search compares it", () => {
  it("is the same in upper and lower case, for every letter of the alphabets searched", () => {
    fc.assert(fc.property(letters, (text) => searchText(text.toUpperCase()) === searchText(text)));
  });

  it("finds any word of a text in it, whatever the text around it", () => {
    for (const unit of ["grapheme-composite", "binary"] as const) {
      fc.assert(fc.property(fc.string({ unit }), wordOf(unit), fc.string({ unit }), (before, word, after) => searchText(`${before} ${word} ${after}`).includes(searchText(word))));
    }
  });

  it("is its own folding: a folded text, searched for, finds itself", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => searchText(searchText(text)) === searchText(text)));
  });

  it("unifies compatibility forms, composed accents and Greek's final sigma", () => {
    expect(searchText("ＲＥＴＲＯ ｃｌｕｂ")).toBe("retro club");
    expect(searchText("CAFE\u0301")).toBe("café");
    expect(searchText("ΟΔΟΣ")).toBe(searchText("οδοσ"));
    expect(searchText("МОСКВА")).toBe("москва");
    expect(searchText("100%_\\")).toBe("100%_\\");
  });
});
