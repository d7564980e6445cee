import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Basis, Catalog, CatalogKind, DisclosureEntry, PowerEntry, ServiceEntry } from "@zwgk/catalog-schemas";
import { SCHEMA_VERSION, validateCatalogShape } from "@zwgk/catalog-schemas";
import { parseBasis, parseChannels, parseTimeLimit, POWER_TYPES } from "@zwgk/catalog-core";
import { hasOpenpyxl, readWithOpenpyxl } from "../fixtures/openpyxl.js";
import { readCatalogs } from "../import/read.js";
import { columnLetter, openWorkbook } from "../reader/index.js";
import { nodeInflate } from "../reader/inflate-node.js";
import { UNNAMED_EXTRA_HEADER } from "./layout.js";
import { writeCatalogXlsx } from "./write.js";
import { samplePath } from "../../../../test/support/samples.js";

const SAMPLES = ["社会救助-标准目录.xlsx", "户籍管理-标准目录.xlsx", "主动公开目录-发展改革局.xlsx", "权责清单-交通运输.xlsx", "政务服务事项-广安区.xlsx"];
const sample = (name: string) => new Uint8Array(readFileSync(samplePath(name)));
const read = async (data: Uint8Array, file: string) => (await readCatalogs(data, { file, inflate: nodeInflate }))[0] as Catalog;

/** What a round trip keeps: everything but the file name (the bytes come from a new file). */
function withoutFile(catalog: Catalog): unknown {
  return JSON.parse(JSON.stringify(catalog, (key, value) => (key === "file" ? undefined : value)));
}
/** Generated catalogs have no layout of their own: compare without `source` at any level. */
function withoutSource(catalog: Catalog): unknown {
  return JSON.parse(JSON.stringify(catalog, (key, value) => (key === "source" ? undefined : value)));
}

/** Every non-empty cell (A1 → text) and merge of every sheet, as our reader sees them. */
async function dump(bytes: Uint8Array) {
  const wb = await openWorkbook(bytes);
  const out: Record<string, { cells: Record<string, string>; formulas: string[]; merges: string[] }> = {};
  for (const sheet of wb.sheets) {
    const reader = wb.readSheet(sheet);
    const cells: Record<string, string> = {};
    const formulas: string[] = [];
    for await (const row of reader) {
      for (const c of row.cells) {
        cells[`${columnLetter(c.col)}${row.index}`] = c.text;
        if (c.formula !== undefined) formulas.push(`${columnLetter(c.col)}${row.index}`);
      }
    }
    out[sheet.name] = { cells, formulas, merges: reader.merges.map((m) => m.ref).sort() };
  }
  return out;
}

