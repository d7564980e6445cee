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
      message:
        `单元格 ${formatPlace({ sheet, cell: a1 })} 是公式（${shown}），但文件里没有保存它的计算结果` +
        "（多见于程序生成、未在 Excel/WPS 中打开保存过的文件），无法读出其值；" +
        "请在 Excel 或 WPS 中打开后保存一次，或改为直接填写文字。",
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
    message:
      `单元格 ${formatPlace({ sheet, cell: a1 })} 是公式（${shown}），已按其计算结果「${clip(value)}」导入；` +
      "请改为直接填写文字，以免在其他软件中显示不同的值。",
  };
  if (plan.field !== undefined) warning.field = plan.field;
  return warning;
}
