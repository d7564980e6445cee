import type { Catalog, CatalogSource, ColumnMapping, Derivation, DisclosureEntry, StandardCatalog } from "@zwgk/catalog-schemas";
import { SCHEMA_VERSION } from "@zwgk/catalog-schemas";
import { canonicalChannel, KIND_SHORT_LABELS, normalizeForMatch, resolveDomain } from "@zwgk/catalog-core";
import { DeriveError } from "./errors.js";
import { derivationOf, derivationText } from "./provenance.js";

// 村（居）政务公开事项清单: "将标准目录中与基层群众关系密切、适应村（居）公开特点的政府信息集中梳理，
// 形成村（居）政务公开事项清单". An entry of a 标准目录 or 补充目录 goes into the list when
//   1. its 公开层级 includes 村 or 居 (村级, 乡、村级, 村（居）);
//   2. its channels include a village notice board (社区/企事业单位/村公示栏（电子屏）, 村务公开栏 …);
//   3. it belongs to a focus domain (脱贫攻坚/乡村振兴, 村级财务, 惠农政策, 养老服务, 社会救助) — by the
//      catalog's domain or by words in its 事项 — and is not disclosed at county level only.

/** Why an entry is in a village list. */
export type VillageReason = "level" | "channel" | "focus";

const REASON_TEXT: Readonly<Record<VillageReason, string>> = { level: "公开层级含村（居）", channel: "渠道含村（居）公示栏", focus: "重点领域" };

/** The focus domains of village lists: national domain names (REFERENCE §3.1) and the words that name them in an entry. */
export const VILLAGE_FOCUS: ReadonlyArray<{ readonly name: string; readonly domains: readonly string[]; readonly words: readonly string[] }> = Object.freeze([
  { name: "脱贫攻坚/乡村振兴", domains: ["扶贫"], words: ["脱贫", "扶贫", "乡村振兴", "防返贫"] },
  { name: "村级财务", domains: [], words: ["村级财务", "村务", "集体资产", "集体经济", "一事一议", "筹资筹劳"] },
  { name: "惠农政策", domains: ["涉农补贴", "农村危房改造"], words: ["惠农", "涉农补贴", "农业补贴", "耕地地力保护", "危房改造"] },
  { name: "养老服务", domains: ["养老服务"], words: ["养老", "高龄津贴", "老年人"] },
  { name: "社会救助", domains: ["社会救助"], words: ["社会救助", "低保", "最低生活保障", "特困", "临时救助", "医疗救助"] },
]);

/** The township as 责任单位 when none is given. */
export const DEFAULT_TOWNSHIP = "乡（镇）人民政府（街道办事处）";
/** The village notice board of the standard channel list. */
const BOARD = "社区/企事业单位/村公示栏（电子屏）";
const VILLAGE_LEVEL = /[村居]|嘎查/;
const BELOW_COUNTY = /[乡镇村居]|街道|苏木|嘎查/;
const VILLAGE_BOARD = /村.{0,4}(?:公示|公开|公告)栏|村务公开|居务公开|村（居）务/;
/** Channels that reach villagers, kept in the village list's 公开方式和载体. */
const VILLAGE_CHANNELS = new Set([BOARD, "入户/现场", "便民服务站", "精准推送", "广播电视", "会议", "线下公示栏"]);

/** Options of {@link villageList}. */
export interface VillageOptions {
  /** 责任单位: the township forming the list, e.g. 大口屯镇人民政府. */
  township?: string;
  /** Title; default `${township}村（居）政务公开事项清单`. */
  title?: string;
}

/** One row of a village list and why it is there. */
export interface VillageRow {
  /** Index in the result's `catalog.entries`. */
  index: number;
  reasons: VillageReason[];
  /** Focus domain names that matched (for `focus`). */
  focus: string[];
  /** Every input entry this row stands for (several when domains list the same item). */
  sources: Derivation[];
  /** Where the row came from, in Chinese (the Excel note). */
  note: string;
}

/** What {@link villageList} returns. */
export interface VillageResult {
  /** A 标准目录-shaped catalog: 事项, 公开内容, 公开时限, 公开方式和载体, 责任单位 = the township. */
  catalog: StandardCatalog;
  rows: VillageRow[];
}

function focusOf(catalog: Catalog, entry: DisclosureEntry): string[] {
  const domain = resolveDomain(catalog.domain ?? catalog.title ?? "")?.name;
  const text = normalizeForMatch(`${entry.items.join("")}${entry.content ?? ""}`);
  return VILLAGE_FOCUS.filter((f) => (domain !== undefined && f.domains.includes(domain)) || f.words.some((w) => text.includes(w))).map((f) => f.name);
}

function reasonsOf(catalog: Catalog, entry: DisclosureEntry): { reasons: VillageReason[]; focus: string[] } {
  const reasons: VillageReason[] = [];
  const levels = entry.levels ?? [];
  if (levels.some((l) => VILLAGE_LEVEL.test(l))) reasons.push("level");
  if ((entry.channels?.selected ?? []).some((c) => c === BOARD || VILLAGE_BOARD.test(c))) reasons.push("channel");
  const focus = focusOf(catalog, entry);
  const countyOnly = levels.length > 0 && !levels.some((l) => BELOW_COUNTY.test(l));
  if (focus.length && !countyOnly) reasons.push("focus");
  return { reasons, focus };
}