describe("writeCatalogXlsx", () => {
  it.each(SAMPLES)("%s: import(export(x)) deep-equals x, columns and rows included", async (file) => {
    const original = await read(sample(file), file);
    const bytes = await writeCatalogXlsx(original);
    const again = await read(bytes, "again.xlsx");
    expect(withoutFile(again)).toEqual(withoutFile(original));
  });

  it.skipIf(!hasOpenpyxl)("writes cells and merges openpyxl reads the same way as our reader", async () => {
    for (const file of SAMPLES.slice(0, 4)) {
      const bytes = await writeCatalogXlsx(await read(sample(file), file));
      const ours = await dump(bytes);
      const theirs = readWithOpenpyxl(bytes);
      expect(theirs.map((s) => s.name)).toEqual(Object.keys(ours));
      for (const sheet of theirs) {
        const mine = ours[sheet.name] as (typeof ours)[string];
        expect(Object.fromEntries(Object.entries(sheet.cells).map(([k, [v]]) => [k, v]))).toEqual(mine.cells);
        expect(sheet.merges).toEqual(mine.merges);
      }
    }
  });

  it.skipIf(!hasOpenpyxl)("lays out a catalog without a source sheet officially: merged title and header, frozen, print setup", async () => {
    const catalog: Catalog = {
      schemaVersion: SCHEMA_VERSION,
      kind: "standard",
      domain: "养老服务",
      entries: [
        { seq: "1", items: ["养老机构", "设立备案"], content: "备案条件、备案材料", audience: ["全社会"], method: ["主动"], levels: ["县级"] },
        { seq: "2", items: ["养老机构", "监督检查"], content: "检查结果", audience: ["全社会"], method: ["主动"], levels: ["县级", "乡级"] },
        { seq: "3", items: ["高龄津贴"], content: "发放标准", audience: ["特定群众"], method: ["依申请公开"] },
      ],
    };
    const [sheet] = readWithOpenpyxl(await writeCatalogXlsx(catalog));
    expect(sheet?.name).toBe("养老服务");
    expect(sheet?.cells.A1).toEqual(["养老服务领域基层政务公开标准目录", "s"]);
    expect(sheet?.merges).toEqual(
      ["A1:N1", "A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:J2", "K2:L2", "M2:N2", "B4:B5"].sort(),
    );
    const text = (ref: string) => sheet?.cells[ref]?.[0] ?? null;
    // Default labels (全社会/特定群体, 主动/依申请, 县级/乡级) in the spelling the entries use.
    expect(["I2", "K2", "M2", "I3", "J3", "K3", "L3", "M3", "N3"].map(text)).toEqual(["公开对象", "公开方式", "公开层级", "全社会", "特定群众", "主动", "依申请公开", "县级", "乡级"]);
    expect(["B4", "B5", "C5", "M5", "N5", "B6", "J6", "L6"].map(text)).toEqual(["养老机构", null, "监督检查", "√", "√", "高龄津贴", "√", "√"]);
    expect(sheet).toMatchObject({ freeze: "A4", printTitleRows: "$2:$3", orientation: "landscape", fitToPage: true });
  });

  it("never writes a formula: text starting with = + - @ stays text", async () => {
    const risky = ["=HYPERLINK(\"http://x\",\"点我\")", "+86-10-12345678", "-1+1", "@SUM(A1)"];
    const catalog: Catalog = {
      schemaVersion: SCHEMA_VERSION,
      kind: "power",
      title: "某局权责清单",
      entries: risky.map((text, i) => ({ seq: String(i + 1), name: text, remark: text, basis: { raw: text } })),
    };
    const bytes = await writeCatalogXlsx(catalog);
    const ours = await dump(bytes);
    const sheet = Object.values(ours)[0] as (typeof ours)[string];
    expect(sheet.formulas).toEqual([]);
    expect(Object.values(sheet.cells)).toEqual(expect.arrayContaining(risky));
    const again = (await read(bytes, "x.xlsx")) as Catalog & { entries: PowerEntry[] };
    expect(again.entries.map((e) => [e.name, e.remark, e.basis?.raw])).toEqual(risky.map((t) => [t, t, t]));
    if (hasOpenpyxl) {
      const cells = Object.values(readWithOpenpyxl(bytes)[0]?.cells ?? {});
      expect(cells.filter(([v]) => risky.includes(v)).every(([, type]) => type === "s")).toBe(true);
      expect(cells.some(([, type]) => type === "f")).toBe(false);
    }
  });
});

// Generated catalogs: entries are built the way the importer builds them (through the core
// parsers), so import(export(x)) must give x back field for field.
const ITEMS = [["机关信息", "机构职能"], ["机关信息", "领导信息"], ["财政信息", "部门预算", "预算公开"], ["政策文件"], ["办事服务", "办事指南"], ["办事服务", "办理结果"]];
const TEXT = ["办理条件、申请材料、办理流程", "=SUM(A1:A3)", "+86 028-12345678", "1.受理部门\n2.办理条件\n3.办理时限", "@所有人", "对象名单（个人隐私信息除外）"];
const BASES = ["《中华人民共和国政府信息公开条例》第二十条", "【法律】《中华人民共和国预算法》第十四条；【行政法规】《社会救助暂行办法》", "各地配套政策文件", "同上"];
const LIMITS = ["信息形成或者变更之日起20个工作日内", "每年1月31日前", "实时公开", "财政部门批复后20日内", "自作出决定之日起7个工作日内"];
const CHANNELS = ["■政府网站 □政府公报 ■公开查阅点", "政府网站 入户/现场", "■政府网站 ■两微一端 ■社区/企事业单位/村公示栏（电子屏）"];
const SUBJECTS = ["县级人民政府民政部门", "县财政局", "乡镇人民政府（街道办事处）"];

