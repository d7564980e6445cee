import { describe, expect, it } from "vitest";
import { nodeInflate } from "./inflate-node.js";
import { openWorkbook } from "./index.js";
import { buildXlsx, grid, MAIN_NS, readAll } from "./test-zip.js";

// Writers differ in how a line break inside a cell reaches the XML: Excel writes LF, some libraries and
// hand-edited files write a literal CR LF (or CR). XML end-of-line handling reads both as LF — that is
// what Excel and openpyxl show — while a CR written as `&#13;` or `_x000D_` is a CR the writer meant.
const sst = `<?xml version="1.0" encoding="UTF-8"?>\r\n<sst xmlns="${MAIN_NS}" count="4" uniqueCount="4">` +
  "<si><t>县级民政部门\r\n乡镇人民政府</t></si>" +
  "<si><r><t>《社会救助暂行办法》\r\n</t></r><r><rPr><b/></rPr><t>第十条\r第十一条</t></r><rPh sb=\"0\" eb=\"1\"><t>x\r\ny</t></rPh></si>" +
  "<si><t><![CDATA[政府网站\r\n公开查阅点]]></t></si>" +
  "<si><t>保留&#13;&#10;回车_x000D_</t></si></sst>";
const rows =
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>\r\n' +
  '<row r="2"><c r="A2" t="inlineStr"><is><t>申请人\r\n名单</t></is></c>' +
  '<c r="B2" t="inlineStr"><is><r><t>第一段\r\n</t></r><r><t>第二段</t></r></is></c>' +
  '<c r="C2" t="str"><f>A2</f><v>公式\r\n结果</v></c>' +
  '<c r="D2" t="inlineStr"><is><t xml:space="preserve">\r\n\r\n</t></is></c></row>';

const EXPECTED = {
  A1: "县级民政部门\n乡镇人民政府",
  B1: "《社会救助暂行办法》\n第十条\n第十一条",
  C1: "政府网站\n公开查阅点",
  D1: "保留\r\n回车\r",
  A2: "申请人\n名单",
  B2: "第一段\n第二段",
  C2: "公式\n结果",
  D2: "\n\n",
};

describe("line ends inside cell text", () => {
  const data = buildXlsx({ sheets: [{ name: "社会救助", rows }], sharedStrings: sst });

  it("reads literal CR LF and CR as LF in shared, inline and rich text, CDATA and cached values", async () => {
    expect(grid(await readAll(await openWorkbook(data)))).toEqual(EXPECTED);
  });

  it("joins a CR LF that a chunk boundary splits", async () => {
    for (const chunkSize of [1, 2, 3, 7]) {
      expect(grid(await readAll(await openWorkbook(data, { inflate: nodeInflate, chunkSize })))).toEqual(EXPECTED);
    }
  });
});
