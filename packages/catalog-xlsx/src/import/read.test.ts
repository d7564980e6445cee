import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Catalog, DisclosureEntry, PowerEntry, ServiceEntry } from "@zwgk/catalog-schemas";
import { validateCatalogShape } from "@zwgk/catalog-schemas";
import { buildWorkbook, standardHeader } from "../fixtures/build.js";
import { lostCells } from "../fixtures/coverage.js";
import { LayoutError } from "../layout/errors.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { readCatalogs } from "./read.js";
import { SAMPLES_DIR } from "../../../../test/support/samples.js";

const SAMPLES = SAMPLES_DIR;
const sample = (name: string) => new Uint8Array(readFileSync(`${SAMPLES}/${name}`));
const read = (data: Uint8Array, file = "test.xlsx", options: Parameters<typeof readCatalogs>[1] = {}) =>
  readCatalogs(data, { file, inflate: nodeInflate, ...options });
const disclosure = (c: Catalog | undefined) => (c as Catalog & { entries: DisclosureEntry[] }).entries;

describe("readCatalogs on the sample workbooks", () => {
  const cases = [
    ["社会救助-标准目录.xlsx", "standard", 12],
    ["户籍管理-标准目录.xlsx", "standard", 11],
    ["主动公开目录-发展改革局.xlsx", "supplementary", 11],
    ["权责清单-交通运输.xlsx", "power", 9],
    ["政务服务事项-广安区.xlsx", "service", 600],
  ] as const;

  it.each(cases)("%s: kind, entry count, valid shape, every non-empty cell kept", async (file, kind, count) => {
    const data = sample(file);
    const catalogs = await read(data, file);
    expect(catalogs).toHaveLength(1);
    const catalog = catalogs[0] as Catalog;
    expect(catalog.kind).toBe(kind);
    expect(catalog.entries).toHaveLength(count);
    expect(catalog.source).toMatchObject({ file, format: "xlsx" });
    const shape = validateCatalogShape(catalog);
    expect(shape.ok ? [] : shape.issues).toEqual([]);
    expect(await lostCells(data, catalogs)).toEqual([]);
  });

  it("the lost-cell check itself notices a dropped value", async () => {
    const data = sample("主动公开目录-发展改革局.xlsx");
    const [catalog] = await read(data);
    const entries = disclosure(catalog);
    delete entries[2]?.extra;
    (entries[4] as DisclosureEntry).audience = [];
    expect(await lostCells(data, [catalog as Catalog])).toEqual(["主动公开目录!L6 长期,最新有效", "主动公开目录!H8 √"]);
  });

  it("社会救助: merged 一级事项 filled down, √ flags, ■ channels, domain and rows", async () => {
    const [catalog] = await read(sample("社会救助-标准目录.xlsx"));
    expect(catalog).toMatchObject({ domain: "社会救助", title: "宝坻区社会救助领域基层政务公开标准目录", source: { sheet: "社会救助", headerRows: [2, 3] } });
    const entries = disclosure(catalog);
    expect(entries.map((e) => e.items[0])).toEqual([
      ...Array(2).fill("综合业务"),
      ...Array(4).fill("最低生活保障"),
      ...Array(3).fill("特困人员救助供养"),
      ...Array(3).fill("临时救助"),
    ]);
    expect(entries[5]).toMatchObject({
      seq: "6",
      items: ["最低生活保障", "审批"],
      audience: ["全社会"],
      method: ["主动"],
      levels: ["县级", "乡、村级"],
      channels: { selected: ["政府网站", "公开查阅点", "社区/企事业单位/村公示栏（电子屏）"] },
      timeLimit: { raw: "制定或获取信息之日起10个工作日内", parsed: { type: "relative", amount: 10, unit: "工作日" } },
      source: { file: "test.xlsx", sheet: "社会救助", row: 9 },
    });
    // Repeated texts are parsed once: entries share the frozen value, so editing one in place fails loudly.
    expect(entries[1]?.timeLimit).toBe(entries[0]?.timeLimit);
    expect(Object.isFrozen(entries[0]?.channels?.selected)).toBe(true);
    expect(() => entries[0]?.channels?.selected.push("政府公报")).toThrow(TypeError);
    expect(Object.isFrozen(entries[0])).toBe(false);
  });

  it("户籍管理 (LibreOffice): 同上 resolved from the row above with the written text kept", async () => {
    const [catalog] = await read(sample("户籍管理-标准目录.xlsx"));
    const entries = disclosure(catalog);
    // Row 7 says 同上; row 6 says 《中华人民共和国户口登记条例》.
    expect(entries[3]?.basis).toEqual({ raw: "《中华人民共和国户口登记条例》", written: "同上", documents: [{ title: "中华人民共和国户口登记条例" }] });
    // A chain of 同上 (rows 8 and 9) keeps resolving to the last written basis.
    expect(entries[5]?.basis).toMatchObject({ raw: "《中华人民共和国户口登记条例》", written: "同上" });
    expect(entries[9]?.basis).toEqual({ raw: "《中华人民共和国户口登记条例》", documents: [{ title: "中华人民共和国户口登记条例" }] });
    expect(entries[0]?.channels).toEqual({ raw: "政府网站 入户/现场", selected: ["政府网站", "入户/现场"] });
    expect(entries[9]?.levels).toEqual(["区级"]);
    expect(entries[1]?.items).toEqual(["出生", "中国公民在国(境)外所生子女户口登记"]);
  });

  it("主动公开目录: no 公开主体 / 公开层级, 公开时长 kept as an extra column", async () => {
    const [catalog] = await read(sample("主动公开目录-发展改革局.xlsx"));
    const entries = disclosure(catalog);
    expect(entries[1]?.extra).toEqual([{ name: "公开时长", value: "任期内" }]);
    expect(entries[6]?.timeLimit).toMatchObject({ raw: "每年1月31日前", parsed: { type: "fixed", month: 1, day: 31 } });
    expect(entries.every((e) => e.subject === undefined && e.levels === undefined)).toBe(true);
  });

  it("权责清单: 权力分类/项目名称/子项 synonyms, 行政许可事项编号 as code, review columns as extras", async () => {
    const [catalog] = await read(sample("权责清单-交通运输.xlsx"));
    const entries = (catalog as Catalog & { entries: PowerEntry[] }).entries;
    expect(catalog?.title).toBe("恭城瑶族自治县交通运输局权责清单");
    expect(entries[1]).toMatchObject({ type: "行政许可", name: "道路运输经营许可", subItem: "道路旅客运输经营许可", code: "000117010001" });
    expect(entries[1]?.basis?.documents).toEqual([{ title: "中华人民共和国道路运输条例", clause: "第十条", rank: "行政法规" }]);
    expect(entries[8]?.extra).toEqual([
      { name: "部门梳理意见及理由", value: "调整" },
      { name: "审核组意见", value: "同意" },
    ]);
    expect(entries[0]?.responsibilities?.split("\n")).toHaveLength(6);
  });

  it("政务服务事项: 实施编码 → code, 实施部门 → subject, header in row 1", async () => {
    const [catalog] = await read(sample("政务服务事项-广安区.xlsx"));
    const entries = (catalog as Catalog & { entries: ServiceEntry[] }).entries;
    expect(catalog?.source?.headerRows).toEqual([1]);
    expect(entries[2]).toEqual({
      seq: "3",
      name: "中职和本专科建档立卡特别资助项目",
      code: "G-000007-001-511602000000-000-115113010833722043-1-00",
      type: "行政给付",
      subject: "区教科体局",
      source: { file: "test.xlsx", sheet: "政务服务事项", row: 4 },
    });
  });
});

