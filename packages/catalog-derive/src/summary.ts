import type { DisclosureEntry } from "@zwgk/catalog-schemas";
import type { DraftResult } from "./draft.js";
import { derivationText } from "./provenance.js";
import type { VillageResult } from "./village.js";

/** What a draft did, in Chinese, for `zwgk draft` and the browser page alike. */
export interface DraftSummary {
  /** One sentence: how many entries for how many items, what the existing catalog already covered. */
  summary: string;
  /** One line per deletion candidate: where it is (row of the sheet, or position), its 事项, why. */
  candidates: string[];
  /** Set when the analysis still reports gaps after the draft: a bug in zwgk, to be reported. */
  inconsistency?: string;
}

/** Where an entry of the adjusted catalog is: `第12行` when read from a sheet, else `第3条`. */
export function entryPlace(entry: DisclosureEntry, index: number): string {
  return entry.source?.row !== undefined ? `第${entry.source.row}行` : `第${index + 1}条`;
}

/** The summary of a draft; `into` names the existing catalog (a file name) when there is one. */
export function summarizeDraft(result: DraftResult, into?: string): DraftSummary {
  const entries = result.catalog.entries as DisclosureEntry[];
  const items = new Set(
    result.added.map((a) => {
      const d = entries[a.index]!.source?.derivedFrom;
      return d ? derivationText(d) : String(a.index);
    }),
  ).size;
  const kept = into !== undefined ? `；现有目录已覆盖 ${result.alreadyCovered} 个事项，已有条目未作任何改动` : "";
  const summary = result.added.length
    ? `已起草 ${result.added.length} 条公开条目（${items} 个事项${kept}），公开属性均为“待认定”，请逐条认定。`
    : `已起草 0 条公开条目：现有目录已覆盖全部 ${result.alreadyCovered} 个事项，已有条目未作任何改动。`;
  const candidates = result.deletionCandidates.map((d) => `${into ? `${into} ` : ""}${entryPlace(entries[d.index]!, d.index)} ${d.name}：${d.reason}`);
  const out: DraftSummary = { summary, candidates };
  if (result.remainingGaps.length) {
    out.inconsistency = `内部不一致（这是 zwgk 的缺陷）：起草后仍有 ${result.remainingGaps.length} 个事项被判为遗漏，请报告：${result.remainingGaps[0]!.message}`;
  }
  return out;
}

/** The summary of a village list, in Chinese. */
export function summarizeVillage(result: VillageResult): string {
  const merged = result.rows.filter((r) => r.sources.length > 1).length;
  return `村（居）清单 ${result.rows.length} 项${merged ? `（其中 ${merged} 项在多个目录中列出，已合并）` : ""}。`;
}