const subset = (labels: readonly string[]) => fc.subarray([...labels]).map((l) => (l.length ? l : undefined));
const basisChain = (raws: readonly string[]): Basis[] => {
  const out: Basis[] = [];
  raws.forEach((raw, i) => out.push(raw === "同上" && i > 0 ? parseBasis(raw, out[i - 1]) : parseBasis(raw === "同上" ? BASES[0] as string : raw)));
  return out;
};
const timeLimit = (raw: string) => {
  const parsed = parseTimeLimit(raw).parsed;
  return parsed ? { raw, parsed } : { raw };
};

const disclosureRow = fc.record({
  items: fc.constantFrom(...ITEMS),
  content: fc.option(fc.constantFrom(...TEXT), { nil: undefined }),
  basis: fc.constantFrom(...BASES),
  timeLimit: fc.option(fc.constantFrom(...LIMITS), { nil: undefined }),
  subject: fc.option(fc.constantFrom(...SUBJECTS), { nil: undefined }),
  channels: fc.option(fc.constantFrom(...CHANNELS), { nil: undefined }),
  audience: subset(["全社会", "特定群体"]),
  method: subset(["主动", "依申请"]),
  levels: subset(["县级", "乡级", "村级"]),
  clause: fc.option(fc.constantFrom("第二十条(一)", "第二十条(七)"), { nil: undefined }),
  remark: fc.option(fc.constantFrom("长期,最新有效", "任期内", "-"), { nil: undefined }),
});

function disclosureCatalog(kind: "standard" | "supplementary", rows: Array<fc.Arbitrary<unknown> extends never ? never : typeof disclosureRow extends fc.Arbitrary<infer R> ? R : never>): Catalog {
  const bases = basisChain(rows.map((r) => r.basis));
  const entries: DisclosureEntry[] = rows.map((r, i) => {
    const e: DisclosureEntry = { seq: i % 7 === 6 ? `05${String(i).padStart(2, "0")}` : String(i + 1), items: [...r.items] };
    if (r.content) e.content = r.content;
    e.basis = bases[i] as Basis;
    if (r.timeLimit) e.timeLimit = timeLimit(r.timeLimit);
    if (r.subject) e.subject = r.subject;
    if (r.channels) e.channels = parseChannels(r.channels);
    if (r.audience) e.audience = r.audience;
    if (r.method) e.method = r.method;
    if (r.levels) e.levels = r.levels;
    if (r.clause) e.clause = r.clause;
    if (r.remark) e.extra = [{ name: "公开时长", value: r.remark }];
    return e;
  });
  const title = kind === "standard" ? "某县社会救助领域基层政务公开标准目录" : "某县财政局政府信息主动公开补充目录";
  return { schemaVersion: SCHEMA_VERSION, kind, title, ...(kind === "standard" ? { domain: "社会救助" } : {}), entries } as Catalog;
}

const powerRow = fc.record({
  type: fc.constantFrom(...POWER_TYPES.map((t) => t.name)),
  name: fc.constantFrom("公路超限运输许可", "道路运输经营许可", "对未经许可擅自从事道路运输经营的处罚"),
  subItem: fc.option(fc.constantFrom("道路旅客运输经营许可", "道路货物运输经营许可"), { nil: undefined }),
  basis: fc.constantFrom(...BASES),
  responsibilities: fc.option(fc.constantFrom("1.受理责任\n2.审查责任\n3.决定责任", "1.立案责任 2.调查取证责任"), { nil: undefined }),
  remark: fc.option(fc.constantFrom(...TEXT), { nil: undefined }),
});

