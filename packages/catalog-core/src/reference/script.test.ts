import { describe, expect, it } from "vitest";
import { normalizeForMatch, toSimplified } from "../normalize.js";
import { TRADITIONAL_TO_SIMPLIFIED } from "./script.js";

describe("TRADITIONAL_TO_SIMPLIFIED", () => {
  it("covers government vocabulary", () => {
    expect(TRADITIONAL_TO_SIMPLIFIED.size).toBeGreaterThan(700);
    expect(toSimplified("南通市2021年政務公開工作要點")).toBe("南通市2021年政务公开工作要点");
    expect(toSimplified("國務院辦公廳關於全面推進基層政務公開標準化規範化工作的指導意見")).toBe(
      "国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见",
    );
    expect(toSimplified("社會救助、養老服務、戶籍管理、醫療衛生、涉農補貼、義務教育")).toBe(
      "社会救助、养老服务、户籍管理、医疗卫生、涉农补贴、义务教育",
    );
    expect(toSimplified("信息形成或者變更之日起20個工作日內予以公開")).toBe("信息形成或者变更之日起20个工作日内予以公开");
    expect(toSimplified("行政許可、行政處罰、行政強制、行政徵收、行政給付、行政檢查、行政確認、行政獎勵、行政裁決")).toBe(
      "行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决",
    );
  });

  it("never maps a character onto one that is itself mapped (no chains)", () => {
    for (const [t, s] of TRADITIONAL_TO_SIMPLIFIED) {
      expect(TRADITIONAL_TO_SIMPLIFIED.has(s), `${t}→${s}`).toBe(false);
    }
  });

  it("leaves characters simplified text also uses alone", () => {
    for (const ch of "著乾瞭藉覆干后里余台只") expect(TRADITIONAL_TO_SIMPLIFIED.has(ch), ch).toBe(false);
    expect(normalizeForMatch("著作权")).toBe("著作权");
  });
});
