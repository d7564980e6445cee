/**
 * Test-only: one small workbook per writer quirk, each with the cells it must read as. Shared by
 * quirks.test.ts (read once) and chunks.test.ts (read with tiny chunk sizes, results must be equal).
 */
import { MAIN_NS, buildXlsx, stylesXml, type TestWorkbook } from "./test-zip.js";

export interface QuirkCase {
  name: string;
  book: TestWorkbook;
  /** Expected texts by A1 reference; cells not listed must not exist. */
  cells: Record<string, string>;
  /** Optional exact Cell objects by A1 reference. */
  exact?: Record<string, object>;
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const BOM = "\uFEFF";

export const QUIRK_CASES: QuirkCase[] = [
  {
    name: "namespace prefix on every element (x:)",
    book: {
      sheets: [
        {
          name: "前缀",
          xml: `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN_NS}"><x:dimension ref="A1:B2"/><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>3.5</x:v></x:c></x:row></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A2:B2"/></x:mergeCells></x:worksheet>`,
        },
      ],
      sharedStrings: `<x:sst xmlns:x="${MAIN_NS}" count="1" uniqueCount="1"><x:si><x:t>共享</x:t></x:si></x:sst>`,
    },
    cells: { A1: "共享", B1: "内联", A2: "3.5" },
    exact: { A2: { col: 0, value: 3.5, text: "3.5", kind: "number" } },
  },
  {
    name: "rows and cells without r= use running counters",
    book: {
      sheets: [
        {
          name: "无引用",
          rows:
            `<row><c t="inlineStr"><is><t>一</t></is></c><c><v>2</v></c></row>` +
            `<row r="4"><c r="C4" t="inlineStr"><is><t>丙</t></is></c><c t="inlineStr"><is><t>丁</t></is></c></row>` +
            `<row><c t="inlineStr"><is><t>五</t></is></c></row>`,
        },
      ],
    },
    cells: { A1: "一", B1: "2", C4: "丙", D4: "丁", A5: "五" },
  },
  {
    name: "inline strings (openpyxl, Tencent Docs): plain, preserved, rich and as <v> fallback",
    book: {
      sheets: [
        {
          name: "内联",
          rows:
            `<row r="1">${inline("A1", "&#20844;&#24320;&#30446;&#24405;")}<c r="B1" t="inlineStr"><is><t xml:space="preserve">依申请公开 </t></is></c>` +
            `<c r="C1" s="0" t="inlineStr"><is><r><t>■</t></r><r><rPr><b/></rPr><t>政务新媒体</t></r></is></c><c r="D1" t="inlineStr"><v>旧写法</v></c></row>`,
        },
      ],
    },
    cells: { A1: "公开目录", B1: "依申请公开 ", C1: "■政务新媒体", D1: "旧写法" },
    exact: { A1: { col: 0, value: "公开目录", text: "公开目录", kind: "string" } },
  },
  {
    name: "phonetic runs (rPh) and phoneticPr are not text",
    book: {
      sheets: [{ name: "注音", rows: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></is></c></row>` }],
      sharedStrings: `<sst xmlns="${MAIN_NS}"><si><r><t>公开</t></r><rPh sb="0" eb="2"><t>ゴウカイ</t></rPh><r><t>目录</t></r><phoneticPr fontId="1" type="noConversion"/></si></sst>`,
    },
    cells: { A1: "公开目录", B1: "東京" },
  },
  {
    name: "rich-text runs are concatenated, run properties ignored",
    book: {
      sheets: [
        {
          name: "富文本",
          rows: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><rPr><b/><sz val="11"/><rFont val="宋体"/></rPr><t>■政府</t></r><r><t>网站</t></r></is></c></row>`,
        },
      ],
      sharedStrings: `<sst xmlns="${MAIN_NS}"><si><r><rPr><b/><color rgb="FFFF0000"/></rPr><t>《政府信息公开条例》</t></r><r><rPr><sz val="10"/></rPr><t xml:space="preserve"> 第十九条</t></r></si></sst>`,
    },
    cells: { A1: "《政府信息公开条例》 第十九条", B1: "■政府网站" },
  },
  {
    name: "value types: str, b, e, d, n, shared formula with cached values",
    book: {
      sheets: [
        {
          name: "类型",
          rows:
            `<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>4</v></c><c r="C1" t="str"><f>"公开"&amp;"目录"</f><v>公开目录</v></c></row>` +
            `<row r="2"><c r="A2"><v>3</v></c><c r="B2"><f t="shared" si="0"/><v>6</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="b"><v>0</v></c></row>` +
            `<row r="3"><c r="A3" t="e"><v>#N/A</v></c><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C3" t="d"><v>2024-03-01T00:00:00Z</v></c><c r="D3" t="d"><v>2024-03-01T08:30:00.000</v></c></row>` +
            `<row r="4"><c r="A4"><v>1.0000000000000002</v></c><c r="B4"><v>-0.5</v></c><c r="C4"><v>1E-3</v></c><c r="D4"><f>A1</f></c></row>`,
        },
      ],
    },
    cells: {
      A1: "2", B1: "4", C1: "公开目录", A2: "3", B2: "6", C2: "TRUE", D2: "FALSE",
      A3: "#N/A", B3: "#DIV/0!", C3: "2024-03-01", D3: "2024-03-01T08:30:00", A4: "1.0000000000000002", B4: "-0.5", C4: "0.001",
      D4: "", // a formula saved without a result is kept, with no value, so importers can say so
    },
    exact: {
      B1: { col: 1, value: 4, text: "4", kind: "number", formula: "A1*2" },
      B2: { col: 1, value: 6, text: "6", kind: "number", formula: "" },
      C1: { col: 2, value: "公开目录", text: "公开目录", kind: "string", formula: '"公开"&"目录"' },
      C2: { col: 2, value: true, text: "TRUE", kind: "boolean" },
      A3: { col: 0, value: "#N/A", text: "#N/A", kind: "error" },
      D4: { col: 3, value: null, text: "", kind: "string", formula: "A1" },
      C3: { col: 2, value: "2024-03-01", text: "2024-03-01", kind: "date" },
    },
  },
  {
    name: "date styles (built-in, CJK and custom formats) in the 1900 system",
    book: {
      styles: stylesXml([0, 14, 22, 31, 57, 164, 165, 166, 167, 20], {
        164: 'yyyy"年"m"月"d"日"',
        165: '0.00"天"',
        166: '[Red]#,##0;"d"0',
        167: "[$-F800]dddd, mmmm dd, yyyy",
      }),
      sheets: [
        {
          name: "日期",
          rows:
            `<row r="1"><c r="A1" s="0"><v>45292</v></c><c r="B1" s="1"><v>45292</v></c><c r="C1" s="2"><v>45292.5</v></c><c r="D1" s="3"><v>45292</v></c><c r="E1" s="4"><v>45292</v></c></row>` +
            `<row r="2"><c r="A2" s="5"><v>45351</v></c><c r="B2" s="6"><v>45351</v></c><c r="C2" s="7"><v>45351</v></c><c r="D2" s="8"><v>45351</v></c><c r="E2" s="9"><v>0.375</v></c></row>` +
            `<row r="3"><c r="A3" s="1"><v>60</v></c><c r="B3" s="1"><v>61</v></c><c r="C3" s="1"><v>1</v></c><c r="D3" s="2"><v>45292.99999999</v></c><c r="E3" s="99"><v>45292</v></c></row>`,
        },
      ],
    },
    cells: {
      A1: "45292", B1: "2024-01-01", C1: "2024-01-01T12:00:00", D1: "2024-01-01", E1: "2024-01-01",
      A2: "2024-02-29", B2: "45351", C2: "45351", D2: "2024-02-29", E2: "09:00:00",
      A3: "1900-02-29", B3: "1900-03-01", C3: "1900-01-01", D3: "2024-01-02", E3: "45292",
    },
    exact: { B1: { col: 1, value: "2024-01-01", text: "2024-01-01", kind: "date" } },
  },
  {
    name: "1904 date system (date1904=\"1\")",
    book: {
      workbookPr: `<workbookPr date1904="1"/>`,
      styles: stylesXml([0, 14]),
      sheets: [{ name: "1904", rows: `<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43830</v></c><c r="C1"><v>43830</v></c></row>` }],
    },
    cells: { A1: "1904-01-01", B1: "2024-01-01", C1: "43830" },
  },
  {
    name: "1904 date system (date1904=\"true\")",
    book: {
      workbookPr: `<workbookPr date1904="true" defaultThemeVersion="124226"/>`,
      styles: stylesXml([0, 14]),
      sheets: [{ name: "1904", rows: `<row r="1"><c r="A1" s="1"><v>43830.25</v></c></row>` }],
    },
    cells: { A1: "2024-01-01T06:00:00" },
  },
  {
    name: "character references, predefined entities, emoji",
    book: {
      sheets: [
        {
          name: "实体",
          rows:
            `<row r="1">${inline("A1", "&#20844;&#x516C;&#X5f00;")}${inline("B1", "&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;")}${inline("C1", "&#128512;😀&#55357;&#56832;")}</row>` +
            `<row r="2">${inline("A2", "A & B &nbsp; &#xZZ; &amp")}${inline("B2", "&amp;lt;")}</row>`,
        },
      ],
    },
    cells: { A1: "公公开", B1: `<a> & "b" 'c'`, C1: "😀😀😀", A2: "A & B &nbsp; &#xZZ; &amp", B2: "&lt;" },
  },
  {
    name: "whitespace is kept as written (xml:space or not)",
    book: {
      sheets: [
        {
          name: "空白",
          rows: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>${inline("C1", "\n\t缩进\n")}<c r="D1" t="s"><v>2</v></c></row>`,
        },
      ],
      sharedStrings: `<sst xmlns="${MAIN_NS}"><si><t xml:space="preserve">  前后空格  </t></si><si><t> 无 preserve </t></si><si><t xml:space="preserve"> </t></si></sst>`,
    },
    cells: { A1: "  前后空格  ", B1: " 无 preserve ", C1: "\n\t缩进\n", D1: " " },
  },
  {
    name: "_xHHHH_ escapes in shared, inline and formula strings",
    book: {
      sheets: [
        {
          name: "转义",
          rows: `<row r="1"><c r="A1" t="s"><v>0</v></c>${inline("B1", "a_x0009_b")}<c r="C1" t="str"><f>A1</f><v>x_x000D_y</v></c>${inline("D1", "_x005F_x000D_ and _x00zz_")}</row>`,
        },
      ],
      sharedStrings: [`第一行_x000D_\n第二行`],
    },
    cells: { A1: "第一行\r\n第二行", B1: "a\tb", C1: "x\ry", D1: "_x000D_ and _x00zz_" },
  },
  {
    name: "UTF-8 BOM at the start of parts, XML declarations, comments and PIs anywhere",
    book: {
      sheets: [
        {
          name: "注释",
          xml:
            `${BOM}<?xml version="1.0" encoding="UTF-8"?><!-- made by hand --><worksheet xmlns="${MAIN_NS}"><sheetData><!-- <row r="9"><c r="A9"><v>9</v></c></row> -->` +
            `<row r="1"><?mso-application progid="Excel.Sheet"?><c r="A1" t="s"><!-- between --><v>0</v></c><c r="B1"><v>1<!-- inside -->2</v></c></row></sheetData></worksheet>`,
        },
      ],
      sharedStrings: `${BOM}<?xml version="1.0"?><sst xmlns="${MAIN_NS}"><si><t>带 BOM</t></si></sst>`,
    },
    cells: { A1: "带 BOM", B1: "12" },
  },
  {
    name: "CDATA sections",
    book: {
      sheets: [
        {
          name: "CDATA",
          rows: `<row r="1">${inline("A1", "<![CDATA[a<b>&amp;]]>")}${inline("B1", "前<![CDATA[]]>后<![CDATA[]]]]><![CDATA[>]]>")}</row>`,
        },
      ],
    },
    cells: { A1: "a<b>&amp;", B1: "前后]]>" },
  },
  {
    name: "empty cells: self-closing, <v></v>, <v/>, empty shared string, t=\"n\" without v",
    book: {
      sheets: [
        {
          name: "空",
          rows: `<row r="1"><c r="A1" s="1"/><c r="B1"><v></v></c><c r="C1"><v/></c><c r="D1" t="s"><v>0</v></c><c r="E1" t="n"></c><c r="F1" t="inlineStr"><is><t/></is></c><c r="G1"><v>0</v></c></row><row r="2"/><row r="3" spans="1:3"></row>`,
        },
      ],
      sharedStrings: [""],
    },
    cells: { G1: "0" },
  },
  {
    name: "absolute relationship targets, stored (uncompressed) entries",
    book: {
      absoluteTargets: true,
      method: 0,
      sheets: [{ name: "绝对路径", rows: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` }],
      sharedStrings: ["绝对"],
    },
    cells: { A1: "绝对" },
  },
  {
    name: "cells out of order and duplicated; elements named f/c/v outside sheetData ignored",
    book: {
      sheets: [
        {
          name: "乱序",
          rows: `<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c><c r="C1"><v>33</v></c></row>`,
          after: `<extLst><ext uri="{x}"><x14:conditionalFormattings xmlns:x14="x14"><x14:conditionalFormatting><x14:cfRule><xm:f xmlns:xm="xm">$A$1</xm:f></x14:cfRule></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>`,
        },
      ],
    },
    cells: { A1: "1", C1: "33" },
  },
];

export function buildCase(c: QuirkCase): Uint8Array {
  return buildXlsx(c.book);
}
