import { builtinRules, type CatalogHeader, createFindingCap, createValidator, type FileReport, fileReportFor, type Finding, type Location, type RuleSetting, validationLimits } from "@zwgk/catalog-core";
import { mergeIndex } from "../import/merges.js";
import { entryBatches, type ImportOptions, type ImportWarning, streamCatalogs } from "../import/stream.js";
import { WORKBOOK_RULES } from "./rules.js";

const FORMULA_HINTS = WORKBOOK_RULES.find((r) => r.id === "formula-cell")?.hints ?? {};

// Rules that report a value as missing. A cell covered by a merged range is not missing: its value is
// the merge's top-left cell, which was checked on its own row. Other findings on merged cells stay
// (a duplicate can sit on a merged 一级事项).
const ABSENCE_RULES = new Set(["required-field", "marks-required"]);

/** Options of {@link validateWorkbook}: the import options plus rule severities. */
export interface ValidateWorkbookOptions extends ImportOptions {
  /** Rule id → severity or `off`, as in zwgk.config.json `rules`. */
  severities?: Readonly<Record<string, RuleSetting>>;
  /** Called with each catalog sheet's header (kind, title, header rows, column map) before its entries. */
  onHeader?(header: CatalogHeader): void;
  /** Findings kept per rule and sheet; the rest are counted in one summary finding (see `ValidateOptions`). */
  maxFindingsPerRule?: number;
  /** Names and codes the `duplicate-entry` rule remembers per sheet (see `ValidateOptions`). */
  maxDuplicateKeys?: number;
}

/**
 * Validates a workbook sheet by sheet while it streams: entries are checked as they are read and
 * dropped, so memory stays flat in the row count (only findings and rule keys are kept). Merged ranges
 * arrive after the rows, so "missing value" findings on cells a merged range covers are dropped once
 * each sheet ends. Formula cells (imported by their cached value) are reported as `formula-cell`.
 *
 * This is what `zwgk validate` runs on a workbook and what the browser page runs, so both report the
 * same findings. Reader and layout problems are thrown as `XlsxReadError` / `LayoutError`.
 *
 * @returns one report section per catalog sheet, named `options.file`.
 */
export async function validateWorkbook(bytes: Uint8Array, options: ValidateWorkbookOptions = {}): Promise<FileReport[]> {
  const file = options.file ?? "";
  const { severities, onHeader, maxFindingsPerRule, maxDuplicateKeys, onWarning: userWarning, ...importOptions } = options;
  const limits = validationLimits({ maxFindingsPerRule, maxDuplicateKeys });
  const reports: FileReport[] = [];
  // Formula cells are findings too, and bounded the same way: a million formula rows keep 5,000.
  let formulas: Finding[] = [];
  let formulaCap = createFindingCap(maxFindingsPerRule, file);
  // Fields of the row being read whose formula has no saved result: their value is unknown, not
  // missing. A row's formula warnings come while the row is mapped, just before its entry is
  // validated, so only that row's are held (a million formula rows must not fill a set).
  const uncached = new Set<string>();
  const onWarning = (w: ImportWarning) => {
    if (w.code === "formula-cell") {
      if (w.uncached && w.row !== undefined && w.field !== undefined) uncached.add(`${w.row}|${w.field}`);
      if (formulaCap.admit("formula-cell", "warning")) formulas.push(formulaFinding(file, w));
    }
    userWarning?.(w);
  };
  for await (const sheet of streamCatalogs(bytes, { ...importOptions, onWarning })) {
    onHeader?.(sheet.header);
    const drop = (rule: string, { row, field }: Location) =>
      uncached.size > 0 && ABSENCE_RULES.has(rule) && row !== undefined && field !== undefined && (uncached.has(`${row}|${field}`) || uncached.has(`${row}|${field.split(".")[0]}`));
    const validator = createValidator(sheet.header, { rules: builtinRules, drop, ...(severities ? { severities } : {}), ...limits });
    let count = 0;
    for await (const batch of entryBatches(sheet)) {
      for (const entry of batch) {
        validator.entry(entry, count++);
        // Set#clear makes a new table even when empty; nearly every row has no formula.
        if (uncached.size > 0) uncached.clear();
      }
    }
    const covered = mergeIndex(sheet.merges(), sheet.header.source?.columns);
    const findings = validator.end().filter((f: Finding) => {
      const { row, field } = f.location;
      if (!ABSENCE_RULES.has(f.rule) || row === undefined || field === undefined) return true;
      return !covered.isFieldCovered(row, field);
    });
    const setting = severities?.["formula-cell"];
    if (setting !== "off") for (const f of [...formulas, ...formulaCap.summaries()]) findings.push(setting ? { ...f, severity: setting } : f);
    formulas = [];
    formulaCap = createFindingCap(maxFindingsPerRule, file);
    const report = fileReportFor(file, { kind: sheet.header.kind }, findings);
    report.entries = count;
    reports.push(report);
  }
  return reports;
}

/** A formula cell as a finding (rule `formula-cell`, warning): where it is, what was imported. */
export function formulaFinding(file: string, w: ImportWarning): Finding {
  return {
    rule: "formula-cell",
    severity: "warning",
    message: w.message,
    hint: FORMULA_HINTS[w.uncached ? "uncached" : "cached"] ?? "",
    location: {
      file,
      sheet: w.sheet,
      ...(w.row ? { row: w.row } : {}),
      ...(w.column ? { column: w.column } : {}),
      ...(w.cell ? { cell: w.cell } : {}),
      ...(w.field ? { field: w.field } : {}),
    },
  };
}
