import type { RuleMeta } from "@zwgk/catalog-core";

// Checks that only a workbook can fail (they concern cells, not the catalog model), as rules with
// metadata like the validation and analysis rules: docs/rules.md lists them and zwgk.config.json's
// `rules` may set their severity.

const ALL = ["standard", "supplementary", "power", "service"] as const;

/** Metadata of the workbook rules, in the order docs/rules.md lists them. */
export const WORKBOOK_RULES: readonly RuleMeta[] = Object.freeze<RuleMeta[]>([
  {
    id: "formula-cell",
    severity: "warning",
    kinds: ALL,
    description:
      "数据单元格不应是公式：公式按文件里保存的计算结果导入，其他软件或重新计算后可能显示不同的值；没有保存计算结果的公式无法读出值（不按“缺少”报告）。",
    messages: {
      cached: "单元格 {cell} 是公式（{formula}），已按其计算结果「{value}」导入；请改为直接填写文字，以免在其他软件中显示不同的值。",
      uncached:
        "单元格 {cell} 是公式（{formula}），但文件里没有保存它的计算结果（多见于程序生成、未在 Excel/WPS 中打开保存过的文件），无法读出其值；请在 Excel 或 WPS 中打开后保存一次，或改为直接填写文字。",
    },
    hints: {
      cached: "请把公式改为直接填写的文字或数字。",
      uncached: "在 Excel 或 WPS 中打开并保存一次即可写入计算结果；更稳妥的是把公式改为直接填写的文字。",
    },
  },
]);
