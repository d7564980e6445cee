import { readFileSync } from "node:fs";
import type { Catalog, DisclosureEntry, Entry, Jurisdiction, PowerEntry, ServiceEntry } from "@zwgk/catalog-schemas";
import { analyzeCatalogs } from "../analyze.js";
import { socialAssistanceCatalog } from "../../fixtures.js";

// The labelled evaluation of the cross-catalog analysis (issue 12): cases.json holds entries a
// domain expert labelled — pairs that are or are not one item, and powers/services that are or are
// not covered by a body's disclosure catalogs. Each case becomes a small set of catalogs of one body
// (or two bodies, for cases that must never be compared), runs through `analyzeCatalogs`, and the
// outcome is compared with the label. Precision and recall are reported for duplicates (positive:
// "one item") and for gaps (positive: "not covered").

/** An entry of a case: its catalog kind and its 事项 (levels, or name/子项名称), optional code, type and content. */
export interface CaseEntry {
  kind: "standard" | "supplementary" | "power" | "service";
  items?: string[];
  name?: string;
  subItem?: string;
  code?: string;
  type?: string;
  content?: string;
}

export interface DuplicateCase {
  id: string;
  a: CaseEntry;
  b: CaseEntry;
  /** Both entries in one catalog. */
  within: boolean;
  /** `b` belongs to another county: must never be compared. */
  otherBody: boolean;
  same: boolean;
  note: string;
  /** Written after the analysis rules were settled and labelled before running them: an unbiased sample. */
  heldOut?: boolean;
}

export interface GapCase {
  id: string;
  item: CaseEntry;
  /** Disclosure entries of the item's body (besides the base catalog). */
  disclosure: CaseEntry[];
  /** A base disclosure catalog of the body: `social` (the sample 社会救助 标准目录) or a key of `bases`. */
  base?: string;
  covered: boolean;
  note: string;
  /** See {@link DuplicateCase.heldOut}. */
  heldOut?: boolean;
}

export interface Cases {
  bases: Record<string, CaseEntry[]>;
  duplicates: DuplicateCase[];
  gaps: GapCase[];
}

/** Precision and recall of one task, with the ids of the cases it got wrong. */
export interface Score {
  cases: number;
  positives: number;
  truePositives: number;
  falsePositives: string[];
  falseNegatives: string[];
  precision: number;
  recall: number;
}

export interface Evaluation {
  duplicates: Score;
  gaps: Score;
  /** The same scores on the held-out cases only. */
  heldOut: { duplicates: Score; gaps: Score };
}

/** The committed cases. */
export function loadCases(): Cases {
  return JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8")) as Cases;
}

const BODY: Jurisdiction = { name: "宝坻区", level: "县", code: "120115" };
const OTHER: Jurisdiction = { name: "武清区", level: "县", code: "120114" };
const DEPARTMENT = "宝坻区民政局";

function toEntry(e: CaseEntry, row: number, file: string): Entry {
  const source = { file, row };
  if (e.kind === "standard" || e.kind === "supplementary") {
    const d: DisclosureEntry = { items: e.items ?? [], source };
    if (e.content) d.content = e.content;
    if (e.code) d.code = e.code;
    return d;
  }
  const p: PowerEntry | ServiceEntry = { name: e.name ?? "", source };
  if (e.subItem) (p as PowerEntry).subItem = e.subItem;
  if (e.type) p.type = e.type;
  if (e.code) p.code = e.code;
  return p;
}

function catalog(kind: CaseEntry["kind"], entries: CaseEntry[], file: string, jurisdiction = BODY): Catalog {
  return {
    schemaVersion: "1.0",
    kind,
    jurisdiction,
    department: DEPARTMENT,
    source: { file },
    entries: entries.map((e, i) => toEntry(e, i + 1, file)),
  } as Catalog;
}

function score(outcomes: Array<{ id: string; label: boolean; predicted: boolean }>): Score {
  const s: Score = { cases: outcomes.length, positives: 0, truePositives: 0, falsePositives: [], falseNegatives: [], precision: 1, recall: 1 };
  let predictedPositives = 0;
  for (const o of outcomes) {
    if (o.label) s.positives++;
    if (o.predicted) predictedPositives++;
    if (o.label && o.predicted) s.truePositives++;
    else if (o.predicted) s.falsePositives.push(o.id);
    else if (o.label) s.falseNegatives.push(o.id);
  }
  s.precision = predictedPositives ? s.truePositives / predictedPositives : 1;
  s.recall = s.positives ? s.truePositives / s.positives : 1;
  return s;
}

