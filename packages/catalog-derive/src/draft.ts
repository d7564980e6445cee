import type {
  Catalog,
  Derivation,
  DisclosureEntry,
  PowerCatalog,
  PowerEntry,
  ServiceCatalog,
  ServiceEntry,
  StandardCatalog,
  SupplementaryCatalog,
} from "@zwgk/catalog-schemas";
import { SCHEMA_VERSION } from "@zwgk/catalog-schemas";
import { ARTICLE_20, classifyPowerType, entryName, KIND_SHORT_LABELS, normalizeForMatch, parseBasis, parseTimeLimit } from "@zwgk/catalog-core";
import { analyzeCatalogs, type AnalysisFinding } from "@zwgk/catalog-diff";
import { DeriveError } from "./errors.js";
import { ATTRIBUTE_HEADER, derivationOf, derivationText, PENDING_ATTRIBUTE, ROW_FILLS } from "./provenance.js";
import { DERIVATION_TABLE, type DerivationRule, type DerivationSubject, rulesFor, TIME_LIMITS } from "./table.js";

/** A catalog disclosure entries are drafted into: a 标准目录 or a 补充目录. */
export type DisclosureCatalog = StandardCatalog | SupplementaryCatalog;
/** What drafts are made from: 权责清单 and 公共服务事项清单. */
export type SourceCatalog = PowerCatalog | ServiceCatalog;

/** Options of {@link draftCatalog}. */
export interface DraftOptions {
  /**
   * The existing catalog to adjust (动态调整): only what it does not already cover is added, and its
   * entries are kept exactly as they are. Without it the draft starts from an empty catalog.
   */
  into?: DisclosureCatalog;
  /** Kind of a new catalog (without `into`): `standard` (default) or `supplementary`. */
  kind?: "standard" | "supplementary";
  /** Title of a new catalog; default from the department or jurisdiction of the inputs. */
  title?: string;
}

/** One entry the draft added. */
export interface DraftedEntry {
  /** Index in the result's `catalog.entries`. */
  index: number;
  /** The table row that produced it. */
  rule: DerivationRule;
  /** Where it came from and what a person must confirm, in Chinese (the Excel note). */
  note: string;
}

/** An existing entry whose power or service is no longer in the given lists. */
export interface DeletionCandidate {
  /** Index in the result's `catalog.entries` (same as in `into`). */
  index: number;
  /** The entry's 事项 as a person names it. */
  name: string;
  /** Why it is a candidate, in Chinese. */
  reason: string;
}

/** What {@link draftCatalog} returns. */
export interface DraftResult {
  /** The existing entries, untouched and in their order, then the drafted ones. */
  catalog: DisclosureCatalog;
  added: DraftedEntry[];
  /** How many powers and services the existing catalog already covered (nothing drafted for them). */
  alreadyCovered: number;
  deletionCandidates: DeletionCandidate[];
  /**
   * Gap findings the analysis still reports for the inputs on the result. Empty: drafting and
   * `zwgk check` agree. Anything here is a defect of the derivation table, not of the input.
   */
  remainingGaps: AnalysisFinding[];
}

// The lists and the catalog drafted from them belong to one body by construction: no body is read.
const GAP_ONLY = { checks: { duplicate: false, gap: true, conflict: false, "level-mismatch": false }, oneBody: true } as const;
const LAW = "《中华人民共和国政府信息公开条例》";
const LEVEL_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/省/, "省级"],
  [/市/, "市级"],
  [/[县区旗]/, "县级"],
  [/[乡镇]|街道|苏木/, "乡级"],
  [/[村居]|嘎查/, "村级"],
];

/**
 * The powers and services of `inputs` that `catalog` does not cover, as the gap analysis of
 * `@zwgk/catalog-diff` decides (the same check `zwgk check` runs): `catalog:index` keys of the inputs.
 */
