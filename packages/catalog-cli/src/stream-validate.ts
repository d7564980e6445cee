import { builtinRules, createValidator, type Finding, type RuleSetting } from "@zwgk/catalog-core";
import { type ImportWarning, mergeIndex, streamCatalogs } from "@zwgk/catalog-xlsx";
import { createProgress, type Io } from "./io.js";
import { asInputError, type LoadOptions, workbookOptions } from "./load.js";
import { fileReportFor, type FileReport } from "./report.js";

// Rules that report a value as missing. A cell covered by a merged range is not missing: its value is
// the merge's top-left cell, which was checked on its own row. Other findings on merged cells stay
// (a duplicate can sit on a merged 一级事项).
const ABSENCE_RULES = new Set(["required-field", "marks-required"]);

/**
 * Validates a workbook sheet by sheet while it streams: entries are checked as they are read and
 * dropped, so memory stays flat in the row count (only findings and rule keys are kept). Merged ranges
 * arrive after the rows, so findings on covered cells are filtered once each sheet ends.
 */
export async function validateWorkbookStreaming(
  spec: string,
  bytes: Uint8Array,
  io: Io,
  options: LoadOptions & { severities?: Readonly<Record<string, RuleSetting>> },
): Promise<FileReport[]> {
  const progress = createProgress(io, spec);
  const reports: FileReport[] = [];
  // Formula cells were imported by their cached value; they are reported so the clerk can replace
  // them with text (another program may compute a different value).
  let formulas: Finding[] = [];
  const onWarning = (w: ImportWarning) => {
    if (w.code === "formula-cell") formulas.push(formulaFinding(spec, w));
  };
  try {
    for await (const sheet of streamCatalogs(bytes, { ...workbookOptions(spec, options, progress), onWarning })) {
      const validator = createValidator(sheet.header, { rules: builtinRules, ...(options.severities ? { severities: options.severities } : {}) });
      let count = 0;
      for await (const entry of sheet.entries) validator.entry(entry, count++);
      const covered = mergeIndex(sheet.merges(), sheet.header.source?.columns);
      const findings = validator.end().filter((f: Finding) => {
        const { row, field } = f.location;
        return !(ABSENCE_RULES.has(f.rule) && row !== undefined && field !== undefined && covered.isFieldCovered(row, field));
      });
      const setting = options.severities?.["formula-cell"];
      if (setting !== "off") for (const f of formulas) findings.push(setting ? { ...f, severity: setting } : f);
      formulas = [];
      const report = fileReportFor(spec, { kind: sheet.header.kind, entries: [] }, findings);
      report.entries = count;
      reports.push(report);
    }
  } catch (e) {
    throw asInputError(e, spec);
  } finally {
    progress.done();
  }
  return reports;
}

/** A formula cell as a finding (rule `formula-cell`, warning): where it is, what was imported. */
export function formulaFinding(file: string, w: ImportWarning): Finding {
  return {
    rule: "formula-cell",
    severity: "warning",
    message: w.message,
    hint: "请把公式改为直接填写的文字或数字。",
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
