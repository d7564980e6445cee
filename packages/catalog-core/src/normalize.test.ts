import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../scripts/catalog-generator.js";
import { nfkc, normalizeForMatch, toSimplified } from "./normalize.js";

// `nfkc` folds the characters government text is made of without ICU; anything else must still
// give exactly what `String.prototype.normalize("NFKC")` gives, also where characters combine.
describe("nfkc", () => {
  it("equals ICU's NFKC for every BMP character alone", () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (nfkc(ch) !== ch.normalize("NFKC")) expect(nfkc(ch), `U+${c.toString(16)}`).toBe(ch.normalize("NFKC"));
    }
  });

  it("equals ICU's NFKC on mixed texts, where neighbours compose or reorder", () => {
    // The fast path's characters next to ones that combine with what precedes them.
    const alphabet = [
      ..."政务公开（审批）、。《》“”【】——·ABCxyz019 ,.()",
      ..."ＡＢＣａｂｃ０１２（）［］｛｝！＂＃＄％＆＇＊＋，－．／：；＜＝＞？＠＼＾＿｀｜～\u3000",
      "\u0301", // combining acute: e + U+0301 composes to é
      "\u0308", // combining diaeresis
      "\u0323", // combining dot below: reordered before U+0301 (lower combining class)
      "\u302a", // ideographic level tone mark (a non-starter in the CJK block)
      "\u3099", // combining katakana voiced mark: か + U+3099 → が
      "か", "ｶ", "ﾞ", // half-width katakana and its voiced mark compose under NFKC
      "\u1100", "\u1161", "\u11a8", // Hangul jamo compose into a syllable
      "…", "№", "ﬁ", "①", "㈱", "\ufe35", "\u2011", "\uf900", "\ud840\udc00", "\ud840",
    ];
    const random = mulberry32(16);
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      const length = 1 + Math.floor(random() * 8);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      if (nfkc(text) !== text.normalize("NFKC")) expect(nfkc(text), JSON.stringify(text)).toBe(text.normalize("NFKC"));
    }
  });

  it("folds full-width forms and keeps what is already folded", () => {
    const plain = "最低生活保障审批";
    expect(nfkc(plain)).toBe(plain);
    expect(nfkc("最低生活保障（审批）　第１项")).toBe("最低生活保障(审批) 第1项");
    expect(normalizeForMatch("最低 生活保障(審批)")).toBe(normalizeForMatch("最低生活保障（审批）"));
  });
});

describe("normalizeForMatch", () => {
  // The definition the fast paths must keep: NFKC, traditional → simplified, lower case, and no
  // spaces, punctuation or symbols.
  const STRIP = /[\s\p{P}\p{S}\u200b\u200c\u200d]+/gu;
  const reference = (text: string) => toSimplified(text.normalize("NFKC")).toLowerCase().replace(STRIP, "");

  it("equals its definition for every BMP character alone", () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (normalizeForMatch(ch) !== reference(ch)) expect(normalizeForMatch(ch), `U+${c.toString(16)}`).toBe(reference(ch));
    }
  });

  it("equals its definition on mixed texts", () => {
    // Σ lowers by context (final sigma), İ to two characters; letters next to dropped characters.
    const alphabet = [..."最低生活保障審批第ABCabcΣσİÄé1２（）(), 、。·—…〈〉 \t\n", "ΑΣ", "\u0301", "\u200b", "😀", "\ud840", "Ⓐ", "ǅ"];
    const random = mulberry32(17);
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      const length = 1 + Math.floor(random() * 8);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      if (normalizeForMatch(text) !== reference(text)) expect(normalizeForMatch(text), JSON.stringify(text)).toBe(reference(text));
    }
  });
});
