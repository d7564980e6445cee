import { fillTemplate, formatPlace } from "@zwgk/catalog-core";
import type { Cell } from "../reader/index.js";
import type { ColumnPlan } from "../layout/detect.js";
import type { ImportWarning } from "./stream.js";
import { WORKBOOK_RULES } from "../validate/rules.js";

const MESSAGES = WORKBOOK_RULES.find((r) => r.id === "formula-cell")?.messages ?? {};

/** Formulas and values are cut to this many characters in the message (the fields keep them whole). */
const SHOWN = 60;

function clip(text: string): string {
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}

/**
 * The `formula-cell` warning of one data cell. Formula cells are imported by their cached result:
 * another program (or Excel after recalculation) may show something else, so people should type
 * the text instead. Runs only for cells that hold a formula, never on the per-cell hot path.
 */
export function formulaWarning(sheet: string, cell: Cell, row: number, plan: ColumnPlan): ImportWarning {
  const a1 = `${plan.letter}${row}`;
  const formula = cell.formula ? `=${cell.formula}` : "";
  const shown = formula ? clip(formula) : "与相邻单元格共用的公式";
  const value = cell.text.trim();
  if (cell.value === null) {
    return {
      code: "formula-cell",
      sheet,
      cell: a1,
      row,
      column: plan.letter,
      formula,
      value: "",
      uncached: true,
      ...(plan.field !== undefined ? { field: plan.field } : {}),
      message: fillTemplate(MESSAGES["uncached"] ?? "", { cell: formatPlace({ sheet, cell: a1 }), formula: shown }),
    };
  }
  const warning: ImportWarning = {
    code: "formula-cell",
    sheet,
    cell: a1,
    row,
    column: plan.letter,
    formula,
    value,
    message: fillTemplate(MESSAGES["cached"] ?? "", { cell: formatPlace({ sheet, cell: a1 }), formula: shown, value: clip(value) }),
  };
  if (plan.field !== undefined) warning.field = plan.field;
  return warning;
}
