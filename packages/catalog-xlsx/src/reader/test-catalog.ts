/**
 * Test/bench-only: a deterministic standard catalog (标准目录) of any length, written by exceljs's
 * streaming WorkbookWriter with shared strings — the shape real county catalogs have, at scale.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

export const CATALOG_COLUMNS = 14;
export const CATALOG_TITLE = "某县社会救助领域基层政务公开标准目录";
export const CATALOG_HEADER_1 = ["序号", "公开事项", "", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "", "公开方式", "", "公开层级", ""];
export const CATALOG_HEADER_2 = ["", "一级事项", "二级事项", "", "", "", "", "", "全社会", "特定群众", "主动", "依申请公开", "县级", "乡、村级"];
/** Rows before the first entry: title + two header rows. */
export const CATALOG_HEAD_ROWS = 3;

const LEVEL1 = ["社会救助政策", "最低生活保障", "特困人员救助供养", "临时救助", "医疗救助", "教育救助", "住房救助", "就业救助", "受灾人员救助", "困难残疾人两项补贴"];
const LEVEL2 = ["政策文件", "办事指南", "审核确认结果", "救助资金发放", "监督检查", "咨询投诉渠道"];
const LAWS = ["中华人民共和国政府信息公开条例", "社会救助暂行办法", "最低生活保障审核确认办法", "特困人员认定办法", "国务院关于进一步健全特困人员救助供养制度的意见"];
const DEADLINES = ["信息形成或者变更之日起20个工作日内", "自作出决定之日起7个工作日内", "每季度结束后15日内", "常态化公开"];
const SUBJECTS = ["县民政局", "乡镇人民政府（街道办事处）", "县民政局、县财政局", "县医疗保障局"];
const CHANNELS = ["■政府网站 ■政务新媒体 □公开查阅点 □便民服务站 ■村（居）务公开栏", "■政府网站 □政务新媒体 ■公开查阅点 ■便民服务站 □村（居）务公开栏", "■政府网站 ■入户/现场 □社区/企事业单位/村公示栏（电子屏）"];

/** One entry row (1-based entry number), cells "" where the catalog leaves them blank. */
export function catalogRow(n: number): (string | number)[] {
  const l1 = LEVEL1[n % LEVEL1.length]!;
  const l2 = LEVEL2[(n >> 1) % LEVEL2.length]!;
  const flag = (bit: number) => ((n >> bit) & 1 ? "√" : "");
  return [
    n,
    l1,
    l2,
    `第${n}项：${l1}${l2}的申请条件、办理流程、所需材料、办理时限及监督电话（0${2200 + (n % 97)}-${String(8000000 + n).slice(-7)}）`,
    `《${LAWS[n % LAWS.length]}》第${(n % 47) + 1}条`,
    DEADLINES[n % DEADLINES.length]!,
    SUBJECTS[(n >> 2) % SUBJECTS.length]!,
    CHANNELS[n % CHANNELS.length]!,
    "√",
    flag(1),
    "√",
    flag(2),
    flag(0) || "√",
    flag(3),
  ];
}

/** The text each cell of spreadsheet row `index` must read as (A1 ref -> text). */
export function expectedRowTexts(index: number): string[] {
  if (index === 1) return [CATALOG_TITLE];
  if (index === 2) return CATALOG_HEADER_1;
  if (index === 3) return CATALOG_HEADER_2;
  return catalogRow(index - CATALOG_HEAD_ROWS).map(String);
}

export async function writeCatalogXlsx(entries: number): Promise<Uint8Array> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on("data", (b: Buffer) => parts.push(b));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet("社会救助");
  // Merging needs the rows uncommitted; committing a later row flushes them.
  ws.addRow([CATALOG_TITLE]);
  ws.addRow(CATALOG_HEADER_1.map((v) => (v === "" ? null : v)));
  ws.addRow(CATALOG_HEADER_2.map((v) => (v === "" ? null : v)));
  for (const range of ["A1:N1", "A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:J2", "K2:L2", "M2:N2"]) {
    ws.mergeCells(range);
  }
  for (let n = 1; n <= entries; n++) ws.addRow(catalogRow(n).map((v) => (v === "" ? null : v))).commit();
  ws.commit();
  await wb.commit();
  await done;
  return new Uint8Array(Buffer.concat(parts));
}
