import type { Basis, CitedDocument } from "@zwgk/catalog-schemas";
import { normalizeForMatch } from "../normalize.js";
import { CHINESE_NUMERAL_CHARS } from "./numerals.js";

// 公开依据 / 实施依据 cells: documents in 《》, each optionally after a rank prefix (【法律】) and
// followed by clause numbers ("第三十条、第三十四条", "第二十条(十二)", "第七十二条至第七十七条").
// A rank applies to the documents after it until the next rank or the end of the sentence.

const N = `[\\d${CHINESE_NUMERAL_CHARS}]+`;
/** One clause reference: 第X条[之X][第X款][第X项 | (X) | 第(X)项], or a bare 第X款/第X项. */
const ONE_CLAUSE = `(?:第${N}条(?:之${N})?(?:第${N}款)?(?:第${N}项|第?[(（]${N}[)）]项?)?|第${N}[款项])`;
const CLAUSE_LIST = new RegExp(`${ONE_CLAUSE}(?:\\s*(?:、|,|，|和|及|以及|至|到|-|－|—|~|～)\\s*${ONE_CLAUSE})*`, "y");
const ANY_CLAUSE = new RegExp(`第${N}条`);
const ANY_DOCUMENT = /《[^《》]+》/;
// Tokens: a rank in 【】 or [] (not a year in 〔〕), a document in 《》, or a sentence end.
const TOKENS = /【([^【】]*)】|\[([^[\]\d]*)\]|《([^《》]+)》|([;；。\n])/g;
const SPACE = /\s/;
const SAME_AS_ABOVE = new Set(["同上"]);

/** True when a cell says "same as above" (同上, 同上。, 同 上): the previous row's value applies. */
export function isSameAsAbove(text: string): boolean {
  return SAME_AS_ABOVE.has(normalizeForMatch(text));
}

function clauseAfter(raw: string, from: number): string | undefined {
  let at = from;
  while (at < raw.length && SPACE.test(raw[at]!)) at++;
  CLAUSE_LIST.lastIndex = at;
  const m = CLAUSE_LIST.exec(raw);
  return m ? m[0] : undefined;
}

/** The documents a basis text cites, in order, with their rank prefix and clause numbers. */
export function citedDocuments(raw: string): CitedDocument[] {
  const documents: CitedDocument[] = [];
  let rank: string | undefined;
  TOKENS.lastIndex = 0;
  for (let m = TOKENS.exec(raw); m; m = TOKENS.exec(raw)) {
    const r = m[1] ?? m[2];
    if (r !== undefined) {
      rank = r.trim() || undefined;
    } else if (m[3] !== undefined) {
      const title = m[3].trim();
      if (!title) continue;
      const clause = clauseAfter(raw, m.index + m[0].length);
      documents.push({ title, ...(clause ? { clause } : {}), ...(rank ? { rank } : {}) });
    } else {
      rank = undefined;
    }
  }
  return documents;
}

/**
 * Reads a basis cell (公开依据, 实施依据 …). `raw` is kept as written; `documents` lists the cited
 * 《》 titles with their clause and rank. For "同上" pass the row above's basis as `above`: the result
 * carries its text and documents, with `written: "同上"`. Without `above`, "同上" stays as it is.
 *
 * @example
 * ```ts
 * parseBasis("【法律】《中华人民共和国公路法》第五十条").documents;
 * // [{ title: "中华人民共和国公路法", clause: "第五十条", rank: "法律" }]
 * ```
 */
export function parseBasis(raw: string, above?: Basis): Basis {
  if (above && isSameAsAbove(raw)) {
    return { raw: above.raw, written: raw, ...(above.documents ? { documents: above.documents.map((d) => ({ ...d })) } : {}) };
  }
  const documents = citedDocuments(raw);
  return documents.length ? { raw, documents } : { raw };
}

/**
 * True when a basis names a legal source a reader can look up: a document in 《》 or a clause
 * (第X条). Free text such as "相关规定" is not enough.
 */
export function hasLegalCitation(basis: Basis): boolean {
  if (basis.documents?.length) return true;
  return ANY_DOCUMENT.test(basis.raw) || ANY_CLAUSE.test(basis.raw);
}
