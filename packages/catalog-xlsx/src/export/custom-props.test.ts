import ExcelJS from "exceljs";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { unzip } from "../fixtures/mutate.js";
import { openWorkbook } from "../reader/index.js";
import { setCustomProperties } from "./custom-props.js";

async function workbookWith(properties: Map<string, string>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("社会救助").addRow(["序号", "一级事项"]);
  setCustomProperties(workbook, properties);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("custom document properties", () => {
  it("writes well-formed XML whatever the names and values hold", async () => {
    // What annotate copies from a department's workbook can hold anything: markup characters, quotes,
    // and characters XML 1.0 cannot carry at all (C0 controls, U+FFFF, a lone surrogate).
    const bytes = await workbookWith(
      new Map([
        ['审核"意见"<A&B>', "县民政局 & 乡镇\u0001政府 <初稿>"],
        ["备注\u0008", "第一行\n第二行\uFFFF\uD800尾"],
      ]),
    );
    const xml = new TextDecoder().decode(unzip(bytes).find((p) => p.name === "docProps/custom.xml")!.data);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/[\u0000-\u0008\uFFFF\uD800]/);
    const read = (await openWorkbook(bytes)).properties;
    expect(read.get('审核"意见"<A&B>')).toBe("县民政局 & 乡镇政府 <初稿>");
    expect(read.get("备注")).toBe("第一行\n第二行尾");
  });
});
