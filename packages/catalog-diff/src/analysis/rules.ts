import { fillTemplate, type RuleMeta, type RuleSetting, type Severity } from "@zwgk/catalog-core";
import type { AnalysisEntryRef, AnalysisFinding, AnalysisKind, FieldComparison } from "./types.js";

// The cross-catalog checks of `zwgk check` as rules: id, default severity, description and message
// templates, like the validation rules (docs/rules.md is generated from both). Severity is set per
// rule by the caller (`rules` in zwgk.config.json); "off" drops the rule's findings.

const ALL = ["standard", "supplementary", "power", "service"] as const;
const DISCLOSURE = ["standard", "supplementary"] as const;

/** Metadata of every analysis rule, in the order docs/rules.md lists them. */
export const ANALYSIS_RULES: readonly RuleMeta[] = Object.freeze<RuleMeta[]>([
  {
    id: "duplicate-exact",
    severity: "error",
    kinds: ALL,
    description:
      "同一事项不得重复列出：同一目录中，或同一单位的标准目录与补充目录中，事项名称相同（忽略全半角、繁简、空格和标点）的条目（梳理不重复）。",
    messages: { exact: "事项“{name}”在{where}重复列出 {count} 次（{reason}）" },
    hints: { exact: "保留一处、删除其余条目；标准目录已有的事项，补充目录不应再列（梳理不重复）。" },
  },
  {
    id: "duplicate-near",
    severity: "warning",
    kinds: ALL,
    description:
      "同一单位的目录中措辞不同的同一事项：去掉“信息、情况、公开、公示、事项、目录”等套语、“决定”与“结果”、行政审批与行政许可、行政执法与其下各类、“许可证核发”与“许可”视为相同，或名称相似度达到阈值；只差办理环节、类别或数字的名称（审核/审批）和一字之差的名称（采矿权/探矿权）不算。",
    messages: { near: "{where}事项“{a}”与“{b}”可能重复：{reason}" },
    hints: { near: "对照下列各栏核对：是同一事项则合并为一条；不是则可忽略，或在名称中写明两者的区别。" },
  },
  {
    id: "gap-power-not-disclosed",
    severity: "warning",
    kinds: ["power"],
    description:
      "权责清单的每项权力都应在同一单位的标准目录或补充目录中有公开条目：同一编码、针对该事项的条目，或不指明具体事项的通用条目（如“行政许可结果公示”“双公示”）。针对某一事项的条目不覆盖其他事项（事项无遗漏）。",
    messages: { missing: "权责清单事项“{name}”{type}在{body}的标准目录、补充目录中没有对应的公开条目{nearest}" },
    hints: {
      missing: "在标准目录或补充目录中增加公开该事项依据、条件、程序和结果的条目（条例第二十条第（五）（六）项）；依法不予公开的，请注明理由。",
    },
  },
  {
    id: "gap-service-not-disclosed",
    severity: "warning",
    kinds: ["service"],
    description:
      "公共服务事项清单的每个事项都应在同一单位的标准目录或补充目录中有公开条目：同一编码、针对该事项的条目，或“政务服务事项办事指南”一类不指明具体事项的通用条目（事项无遗漏）。",
    messages: { missing: "公共服务事项“{name}”在{body}的标准目录、补充目录中没有对应的公开条目{nearest}" },
    hints: { missing: "在标准目录或补充目录中增加公开该事项办事指南的条目；依法不予公开的，请注明理由。" },
  },
  {
    id: "gap-statutory-category",
    severity: "warning",
    kinds: DISCLOSURE,
    description:
      "有补充目录的单位，其标准目录和补充目录应涵盖条例第二十条（及本级的第二十一条）规定主动公开的各类信息：有条目在“条款内容”中引用该项，或公开事项、公开内容中出现该类信息的关键词。第二十一条的遗漏只作提示。",
    messages: {
      article20: "条例{label}“{text}”：{body}的目录中没有对应的公开事项（{level}级）",
      article21: "条例{label}“{text}”：{body}的目录中没有对应的公开事项（{level}级）",
    },
    hints: {
      article20: "在补充目录中增加该类信息的公开条目；已有条目涵盖的，在其“条款内容”列注明“第二十条({item})”。",
      article21: "条例第二十一条要求{level}级政府根据本地方的具体情况主动公开该方面信息：如本地有此类事项，请在补充目录中增加。",
    },
  },
  {
    id: "conflict-standard",
    severity: "warning",
    kinds: DISCLOSURE,
    description: "同一单位的两份目录中的同一事项，公开时限、公开方式、公开对象、公开主体、公开层级应一致（公开标准统一）；一方未填的不算不一致。",
    messages: { differs: "事项“{name}”在两份目录中的公开标准不一致（{reason}）：{details}" },
    hints: { differs: "统一两份目录中该事项的{labels}（公开标准统一）；若为重复列出，删除其中一条。" },
  },
  {
    id: "level-mismatch",
    severity: "warning",
    kinds: ["power"],
    description:
      "三级四同：同一权力事项在省、市、县各级权责清单中的名称、编码、类型和依据应相同。按编码或规范化后的名称（去掉层级说明，“许可证核发”视为“许可”）对应各级事项；此项检查有意跨单位进行。",
    messages: { differs: "权责清单事项“{name}”在{upper}级与{lower}级清单中的{labels}不一致（三级四同，跨单位比较；{reason}）" },
    hints: { differs: "以上级清单为准统一{labels}；确因地方性法规等原因不同的，请在备注中说明。" },
  },
  {
    id: "analysis-body-unknown",
    severity: "info",
    kinds: ALL,
    description: "读不出所属单位（行政区划和部门）的文件只检查自身，不与其他文件比较，并说明一次；单位从目录的行政区划、标题、公开主体/实施主体、实施编码中的行政区划代码或 zwgk.config.json 读取。",
    messages: { unknown: "无法确定本文件所属的单位：{why}。本文件只检查自身，不与其他文件比较。" },
    hints: { unknown: "在标题中写明行政区划和部门（如“宝坻区民政局政府信息主动公开补充目录”），或在 zwgk.config.json 的 bodies 中为该文件指定单位。" },
  },
  {
    id: "analysis-no-disclosure-catalog",
    severity: "info",
    kinds: ["power", "service"],
    description: "权责清单或公共服务事项清单所属单位在所给文件中没有标准目录或补充目录时，不检查遗漏，并说明一次。",
    messages: { none: "{body}的{what}没有同一单位的标准目录或补充目录可对照，未检查遗漏。" },
    hints: { none: "一并给出该单位的标准目录和补充目录，即可检查事项无遗漏。" },
  },
  {
    id: "analysis-limit",
    severity: "warning",
    kinds: ALL,
    description: "近似重复查找到达上限时停止（名称过于相似，如大量只由一两个字组成的名称，使候选对过多）或只列出前若干处，结果不完整，并说明一次是哪个上限（可用 --limit 调整），而不是耗尽内存。",
    messages: {
      stopped: "{what}在{progress}后停止（上限 {value}），结果不完整：名称过于相似，可能不是真实的事项名称。",
      listed: "可能重复的事项超过上限：只列出前 {value} 处，另有 {dropped} 处未列出。",
    },
    hints: {
      stopped: "检查文件中的事项名称是否正确；确为真实名称时，请分批检查，或用命令行选项 --limit {limit}=更大的值 放宽上限（会用更多时间和内存）。",
      listed: "请先处理已列出的可能重复，再重新检查；如需一次全部列出，可用命令行选项 --limit {limit}=更大的值。",
    },
  },
  {
    id: "analysis-gap-limit",
    severity: "warning",
    kinds: ["power", "service"],
    description: "检查权责清单或公共服务事项清单有无遗漏时，名称过于相似使需要比较的名称对过多的，比较在上限处停止并说明一次：该清单报告的遗漏可能有误。",
    messages: { stopped: "{list}的遗漏检查在比较了 {progress} 对名称后停止（上限 {value}）：名称过于相似，部分事项未与公开条目逐一比较，报告的遗漏可能有误。" },
    hints: { stopped: "检查文件中的事项名称是否正确；确为真实名称时，请按单位或清单分批检查，或用命令行选项 --limit {limit}=更大的值 放宽上限（会用更多时间）。" },
  },
]);