describe("同上 under the same value", () => {
  it("gives the same values as the rows above, one frozen object per value above and text", async () => {
    const row = (seq: string, basis: string, time: string, channels: string) =>
      [seq, "一级", `二级${seq}`, "内容", basis, time, "县民政局", channels, "√", null, "√", null, "√", null];
    const data = await buildWorkbook([
      {
        name: "社会救助",
        rows: [
          ...standardHeader(),
          row("1", "《社会救助暂行办法》第十一条", "实时公开", "■政府网站 □政府公报"),
          row("2", "同上", "同上", "同上"),
          row("3", "同上", "同上", "同上"),
          row("4", "同 上", "同上", "同上"),
          row("5", "《条例》", "10个工作日内", "政府网站"),
          row("6", "同上", "同上", "同上"),
          row("7", "《社会救助暂行办法》第十一条", "实时公开", "■政府网站 □政府公报"),
          row("8", "同上", "同上", "同上"),
        ],
      },
    ]);
    const entries = disclosure((await read(data))[0]);
    const first = { raw: "《社会救助暂行办法》第十一条", documents: [{ title: "社会救助暂行办法", clause: "第十一条" }] };
    expect(entries.map((e) => e.basis)).toEqual([
      first,
      { ...first, written: "同上" },
      { ...first, written: "同上" },
      { ...first, written: "同 上" },
      { raw: "《条例》", documents: [{ title: "条例" }] },
      { raw: "《条例》", written: "同上", documents: [{ title: "条例" }] },
      first,
      { ...first, written: "同上" },
    ]);
    expect(entries.map((e) => e.timeLimit?.raw)).toEqual(["实时公开", "同上", "同上", "同上", "10个工作日内", "同上", "实时公开", "同上"]);
    expect(entries[1]?.timeLimit).toEqual({ raw: "同上", parsed: { type: "realtime" } });
    expect(entries[1]?.channels).toEqual({ raw: "同上", selected: ["政府网站"], unselected: ["政府公报"] });
    // Shared, as the parsed texts are: the same value above and the same text give one object.
    for (const field of ["basis", "timeLimit", "channels"] as const) {
      expect(entries[2]?.[field], field).toBe(entries[1]?.[field]);
      expect(entries[7]?.[field], field).toBe(entries[1]?.[field]);
      expect(Object.isFrozen(entries[1]?.[field]), field).toBe(true);
    }
    expect(entries[3]?.basis).not.toBe(entries[1]?.basis);
  });
});