/** True when the analysis reports the two entries of a duplicate case as one item. */
export function predictDuplicate(c: DuplicateCase): boolean {
  let catalogs: Catalog[];
  let a: [number, number];
  let b: [number, number];
  if (c.within) {
    catalogs = [catalog(c.a.kind, [c.a, c.b], "a.json")];
    a = [0, 0];
    b = [0, 1];
  } else {
    catalogs = [catalog(c.a.kind, [c.a], "a.json"), catalog(c.b.kind, [c.b], "b.json", c.otherBody ? OTHER : BODY)];
    a = [0, 0];
    b = [1, 0];
  }
  const findings = analyzeCatalogs(catalogs, { checks: { gap: false, conflict: false, "level-mismatch": false } });
  const has = (refs: Array<{ catalog: number; index: number }>, [cat, idx]: [number, number]) => refs.some((r) => r.catalog === cat && r.index === idx);
  return findings.some((f) => f.kind === "duplicate" && has(f.entries, a) && has(f.entries, b));
}

/** True when the analysis reports the item of a gap case as not covered. */
export function predictGap(c: GapCase, bases: Cases["bases"]): boolean {
  const catalogs: Catalog[] = [catalog(c.item.kind, [c.item], "item.json")];
  if (c.base === "social") catalogs.push({ ...socialAssistanceCatalog(), jurisdiction: BODY, department: DEPARTMENT });
  else if (c.base) catalogs.push(catalog("standard", bases[c.base] ?? [], "base.json"));
  if (c.disclosure.length) catalogs.push(catalog("supplementary", c.disclosure, "supplementary.json"));
  const findings = analyzeCatalogs(catalogs, { checks: { duplicate: false, conflict: false, "level-mismatch": false } });
  return findings.some((f) => (f.rule === "gap-power-not-disclosed" || f.rule === "gap-service-not-disclosed") && f.entries[0]?.catalog === 0);
}

/** Runs every case and scores duplicates and gaps. */
export function evaluate(cases: Cases = loadCases()): Evaluation {
  const dups = cases.duplicates.map((c) => ({ id: c.id, label: c.same, predicted: predictDuplicate(c), heldOut: c.heldOut === true }));
  const gaps = cases.gaps.map((c) => ({ id: c.id, label: !c.covered, predicted: predictGap(c, cases.bases), heldOut: c.heldOut === true }));
  return {
    duplicates: score(dups),
    gaps: score(gaps),
    heldOut: { duplicates: score(dups.filter((o) => o.heldOut)), gaps: score(gaps.filter((o) => o.heldOut)) },
  };
}

/** The evaluation as the lines `npm run eval` prints. */
export function formatEvaluation(e: Evaluation, cases: Cases = loadCases()): string {
  const note = (id: string) => {
    const c = [...cases.duplicates, ...cases.gaps].find((x) => x.id === id)!;
    const what = "a" in c ? `${label(c.a)} ↔ ${label(c.b)}` : `${label(c.item)}`;
    return `    ${id}  ${what}  — ${c.note}`;
  };
  const lines: string[] = [];
  for (const [title, s, positive] of [["重复（duplicates）", e.duplicates, "同一事项"], ["遗漏（gaps）", e.gaps, "未覆盖"]] as const) {
    lines.push(
      `${title}: ${s.cases} 例（${positive} ${s.positives} 例）  precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}`,
    );
    if (s.falsePositives.length) lines.push(`  误报 ${s.falsePositives.length} 例：`, ...s.falsePositives.map(note));
    if (s.falseNegatives.length) lines.push(`  漏报 ${s.falseNegatives.length} 例：`, ...s.falseNegatives.map(note));
  }
  lines.push("", "其中留出集（规则定型后编写、先标注后运行）：");
  for (const [title, s] of [["重复", e.heldOut.duplicates], ["遗漏", e.heldOut.gaps]] as const) {
    lines.push(`  ${title}: ${s.cases} 例  precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}`);
  }
  return lines.join("\n");
}

function label(e: CaseEntry): string {
  return e.items ? e.items.join(" / ") : [e.name, e.subItem].filter(Boolean).join(" / ");
}