const META = new Map(ANALYSIS_RULES.map((m) => [m.id, m]));

/** Builds findings from the rules' templates with the severities in force. */
export class FindingMaker {
  constructor(private readonly severities: Readonly<Record<string, RuleSetting>> = {}) {}

  /** False when the rule is switched off. */
  enabled(rule: string): boolean {
    return this.severities[rule] !== "off";
  }

  make(
    kind: AnalysisKind,
    rule: string,
    messageId: string,
    data: Record<string, string | number>,
    entries: AnalysisEntryRef[],
    extra: { severity?: Severity; score?: number; reason?: string; fields?: FieldComparison[] } = {},
  ): AnalysisFinding {
    const meta = META.get(rule);
    if (!meta) throw new Error(`unknown analysis rule ${rule}`);
    const template = meta.messages[messageId];
    if (template === undefined) throw new Error(`analysis rule ${rule} has no message ${messageId}`);
    const set = this.severities[rule];
    const severity: Severity = set && set !== "off" ? set : extra.severity ?? meta.severity;
    const finding: AnalysisFinding = {
      kind,
      rule,
      severity,
      message: fillTemplate(template, data),
      hint: fillTemplate(meta.hints[messageId] ?? "", data),
      entries,
    };
    if (extra.score !== undefined) finding.score = Math.round(extra.score * 1000) / 1000;
    if (extra.reason) finding.reason = extra.reason;
    if (extra.fields) finding.fields = extra.fields;
    return finding;
  }
}