describe("readCatalogs on other layouts", () => {
  it("three 事项 levels, 市级|县级|乡级, 事项编号, ✓ ● 是 flags, non-mark text kept, extras in order", async () => {
    const data = await buildWorkbook([
      {
        name: "医疗卫生",
        rows: [
          ["某市医疗卫生领域基层政务公开标准目录"],
          ["事项编号", "公开事项", null, null, "公开内容(要素)", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", null, "公开方式", null, "公开层级", null, null, "条款内容", "责任科室", "五公开"],
          [null, "一级事项", "二级事项", "三级事项", null, null, null, null, null, "全社会", "特定群体", "主动", "依申请", "市级", "县级", "乡级"],
          ["0501", "公共卫生", "疾病预防", "预防接种", "接种单位、接种时间", "《中华人民共和国疫苗管理法》第四十五条", "信息形成之日起20个工作日内", "县卫生健康局", "■政府网站 □政府公报", "✓", null, "●", null, "是", "√", "否", "第二十条(十一)", "疾控科", "服务"],
          ["0502", null, null, "传染病疫情", "疫情信息", "同上", "实时公开", "同上", "■政府网站", "√", null, "√", null, null, "√", null, "第二十条(十二)", "疾控科", "结果"],
          ["0503", null, "健康教育", "健康知识", "健康科普材料", "《基本医疗卫生与健康促进法》", "及时公开", "县卫生健康局", "政府网站", "是", "√", null, "√", null, null, "√", null, null, "服务"],
          ["0601", "医疗服务", null, "医疗机构名录", "机构名称、地址", "《医疗机构管理条例》", "同上", "县卫生健康局", "政府网站", "√", null, "√", null, null, "√", null, null, null, null],
        ],
        merges: ["A1:S1", "A2:A3", "B2:D2", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:I3", "J2:K2", "L2:M2", "N2:P2", "Q2:Q3", "R2:R3", "S2:S3", "B4:B6", "C4:C5"],
      },
    ]);
    const [catalog] = await read(data, "医疗卫生.xlsx");
    expect(catalog).toMatchObject({ kind: "standard", domain: "医疗卫生" });
    const entries = disclosure(catalog);
    expect(entries.map((e) => e.items)).toEqual([
      ["公共卫生", "疾病预防", "预防接种"],
      ["公共卫生", "疾病预防", "传染病疫情"],
      ["公共卫生", "健康教育", "健康知识"],
      // A new 一级事项 starts a branch: its empty 二级 does not inherit the row above's.
      ["医疗服务", "", "医疗机构名录"],
    ]);
    expect(entries[0]).toMatchObject({
      seq: "0501",
      audience: ["全社会"],
      method: ["主动"],
      levels: ["市级", "县级"],
      clause: "第二十条(十一)",
      extra: [
        { name: "公开层级/乡级", value: "否" },
        { name: "责任科室", value: "疾控科" },
        { name: "五公开", value: "服务" },
      ],
    });
    expect(entries[1]).toMatchObject({ subject: "县卫生健康局", basis: { written: "同上", raw: "《中华人民共和国疫苗管理法》第四十五条" } });
    expect(entries[2]?.audience).toEqual(["全社会", "特定群体"]);
    // 同上 in 公开时限 keeps the written text and the meaning of the row above.
    expect(entries[3]?.timeLimit).toEqual({ raw: "同上", parsed: { type: "prompt" } });
    expect(await lostCells(data, [catalog as Catalog])).toEqual([]);
  });

  it("traditional-script headers and titles (南通 style) read like simplified ones", async () => {
    const data = await buildWorkbook([
      {
        name: "主動公開目錄",
        rows: [
          ["某縣財政局政府信息主動公開補充目錄"],
          ["序號", "公開事項", null, "公開內容（要素）", "公開依據", "公開時限", "公開渠道和載體", "公開對象", null, "公開方式", null],
          [null, "一級事項", "二級事項", null, null, null, null, "全社會", "特定群眾", "主動", "依申請公開"],
          [1, "財政信息", "部門預算", "預算報表及說明", "《中華人民共和國預算法》第十四條", "財政部門批復後20日內", "■政府網站 □政府公報", "√", null, "√", null],
        ],
        merges: ["A1:K1", "A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:I2", "J2:K2"],
      },
    ]);
    const [catalog] = await read(data, "財政.xlsx");
    expect(catalog?.kind).toBe("supplementary");
    expect(catalog?.source?.columns?.map((c) => c.field)).toEqual(["seq", "items.0", "items.1", "content", "basis", "timeLimit", "channels", "audience", "audience", "method", "method"]);
    expect(disclosure(catalog)[0]).toMatchObject({ items: ["財政信息", "部門預算"], audience: ["全社會"], method: ["主動"], basis: { raw: "《中華人民共和國預算法》第十四條", documents: [{ title: "中華人民共和國預算法" }] } });
    expect(await lostCells(data, [catalog as Catalog])).toEqual([]);
  });

  it("two sheets with different domains become two catalogs; a notes sheet is skipped with a warning", async () => {
    const [top, sub] = standardHeader();
    const data = await buildWorkbook([
      { name: "填表说明", rows: [["填表说明"], ["1. 请勿修改表头"]] },
      { name: "社会救助", rows: [["社会救助领域基层政务公开标准目录"], top as string[], sub as string[], [1, "临时救助", "政策", "政策文件"]], merges: ["B2:C2"] },
      { name: "养老服务", rows: [["养老服务领域基层政务公开标准目录"], top as string[], sub as string[], [1, "养老机构", "备案", "备案材料"], [2, null, "监管", "检查结果"]] },
      { name: "隐藏", rows: [top as string[], sub as string[], [1, "x", "y"]], hidden: true },
    ]);
    const warnings: string[] = [];
    const catalogs = await read(data, "多领域.xlsx", { onWarning: (w) => warnings.push(w.message) });
    expect(catalogs.map((c) => [c.source?.sheet, c.domain, c.entries.length])).toEqual([
      ["社会救助", "社会救助", 1],
      ["养老服务", "养老服务", 2],
    ]);
    expect(warnings).toEqual(["工作表“填表说明”中没有找到可识别的目录表头，已跳过。"]);
    expect(disclosure(catalogs[1])[1]?.items).toEqual(["养老机构", "监管"]);
    // A hidden sheet is read when asked for by name.
    const hidden = await read(data, "多领域.xlsx", { sheets: ["隐藏"] });
    expect(hidden[0]?.entries).toHaveLength(1);
  });

  it("权责清单 with 职权 synonyms: blank 主项 filled for 子项 rows, merged 职权类型 filled from the merge", async () => {
    const data = await buildWorkbook([
      {
        name: "权责清单",
        rows: [
          ["某县市场监督管理局权责清单"],
          ["序号", "职权编码", "职权类型", "职权名称", "子项名称", "实施依据", "实施主体", "承办科室", "责任事项", "追责情形", "备注"],
          [1, "330217001000", "行政许可", "食品经营许可", "食品经营许可（新办）", "【法律】《中华人民共和国食品安全法》第三十五条", "县市场监管局", "登记注册科", "1.受理责任 2.审查责任", "1.对不符合条件的准予许可的", null],
          [2, "330217001001", null, null, "食品经营许可（变更）", "同上", "县市场监管局", "登记注册科", "1.受理责任 2.审查责任", "同上", "=不含网络经营"],
          [3, "330217002000", "行政处罚", "对未取得食品经营许可从事食品经营活动的处罚", null, "【法律】《中华人民共和国食品安全法》第一百二十二条", "县市场监管局", "执法大队", "1.立案责任 2.调查取证责任", "1.没有法律依据实施处罚的", null],
        ],
        merges: ["A1:K1", "C3:C4"],
      },
    ]);
    const [catalog] = await read(data, "市场监管.xlsx");
    const entries = (catalog as Catalog & { entries: PowerEntry[] }).entries;
    expect(catalog?.kind).toBe("power");
    expect(entries[1]).toMatchObject({
      code: "330217001001",
      type: "行政许可",
      name: "食品经营许可",
      subItem: "食品经营许可（变更）",
      department: "登记注册科",
      basis: { written: "同上", raw: "【法律】《中华人民共和国食品安全法》第三十五条" },
      accountabilityCases: "1.对不符合条件的准予许可的",
      remark: "=不含网络经营",
    });
    expect(entries[2]?.subItem).toBeUndefined();
    expect(await lostCells(data, [catalog as Catalog])).toEqual([]);
  });

  it("a kind that contradicts the layout is a clear error; so is a workbook without a header", async () => {
    const power = await buildWorkbook([{ name: "行政职权", rows: [["权力类型", "事项名称", "实施依据", "责任事项", "追责情形"], ["行政许可", "x", "y", "z", "w"]] }]);
    await expect(read(power, "权责.xlsx", { kind: "standard" })).rejects.toMatchObject({ name: "LayoutError", code: "wrong-kind", sheet: "行政职权" });

    const none = await buildWorkbook([
      { name: "统计表", rows: [["2024年度统计"], ["项目", "数量"], ["a", 1]] },
      { name: "Sheet2", rows: [["备忘"]] },
    ]);
    const error = await read(none, "统计.xlsx").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayoutError);
    expect(error).toMatchObject({ code: "no-header", file: "统计.xlsx" });
    expect((error as Error).message).toMatch(/文件“统计\.xlsx”中没有找到可识别的目录表头（已检查工作表：“统计表”、“Sheet2”）/);
    expect((error as Error).message).toContain("headerOverrides");

    await expect(read(none, "统计.xlsx", { sheets: ["社会救助"] })).rejects.toMatchObject({ code: "no-sheet", message: expect.stringContaining("“统计表”、“Sheet2”") });
    await expect(read(none, "统计.xlsx", { headerOverrides: { 项目: "名字" } })).rejects.toMatchObject({ code: "bad-option" });
  });

  it("headerOverrides maps local wordings; unlabelled data columns are kept as 列X extras", async () => {
    const data = await buildWorkbook([
      {
        name: "服务",
        rows: [
          ["序号", "服务项目", "实施编码", "办件类型", "实施部门"],
          [1, "老年人优待证办理", "512C0001-511602000000-000-1-00", "公共服务", "区民政局", "补充说明"],
        ],
      },
    ]);
    const [catalog] = await read(data, "服务.xlsx", { headerOverrides: { 服务项目: "name", 办件类型: "type" } });
    expect(catalog?.kind).toBe("service");
    expect(catalog?.entries[0]).toMatchObject({ name: "老年人优待证办理", type: "公共服务", extra: [{ name: "列F", value: "补充说明" }] });
    expect(catalog?.source?.columns?.at(-1)).toEqual({ column: "F", header: "列F" });
  });

  it("reports progress and reads with the web-standard inflate as well", async () => {
    const seen: number[] = [];
    const catalogs = await readCatalogs(sample("政务服务事项-广安区.xlsx"), { onProgress: (n) => seen.push(n) });
    expect(catalogs[0]?.entries).toHaveLength(600);
    expect(seen.at(-1)).toBe(601);
  });
});
