import { formatPlace } from "@zwgk/catalog-core";
import type { Cell } from "../reader/index.js";
import type { ColumnPlan } from "../layout/detect.js";
import type { ImportWarning } from "./stream.js";

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
  const warning: ImportWarning = {
    code: "formula-cell",
    sheet,
    cell: a1,
    row,
    column: plan.letter,
    formula,
    value,
    message:
      `单元格 ${formatPlace({ sheet, cell: a1 })} 是公式（${shown}），已按其计算结果「${clip(value)}」导入；` +
      "请改为直接填写文字，以免在其他软件中显示不同的值。",
  };
  if (plan.field !== undefined) warning.field = plan.field;
  return warning;
}
