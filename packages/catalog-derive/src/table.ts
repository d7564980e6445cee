// The derivation table: what information the process of each kind of power or service produces, and
// the legal source that makes it public. One row per drafted entry kind; `draftCatalog` only reads
// this table, and docs/DERIVATION.md is generated from it (npm run generate, drift-tested).
//
// Law cited: 《中华人民共和国政府信息公开条例》(2019, 国务院令第711号) 第二十条, 第二十六条;
// 《中华人民共和国行政许可法》第三十条 (公示事项、依据、条件、程序、期限、材料目录和示范文本),
// 第四十条 (准予许可的决定应当公开); 《中华人民共和国行政处罚法》(2021) 第三十四条 (裁量基准向社会
// 公布), 第三十九条 (实施机关、立案依据、实施程序和救济渠道公示), 第四十八条 (具有一定社会影响的
// 处罚决定公开); 国办发〔2018〕118号 (行政执法公示制度: 执法决定公开, 许可和处罚7个工作日内, 其他
// 20个工作日内).

/** Which 公开时限 a rule gives its entries. */
export type TimeLimitRule = "decision" | "formed";

/** One 公开时限 rule: the text written into 公开时限 and where it comes from. */
export interface TimeLimitInfo {
  readonly id: TimeLimitRule;
  /** The 公开时限 as drafted entries state it. */
  readonly text: string;
  readonly source: string;
}

/**
 * 公开时限 of drafted entries (REFERENCE §8): decisions on 行政许可 and 行政处罚 within 7 working days
 * of the decision; everything else within 20 working days of the information being formed or changed.
 */
export const TIME_LIMITS: Readonly<Record<TimeLimitRule, TimeLimitInfo>> = Object.freeze({
  decision: Object.freeze({
    id: "decision",
    text: "自作出行政决定之日起7个工作日内",
    source: "国办发〔2018〕118号：行政许可、行政处罚的执法决定信息自作出决定之日起7个工作日内公开",
  }),
  formed: Object.freeze({
    id: "formed",
    text: "信息形成或者变更之日起20个工作日内",
    source: "条例第二十六条：自该政府信息形成或者变更之日起20个工作日内予以公开；其他执法决定（国办发〔2018〕118号）亦为20个工作日",
  }),
});

/** What a power or service is, for the table: one of the 9+X power types, or 公共服务 (a service item). */
export type DerivationSubject =
  | "行政许可"
  | "行政处罚"
  | "行政强制"
  | "行政征收"
  | "行政给付"
  | "行政检查"
  | "行政确认"
  | "行政奖励"
  | "行政裁决"
  | "其他行政权力"
  | "公共服务";

/** One row of the derivation table: one disclosure entry drafted for every power or service of a type. */
export interface DerivationRule {
  /** Stable id, `<type>/<item>`, recorded in each drafted entry's `source.derivedFrom.rule`. */
  readonly id: string;
  /** The power type (9+X) or 公共服务 the rule applies to. */
  readonly appliesTo: DerivationSubject;
  /** The 事项 level added under the power's name, e.g. 办事指南, 许可结果. */
  readonly item: string;
  /** 公开内容（要素）. */
  readonly content: string;
  /** 条例第二十条 items that require the disclosure, by id (`20.5`); the first is the main one. */
  readonly clauses: readonly string[];
  readonly timeLimit: TimeLimitRule;
  /** 公开对象. */
  readonly audience: readonly string[];
  /** 公开渠道和载体 (names of the standard 13-option list). */
  readonly channels: readonly string[];
  /** The legal source of the rule, as a person cites it. */
  readonly source: string;
}

const GUIDE_CHANNELS = ["政府网站", "政务服务中心"] as const;
const RESULT_CHANNELS = ["政府网站"] as const;
const PUBLIC = ["全社会"] as const;

function rule(
  appliesTo: DerivationSubject,
  item: string,
  content: string,
  clauses: readonly string[],
  timeLimit: TimeLimitRule,
  channels: readonly string[],
  source: string,
): DerivationRule {
  return Object.freeze({
    id: `${appliesTo}/${item}`,
    appliesTo,
    item,
    content,
    clauses: Object.freeze([...clauses]),
    timeLimit,
    audience: PUBLIC,
    channels: Object.freeze([...channels]),
    source,
  });
}

/**
 * The derivation table: for every power type of the 9+X classification and for 公共服务事项, the
 * disclosure entries its process produces ("梳理权力运行和服务过程每个环节产生的政府信息").
 */