function powerCatalog(rows: Array<typeof powerRow extends fc.Arbitrary<infer R> ? R : never>): Catalog {
  const bases = basisChain(rows.map((r) => r.basis));
  const entries: PowerEntry[] = rows.map((r, i) => {
    const e: PowerEntry = { seq: String(i + 1), code: `0001170${String(i).padStart(5, "0")}`, type: r.type, name: r.name };
    if (r.subItem) e.subItem = r.subItem;
    e.basis = bases[i] as Basis;
    e.subject = "某县交通运输局";
    if (r.responsibilities) e.responsibilities = r.responsibilities;
    e.accountabilityBasis = parseBasis("《中华人民共和国行政许可法》第七十二条至第七十七条");
    if (r.remark) e.remark = r.remark;
    return e;
  });
  return { schemaVersion: SCHEMA_VERSION, kind: "power", title: "某县交通运输局权责清单", entries };
}

function serviceCatalog(n: number): Catalog {
  const entries: ServiceEntry[] = Array.from({ length: n }, (_, i) => ({
    seq: String(i + 1),
    name: ["老年人优待证办理", "最低生活保障申请", "=1+1 公开咨询"][i % 3] as string,
    code: `512C00${String(i).padStart(5, "0")}-511602000000-000-115113010833722043-1-00`,
    type: i % 2 ? "公共服务" : "行政给付",
    subject: "区民政局",
    basis: parseBasis("《社会救助暂行办法》第十一条"),
    materials: "1.申请书\n2.身份证明",
    legalTimeLimit: "20个工作日",
    consultation: "0826-2222222",
  }));
  return { schemaVersion: SCHEMA_VERSION, kind: "service", title: "广安区政务服务事项清单", entries };
}

describe("round trip of generated catalogs (official layout)", () => {
  const roundTrip = async (catalog: Catalog) => {
    expect(validateCatalogShape(catalog).ok).toBe(true);
    const again = await read(await writeCatalogXlsx(catalog), "x.xlsx");
    expect(withoutSource(again)).toEqual(withoutSource(catalog));
  };

  it.each(["standard", "supplementary"] as const)("%s catalogs", async (kind) => {
    await fc.assert(fc.asyncProperty(fc.array(disclosureRow, { minLength: 1, maxLength: 12 }), (rows) => roundTrip(disclosureCatalog(kind, rows))), { numRuns: 12 });
  });

  it("power catalogs", async () => {
    await fc.assert(fc.asyncProperty(fc.array(powerRow, { minLength: 1, maxLength: 10 }), (rows) => roundTrip(powerCatalog(rows))), { numRuns: 10 });
  });

  it("service catalogs", async () => {
    await roundTrip(serviceCatalog(9));
  });

  it.each<CatalogKind>(["standard", "power"])("keeps extras with repeated names and entries that gained fields (%s, from a sheet)", async (kind) => {
    const file = kind === "standard" ? "社会救助-标准目录.xlsx" : "权责清单-交通运输.xlsx";
    const original = await read(sample(file), file);
    const e = original.entries[0] as DisclosureEntry & PowerEntry;
    e.extra = [...(e.extra ?? []), { name: "备注", value: "第一条" }, { name: "备注", value: "第二条" }];
    if (kind === "standard") (e as DisclosureEntry).levels = ["县级", "村级"];
    else (e as PowerEntry).status = "保留";
    const again = await read(await writeCatalogXlsx(original), file);
    expect(again.entries[0]).toEqual({ ...original.entries[0], source: { ...original.entries[0]?.source } });
    expect(again.entries.slice(1)).toEqual(original.entries.slice(1));
  });
});

