import { nfkc } from "../normalize.js";
// 《中华人民共和国政府信息公开条例》(2019, 国务院令第711号): the categories of information a body must
// disclose proactively (第二十条, 第二十一条) and the grounds for not disclosing (第十四、十五、十六条).
// Keywords are written already normalised (no punctuation, simplified script) so that callers can test
// them against `normalizeForMatch` keys with plain `includes`, without building anything per row.

/** Administrative level of a body: 省 / 市 (设区的市) / 县 (县、市、区) / 乡 (乡、镇、街道) / 村 (村、居). */
export type JurisdictionLevel = "省" | "市" | "县" | "乡" | "村";

/** One category of information the 条例 requires a body to disclose proactively. */
export interface StatutoryItem {
  /**
   * Stable id: `20.7` for 第二十条(七); `21.1.5` for the fifth matter of 第二十一条 for 设区的市级、县级
   * governments; `21.2.3` for the third matter for 乡(镇) governments.
   */
  readonly id: string;
  /** The article, 20 or 21. */
  readonly article: 20 | 21;
  /** The item number within 第二十条 (1–15); absent for 第二十一条 matters. */
  readonly item?: number;
  /** How a person cites it: 第二十条第（七）项, 第二十一条（县级以上）. */
  readonly label: string;
  /** The law's wording of the category. */
  readonly text: string;
  /**
   * Normalised words whose presence in an entry's 事项 or 公开内容 means the entry discloses
   * information of this category. Empty for the catch-all (十五), which no keyword can decide.
   */
  readonly keywords: readonly string[];
}

/** How firmly a ground withholds: 第十四条 must, 第十五条 must unless the third party agrees or the public interest outweighs, 第十六条 may. */
export type WithholdingEffect = "must" | "must-unless-consent" | "may";

/** One ground for not disclosing (不予公开) under 第十四、十五、十六条. */
export interface NonDisclosureGround {
  /** Stable id: `14.1` … `16.3`. */
  readonly id: string;
  readonly article: 14 | 15 | 16;
  /** 第十四条, 第十五条, 第十六条第一款 … as cited. */
  readonly label: string;
  readonly text: string;
  readonly effect: WithholdingEffect;
  /** Normalised words that name the ground in a stated reason (不予公开理由). */
  readonly keywords: readonly string[];
}

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"];

function article20(item: number, text: string, keywords: readonly string[]): StatutoryItem {
  return Object.freeze({
    id: `20.${item}`,
    article: 20 as const,
    item,
    label: `第二十条第（${NUMERALS[item - 1]}）项`,
    text,
    keywords: Object.freeze([...keywords]),
  });
}

function article21(group: 1 | 2, n: number, text: string, keywords: readonly string[]): StatutoryItem {
  return Object.freeze({
    id: `21.${group}.${n}`,
    article: 21 as const,
    label: group === 1 ? "第二十一条（设区的市级、县级人民政府）" : "第二十一条（乡（镇）人民政府）",
    text,
    keywords: Object.freeze([...keywords]),
  });
}

