import { normalizeForMatch } from "../normalize.js";
import { createVocabulary, freezeAll, type VocabularyMatch } from "./vocabulary.js";

/** A national 标准指引 (guideline) that defines a domain's standard catalog. */
export interface DomainGuideline {
  /** 文号, e.g. 民办函〔2019〕52号. */
  readonly document: string;
  /** Date of issue, YYYY-MM-DD, when known. */
  readonly date?: string;
}

/** One pilot domain (试点领域) of the 基层政务公开标准目录 and the other names it goes by. */
export interface DomainInfo {
  /** The name in the national list, e.g. 社会救助. */
  readonly name: string;
  /** Names seen in real catalog titles, e.g. 卫生健康 for 医疗卫生. */
  readonly aliases: readonly string[];
  /** The national guideline, when known. */
  readonly guideline?: DomainGuideline;
}

const MINZHENG: DomainGuideline = { document: "民办函〔2019〕52号", date: "2019-04-30" };
const RENSHE: DomainGuideline = { document: "人社厅函〔2019〕113号", date: "2019-06-03" };
const YINGJI: DomainGuideline = { document: "应急厅函〔2019〕390号" };

/**
 * The 26 pilot domains of the 基层政务公开标准化规范化 programme (国办发〔2019〕54号 and the
 * guidelines that followed), in the national order, with the aliases real catalog titles use.
 * Treat the list as open: local sets add domains (see {@link LOCAL_DOMAINS}).
 */
export const DOMAINS: readonly DomainInfo[] = freezeAll([
  { name: "国土空间规划", aliases: ["城乡规划", "自然资源"] },
  { name: "重大建设项目", aliases: [], guideline: { document: "发改办投资〔2019〕621号", date: "2019-05-27" } },
  { name: "公共资源交易", aliases: [], guideline: { document: "发改办法规〔2019〕752号" } },
  { name: "财政预决算", aliases: ["财政预算决算", "预决算"] },
  { name: "安全生产", aliases: [], guideline: YINGJI },
  { name: "税收管理", aliases: [] },
  { name: "征地补偿", aliases: [] },
  { name: "国有土地上房屋征收", aliases: ["国有土地上房屋征收与补偿"] },
  { name: "保障性住房", aliases: [] },
  { name: "农村危房改造", aliases: [] },
  { name: "环境保护", aliases: ["生态环境"] },
  { name: "公共文化服务", aliases: [] },
  { name: "公共法律服务", aliases: [] },
  { name: "扶贫", aliases: ["乡村振兴", "脱贫攻坚"] },
  { name: "救灾", aliases: [], guideline: YINGJI },
  { name: "食品药品监管", aliases: ["食品药品", "食品药品监督管理"] },
  { name: "城市综合执法", aliases: [] },
  { name: "就业", aliases: ["就业创业"], guideline: RENSHE },
  { name: "社会保险", aliases: [], guideline: RENSHE },
  { name: "社会救助", aliases: [], guideline: MINZHENG },
  { name: "养老服务", aliases: [], guideline: MINZHENG },
  { name: "户籍管理", aliases: [] },
  { name: "涉农补贴", aliases: [] },
  { name: "义务教育", aliases: [] },
  { name: "医疗卫生", aliases: ["卫生健康"] },
  { name: "市政服务", aliases: [] },
] satisfies DomainInfo[]);

/**
 * Domains that local sets add to the 26 (seen in published county catalogs). A catalog in one of
 * these is legitimate, only not one of the national pilot domains.
 */
export const LOCAL_DOMAINS: readonly DomainInfo[] = freezeAll([
  { name: "广播电视和网络视听", aliases: ["广播电视"] },
  { name: "旅游", aliases: ["文化旅游", "文化和旅游"] },
  { name: "政府文件信息", aliases: [] },
  { name: "新闻出版版权", aliases: ["新闻出版"] },
] satisfies DomainInfo[]);

/** How a text named a domain: its national (or local) name, the alias used, and whether it is local. */
export interface DomainMatch extends VocabularyMatch {
  /** True for a {@link LOCAL_DOMAINS} domain, absent for the 26. */
  local?: true;
}

const national = createVocabulary(DOMAINS);
const local = createVocabulary(LOCAL_DOMAINS);

function find(key: string): DomainMatch | undefined {
  const hit = national.lookupKey(key);
  if (hit) return { ...hit };
  const loc = local.lookupKey(key);
  return loc ? { ...loc, local: true } : undefined;
}

// For titles: the earliest domain name inside the text wins, the longest at the same place
// ("就业创业" over "就业"). National names are tried before local ones at the same position.
function search(key: string): DomainMatch | undefined {
  let best: { at: number; len: number; match: DomainMatch } | undefined;
  for (const [vocab, isLocal] of [[national, false], [local, true]] as const) {
    for (const [k, match] of vocab.keys) {
      const at = key.indexOf(k);
      if (at < 0) continue;
      if (!best || at < best.at || (at === best.at && k.length > best.len)) {
        best = { at, len: k.length, match: isLocal ? { ...match, local: true } : { ...match } };
      }
    }
  }
  return best?.match;
}

/**
 * The domain a text names: an exact name or alias (after {@link normalizeForMatch}), or else the
 * domain named inside a longer text such as a title ("宝坻区社会救助领域基层政务公开标准目录" →
 * 社会救助). Returns the national name, and `alias` when the text used an alias.
 *
 * @example
 * ```ts
 * resolveDomain("卫生健康"); // { name: "医疗卫生", alias: "卫生健康" }
 * ```
 */
export function resolveDomain(text: string): DomainMatch | undefined {
  const key = normalizeForMatch(text);
  if (!key) return undefined;
  return find(key) ?? search(key);
}

/** The known domain (national or local) closest to a text that names none, for "did you mean". */
export function closestDomain(text: string): string | undefined {
  return national.closest(text) ?? local.closest(text);
}
