import { normalizeForMatch } from "../normalize.js";
import { createVocabulary, freezeAll, type Term } from "./vocabulary.js";

/** One disclosure channel (公开渠道和载体) and the other ways catalogs write it. */
export interface ChannelInfo {
  /** The name as the standard checkbox list writes it. */
  readonly name: string;
  /** Spellings that mean the same channel (written alone, without the rest of the name). */
  readonly aliases: readonly string[];
}

/**
 * The 13 options of the standard 公开渠道和载体 checkbox list, in the order the list prints them.
 * {@link formatChannels} lays them out in this order.
 */
export const STANDARD_CHANNELS: readonly ChannelInfo[] = freezeAll([
  { name: "政府网站", aliases: ["政府门户网站", "门户网站"] },
  { name: "政府公报", aliases: [] },
  { name: "两微一端", aliases: ["政务新媒体", "政务微博", "政务微信", "微信公众号", "政务客户端"] },
  { name: "发布会/听证会", aliases: ["新闻发布会", "发布会", "听证会"] },
  { name: "广播电视", aliases: ["广播", "电视"] },
  { name: "纸质媒体", aliases: ["报刊", "报纸"] },
  { name: "公开查阅点", aliases: ["政府信息公开查阅点", "查阅点"] },
  { name: "政务服务中心", aliases: ["政务服务大厅", "政务大厅"] },
  { name: "便民服务站", aliases: ["便民服务中心"] },
  { name: "入户/现场", aliases: ["入户", "现场"] },
  { name: "社区/企事业单位/村公示栏（电子屏）", aliases: ["社区/企事业单位/村公示栏"] },
  { name: "精准推送", aliases: [] },
  { name: "其他", aliases: [] },
] satisfies ChannelInfo[]);

/**
 * Channels local catalogs add to the 13 (seen in published catalogs). They are accepted by the
 * unknown-channel rule and written after the 13 on export.
 */
export const KNOWN_EXTRA_CHANNELS: readonly ChannelInfo[] = freezeAll([
  { name: "投资项目在线审批监管平台", aliases: ["全国投资项目在线审批监管平台"] },
  { name: "公共资源交易平台", aliases: ["公共资源交易网"] },
  { name: "信用中国网站", aliases: ["信用中国"] },
  { name: "12345政务服务热线", aliases: ["12345热线", "12345"] },
  { name: "政务服务网", aliases: ["一体化政务服务平台"] },
  { name: "会议", aliases: [] },
  { name: "线下公示栏", aliases: [] },
] satisfies ChannelInfo[]);

const ALL: readonly Term[] = [...STANDARD_CHANNELS, ...KNOWN_EXTRA_CHANNELS];
/** The 13 standard channels and the known extras, compiled for lookups (internal to the package). */
export const channelVocabulary = createVocabulary(ALL);
const standardNames: ReadonlySet<string> = new Set(STANDARD_CHANNELS.map((c) => c.name));

// "其他：微信群" / "其他(村民大会)": the 其他 option with its detail, a known channel.
const OTHER_WITH_DETAIL = /^其[他它]\s*[:：(（【[]/;

/** The canonical name of a channel, or undefined when the name is not a known channel. */
export function canonicalChannel(name: string): string | undefined {
  return channelVocabulary.lookup(name)?.name;
}

/** True for the 13 standard options and the known extras (also "其他：…" with a detail). */
export function isKnownChannel(name: string): boolean {
  return channelVocabulary.lookupKey(normalizeForMatch(name)) !== undefined || OTHER_WITH_DETAIL.test(name.trim());
}

/** True for one of the 13 standard options (by canonical name). */
export function isStandardChannel(name: string): boolean {
  return standardNames.has(name);
}

/**
 * The known channel closest to a name that is not one, for "did you mean".
 *
 * @example
 * ```ts
 * closestChannel("政府网"); // "政府网站"
 * ```
 */
export function closestChannel(name: string): string | undefined {
  return channelVocabulary.closest(name);
}