function uncoveredItems(inputs: readonly SourceCatalog[], catalog: DisclosureCatalog): { keys: Set<string>; findings: AnalysisFinding[] } {
  const findings = analyzeCatalogs([...inputs, catalog], GAP_ONLY).filter(
    (f) => f.kind === "gap" && f.entries.length > 0 && f.entries.every((e) => e.catalog < inputs.length && e.index >= 0),
  );
  const keys = new Set<string>();
  for (const f of findings) for (const e of f.entries) keys.add(`${e.catalog}:${e.index}`);
  return { keys, findings };
}

/** The table subject of a power or service, and a remark when its type had to be assumed. */
function tableSubjectOf(kind: SourceCatalog["kind"], entry: PowerEntry | ServiceEntry): { subject: DerivationSubject; type?: string; remark?: string } {
  if (kind === "service") {
    const type = entry.type ? classifyPowerType(entry.type)?.type ?? entry.type : undefined;
    return { subject: "公共服务", ...(type ? { type } : {}) };
  }
  const written = entry.type?.trim();
  const match = written ? classifyPowerType(written) : undefined;
  if (match && !match.legacy) return { subject: match.type as DerivationSubject, type: match.type };
  if (match?.type === "公共服务") return { subject: "公共服务", type: match.type };
  const remark = written
    ? `权力类型“${written}”${match ? "是旧分类" : "不在“9+X”分类中"}，已按“其他行政权力”起草，请核对。`
    : "权力类型未填写，已按“其他行政权力”起草，请核对。";
  return { subject: "其他行政权力", ...(written ? { type: written } : {}), remark };
}

const NUMERAL = (id: string) => /（([^（）]+)）/.exec(ARTICLE_20.find((a) => a.id === id)?.label ?? "")?.[1];

/** 第二十条第（五）项、第（八）项 */
function clauseCitation(ids: readonly string[]): string {
  return `第二十条${ids.map((id) => `第（${NUMERAL(id)}）项`).join("、")}`;
}

/** 第二十条(五)、第二十条(八) — the 条款内容 form (each readable by parseClauseReference). */
function clauseField(ids: readonly string[]): string {
  return ids.map((id) => `第二十条(${NUMERAL(id)})`).join("、");
}

/** Levels named in a text, e.g. 行使层级 "市级、县级" → [市级, 县级]. */
function levelWords(text: string): string[] {
  return LEVEL_WORDS.filter(([re]) => re.test(text)).map(([, mark]) => mark);
}

/** The body a list belongs to, from its title: "恭城瑶族自治县交通运输局权责清单" → 恭城瑶族自治县交通运输局. */
function bodyOfTitle(title: string | undefined): string | undefined {
  const body = title?.trim().replace(/(?:权责清单|权力清单|责任清单|(?:公共|政务)服务事项(?:清单|目录)|事项清单|清单)$/u, "").trim();
  return body && body !== title?.trim() ? body : undefined;
}

/**
 * 公开层级: from the 行使层级; else the catalog's jurisdiction level; else the lowest level its
 * title names (a 县 department's list → 县级), with a remark to check it.
 */
function levelsOf(level: string | undefined, catalog: Catalog, remarks: string[]): string[] {
  const text = level?.trim();
  if (text) {
    const out = levelWords(text);
    if (out.length) return out;
  }
  const own = catalog.jurisdiction?.level;
  if (own) return [`${own}级`];
  const lowest = levelWords(bodyOfTitle(catalog.title) ?? catalog.department ?? "").pop();
  if (lowest) remarks.push(`清单未写行使层级，公开层级按清单标题推定为${lowest}，请核对。`);
  else remarks.push("清单未写行使层级，公开层级请补填。");
  return lowest ? [lowest] : [];
}

/** 公开主体: the 实施主体; else the list's department or the body its title names (with a remark). */
function subjectOf(entry: PowerEntry | ServiceEntry, catalog: Catalog, remarks: string[]): string | undefined {
  const own = entry.subject?.trim() || catalog.department?.trim();
  if (own) return own;
  const body = bodyOfTitle(catalog.title);
  remarks.push(body ? `清单未写实施主体，公开主体按清单标题推定为“${body}”，请核对。` : "清单未写实施主体，公开主体请补填。");
  return body;
}