/** The channels a village row keeps: those that reach villagers, and always the village notice board. */
function villageChannels(entry: DisclosureEntry): DisclosureEntry["channels"] {
  const kept = (entry.channels?.selected ?? []).map((c) => (VILLAGE_BOARD.test(c) ? BOARD : canonicalChannel(c) ?? c)).filter((c) => VILLAGE_CHANNELS.has(c));
  return { selected: [...new Set([BOARD, ...kept])] };
}

/**
 * Forms a 村（居）政务公开事项清单 from standard (and supplementary) catalogs: the entries close to
 * villagers (see the module comment), each item once — an item several domains list is one row that
 * names all its sources — in the village layout (事项, 公开内容, 公开时限, 公开方式和载体, 责任单位 =
 * the township), every row pointing back to its source catalog and row (`source.derivedFrom`).
 *
 * @throws {DeriveError} when an input is a 权责清单 or 公共服务事项清单.
 */
export function villageList(catalogs: readonly Catalog[], options: VillageOptions = {}): VillageResult {
  if (!catalogs.length) throw new DeriveError("no-input", "请至少给出一个标准目录。");
  const township = options.township?.trim() || DEFAULT_TOWNSHIP;
  const entries: DisclosureEntry[] = [];
  const rows: VillageRow[] = [];
  const byItem = new Map<string, VillageRow>();
  catalogs.forEach((catalog, c) => {
    if (catalog.kind !== "standard" && catalog.kind !== "supplementary") {
      throw new DeriveError("not-a-disclosure-catalog", `第 ${c + 1} 个输入是${KIND_SHORT_LABELS[catalog.kind]}：村（居）清单从标准目录或补充目录形成。`, catalog.source?.file);
    }
    catalog.entries.forEach((entry) => {
      const { reasons, focus } = reasonsOf(catalog, entry);
      if (!reasons.length) return;
      const from = derivationOf(catalog, entry, "村居清单");
      const itemKey = normalizeForMatch(entry.items.join("\u0001"));
      const seen = byItem.get(itemKey);
      if (seen) {
        seen.sources.push(from);
        for (const r of reasons) if (!seen.reasons.includes(r)) seen.reasons.push(r);
        for (const f of focus) if (!seen.focus.includes(f)) seen.focus.push(f);
        return;
      }
      const row: VillageRow = { index: entries.length, reasons, focus, sources: [from], note: "" };
      byItem.set(itemKey, row);
      rows.push(row);
      entries.push({
        items: [...entry.items],
        ...(entry.content !== undefined ? { content: entry.content } : {}),
        ...(entry.timeLimit ? { timeLimit: structuredClone(entry.timeLimit) } : {}),
        subject: township,
        channels: villageChannels(entry),
        source: { derivedFrom: from },
      });
    });
  });
  for (const row of rows) row.note = villageNote(row);
  const catalog: StandardCatalog = {
    schemaVersion: SCHEMA_VERSION,
    kind: "standard",
    title: options.title ?? `${options.township?.trim() ?? ""}村（居）政务公开事项清单`,
    entries,
  };
  return { catalog, rows };
}

function villageNote(row: VillageRow): string {
  const why = row.reasons.map((r) => (r === "focus" ? `${REASON_TEXT.focus}（${row.focus.join("、")}）` : REASON_TEXT[r])).join("；");
  const [first, ...others] = row.sources;
  return [`来源：${derivationText(first!)}`, ...others.map((d) => `亦见：${derivationText(d)}`), `列入原因：${why}`].join("\n");
}

/**
 * The village layout for writing a list to Excel: give the returned catalog to `writeCatalogXlsx`
 * of `@zwgk/catalog-xlsx` (with `rowMarks` from {@link villageRowMarks}). Columns: 序号, 公开事项
 * (一级/二级/三级 as deep as the rows go), 公开内容, 公开时限, 公开方式和载体, 责任单位.
 */
export function withVillageLayout(result: VillageResult, sheet = "村（居）政务公开事项清单"): StandardCatalog {
  const depth = Math.max(1, ...result.catalog.entries.map((e) => e.items.length));
  const levels = ["一级事项", "二级事项", "三级事项", "四级事项"];
  const columns: ColumnMapping[] = [{ column: "A", header: "序号", field: "seq" }];
  const add = (header: string, field: string) => columns.push({ column: String.fromCharCode(65 + columns.length), header, field });
  for (let i = 0; i < depth; i++) add(depth > 1 ? `公开事项/${levels[i]}` : "公开事项", `items.${i}`);
  add("公开内容", "content");
  add("公开时限", "timeLimit");
  add("公开方式和载体", "channels");
  add("责任单位", "subject");
  const source: CatalogSource = { format: "xlsx", sheet, headerRows: depth > 1 ? [2, 3] : [2], columns };
  const entries = result.catalog.entries.map((e, i) => ({ ...e, seq: String(i + 1) }));
  return { ...result.catalog, entries, source };
}

/** Row notes for a village list in Excel: where each row came from and why it is listed. */
export function villageRowMarks(result: VillageResult): Array<{ note: string }> {
  return result.rows.map((r) => ({ note: r.note }));
}
