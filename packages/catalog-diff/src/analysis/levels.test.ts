import { describe, expect, it } from "vitest";
import type { PowerCatalog, PowerEntry } from "@zwgk/catalog-schemas";
import { analyzeCatalogs } from "./analyze.js";
import { transportPowerCatalog, withJurisdiction } from "../fixtures.js";

const mismatches = (...catalogs: Parameters<typeof analyzeCatalogs>[0]) =>
  analyzeCatalogs(catalogs, { checks: { duplicate: false, gap: false, conflict: false } });

/** The same 权责清单 at 自治区 (省) level, with the differences 三级四同 is about. */
function provincial(): PowerCatalog {
  const c = withJurisdiction(transportPowerCatalog(), { name: "广西壮族自治区", level: "省", code: "450000" });
  c.source = { file: "权责清单-自治区交通运输厅.xlsx", sheet: "行政职权" };
  const e = (i: number) => c.entries[i] as PowerEntry;
  e(0).name = "公路超限运输车辆行驶公路许可"; // same code, other name
  e(1).code = "000117010009"; // same name, other code
  e(6).basis = { raw: "【法律】《中华人民共和国行政强制法》第九条" }; // other basis (document)
  e(7).basis = { raw: "【行政法规】《中华人民共和国道路运输条例》第五十九条" }; // same document, other clause: fine
  e(8).type = "其他职权"; // alias of 其他行政权力: fine
  e(5).type = "行政强制"; // other type
  c.entries.forEach((x) => (x.source = { ...x.source, file: "权责清单-自治区交通运输厅.xlsx" }));
  return c;
}

describe("level-mismatch (三级四同)", () => {
  it("reports powers whose name, code, type or basis differ between levels", () => {
    const findings = mismatches(provincial(), transportPowerCatalog());
    expect(findings.map((f) => [f.entries[1]!.name, f.fields!.map((x) => x.label)])).toEqual([
      ["公路超限运输许可", ["事项名称"]],
      ["道路运输经营许可 / 道路旅客运输经营许可", ["事项编码"]],
      ["对车辆超限使用汽车渡船或者在公路上擅自超限行驶的处罚", ["权力类型"]],
      ["扣留车辆", ["实施依据"]],
    ]);
    const f = findings[0]!;
    expect(f).toMatchObject({ kind: "level-mismatch", rule: "level-mismatch", severity: "warning" });
    expect(f.message).toBe("权责清单事项“公路超限运输车辆行驶公路许可”在省级与县级清单中的事项名称不一致（三级四同，跨单位比较；按事项编码对应）");
    expect(f.reason).toBe("按事项编码对应");
    expect(f.entries.map((e) => [e.file, e.row])).toEqual([
      ["权责清单-自治区交通运输厅.xlsx", 3],
      ["权责清单-交通运输.xlsx", 3],
    ]);
    expect(f.fields![0]).toMatchObject({ a: "公路超限运输车辆行驶公路许可", b: "公路超限运输许可" });
    expect(f.fields![0]!.similarity).toBeGreaterThan(0.5);
  });

  it("compares only different levels, and only catalogs that state their level", () => {
    const otherCounty = withJurisdiction(provincial(), { name: "平乐县", level: "县", code: "450330" });
    expect(mismatches(otherCounty, transportPowerCatalog())).toEqual([]);
    const noLevel = provincial();
    noLevel.jurisdiction = { name: "广西壮族自治区" };
    expect(mismatches(noLevel, transportPowerCatalog())).toEqual([]);
  });

  it("compares each lower level with the highest", () => {
    const city = withJurisdiction(transportPowerCatalog(), { name: "桂林市", level: "市", code: "450300" });
    (city.entries[2] as PowerEntry).subItem = "道路货物运输经营许可（普通货运）";
    const findings = mismatches(transportPowerCatalog(), city, provincial());
    const byPair = findings.map((f) => `${f.entries[0]!.catalog}→${f.entries[1]!.catalog}:${f.fields!.map((x) => x.field).join(",")}`);
    expect(byPair).toEqual(["2→0:name", "2→0:code", "2→0:type", "2→0:basis", "2→1:name", "2→1:code", "2→1:name", "2→1:type", "2→1:basis"]);
  });

  it("compares a power the county reworded and gave no code with the city's, by its normalised name", () => {
    const city = withJurisdiction(transportPowerCatalog(), { name: "桂林市", level: "市", code: "450300" });
    const county = transportPowerCatalog();
    const e = county.entries[3] as PowerEntry; // 公路建设项目施工许可, code 000117004000
    delete e.code;
    e.name = "公路建设项目施工许可证核发（县级）";
    e.type = "行政确认";
    const findings = mismatches(city, county);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.fields!.map((x) => x.field)).toEqual(["name", "type"]);
    expect(findings[0]!.reason).toBe("按规范化名称对应：去掉层级说明、“许可证核发”视为“许可”");
  });
});
