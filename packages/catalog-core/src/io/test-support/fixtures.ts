// Realistic catalogs of every kind, shaped like the sample layouts (/work/shared/samples), for the io
// tests. Test-only: nothing in the package imports this file.
import type { Catalog, PowerCatalog, ServiceCatalog, StandardCatalog, SupplementaryCatalog } from "@zwgk/catalog-schemas";

const basisMinBao = {
  raw: "《社会救助暂行办法》《最低生活保障审核确认办法》（民发〔2021〕57号）",
  documents: [
    { title: "社会救助暂行办法", rank: "行政法规" },
    { title: "最低生活保障审核确认办法", clause: "第二十条" },
  ],
};

/** 某县社会救助领域基层政务公开标准目录 (two-row header, flag columns, 同上, an extra column). */
// `$schema` is in the JSON Schema but not in the generated type, hence the spread.
export const standardCatalog: StandardCatalog = {
  ...({ $schema: "https://zwgk.github.io/schemas/v1/catalog.schema.json" } as object),
  kind: "standard",
  schemaVersion: "1.0",
  title: "某县社会救助领域基层政务公开标准目录",
  jurisdiction: { name: "某县", level: "县", code: "511602" },
  department: "县民政局",
  domain: "社会救助",
  version: "2024",
  effectiveDate: "2024-03-01",
  source: {
    file: "社会救助-标准目录.xlsx",
    sheet: "社会救助",
    format: "xlsx",
    headerRows: [3, 4],
    columns: [
      { column: "A", header: "序号", field: "seq" },
      { column: "B", header: "公开事项/一级事项", field: "items.0" },
      { column: "C", header: "公开事项/二级事项", field: "items.1" },
      { column: "J", header: "公开对象/全社会", field: "audience", value: "全社会" },
      { column: "P", header: "责任科室" },
    ],
  },
  entries: [
    {
      seq: "1",
      items: ["最低生活保障", "政策法规"],
      content: "1.法律法规\n2.部门规章\n3.规范性文件",
      basis: basisMinBao,
      timeLimit: {
        raw: "信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的,从其规定",
        parsed: { type: "relative", anchor: "信息形成或者变更", amount: 20, unit: "工作日", lawOverride: true },
      },
      subject: "县级人民政府民政部门",
      channels: { raw: "■政府网站 □政府公报 ■两微一端", selected: ["政府网站", "两微一端"], unselected: ["政府公报"] },
      audience: ["全社会"],
      method: ["主动"],
      levels: ["县级", "乡、村级"],
      extra: [{ name: "责任科室", value: "社会救助股" }],
      source: { file: "社会救助-标准目录.xlsx", sheet: "社会救助", row: 5 },
    },
    {
      seq: "2",
      items: ["最低生活保障", "办理服务"],
      content: "申请条件、申请材料、办理流程、办理时限",
      basis: { raw: basisMinBao.raw, written: "同上" },
      timeLimit: { raw: "实时公开", parsed: { type: "realtime" } },
      subject: "县级人民政府民政部门、乡镇人民政府（街道办事处）",
      channels: { selected: ["政府网站", "社区/企事业单位/村公示栏（电子屏）"] },
      audience: ["全社会"],
      method: ["主动"],
      levels: ["县级"],
      extra: [{ name: "责任科室", value: "" }],
      source: { file: "社会救助-标准目录.xlsx", sheet: "社会救助", row: 6 },
    },
  ],
};

/** 发展改革局 政府信息主动公开补充目录 (fixed yearly date, 条例 clause, 公开时长). */
export const supplementaryCatalog: SupplementaryCatalog = {
  kind: "supplementary",
  schemaVersion: "1.0",
  title: "某区发展和改革局政府信息主动公开目录",
  department: "区发展和改革局",
  entries: [
    {
      seq: "0505",
      items: ["特定事项", "公开年报"],
      content: "政府信息公开工作年度报告",
      basis: { raw: "《中华人民共和国政府信息公开条例》第四十九条", documents: [{ title: "中华人民共和国政府信息公开条例", clause: "第四十九条", rank: "行政法规" }] },
      timeLimit: { raw: "每年1月31日前", parsed: { type: "fixed", month: 1, day: 31 } },
      subject: "区发展和改革局",
      channels: { selected: ["政府网站"] },
      attribute: "主动公开",
      clause: "第二十条(十五)",
      extra: [
        { name: "公开时长", value: "长期,最新有效" },
        { name: "五公开", value: "结果" },
      ],
    },
    {
      items: ["机关信息", "负责人信息"],
      timeLimit: {
        raw: "信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示",
        parsed: { type: "relative", anchor: "信息形成", amount: 20, unit: "工作日", exceptions: [{ scope: "行政许可、行政处罚事项", anchor: "作出行政决定", amount: 7, unit: "工作日" }] },
      },
      attribute: "依申请公开",
      nonDisclosureReason: "条例第十五条 个人隐私",
    },
  ],
};

/** 交通运输 权责清单 (9+X types, 责任事项 stages, 追责). */
export const powerCatalog: PowerCatalog = {
  kind: "power",
  schemaVersion: "1.0",
  title: "某县交通运输局权责清单",
  jurisdiction: { name: "某县", level: "县" },
  entries: [
    {
      seq: "1",
      code: "330217001000",
      type: "行政许可",
      name: "公路建设项目施工许可",
      basis: { raw: "【法律】《中华人民共和国公路法》第二十五条", documents: [{ title: "中华人民共和国公路法", clause: "第二十五条", rank: "法律" }] },
      subject: "县交通运输局",
      department: "行政审批股",
      level: "县级",
      responsibilities: "1.受理责任：公示依法应当提交的材料……\n2.审查责任：……\n3.决定责任：……",
      accountabilityScope: "承办人、审核人、批准人",
      accountabilityCases: "对符合法定条件的申请不予受理的",
      accountabilityBasis: { raw: "《中华人民共和国行政许可法》第七十二条" },
      status: "保留",
      source: { file: "权责清单-交通运输.xlsx", sheet: "Sheet1", row: 4 },
    },
    {
      seq: "2",
      type: "行政处罚",
      name: "对擅自占用、挖掘公路的处罚",
      subItem: "对造成公路路面损坏的处罚",
      remark: "",
      extra: [{ name: "备注/说明 (内部)", value: "  前后有空格  " }],
    },
  ],
};

/** 广安区 政务服务事项 (Sichuan 实施编码, time limits as text). */
export const serviceCatalog: ServiceCatalog = {
  kind: "service",
  schemaVersion: "1.0",
  title: "广安区政务服务事项清单",
  jurisdiction: { name: "广安区", level: "县", code: "511602" },
  entries: [
    {
      seq: "1",
      name: "最低生活保障对象认定",
      code: "511A0138000000-511602000000-000-115113010833722043-1-00",
      baseCode: "511A01380000",
      type: "行政给付",
      subject: "广安市广安区民政局",
      serviceObject: "自然人",
      acceptingUnit: "乡镇人民政府（街道办事处）",
      process: "申请→受理→审核→确认→公示",
      materials: "1.申请书\n2.户口簿\n3.家庭收入证明",
      fees: "不收费",
      legalTimeLimit: "30个工作日",
      promisedTimeLimit: "15个工作日",
      consultation: "0826-12345678",
      complaint: "12345政务服务热线",
      location: "广安区政务服务中心一楼",
      hours: "工作日 9:00-12:00, 14:00-17:00",
    },
  ],
};

/** Every fixture, by kind. */
export const fixtures: readonly Catalog[] = [standardCatalog, supplementaryCatalog, powerCatalog, serviceCatalog];