describe("writeCatalogXlsx rowMarks", () => {
  it("marks rows without changing what the sheet reads as", async () => {
    const original = await read(sample("社会救助-标准目录.xlsx"), "社会救助-标准目录.xlsx");
    const marks = [{ fill: "FFFFF2CC", note: "来自：权责清单第3行" }, undefined, { note: "只有说明" }];
    const bytes = await writeCatalogXlsx(original, { rowMarks: marks });
    expect(withoutFile(await read(bytes, "x.xlsx"))).toEqual(withoutFile(original));
  });

  it("rejects a fill that is not an ARGB colour", async () => {
    const original = await read(sample("社会救助-标准目录.xlsx"), "社会救助-标准目录.xlsx");
    await expect(writeCatalogXlsx(original, { rowMarks: [{ fill: "yellow" }] })).rejects.toThrow(/ARGB/);
  });

  it.skipIf(!hasOpenpyxl)("fills every cell of a marked row and notes its 事项 cell (openpyxl)", async () => {
    const original = await read(sample("社会救助-标准目录.xlsx"), "社会救助-标准目录.xlsx");
    const bytes = await writeCatalogXlsx(original, { rowMarks: [{ fill: "FFFFF2CC", note: "来自：权责清单第3行" }, undefined, { note: "只有说明" }] });
    const [sheet] = readWithOpenpyxl(bytes);
    // Row 4 is the first entry: every column A..N filled; row 5 plain; row 6 a note only. C is the 二级事项.
    const filled = Object.keys(sheet!.fills).filter((a) => /^[A-Z]+4$/.test(a));
    expect(filled.length).toBe(original.source!.columns!.length);
    expect(sheet!.fills["C4"]).toBe("FFFFF2CC");
    expect(Object.keys(sheet!.fills).some((a) => /^[A-Z]+[56]$/.test(a))).toBe(false);
    expect(sheet!.comments).toEqual({ C4: "来自：权责清单第3行", C6: "只有说明" });
  });
});

describe("writeCatalogXlsx 公开属性 outside the enum", () => {
  it("writes a 公开属性 kept as an extra (待认定) into one 公开属性 column and reads it back the same", async () => {
    const entry = (items: string[], pending: boolean): DisclosureEntry => ({
      items,
      timeLimit: parseTimeLimit("信息形成或者变更之日起20个工作日内").parsed
        ? { raw: "信息形成或者变更之日起20个工作日内", parsed: parseTimeLimit("信息形成或者变更之日起20个工作日内").parsed! }
        : { raw: "信息形成或者变更之日起20个工作日内" },
      audience: ["全社会"],
      method: ["主动"],
      levels: ["县级"],
      ...(pending ? { extra: [{ name: "公开属性", value: "待认定" }] } : {}),
    });
    const catalog: Catalog = {
      schemaVersion: SCHEMA_VERSION,
      kind: "standard",
      title: "草稿",
      entries: [entry(["公路超限运输许可", "办事指南"], true), entry(["公路超限运输许可", "许可结果"], false)],
    };
    const bytes = await writeCatalogXlsx(catalog);
    const again = await read(bytes, "x.xlsx");
    expect(again.source?.columns?.filter((c) => c.header === "公开属性")).toHaveLength(1);
    expect(withoutSource(again)).toEqual(withoutSource(catalog));
  });
});

describe("extra columns whose name would read back blank", () => {
  // Found by the long round-trip fuzz: an extra named " " was written under a blank header, so the
  // importer took its only data row for a third header row and the entry was lost.
  it.each([" ", "", "公开方式/ ", " /备注"])("keep the value of an extra named %j (under 未命名列), and keep it after another pass", async (name) => {
    const catalog = {
      schemaVersion: SCHEMA_VERSION,
      kind: "supplementary",
      // The fuzz's case: the extra is all the row holds.
      entries: [{ items: [" "], extra: [{ name, value: "每月公示" }] }],
    } as unknown as Catalog;
    const [first] = await readCatalogs(await writeCatalogXlsx(catalog), { file: "附加列.xlsx", inflate: nodeInflate });
    expect(first!.entries).toHaveLength(1);
    expect(first!.entries[0]!.extra).toEqual([{ name: UNNAMED_EXTRA_HEADER, value: "每月公示" }]);
    const [second] = await readCatalogs(await writeCatalogXlsx(first!), { file: "附加列.xlsx", inflate: nodeInflate });
    expect(second!.entries).toEqual(first!.entries);
  });
});