const TRAILING = new Set(["；", ";", "。", "，", ",", " ", "\t", "\n", "\r", "\u3000"]);

/** Text without the separators it ends with (a loop: no regex backtracking on long runs). */
function trimEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING.has(text[end - 1]!)) end--;
  return text.slice(0, end).trim();
}

/**
 * One drafted entry. The first entry of an item carries the item's code (so the gap analysis matches
 * it by code); the n-th carries `code-n`, since one catalog cannot list a code twice.
 */
function draftEntry(
  catalog: SourceCatalog,
  entry: PowerEntry | ServiceEntry,
  rule: DerivationRule,
  nth: number,
  type: string | undefined,
  remarks: readonly string[],
): { entry: DisclosureEntry; note: string } {
  const items = "subItem" in entry && entry.subItem ? [entry.name, entry.subItem, rule.item] : [entry.name, rule.item];
  const own = trimEndPunctuation(entry.basis?.raw ?? "");
  const basisText = `${own ? `${own}；` : ""}${LAW}${clauseCitation(rule.clauses)}`;
  const limit = TIME_LIMITS[rule.timeLimit];
  const parsed = parseTimeLimit(limit.text).parsed;
  const notes = [...remarks];
  const levels = levelsOf("level" in entry ? entry.level : undefined, catalog, notes);
  const subject = subjectOf(entry, catalog, notes);
  const derivedFrom: Derivation = derivationOf(catalog, entry, rule.id, type);
  const code = entry.code?.trim();
  const out: DisclosureEntry = {
    ...(code ? { code: nth === 1 ? code : `${code}-${nth}` } : {}),
    items,
    content: rule.content,
    basis: parseBasis(basisText),
    timeLimit: parsed ? { raw: limit.text, parsed } : { raw: limit.text },
    ...(subject ? { subject } : {}),
    channels: { selected: [...rule.channels] },
    audience: [...rule.audience],
    method: ["主动"],
    ...(levels.length ? { levels } : {}),
    clause: clauseField(rule.clauses),
    extra: [{ name: ATTRIBUTE_HEADER, value: PENDING_ATTRIBUTE }],
    source: { derivedFrom },
  };
  const note = [
    `起草自：${derivationText(derivedFrom)}`,
    `规则：${rule.id}（${rule.source}）`,
    `公开时限：${limit.source}`,
    ...notes,
    `公开属性${PENDING_ATTRIBUTE}：请认定为主动公开、依申请公开或不予公开（后两者须写明理由）。`,
  ].join("\n");
  return { entry: out, note };
}

const SUFFIX = /-\d{1,2}$/;
const key = (text: string | undefined) => (text ? normalizeForMatch(text) : "");

function emptyCatalog(inputs: readonly SourceCatalog[], options: DraftOptions): DisclosureCatalog {
  const first = inputs[0];
  // The list's body names the draft, so that `zwgk check` (one body at a time) compares the two.
  const who = first?.department ?? bodyOfTitle(first?.title) ?? first?.jurisdiction?.name ?? "";
  const catalog: DisclosureCatalog = {
    schemaVersion: SCHEMA_VERSION,
    kind: options.kind ?? "standard",
    title: options.title ?? `${who}政务公开事项目录（草稿）`,
    entries: [],
  };
  const jurisdictions = new Set(inputs.map((c) => JSON.stringify(c.jurisdiction ?? null)));
  if (first?.jurisdiction && jurisdictions.size === 1) catalog.jurisdiction = first.jurisdiction;
  if (first?.department && inputs.every((c) => c.department === first.department)) catalog.department = first.department;
  return catalog;
}

