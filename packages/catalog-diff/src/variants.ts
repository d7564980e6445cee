import { normalizeForMatch, similarity } from "@zwgk/catalog-core";

// Names of different items are often nearly the same text: 最低生活保障/审核 and /审批, 客运车辆道路
// 运输证办理（注销） and （补办）, 第一类 and 第二类. Bigram similarity alone calls them duplicates. A
// pair is a *variant* pair (different items) when the place where the names differ — widened by one
// character each side, so 核/批 are read as 审核/审批 — names different procedure or scope words, or
// different numbers, or when both names put a different word of two or more characters in the same
// place (（变更经营主体） vs （变更起讫地）). What is left — one name adding a qualifier (（低保）,
// （县级）) or a one-character slip (最低/最底) — is a candidate duplicate.

/** Words that tell items apart when they are all that differs (procedures, stages, scopes, parties). */
export const VARIANT_WORDS: readonly string[] = [
  "新增", "新设", "设立", "变更", "延续", "延期", "注销", "终止", "撤销", "补发", "补办", "补领", "换发", "换证",
  "初领", "配发", "核发", "过户", "转出", "转入", "迁出", "迁入", "恢复", "报停", "审核", "审批", "初审", "复审",
  "复核", "审查", "备案", "登记", "核准", "认定", "确认", "查询", "咨询", "申请", "预约", "结婚", "离婚", "出生",
  "死亡", "国内", "国外", "境内", "境外", "省级", "市级", "县级", "区级", "乡级", "村级", "个人", "企业", "法人",
  "旅客", "货物", "客运", "货运", "临时", "政策", "指南", "监督", "名单", "标准", "结果", "信息变更",
];

const NUMBER_CHARS = /[0-9〇零一二两三四五六七八九十百千甲乙丙丁]/;

/**
 * How two similar names relate: `variant-substitution` when each puts a different word or number in
 * the same place (审核 / 审批), `variant-qualifier` when one adds a procedure or scope word the other
 * lacks (备案 / 备案（终止））, `similar` otherwise (a candidate duplicate, or a rename).
 */
export type NameRelation = "same" | "variant-substitution" | "variant-qualifier" | "similar";

/** A compiled variant test: built once per analysis with the words in force. */
export interface VariantTest {
  /** How two matching keys relate (see {@link NameRelation}). */
  relate(a: string, b: string): NameRelation;
}

/** Compiles the variant test for the built-in words plus `extraWords`. */
export function createVariantTest(extraWords: readonly string[] = []): VariantTest {
  const words = [...new Set([...VARIANT_WORDS, ...extraWords].map(normalizeForMatch).filter(Boolean))];
  const wordsIn = (text: string): string => {
    let found = "";
    for (const w of words) if (text.includes(w)) found += `${w}|`;
    return found;
  };
  return {
    relate(a, b) {
      if (a === b) return "same";
      let p = 0;
      while (p < a.length && p < b.length && a[p] === b[p]) p++;
      let s = 0;
      while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
      const diffA = a.slice(p, a.length - s);
      const diffB = b.slice(p, b.length - s);
      const substitution = diffA.length > 0 && diffB.length > 0;
      const kind = substitution ? "variant-substitution" : "variant-qualifier";
      if (NUMBER_CHARS.test(diffA) || NUMBER_CHARS.test(diffB)) return kind;
      if (diffA.length >= 2 && diffB.length >= 2 && similarity(diffA, diffB) < 0.5) return kind;
      const windowA = a.slice(Math.max(0, p - 1), a.length - s + 1);
      const windowB = b.slice(Math.max(0, p - 1), b.length - s + 1);
      return wordsIn(windowA) !== wordsIn(windowB) ? kind : "similar";
    },
  };
}
