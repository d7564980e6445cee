import type ExcelJS from "exceljs";
import { newWorkbook } from "./exceljs.js";
import type { CatalogKind } from "@zwgk/catalog-schemas";
import { SCHEMA_VERSION } from "@zwgk/catalog-schemas";
import { ITEM_TYPES, KIND_LABELS, KIND_SHORT_LABELS, POWER_TYPES } from "@zwgk/catalog-core";
import { TEMPLATE_PROPERTY, TEMPLATE_VERSION_PROPERTY } from "../import/stream.js";
import { setCustomProperties } from "./custom-props.js";
import { type OutColumn, officialLayout } from "./layout.js";
import { drawHeader, safeSheetName, toBytes } from "./sheet.js";
import { MARK } from "./write.js";

/** Options of {@link writeTemplate}. */
export interface TemplateOptions {
  /** 标准目录 domain, e.g. 社会救助 (or 社会救助领域): goes into the title and the sheet name. */
  domain?: string;
  /** 公开层级 labels, e.g. ["市级", "县级", "乡级"]; default 县级, 乡级. */
  levels?: string[];
  /** Data rows prepared with dropdowns; default 500. */
  rows?: number;
}

// Input prompts shown when a header cell is selected (Excel limits: title 32, text 255 characters).
const HELP: Record<string, string> = {
  items: "公开事项：按一级事项、二级事项分列填写，同一一级事项可合并单元格。",
  seq: "填写序号，如 1、2、3；也可填写事项编号（如 0505）。",
  "items.0": "一级事项名称。同一一级事项下有多个二级事项时，可合并单元格或只在第一行填写。",
  "items.1": "二级事项名称，即具体公开的事项。",
  "items.2": "三级事项名称（如有）。",
  content: "公开的具体内容（要素），多项用“、”分隔，如：办理条件、申请材料、办理流程。",
  basis: "公开依据：法律法规和文件名用《》标注，可写条款，如《中华人民共和国政府信息公开条例》第二十条；与上一行相同可填“同上”。",
  timeLimit: "公开时限，如：信息形成或者变更之日起20个工作日内；每年1月31日前；实时公开。",
  subject: "负责公开的机关或部门，如：县级人民政府民政部门。",
  channels: "选中的渠道前写■，未选中的写□，如：■政府网站 □政府公报 ■公开查阅点；也可直接写渠道名称。",
  audience: "公开对象：在对应的列中打“√”。",
  method: "公开方式：主动公开或依申请公开，在对应的列中打“√”。",
  levels: "公开层级：由哪一级公开，在对应的列中打“√”，可多选。",
  code: "事项编码（如有）。",
  type: "从下拉列表中选择类型。",
  name: "事项名称，与上级清单保持一致。",
  subItem: "子项名称（没有子项的留空）。",
  responsibilities: "责任事项，按环节写，如：1.受理责任 2.审查责任 3.决定责任 4.送达责任 5.事后监管责任。",
  accountabilityCases: "追责情形，逐条列出。",
};

function helpFor(c: OutColumn, label: string): string {
  if (c.codec === "flag") return `符合“${c.value}”的打“√”，不符合的留空。`;
  return HELP[c.field ?? ""] ?? `填写${label}。`;
}

/** exceljs keeps range validations (one rule for "I4:I503") on an untyped member. */
function rangeValidations(ws: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

function titleFor(kind: CatalogKind, domain: string | undefined): string {
  if (kind === "standard") return `${domain ? `${domain}领域` : ""}${KIND_LABELS.standard}`;
  return KIND_LABELS[kind];
}

function listFor(kind: CatalogKind, c: OutColumn): string[] | undefined {
  if (c.codec === "flag") return [MARK];
  if (c.field === "type" && kind === "power") return POWER_TYPES.map((t) => t.name);
  if (c.field === "type" && kind === "service") return ITEM_TYPES.map((t) => t.name);
  return undefined;
}

/**
 * A blank workbook in the official layout of a kind, ready for a department to fill in: the
 * header with an input prompt (Chinese help) on every header cell, dropdowns on √ columns and on
 * 权力类型/事项类型, the header protected against accidental edits (no password; data rows stay
 * editable, rows can be inserted and deleted), and the template id and schema version stamped in
 * the workbook's custom properties (`zwgk.template`, `zwgk.schemaVersion`), which an import
 * reports as `source.template`.
 *
 * @example
 * ```ts
 * const bytes = await writeTemplate("standard", { domain: "社会救助", levels: ["县级", "乡级", "村级"] });
 * ```
 */
export async function writeTemplate(kind: CatalogKind, options: TemplateOptions = {}): Promise<Uint8Array> {
  const layout = officialLayout(kind, [], options.levels ? { levels: options.levels } : {});
  // "社会救助领域" and "社会救助" name the same domain; the title adds 领域 itself.
  const domain = options.domain?.trim().replace(/领域$/, "") || undefined;
  const workbook = await newWorkbook();
  workbook.creator = "zwgk";
  const ws = workbook.addWorksheet(safeSheetName(domain ?? KIND_SHORT_LABELS[kind]));
  const { headerRows, firstDataRow } = drawHeader(ws, layout, titleFor(kind, domain));
  const top = headerRows[0] as number;
  const lastRow = firstDataRow + (options.rows ?? 500) - 1;

  layout.columns.forEach((c, i) => {
    const col = i + 1;
    // Data cells stay editable through the column style; header and title cells are locked.
    ws.getColumn(col).protection = { locked: false };
    const leaf = ws.getCell(top + c.parts.length - 1, col);
    const label = c.parts[c.parts.length - 1] as string;
    leaf.dataValidation = {
      type: "any" as ExcelJS.DataValidation["type"],
      formulae: [],
      allowBlank: true,
      showInputMessage: true,
      promptTitle: label.slice(0, 32),
      prompt: helpFor(c, label).slice(0, 255),
    };
    if (c.parts.length > 1 && layout.columns[i - 1]?.parts[0] !== c.parts[0]) {
      const parent = ws.getCell(top, col);
      const help = HELP[c.codec === "items" ? "items" : c.field ?? ""];
      if (help) {
        parent.dataValidation = { type: "any" as ExcelJS.DataValidation["type"], formulae: [], allowBlank: true, showInputMessage: true, promptTitle: (c.parts[0] as string).slice(0, 32), prompt: help };
      }
    }
    const list = listFor(kind, c);
    if (list) {
      const letter = ws.getColumn(col).letter;
      const flag = c.codec === "flag";
      rangeValidations(ws).add(`${letter}${firstDataRow}:${letter}${lastRow}`, {
          type: "list",
          allowBlank: true,
          formulae: [`"${list.join(",")}"`],
          showErrorMessage: true,
          errorStyle: flag ? "stop" : "warning",
          errorTitle: flag ? "请打“√”" : "类型不在列表中",
          error: flag ? "此列只能填“√”或留空。" : `建议从列表中选择：${list.join("、")}。`,
      });
    }
  });
  for (let r = 1; r < firstDataRow; r++) ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => (cell.protection = { locked: true }));

  await ws.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: true,
    insertRows: true,
    deleteRows: true,
    sort: true,
    autoFilter: true,
  });
  setCustomProperties(
    workbook,
    new Map([
      [TEMPLATE_PROPERTY, kind],
      [TEMPLATE_VERSION_PROPERTY, SCHEMA_VERSION],
    ]),
  );
  return toBytes(await workbook.xlsx.writeBuffer());
}
