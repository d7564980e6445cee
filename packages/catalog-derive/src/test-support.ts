// Test support (Node only, not exported): the sample workbooks, and a 权责清单 with every power type
// written to a real workbook and read back through the importer, as a clerk's file would be.
import { readFileSync } from "node:fs";
import type { Catalog, PowerCatalog, PowerEntry } from "@zwgk/catalog-schemas";
import { SCHEMA_VERSION } from "@zwgk/catalog-schemas";
import { parseBasis } from "@zwgk/catalog-core";
import { readCatalogs, writeCatalogXlsx } from "@zwgk/catalog-xlsx";
import { nodeInflate } from "@zwgk/catalog-xlsx/node";
import { samplePath } from "../../../test/support/samples.js";

/** The catalogs of a sample workbook, read as the CLI reads them. */
export async function loadSample(name: string): Promise<Catalog[]> {
  return readCatalogs(new Uint8Array(readFileSync(samplePath(name))), { file: name, inflate: nodeInflate });
}

export async function loadOne(name: string): Promise<Catalog> {
  return (await loadSample(name))[0]!;
}

const power = (type: string, name: string, code: string, basis: string, level: string, extra: Partial<PowerEntry> = {}): PowerEntry => ({
  code,
  type,
  name,
  basis: parseBasis(basis),
  subject: "某县住房和城乡建设局",
  level,
  ...extra,
});

/** A county 住建 权责清单 with one power of each of the ten types (and a legacy-typed one). */
export const TEN_TYPES: readonly PowerEntry[] = [
  power("行政许可", "建设工程规划许可证核发", "000114001000", "【法律】《中华人民共和国城乡规划法》第四十条", "县级"),
  power("行政处罚", "对未取得建设工程规划许可证进行建设的处罚", "000214064000", "【法律】《中华人民共和国城乡规划法》第六十四条", "县级"),
  power("行政强制", "查封施工现场", "000314001000", "【行政法规】《建设工程安全生产管理条例》第六十五条", "县级"),
  power("行政征收", "城市基础设施配套费征收", "000414002000", "【规范性文件】《关于印发〈城市基础设施配套费征收管理办法〉的通知》", "县级"),
  power("行政给付", "城镇住房保障家庭租赁补贴发放", "000514003000", "【行政法规】《城镇住房保障条例》", "县级、乡级"),
  power("行政检查", "对建筑施工企业安全生产的监督检查", "000614004000", "【行政法规】《建设工程安全生产管理条例》第四十条", "县级"),
  power("行政确认", "房屋建筑和市政基础设施工程竣工验收备案", "000714005000", "【部门规章】《房屋建筑和市政基础设施工程竣工验收备案管理办法》第四条", "县级"),
  power("行政奖励", "对在城乡规划工作中有突出贡献的单位和个人的奖励", "000814006000", "【法律】《中华人民共和国城乡规划法》第十条", "县级"),
  power("行政裁决", "物业服务收费争议裁决", "000914007000", "【行政法规】《物业管理条例》第四十二条", "县级"),
  power("其他行政权力", "建设工程消防验收备案抽查", "001014008000", "【部门规章】《建设工程消防设计审查验收管理暂行规定》第三十四条", "县级"),
  power("审核转报", "城镇老旧小区改造项目申报审核转报", "001114009000", "【规范性文件】《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》", "县级"),
];

/** The ten-type 权责清单 as an .xlsx a department would send, read back through the importer. */
export async function tenTypeList(): Promise<PowerCatalog> {
  const catalog: PowerCatalog = { schemaVersion: SCHEMA_VERSION, kind: "power", title: "某县住房和城乡建设局权责清单", entries: TEN_TYPES.map((e) => structuredClone(e)) };
  const bytes = await writeCatalogXlsx(catalog);
  const [read] = await readCatalogs(bytes, { file: "权责清单-住建.xlsx", inflate: nodeInflate });
  return read as PowerCatalog;
}
