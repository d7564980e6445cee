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
  // A formula saved without a result (cell.value null) imported nothing: its value is unknown.
  const uncached = cell.value === null;
  const value = uncached ? "" : cell.text.trim();
  const place = formatPlace({ sheet, cell: a1 });
  return {
    code: "formula-cell",
    sheet,
    cell: a1,
    row,
    column: plan.letter,
    formula,
    value,
    ...(uncached ? { uncached: true } : {}),
    ...(plan.field !== undefined ? { field: plan.field } : {}),
    message: uncached
      ? fillTemplate(MESSAGES["uncached"] ?? "", { cell: place, formula: shown })
      : fillTemplate(MESSAGES["cached"] ?? "", { cell: place, formula: shown, value: clip(value) }),
  };
}
