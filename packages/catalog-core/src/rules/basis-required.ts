import type { DisclosureEntry } from "@zwgk/catalog-schemas";
import { fieldLabel } from "../labels.js";
import { normalizeForMatch } from "../normalize.js";
import { hasLegalCitation } from "../parse/basis.js";
import { NON_DISCLOSURE_GROUNDS, parseClauseReference } from "../reference/law.js";
import { canonicalMark } from "../reference/marks.js";
import { defineRule } from "../rule.js";
import { DISCLOSURE_KINDS, isBlank } from "./shared.js";

// Seeds 000 第五条(三) and 第八条: what is not disclosed proactively must state its legal basis, and
// what is withheld (不予公开, and the withheld part of 部分公开 / 删减后公开) its legal reason.

const WITHHELD = new Set(["不予公开", "部分公开", "删减后公开"]);
const GROUND_KEYWORDS: readonly string[] = NON_DISCLOSURE_GROUNDS.flatMap((g) => g.keywords);
const GROUND_ARTICLES = new Set([14, 15, 16]);

// The few 公开方式 labels a catalog uses, canonicalised once.
const METHOD_CACHE = new Map<string, string>();
function method(label: string): string {
  let m = METHOD_CACHE.get(label);
  if (m === undefined) {
    if (METHOD_CACHE.size > 256) METHOD_CACHE.clear();
    m = canonicalMark("method", label);
    METHOD_CACHE.set(label, m);
  }
  return m;
}

/** 依申请公开 / 不予公开 …, or undefined for an entry disclosed proactively. */
function notProactive(entry: DisclosureEntry): string | undefined {
  if (entry.attribute) return entry.attribute === "主动公开" ? undefined : entry.attribute;
  let onRequest = false;
  for (const mark of entry.method ?? []) {
    const m = method(mark);
    if (m === "主动") return undefined;
    if (m === "依申请") onRequest = true;
  }
  return onRequest ? "依申请公开" : undefined;
}

function namesGround(reason: string): boolean {
  const key = normalizeForMatch(reason);
  if (GROUND_KEYWORDS.some((k) => key.includes(k))) return true;
  return parseClauseReference(reason).some((r) => GROUND_ARTICLES.has(r.article));
}

/** The `basis-required` rule; what it checks is in its `meta.description` and docs/rules.md. */
export default defineRule({
  meta: {
    id: "basis-required",
    severity: "error",
    kinds: DISCLOSURE_KINDS,
    description: "依申请公开、不予公开的事项须写明法律依据（《》中的法律法规或条款），不予公开的还须写明理由。",
    messages: {
      basis: "{attribute}的事项须在「{label}」中写明法律依据。",
      reason: "{attribute}的事项须写明「{label}」。",
      "reason-ground": "「{label}」「{reason}」没有指明条例第十四、十五、十六条规定的不予公开情形。",
    },
    hints: {
      basis: "请写出依据的法律法规名称（用《》标出）和条款，例如《中华人民共和国政府信息公开条例》第十五条。",
      reason: "请写明不予公开的法定理由，例如“涉及个人隐私（条例第十五条）”。",
      "reason-ground": "请写明具体情形（国家秘密、法律行政法规禁止公开、危及安全稳定、商业秘密、个人隐私、内部事务信息、过程性信息、行政执法案卷信息）及条款。",
    },
  },
  create(context) {
    const basisLabel = fieldLabel(context.kind, "basis");
    const reasonLabel = fieldLabel(context.kind, "nonDisclosureReason");
    return {
      entry(e, index) {
        const entry = e as DisclosureEntry;
        const attribute = notProactive(entry);
        if (!attribute) return;
        const basis = entry.basis;
        if (!basis || !hasLegalCitation(basis)) {
          context.report({ messageId: "basis", entry: index, field: "basis", data: { attribute, label: basisLabel } });
        }
        if (!WITHHELD.has(attribute)) return;
        const reason = entry.nonDisclosureReason;
        if (isBlank(reason)) {
          context.report({ messageId: "reason", entry: index, field: "nonDisclosureReason", data: { attribute, label: reasonLabel } });
        } else if (!namesGround(reason!)) {
          context.report({
            messageId: "reason-ground",
            entry: index,
            field: "nonDisclosureReason",
            severity: "warning",
            data: { label: reasonLabel, reason: reason!.trim() },
          });
        }
      },
    };
  },
});