/** 第二十条 items (一)–(十五): what every 行政机关 discloses proactively. */
export const ARTICLE_20: readonly StatutoryItem[] = Object.freeze([
  article20(1, "行政法规、规章和规范性文件", ["规范性文件", "行政法规", "规章", "政策文件", "文件发布", "政府文件"]),
  article20(2, "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", [
    "机关职能", "机构职能", "机构设置", "内设机构", "内设科室", "办公地址", "办公时间", "联系方式", "负责人", "领导信息", "领导姓名", "机构信息",
  ]),
  article20(3, "国民经济和社会发展规划、专项规划、区域规划及相关政策", ["发展规划", "专项规划", "区域规划", "规划"]),
  article20(4, "国民经济和社会发展统计信息", ["统计信息", "统计数据", "统计公报", "统计"]),
  article20(5, "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果", [
    "行政许可", "许可", "审批", "办事指南", "政务服务", "服务事项",
  ]),
  article20(6, "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定", [
    "行政处罚", "行政强制", "处罚决定", "处罚", "强制",
  ]),
  article20(7, "财政预算、决算信息", ["预算", "决算", "财政"]),
  article20(8, "行政事业性收费项目及其依据、标准", ["行政事业性收费", "收费"]),
  article20(9, "政府集中采购项目的目录、标准及实施情况", ["集中采购", "政府采购", "采购"]),
  article20(10, "重大建设项目的批准和实施情况", ["重大建设项目", "建设项目", "项目审批", "项目建设"]),
  article20(11, "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况", [
    "扶贫", "脱贫", "乡村振兴", "教育", "医疗", "社会保障", "社会保险", "就业", "养老", "救助", "低保", "最低生活保障",
  ]),
  article20(12, "突发公共事件的应急预案、预警信息及应对情况", ["应急预案", "预警", "突发", "应急"]),
  article20(13, "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况", [
    "环境保护", "生态环境", "环保", "公共卫生", "安全生产", "食品药品", "食品安全", "产品质量", "监督检查",
  ]),
  article20(14, "公务员招考的职位、名额、报考条件等事项以及录用结果", ["公务员", "招考", "招录", "录用"]),
  article20(15, "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", []),
]);

/**
 * 第二十一条: matters that 设区的市级、县级人民政府及其部门 (`cityCounty`) and 乡（镇）人民政府
 * (`township`) disclose in addition to 第二十条, "根据本地方的具体情况".
 */
export const ARTICLE_21: Readonly<{ cityCounty: readonly StatutoryItem[]; township: readonly StatutoryItem[] }> = Object.freeze({
  cityCounty: Object.freeze([
    article21(1, 1, "市政建设", ["市政", "城市建设", "城建"]),
    article21(1, 2, "公共服务", ["公共服务", "公共文化", "便民服务", "政务服务"]),
    article21(1, 3, "公益事业", ["公益", "慈善"]),
    article21(1, 4, "土地征收", ["土地征收", "征地"]),
    article21(1, 5, "房屋征收", ["房屋征收", "征收补偿", "拆迁"]),
    article21(1, 6, "治安管理", ["治安", "公安", "户籍", "户口"]),
    article21(1, 7, "社会救助", ["社会救助", "救助", "低保", "最低生活保障", "特困"]),
  ]),
  township: Object.freeze([
    article21(2, 1, "农业农村政策", ["农业", "农村", "惠农", "涉农", "乡村振兴"]),
    article21(2, 2, "农田水利工程建设运营", ["农田水利", "水利工程", "农田"]),
    article21(2, 3, "农村土地承包经营权流转", ["土地承包", "经营权流转", "土地流转"]),
    article21(2, 4, "宅基地使用情况审核", ["宅基地"]),
    article21(2, 5, "土地征收", ["土地征收", "征地"]),
    article21(2, 6, "房屋征收", ["房屋征收", "征收补偿", "拆迁"]),
    article21(2, 7, "筹资筹劳", ["筹资筹劳", "一事一议"]),
    article21(2, 8, "社会救助", ["社会救助", "救助", "低保", "最低生活保障", "特困"]),
  ]),
});

function ground(
  id: string,
  label: string,
  text: string,
  effect: WithholdingEffect,
  keywords: readonly string[],
): NonDisclosureGround {
  const article = Number(id.split(".")[0]) as 14 | 15 | 16;
  return Object.freeze({ id, article, label, text, effect, keywords: Object.freeze([...keywords]) });
}