function checkInputs(inputs: readonly Catalog[], into: Catalog | undefined): asserts inputs is SourceCatalog[] {
  if (!inputs.length) throw new DeriveError("no-input", "请至少给出一个权责清单或公共服务事项清单。");
  inputs.forEach((c, i) => {
    if (c.kind !== "power" && c.kind !== "service") {
      throw new DeriveError(
        "not-a-list",
        `第 ${i + 1} 个输入是${KIND_SHORT_LABELS[c.kind]}，不是权责清单或公共服务事项清单：起草只能从这两种清单出发。`,
        c.source?.file,
      );
    }
  });
  if (into && into.kind !== "standard" && into.kind !== "supplementary") {
    throw new DeriveError("into-not-disclosure", `要并入的目录是${KIND_SHORT_LABELS[into.kind]}：只能并入标准目录或补充目录。`, into.source?.file);
  }
}

/**
 * Drafts disclosure entries from 权责清单 and 公共服务事项清单 ("依据权责清单和公共服务清单，梳理权力
 * 运行和服务过程每个环节产生的政府信息，逐项认定公开属性"): for every power or service the catalog
 * does not cover yet, the entries the derivation table names for its type, each with 公开依据 (the
 * item's 实施依据 and the 条例 clause), 公开时限, 公开主体 (the 实施主体), 公开对象, 公开方式 主动,
 * 公开层级 (from the 行使层级), 公开属性 待认定 (an extra 公开属性 column) and where it came from
 * (`source.derivedFrom`).
 *
 * "Covered" is what the gap analysis of `@zwgk/catalog-diff` says, so after the draft `zwgk check` on
 * the lists and the catalog reports no power or service gap. Entries of `into` are never changed;
 * those whose power or service is no longer in the lists are returned as deletion candidates.
 *
 * @throws {DeriveError} when an input is not a 权责清单/公共服务事项清单 or `into` is not a disclosure catalog.
 */
export function draftCatalog(inputs: readonly Catalog[], options: DraftOptions = {}): DraftResult {
  checkInputs(inputs, options.into);
  const base = options.into ?? emptyCatalog(inputs, options);
  const { keys } = uncoveredItems(inputs, base);
  const drafted: DisclosureEntry[] = [];
  const added: DraftedEntry[] = [];
  const paths = new Set<string>();
  let alreadyCovered = 0;
  inputs.forEach((catalog, c) => {
    (catalog.entries as Array<PowerEntry | ServiceEntry>).forEach((entry, i) => {
      if (!keys.has(`${c}:${i}`)) {
        alreadyCovered++;
        return;
      }
      const { subject, type, remark } = tableSubjectOf(catalog.kind, entry);
      let nth = 0;
      for (const rule of rulesFor(subject)) {
        const made = draftEntry(catalog, entry, rule, ++nth, type, remark ? [remark] : []);
        // The same item in two lists (a power and its service) is drafted once.
        const path = key(made.entry.items.join("\u0001"));
        if (paths.has(path)) continue;
        paths.add(path);
        added.push({ index: base.entries.length + drafted.length, rule, note: made.note });
        drafted.push(made.entry);
      }
    });
  });
  const catalog = { ...base, entries: [...base.entries, ...drafted] } as DisclosureCatalog;
  return {
    catalog,
    added,
    alreadyCovered,
    deletionCandidates: options.into ? deletionCandidates(inputs, options.into) : [],
    remainingGaps: uncoveredItems(inputs, catalog).findings,
  };
}

/**
 * A drafted entry read back without `source.derivedFrom` (from Excel) is still recognisable: its last
 * 事项 level is the item of a table rule and its 条款内容 is that rule's, as drafted. The levels above
 * name the power or service (事项名称, 子项名称).
 */
function draftedSignature(entry: DisclosureEntry): boolean {
  const last = entry.items[entry.items.length - 1];
  return entry.items.length > 1 && entry.clause !== undefined && DERIVATION_TABLE.some((r) => r.item === last && entry.clause === clauseField(r.clauses));
}

