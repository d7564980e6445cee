import { describe, expect, it } from "vitest";
import type { Row } from "../reader/index.js";
import { detectLayout } from "./detect.js";
import { LayoutError } from "./errors.js";
import { TABLES, tablesWithOverrides } from "./vocabulary.js";

/** Rows as the reader gives them: 1-based index, empty cells omitted. */
function rows(grid: ReadonlyArray<ReadonlyArray<string | number | null>>, first = 1): Row[] {
  return grid.map((r, i) => ({
    index: first + i,
    cells: r.flatMap((v, col) =>
      v === null ? [] : [{ col, value: v, text: String(v), kind: typeof v === "number" ? ("number" as const) : ("string" as const) }],
    ),
  }));
}

const columnsOf = (grid: Parameters<typeof rows>[0], sheet = "Sheet1", kind?: "standard" | "supplementary" | "power" | "service") => {
  const layout = detectLayout(rows(grid), { sheet, tables: TABLES, ...(kind ? { kind } : {}) });
  if (!layout) throw new Error("no layout");
  return { layout, map: Object.fromEntries(layout.columns.map((c) => [c.letter, [c.header, c.field, c.value]])) };
};

describe("detectLayout", () => {
  it("reads a title row and a two-row merged header with flag groups", () => {
    const { layout, map } = columnsOf([
      ["宝坻区社会救助领域基层政务公开标准目录"],
      ["序号", "公开事项", null, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", null, "公开方式", null, "公开层级", null],
      [null, "一级事项", "二级事项", null, null, null, null, null, "全社会", "特定群众", "主动", "依申请公开", "县级", "乡、村级"],
      [1, "综合业务", "政策", "《社会救助暂行办法》"],
    ]);
    expect(layout.kind).toBe("standard");
    expect(layout.domain).toBe("社会救助");
    expect(layout.title).toBe("宝坻区社会救助领域基层政务公开标准目录");
    expect(layout.headerRows).toEqual([2, 3]);
    expect(layout.firstDataRow).toBe(4);
    expect(layout.itemDepth).toBe(2);
    expect(map).toMatchObject({
      A: ["序号", "seq", undefined],
      B: ["公开事项/一级事项", "items.0", undefined],
      C: ["公开事项/二级事项", "items.1", undefined],
      D: ["公开内容（要素）", "content", undefined],
      H: ["公开渠道和载体", "channels", undefined],
      J: ["公开对象/特定群众", "audience", "特定群众"],
      L: ["公开方式/依申请公开", "method", "依申请公开"],
      N: ["公开层级/乡、村级", "levels", "乡、村级"],
    });
    expect(layout.columns.find((c) => c.letter === "B")?.fillDown).toBe(true);
    expect(layout.columns.find((c) => c.letter === "C")?.fillDown).toBe(false);
  });

  it("understands three 事项 levels, 市级|县级|乡级, 事项编号, ASCII brackets and extra columns", () => {
    const { layout, map } = columnsOf([
      ["某市医疗卫生领域基层政务公开标准目录"],
      ["事项编号", "公开事项", null, null, "公开内容(要素)", "公开依据", "条款内容", "公开时限", "公开主体", "公开渠道和载体", "公开对象", null, "公开方式", null, "公开层级", null, null, "责任科室", "五公开"],
      [null, "一级事项", "二级事项", "三级事项", null, null, null, null, null, null, "全社会", "特定群体", "主动", "依申请", "市级", "县级", "乡级"],
      ["0505", "公共卫生", "疾病预防", "预防接种"],
    ]);
    expect(layout.itemDepth).toBe(3);
    expect(map).toMatchObject({
      A: ["事项编号", "seq", undefined],
      D: ["公开事项/三级事项", "items.2", undefined],
      E: ["公开内容(要素)", "content", undefined],
      G: ["条款内容", "clause", undefined],
      O: ["公开层级/市级", "levels", "市级"],
      Q: ["公开层级/乡级", "levels", "乡级"],
      R: ["责任科室", undefined, undefined],
      S: ["五公开", undefined, undefined],
    });
    expect(layout.columns.filter((c) => c.fillDown).map((c) => c.letter)).toEqual(["B", "C"]);
  });

  it("compares headers across scripts and widths (traditional 公開內容)", () => {
    const { map } = columnsOf([
      ["序號", "公開事項", null, "公開內容（要素）", "公開依據", "公開時限", "公開主體", "公開渠道和載體", "公開對象", null],
      [null, "一級事項", "二級事項", null, null, null, null, null, "全社會", "特定群眾"],
    ]);
    expect(map).toMatchObject({
      A: ["序號", "seq", undefined],
      C: ["公開事項/二級事項", "items.1", undefined],
      E: ["公開依據", "basis", undefined],
      J: ["公開對象/特定群眾", "audience", "特定群眾"],
    });
  });

  it("gives 事项编号 the code field when 序号 is also there", () => {
    const { map } = columnsOf([["序号", "事项编号", "公开事项", "公开内容", "公开依据", "公开时限"]]);
    expect(map.A?.[1]).toBe("seq");
    expect(map.B?.[1]).toBe("code");
    expect(map.C?.[1]).toBe("items.0");
  });

  it("reads a 权责清单 one-row header with 职权 synonyms and tells it from a service list", () => {
    const power = columnsOf([
      ["某县交通运输局权责清单"],
      ["职权编码", "职权类型", "职权名称", "子项名称", "设定依据", "责任事项", "问责情形", "部门梳理意见及理由"],
    ]);
    expect(power.layout.kind).toBe("power");
    expect(power.layout.headerRows).toEqual([2]);
    expect(Object.values(power.map).map((m) => m[1])).toEqual(["code", "type", "name", "subItem", "basis", "responsibilities", "accountabilityCases", undefined]);
    expect(power.layout.columns.find((c) => c.field === "name")?.fillDown).toBe(true);

    const service = columnsOf([["序号", "事项名称", "实施编码", "事项类型", "实施部门"]]);
    expect(service.layout.kind).toBe("service");
    expect(service.layout.title).toBeUndefined();
  });

  it("tells a 主动公开补充目录 by its title and a 标准目录 by its 公开层级", () => {
    const header = ["序号", "公开事项", "公开内容", "公开依据", "公开时限", "公开渠道和载体"];
    expect(columnsOf([["某局政府信息主动公开补充目录"], header]).layout.kind).toBe("supplementary");
    expect(columnsOf([header]).layout.kind).toBe("supplementary");
    expect(columnsOf([[...header, "公开层级"], [null, null, null, null, null, null, "县级"]]).layout.kind).toBe("standard");
    expect(columnsOf([header], "Sheet1", "standard").layout.kind).toBe("standard");
  });

  it("skips an 附件 line above the title and a column-number row under the header", () => {
    const { layout } = columnsOf([["附件2"], ["某县养老服务领域基层政务公开标准目录"], ["序号", "公开事项", "公开内容", "公开依据"], [1, 2, 3, 4], [1, "政策", "x", "y"]]);
    expect(layout.title).toBe("某县养老服务领域基层政务公开标准目录");
    expect(layout.headerRows).toEqual([3, 4]);
    expect(layout.firstDataRow).toBe(5);
  });

  it("returns undefined when nothing looks like a header", () => {
    expect(detectLayout(rows([["填表说明"], ["1. 请按要求填写"], ["2. 不要修改表头"]]), { sheet: "说明", tables: TABLES })).toBeUndefined();
  });

  it("refuses a kind that contradicts the layout, in Chinese with the sheet and cell", () => {
    const grid = [["权责清单"], ["权力类型", "事项名称", "子项名称", "实施依据", "责任事项", "追责情形"]];
    let error: unknown;
    try {
      detectLayout(rows(grid), { file: "权责.xlsx", sheet: "行政职权", kind: "standard", tables: TABLES });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LayoutError);
    expect(error).toMatchObject({ code: "wrong-kind", sheet: "行政职权", cell: "A2", file: "权责.xlsx" });
    expect((error as Error).message).toContain("权责清单");
    expect((error as Error).message).toContain("--kind power");
    // A service list read as power is refused too: its 实施编码 is a service column only.
    expect(() => detectLayout(rows([["序号", "事项名称", "实施编码", "事项类型", "实施部门"]]), { sheet: "s", kind: "power", tables: TABLES })).toThrow(LayoutError);
  });

  it("applies local header wordings from headerOverrides", () => {
    const tables = tablesWithOverrides({ 办件类型: "type", 经办处室: "department", 审核意见: "extra" });
    const layout = detectLayout(rows([["序号", "权力名称", "办件类型", "经办处室", "审核意见", "实施依据"]]), { sheet: "s", tables });
    expect(layout?.kind).toBe("power");
    expect(layout?.columns.map((c) => c.field)).toEqual(["seq", "name", "type", "department", undefined, "basis"]);
  });
});