/** The grounds of 第十四、十五、十六条 for not disclosing (不予公开). */
export const NON_DISCLOSURE_GROUNDS: readonly NonDisclosureGround[] = Object.freeze([
  ground("14.1", "第十四条", "依法确定为国家秘密的政府信息", "must", ["国家秘密", "涉密", "保密"]),
  ground("14.2", "第十四条", "法律、行政法规禁止公开的政府信息", "must", ["法律行政法规禁止", "禁止公开"]),
  ground("14.3", "第十四条", "公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息", "must", [
    "国家安全", "公共安全", "经济安全", "社会稳定",
  ]),
  ground("15.1", "第十五条", "涉及商业秘密的政府信息（第三方同意或不公开会对公共利益造成重大影响的除外）", "must-unless-consent", ["商业秘密"]),
  ground("15.2", "第十五条", "涉及个人隐私的政府信息（第三方同意或不公开会对公共利益造成重大影响的除外）", "must-unless-consent", ["个人隐私", "隐私"]),
  ground("16.1", "第十六条第一款", "人事管理、后勤管理、内部工作流程等方面的内部事务信息", "may", [
    "内部事务", "人事管理", "后勤管理", "内部工作流程",
  ]),
  ground("16.2", "第十六条第二款", "讨论记录、过程稿、磋商信函、请示报告等过程性信息", "may", [
    "过程性", "讨论记录", "过程稿", "磋商信函", "请示报告",
  ]),
  ground("16.3", "第十六条第二款", "行政执法案卷信息", "may", ["行政执法案卷", "执法案卷", "案卷"]),
]);

/**
 * The statutory categories a body at `level` must cover. Every 行政机关 discloses 第二十条; 设区的市级
 * and 县级 governments add the first list of 第二十一条, 乡（镇） governments the second. 村（居） are not
 * 行政机关: the 条例 does not bind them (村务公开 has its own law), so the list is empty.
 */
export function statutoryCategoriesFor(level: JurisdictionLevel): readonly StatutoryItem[] {
  switch (level) {
    case "省":
      return ARTICLE_20;
    case "市":
    case "县":
      return BY_LEVEL_CITY_COUNTY;
    case "乡":
      return BY_LEVEL_TOWNSHIP;
    case "村":
      return [];
  }
}

const BY_LEVEL_CITY_COUNTY: readonly StatutoryItem[] = Object.freeze([...ARTICLE_20, ...ARTICLE_21.cityCounty]);
const BY_LEVEL_TOWNSHIP: readonly StatutoryItem[] = Object.freeze([...ARTICLE_20, ...ARTICLE_21.township]);

const DIGITS: Readonly<Record<string, number>> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 (and Arabic digits) → number; undefined when the text is not a numeral. */
function numeral(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const ten = text.indexOf("十");
  if (ten < 0) return text.length === 1 ? DIGITS[text] : undefined;
  const tens = ten === 0 ? 1 : DIGITS[text.slice(0, ten)];
  const rest = text.slice(ten + 1);
  const ones = rest === "" ? 0 : rest.length === 1 ? DIGITS[rest] : undefined;
  return tens === undefined || ones === undefined ? undefined : tens * 10 + ones;
}

// 第二十条(十二) · 第二十条第（十二）项 · 第20条第12项 · 第二十一条 — optionally preceded by 条例.
const CLAUSE = /第([〇零一二两三四五六七八九十\d]{1,4})条(?:第?[（(]([〇零一二两三四五六七八九十\d]{1,4})[)）]项?|第([〇零一二两三四五六七八九十\d]{1,4})项)?/g;

/** A clause reference understood: the article and, for 第二十条, the item. */
export interface ClauseReference {
  article: number;
  item?: number;
  /** The id of the 第二十条 item (`20.12`) or `21` for a bare 第二十一条; absent for other articles. */
  id?: string;
}

/**
 * Reads the clause references in a text such as `第二十条(十二)`, `第二十条第（七）项、第二十一条` or
 * `条例第20条第5项`. Unreadable parts are skipped, so the result may be empty.
 */
export function parseClauseReference(text: string): ClauseReference[] {
  const out: ClauseReference[] = [];
  for (const m of nfkc(text).matchAll(CLAUSE)) {
    const article = numeral(m[1]!);
    if (article === undefined) continue;
    const itemText = m[2] ?? m[3];
    const item = itemText === undefined ? undefined : numeral(itemText);
    const ref: ClauseReference = item === undefined ? { article } : { article, item };
    if (article === 20 && item !== undefined && item >= 1 && item <= 15) ref.id = `20.${item}`;
    else if (article === 21) ref.id = "21";
    out.push(ref);
  }
  return out;
}