/**
 * Entries of `into` drafted from a power or service that none of the inputs still lists. An entry is
 * linked to its power or service by `source.derivedFrom` (JSON, YAML, XML); read back from Excel,
 * where that is gone, by its 事项编码 (the item's code, or code-n) or by the drafted shape (see
 * {@link draftedSignature}) and the 事项 levels above the last. With `derivedFrom`, only the kinds of
 * list given are judged: without a 公共服务事项清单 in the input, service entries are not candidates.
 */
function deletionCandidates(inputs: readonly SourceCatalog[], into: DisclosureCatalog): DeletionCandidate[] {
  const codes = new Set<string>();
  const names = new Set<string>();
  const kinds = new Set(inputs.map((c) => c.kind));
  for (const c of inputs) {
    for (const e of c.entries as Array<PowerEntry | ServiceEntry>) {
      if (e.code) codes.add(key(e.code));
      names.add(key(entryName(e)));
    }
  }
  // A drafted entry's code is the item's code, or code-n for its n-th entry.
  const listed = (code: string) => codes.has(key(code)) || codes.has(key(code.replace(SUFFIX, "")));
  // Linking by code alone is only trusted when the catalog shares codes with these lists at all.
  const sharesCodes = into.entries.some((e) => e.code && listed(e.code));
  const out: DeletionCandidate[] = [];
  into.entries.forEach((entry, index) => {
    const d = entry.source?.derivedFrom;
    const name = entryName(entry);
    if (d && (d.kind === "power" || d.kind === "service")) {
      if (!kinds.has(d.kind)) return;
      if ((d.code && codes.has(key(d.code))) || (d.name && names.has(key(d.name)))) return;
      const what = `${KIND_SHORT_LABELS[d.kind]}事项“${d.name ?? ""}”${d.code ? `（${d.code}）` : ""}`;
      out.push({ index, name, reason: `所依据的${what}已不在所给清单中，建议核实后删除本条。` });
      return;
    }
    if (d) return;
    const byCode = entry.code !== undefined && sharesCodes;
    const byShape = draftedSignature(entry);
    if (!byCode && !byShape) return;
    const item = entry.items.slice(0, -1).join(" / ");
    if ((entry.code && listed(entry.code)) || (byShape && names.has(key(item)))) return;
    const what = byShape ? `所依据的事项“${item}”${entry.code ? `（${entry.code}）` : ""}` : `事项编码“${entry.code}”`;
    out.push({ index, name, reason: `${what}不在所给清单中（相应事项可能已取消），建议核实后删除本条。` });
  });
  return out;
}

/** True when an entry still waits for a person to decide its 公开属性. */
export function isPending(entry: DisclosureEntry): boolean {
  return entry.attribute === undefined && (entry.extra ?? []).some((x) => x.name === ATTRIBUTE_HEADER && x.value.trim() === PENDING_ATTRIBUTE);
}

/**
 * Row marks for writing a draft to Excel (`writeCatalogXlsx(catalog, { rowMarks })` of
 * `@zwgk/catalog-xlsx`): drafted and still-pending rows yellow with a note saying where they came
 * from, deletion candidates red with the reason, other rows plain.
 */
export function draftRowMarks(result: DraftResult): Array<{ fill: string; note: string } | undefined> {
  const marks: Array<{ fill: string; note: string } | undefined> = new Array(result.catalog.entries.length).fill(undefined);
  result.catalog.entries.forEach((entry, i) => {
    if (!isPending(entry)) return;
    const d = entry.source?.derivedFrom;
    marks[i] = { fill: ROW_FILLS.confirm, note: `${d ? `起草自：${derivationText(d)}\n` : ""}公开属性${PENDING_ATTRIBUTE}：请认定。` };
  });
  for (const a of result.added) marks[a.index] = { fill: ROW_FILLS.confirm, note: a.note };
  for (const d of result.deletionCandidates) marks[d.index] = { fill: ROW_FILLS.delete, note: d.reason };
  return marks;
}
