// Test fixtures for the report layer (not exported): a real 社会救助 standard catalog as the xlsx
// reader would deliver it (sheet rows, column map), two small rules, and reports built through the
// real engine, so locations and fingerprints are what a run produces.
import type { DisclosureEntry, StandardCatalog } from "@zwgk/catalog-schemas";
import example from "../../../../examples/社会救助-标准目录.json" with { type: "json" };
import { validateCatalog } from "../engine.js";
import { defineRule, type Rule } from "../rule.js";
import { entryIdentity, withFingerprints } from "./fingerprint.js";
import type { FileReport, Report } from "./model.js";

export const XLSX_FILE = "catalogs/社会救助-标准目录.xlsx";
export const SHEET = "社会救助";
/** Title row 1, two header rows (2–3): entries start on row 4. */
export const FIRST_ROW = 4;

const COLUMNS = [
  ["A", "序号", "seq"],
  ["B", "公开事项/一级事项", "items.0"],
  ["C", "公开事项/二级事项", "items.1"],
  ["D", "公开内容（要素）", "content"],
  ["E", "公开依据", "basis"],
  ["F", "公开时限", "timeLimit"],
  ["G", "公开主体", "subject"],
  ["H", "公开渠道和载体", "channels"],
  ["I", "公开对象/全社会", "audience"],
  ["K", "公开方式/主动", "method"],
  ["M", "公开层级/县级", "levels"],
] as const;

const DAYS = /(?<!\d)(\d+)\s*个?工作日/;

/** 公开时限 beyond the 20 working days of 条例 第二十六条. */
export const timeLimitRule: Rule = defineRule({
  meta: {
    id: "time-limit-over-statutory",
    severity: "error",
    kinds: ["standard", "supplementary"],
    description: "公开时限超过条例规定的 20 个工作日",
    messages: { over: "公开时限「{raw}」超过《政府信息公开条例》第二十六条规定的 20 个工作日" },
    hints: { over: "改为“信息形成或者变更之日起20个工作日内”，或写明另行规定时限的法律法规" },
  },
  create(context) {
    return {
      entry(entry, index) {
        const raw = (entry as DisclosureEntry).timeLimit?.raw;
        const days = raw ? DAYS.exec(raw) : null;
        if (raw && days && Number(days[1]) > 20) context.report({ messageId: "over", entry: index, field: "timeLimit", data: { raw } });
      },
    };
  },
});

/** An entry without 公开主体. */
export const subjectRule: Rule = defineRule({
  meta: {
    id: "subject-missing",
    severity: "warning",
    kinds: ["standard", "supplementary"],
    description: "未填写公开主体",
    messages: { missing: "「{name}」未填写公开主体" },
    hints: { missing: "填写负责公开的行政机关，如“县级政府民政部门”" },
  },
  create(context) {
    return {
      entry(entry, index) {
        const e = entry as DisclosureEntry;
        if (!e.subject) context.report({ messageId: "missing", entry: index, field: "subject", data: { name: e.items.join("/") } });
      },
    };
  },
});

export const testRules = [timeLimitRule, subjectRule];

/** The 社会救助 catalog as read from its workbook, after `edit` changed its entries. */
export function socialAssistance(edit: (entries: DisclosureEntry[]) => DisclosureEntry[] = (e) => e, file = XLSX_FILE): StandardCatalog {
  const base = structuredClone(example) as unknown as StandardCatalog;
  const entries = edit(base.entries);
  entries.forEach((entry, i) => {
    entry.seq = String(i + 1);
    entry.source = { sheet: SHEET, row: FIRST_ROW + i };
  });
  return {
    ...base,
    source: { file, sheet: SHEET, format: "xlsx", headerRows: [2, 3], columns: COLUMNS.map(([column, header, field]) => ({ column, header, field })) },
    entries,
  };
}

/** Sets an entry's 公开时限 text. */
export const withTimeLimit = (entry: DisclosureEntry, raw: string): DisclosureEntry => ({ ...entry, timeLimit: { raw } });

/** What the CLI does per file: validate, then fingerprint while the entries are at hand. */
export function fileReportOf(catalog: StandardCatalog, file = catalog.source?.file ?? XLSX_FILE): FileReport {
  const findings = validateCatalog(catalog, { rules: testRules });
  return { file, kind: catalog.kind, entries: catalog.entries.length, findings: withFingerprints(findings, catalog.entries.map(entryIdentity), file) };
}

export function reportOf(...files: FileReport[]): Report {
  return { tool: { name: "zwgk", version: "0.1.0" }, command: "validate", files };
}

/** Version 1: 最低生活保障/办事指南 allows 30 working days; 特困人员救助供养/审批 has no 公开主体. */
export function versionOne(): StandardCatalog {
  return socialAssistance((entries) => {
    entries[3] = withTimeLimit(entries[3]!, "制定或获取信息之日起30个工作日内");
    delete entries[8]!.subject;
    return entries;
  });
}

/**
 * Version 2: two rows inserted at the top (one of them with its own problem), the 30-day limit left
 * as it was, the missing 公开主体 filled in, and 临时救助/办事指南 newly at 45 working days.
 */
export function versionTwo(): StandardCatalog {
  return socialAssistance((entries) => {
    entries[3] = withTimeLimit(entries[3]!, "制定或获取信息之日起30个工作日内");
    entries[10] = withTimeLimit(entries[10]!, "受理之日起45个工作日内");
    const inserted: DisclosureEntry[] = [
      { ...structuredClone(entries[0]!), items: ["综合业务", "机构设置"], content: "社会救助经办机构名称、地址、办公时间、联系方式" },
      { ...withTimeLimit(structuredClone(entries[0]!), "信息形成之日起25个工作日内"), items: ["综合业务", "统计数据"], content: "社会救助对象人数、资金支出" },
    ];
    return [...inserted, ...entries];
  });
}

/**
 * A county-sized run: `rows` entries per file built from the real ones (each 事项 numbered per
 * village), every entry over the time limit and every other one without 公开主体, so a file gives
 * rows errors and rows/2 warnings. Three files of 1,000 + 1,000 + 1,334 rows give 5,001 findings.
 */
export function largeReport(sizes: readonly number[] = [1000, 1000, 1334]): Report {
  const village = (rows: number) => (base: DisclosureEntry[]) =>
    Array.from({ length: rows }, (_, i) => {
      const template = base[i % base.length]!;
      const entry = withTimeLimit(template, `制定或获取信息之日起${21 + (i % 40)}个工作日内`);
      entry.items = [template.items[0]!, `${template.items[1]}（第${i + 1}村）`];
      if (i % 2) delete entry.subject;
      return entry;
    });
  return reportOf(...sizes.map((rows, n) => fileReportOf(socialAssistance(village(rows), `catalogs/乡镇-${n + 1}-标准目录.xlsx`))));
}
