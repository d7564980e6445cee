import { describe, expect, it } from "vitest";
import { POWER_TYPES } from "@zwgk/catalog-core";
import { customPropertiesWithPython, hasOpenpyxl, readWithOpenpyxl } from "../fixtures/openpyxl.js";
import { readCatalogs } from "../import/read.js";
import { openWorkbook } from "../reader/index.js";
import { writeTemplate } from "./template.js";

describe("writeTemplate", () => {
  it.each(["standard", "supplementary", "power", "service"] as const)("%s: imports as an empty catalog of its kind with the template stamp", async (kind) => {
    const bytes = await writeTemplate(kind);
    const [catalog] = await readCatalogs(bytes, { file: "模板.xlsx" });
    expect(catalog).toMatchObject({ kind, entries: [], source: { template: { id: kind, version: "1.0" } } });
    const props = (await openWorkbook(bytes)).properties;
    expect([props.get("zwgk.template"), props.get("zwgk.schemaVersion")]).toEqual([kind, "1.0"]);
  });

  it("takes the domain into title and sheet name and the 公开层级 labels from options", async () => {
    const bytes = await writeTemplate("standard", { domain: "养老服务", levels: ["市级", "县级", "乡级"] });
    const [catalog] = await readCatalogs(bytes);
    expect(catalog).toMatchObject({ title: "养老服务领域基层政务公开标准目录", domain: "养老服务", source: { sheet: "养老服务", headerRows: [2, 3] } });
    expect(catalog?.source?.columns?.filter((c) => c.field === "levels").map((c) => c.value)).toEqual(["市级", "县级", "乡级"]);
  });

  it("does not double 领域 when the domain is given with it", async () => {
    const [catalog] = await readCatalogs(await writeTemplate("standard", { domain: "社会救助领域" }));
    expect(catalog).toMatchObject({ title: "社会救助领域基层政务公开标准目录", domain: "社会救助", source: { sheet: "社会救助" } });
  });

  it.skipIf(!hasOpenpyxl)("has prompts on header cells, dropdowns on flags and 权力类型, a protected header and editable data rows", async () => {
    const standard = readWithOpenpyxl(await writeTemplate("standard", { rows: 100 }))[0];
    const lists = standard?.validations.filter((v) => v.type === "list") ?? [];
    expect(lists.map((v) => [v.sqref, v.formula1])).toEqual(["I", "J", "K", "L", "M", "N"].map((c) => [`${c}4:${c}103`, '"√"']));
    const prompts = Object.fromEntries((standard?.validations ?? []).filter((v) => v.prompt).map((v) => [v.sqref, v.promptTitle]));
    expect(prompts).toMatchObject({ A2: "序号", B2: "公开事项", B3: "一级事项", E2: "公开依据", I2: "公开对象", J3: "特定群体" });
    expect(standard?.protected).toBe(true);
    expect([standard?.locked.A1, standard?.locked.A2, standard?.locked.N3]).toEqual([true, true, true]);
    expect(Object.values(standard?.columnLocked ?? {}).every((locked) => locked === false)).toBe(true);
    expect(standard).toMatchObject({ freeze: "A4", printTitleRows: "$2:$3", orientation: "landscape" });

    const power = readWithOpenpyxl(await writeTemplate("power"))[0];
    const typeList = power?.validations.find((v) => v.type === "list");
    expect(typeList?.sqref).toBe("C3:C502");
    expect(typeList?.formula1).toBe(`"${POWER_TYPES.map((t) => t.name).join(",")}"`);
    expect(customPropertiesWithPython(await writeTemplate("service"))).toEqual({ "zwgk.template": "service", "zwgk.schemaVersion": "1.0" });
  });
});