export const DERIVATION_TABLE: readonly DerivationRule[] = Object.freeze([
  rule("行政许可", "办事指南", "许可依据、许可条件、申请材料目录及申请书示范文本、办理程序、办理时限、收费依据及标准、咨询和监督方式", ["20.5", "20.8"], "formed", GUIDE_CHANNELS,
    "条例第二十条第（五）项、第（八）项；《中华人民共和国行政许可法》第三十条"),
  rule("行政许可", "许可结果", "准予行政许可决定：决定文书号、被许可人、许可事项和内容、有效期限、作出决定的机关和日期", ["20.5"], "decision", RESULT_CHANNELS,
    "条例第二十条第（五）项（办理结果）；《中华人民共和国行政许可法》第四十条；国办发〔2018〕118号"),
  rule("行政处罚", "处罚依据和程序", "处罚依据、处罚种类和幅度（裁量基准）、实施机关、立案依据、实施程序、救济渠道", ["20.6"], "formed", GUIDE_CHANNELS,
    "条例第二十条第（六）项；《中华人民共和国行政处罚法》第三十四条、第三十九条"),
  rule("行政处罚", "处罚决定", "具有一定社会影响的行政处罚决定：决定书文号、被处罚人、主要违法事实、处罚依据、处罚种类和内容、作出决定的机关和日期", ["20.6"], "decision", RESULT_CHANNELS,
    "条例第二十条第（六）项；《中华人民共和国行政处罚法》第四十八条；国办发〔2018〕118号"),
  rule("行政强制", "强制依据和程序", "强制措施或强制执行的依据、条件、实施机关、实施程序、救济渠道", ["20.6"], "formed", GUIDE_CHANNELS,
    "条例第二十条第（六）项"),
  rule("行政强制", "强制决定", "行政强制决定：决定文书号、当事人、强制措施或执行内容、作出决定的机关和日期", ["20.15"], "formed", RESULT_CHANNELS,
    "条例第二十条第（十五）项；国办发〔2018〕118号（执法决定公开）"),
  rule("行政征收", "征收依据和标准", "征收依据、征收项目和标准、征收程序、减免缓条件、救济渠道", ["20.8"], "formed", GUIDE_CHANNELS,
    "条例第二十条第（八）项"),
  rule("行政征收", "征收决定", "征收决定：决定文书号、征收对象、征收项目和金额、作出决定的机关和日期", ["20.15"], "formed", RESULT_CHANNELS,
    "条例第二十条第（十五）项；国办发〔2018〕118号（执法决定公开）"),
  rule("行政给付", "给付政策", "给付依据、给付对象和条件、给付标准、申请材料、办理程序、办理时限", ["20.11"], "formed", GUIDE_CHANNELS,
    "条例第二十条第（十一）项"),
  rule("行政给付", "给付结果", "给付对象、给付项目、标准和金额（涉及个人隐私的，依条例第十五条处理）", ["20.11"], "formed", RESULT_CHANNELS,
    "条例第二十条第（十一）项（政策、措施及其实施情况）"),
  rule("行政检查", "检查依据和计划", "检查依据、检查主体、检查事项和内容、检查方式（随机抽查事项清单）、检查程序", ["20.13", "20.15"], "formed", GUIDE_CHANNELS,
    "条例第二十条第（十三）项、第（十五）项；国办发〔2018〕118号（执法事前公开）"),
  rule("行政检查", "检查结果", "检查对象、检查时间、检查结果、发现问题及处理情况", ["20.13", "20.15"], "formed", RESULT_CHANNELS,
    "条例第二十条第（十三）项（监督检查情况）、第（十五）项；国办发〔2018〕118号（执法决定公开）"),
  rule("行政确认", "办事指南", "确认依据、确认条件、申请材料、办理程序、办理时限、收费依据及标准", ["20.5"], "formed", GUIDE_CHANNELS,
    "条例第二十条第（五）项（其他对外管理服务事项的依据、条件、程序）"),
  rule("行政确认", "确认结果", "确认结果（涉及商业秘密、个人隐私的，依条例第十五条处理）", ["20.5"], "formed", RESULT_CHANNELS,
    "条例第二十条第（五）项（办理结果）"),
  rule("行政奖励", "奖励依据和标准", "奖励依据、奖励条件和标准、评选程序", ["20.5"], "formed", GUIDE_CHANNELS,
    "条例第二十条第（五）项（其他对外管理服务事项的依据、条件、程序）"),
  rule("行政奖励", "奖励结果", "奖励对象、奖励内容、作出决定的机关和日期", ["20.5"], "formed", RESULT_CHANNELS,
    "条例第二十条第（五）项（办理结果）"),
  rule("行政裁决", "裁决依据和程序", "裁决依据、受理条件、申请材料、裁决程序、办理时限", ["20.5"], "formed", GUIDE_CHANNELS,
    "条例第二十条第（五）项（其他对外管理服务事项的依据、条件、程序）"),
  rule("行政裁决", "裁决结果", "裁决决定（涉及商业秘密、个人隐私的，依条例第十五条处理）", ["20.5"], "formed", RESULT_CHANNELS,
    "条例第二十条第（五）项（办理结果）"),
  rule("其他行政权力", "办事指南", "办理依据、办理条件、申请材料、办理程序、办理时限、收费依据及标准", ["20.5"], "formed", GUIDE_CHANNELS,
    "条例第二十条第（五）项（其他对外管理服务事项的依据、条件、程序）"),
  rule("其他行政权力", "办理结果", "办理结果", ["20.5"], "formed", RESULT_CHANNELS,
    "条例第二十条第（五）项（办理结果）"),
  rule("公共服务", "办事指南", "办理依据、受理单位、基本流程、申请材料、示范文本及常见错误示例、收费依据及标准、办理时限、咨询方式", ["20.5", "20.8"], "formed", GUIDE_CHANNELS,
    "条例第二十条第（五）项、第（八）项；公共服务事项清单公开要素（各地政务公开工作规则）"),
]);

/** The rules of one power type or of 公共服务, in table order. */
export function rulesFor(subject: DerivationSubject): readonly DerivationRule[] {
  return BY_SUBJECT.get(subject) ?? [];
}

const BY_SUBJECT: ReadonlyMap<DerivationSubject, readonly DerivationRule[]> = (() => {
  const map = new Map<DerivationSubject, DerivationRule[]>();
  for (const r of DERIVATION_TABLE) (map.get(r.appliesTo) ?? map.set(r.appliesTo, []).get(r.appliesTo)!).push(r);
  return map;
})();
