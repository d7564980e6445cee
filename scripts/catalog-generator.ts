// A generator of province-scale catalog sets with known problems, for the benchmarks and the engine
// comparison tests: N bodies (cities 市 and their counties 县), each with two 标准目录 (社会救助 and
// 户籍管理, items from national master lists shared by every body), a 补充目录 that discloses the
// body's powers and services, a 权责清单 (the city's master list; counties take their city's items,
// same codes) and a 公共服务事项 list. Planted at known rates, and listed in `planted`:
//   - duplicates: an item listed twice in a 标准目录 (the copy spelled differently: spaces, full-width
//     brackets — one matching key), or a 标准目录 item repeated in the body's 补充目录; and near
//     duplicates (a word inserted into a long name);
//   - gaps: powers and services that the body's 补充目录 does not disclose (no disclosed power's
//     name is 0.85 alike to theirs: a city's powers of one noun differ in three token characters);
//   - conflicts: a 标准目录 item repeated in the body's 补充目录 within another 公开时限 (also a
//     duplicate);
//   - level mismatches: a county power whose basis cites another law than the city's.
// Deterministic for a seed. Catalogs come one at a time (a generator), so any scale fits in memory.
//
// Usage as a script: npx tsx scripts/catalog-generator.ts --entries 1000000 --catalogs 300 --out dir/
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Catalog, DisclosureEntry, PowerEntry, ServiceEntry } from "@zwgk/catalog-schemas";

/** An entry by catalog index (in generation order) and entry index. */
export type At = [catalog: number, index: number];

/** What was planted, with the entries concerned. */
export interface Planted {
  /** Exact (one matching key) duplicates: the original and the copy. */
  duplicates: Array<[At, At]>;
  /** Near duplicates: the original and the reworded copy. */
  nearDuplicates: Array<[At, At]>;
  /** Powers and services no disclosure entry covers. */
  gaps: At[];
  /** [the 标准目录 entry, the 补充目录 entry disclosing it differently]. */
  conflicts: Array<[At, At]>;
  /** [the city's power, the county's power with another basis]. */
  levelMismatches: Array<[At, At]>;
}

export interface GeneratorOptions {
  /** About how many entries in all (default 10,000). */
  entries?: number;
  /** How many catalogs (a multiple of 5: five per body; default 50). */
  catalogs?: number;
  seed?: number;
  /** Rates of planted problems (per eligible entry). */
  rates?: Partial<Record<"duplicate" | "near" | "gap" | "conflict" | "level", number>>;
}

const DEFAULT_RATES = { duplicate: 0.002, near: 0.0005, gap: 0.003, conflict: 0.001, level: 0.002 };

/** Deterministic PRNG (mulberry32): the generator and the benchmarks draw the same data on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters for place-like tokens that make names distinct (not procedure words, not numbers).
const TOKEN_CHARS =
  "青山河桥林溪峰岭湖塘源泉川原坪坝湾港洲岛岗坡谷沟涧潭滩溪荷梅兰竹菊松柏杨柳桃李杏桂枫槐榆桑茶稻麦豆棉麻丝瓷陶砖瓦石玉金银铜铁锦绣华荣昌盛兴隆福寿康宁安乐和顺丰裕富强明德仁义礼智信忠孝廉洁勤俭朴素嘉祥瑞吉庆";
const SOCIAL_NOUNS = ["最低生活保障", "特困人员救助供养", "临时救助", "医疗救助", "教育救助", "住房救助", "就业救助", "受灾人员救助", "孤儿基本生活保障", "残疾人两项补贴", "困境儿童保障", "流浪乞讨人员救助"];
const HOUSEHOLD_NOUNS = ["户口登记", "户口迁移", "居民身份证", "居住证", "户籍证明", "姓名变更", "民族成分更正", "出生日期更正", "集体户口", "投靠落户", "人才引进落户", "户口恢复"];
const POWER_NOUNS = ["道路运输经营", "危险化学品经营", "食品经营", "药品零售", "排污", "取水", "林木采伐", "种子生产经营", "兽药经营", "出版物零售", "网络文化经营", "建筑施工", "燃气经营", "医疗机构执业", "民办学校办学", "旅行社经营", "特种设备使用", "放射诊疗", "公共场所卫生", "河道采砂"];
const POWER_ACTIONS: Record<string, string[]> = {
  行政许可: ["许可", "审批", "核准"],
  行政处罚: ["违法行为处罚", "违规处罚"],
  行政检查: ["监督检查", "日常检查"],
  行政强制: ["查封扣押", "强制措施"],
  行政确认: ["资格确认", "登记确认"],
};
const POWER_TYPES = Object.keys(POWER_ACTIONS);
const SERVICE_NOUNS = ["社会保障卡申领", "养老保险参保登记", "医疗保险转移接续", "失业登记", "就业创业证申领", "高龄津贴发放", "公租房申请", "不动产登记查询", "婚姻登记预约", "预防接种证办理"];
const TIME = (days: number) => `信息形成或者变更之日起${days}个工作日内`;
const CHARS = [...TOKEN_CHARS];
const CHANNELS = ["政府网站", "政务新媒体", "公开查阅点", "便民服务站"];

/** In how many of their characters two tokens (same length) differ. */
export function tokenDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** A province: bodies in order, each a city (every tenth) or a county of the last city. */
function bodies(n: number): Array<{ name: string; code: string; level: "市" | "县"; city: number }> {
  const out: Array<{ name: string; code: string; level: "市" | "县"; city: number }> = [];
  let city = -1;
  let county = 0;
  for (let i = 0; i < n; i++) {
    if (i % 10 === 0) {
      city++;
      county = 0;
      out.push({ name: `第${city + 1}市`, code: `51${String(city + 1).padStart(2, "0")}00`, level: "市", city });
    } else {
      county++;
      out.push({ name: `第${city + 1}市第${county}县`, code: `51${String(city + 1).padStart(2, "0")}${String(county).padStart(2, "0")}`, level: "县", city });
    }
  }
  return out;
}

/**
 * The catalogs of a generated province, one at a time, in catalog-index order; `planted` is filled
 * as they are generated (complete when the generator is done).
 */
export function* generateCatalogs(options: GeneratorOptions = {}, planted: Planted = emptyPlanted()): Generator<Catalog> {
  const random = mulberry32(options.seed ?? 1);
  const rates = { ...DEFAULT_RATES, ...options.rates };
  const catalogCount = Math.max(5, Math.round((options.catalogs ?? 50) / 5) * 5);
  const bodyList = bodies(catalogCount / 5);
  // Per body: two 标准目录 of `a` items, a 补充目录 of about 2a, a 权责清单 and a service list of `a`.
  const a = Math.max(4, Math.round((options.entries ?? 10_000) / (bodyList.length * 6)));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const used = new Set<string>();
  const token = (): string => {
    for (;;) {
      const t = pick(CHARS) + pick(CHARS) + pick(CHARS) + pick(CHARS);
      if (!used.has(t)) {
        used.add(t);
        return t;
      }
    }
  };
  // National master lists of the two 标准目录: [一级事项, 二级事项]; the 二级 names are long enough
  // for a near duplicate to stay above the similarity threshold.
  const master = (nouns: readonly string[]) =>
    Array.from({ length: a }, (_, i) => [nouns[i % nouns.length]!, `${token()}${nouns[i % nouns.length]}${token()}事项办理`] as [string, string]);
  const domains = [
    { domain: "社会救助", items: master(SOCIAL_NOUNS) },
    { domain: "户籍管理", items: master(HOUSEHOLD_NOUNS) },
  ];
  // Each city's 权责清单 (its counties take the same items and codes) and service list.
  const cityPowers = new Map<number, Array<{ name: string; type: string; code: string; law: string }>>();
  const powersOf = (city: number) => {
    let list = cityPowers.get(city);
    if (!list) {
      // A city's powers of one noun differ in at least three of their token's four characters: a
      // power whose name is one character off another's (峰桂兴勤种子生产经营 / 昌桂兴勤种子生产经营,
      // 0.89 alike) is covered by the other's disclosure entry (docs/analysis.md, gap coverage), so
      // it could not be planted as a gap.
      const byNoun = new Map<string, string[]>();
      const distinctToken = (noun: string): string => {
        const others = byNoun.get(noun) ?? byNoun.set(noun, []).get(noun)!;
        for (;;) {
          const t = token();
          if (others.every((o) => tokenDistance(o, t) >= 3)) {
            others.push(t);
            return t;
          }
        }
      };
      list = Array.from({ length: a }, (_, i) => {
        const type = POWER_TYPES[i % POWER_TYPES.length]!;
        const noun = POWER_NOUNS[Math.floor(i / POWER_TYPES.length) % POWER_NOUNS.length]!;
        return { name: `${distinctToken(noun)}${noun}${pick(POWER_ACTIONS[type]!)}`, type, code: `${type === "行政许可" ? "XK" : "QT"}51${String(city + 1).padStart(2, "0")}${String(i).padStart(7, "0")}`, law: `《${pick(POWER_NOUNS)}管理条例》` };
      });
      cityPowers.set(city, list);
      if (cityPowers.size > 2) cityPowers.delete(cityPowers.keys().next().value!);
    }
    return list;
  };
  let catalogIndex = 0;
  for (let b = 0; b < bodyList.length; b++) {
    const body = bodyList[b]!;
    const jurisdiction = { name: body.name, level: body.level, code: body.code };
    const subjectOf = (dept: string) => `${body.name}${dept}`;
    const disclosure = (items: string[], days: number, dept: string, extra: Partial<DisclosureEntry> = {}): DisclosureEntry => ({
      items,
      content: `${items[items.length - 1]}的办理条件、申请材料、办理流程`,
      basis: { raw: "《中华人民共和国政府信息公开条例》" },
      timeLimit: { raw: TIME(days) },
      subject: subjectOf(dept),
      channels: { selected: [CHANNELS[0]!, CHANNELS[b % CHANNELS.length]!].filter((c, i, l) => l.indexOf(c) === i) },
      audience: ["全社会"],
      method: ["主动"],
      levels: [body.level === "市" ? "市级" : "县级"],
      ...extra,
    });
    // Two 标准目录.
    const standardIndex: number[] = [];
    const supplementaryCopies: DisclosureEntry[] = [];
    const conflictCopies = new Set<number>();
    const copyOrigins: At[] = [];
    for (const { domain, items } of domains) {
      const ci = catalogIndex++;
      standardIndex.push(ci);
      const entries: DisclosureEntry[] = items.map(([l1, l2], i) => ({ seq: String(i + 1), ...disclosure([l1, l2], 20, "民政局") }));
      const originals = entries.length;
      for (let i = 0; i < originals; i++) {
        const r = random();
        if (r < rates.duplicate) {
          // Spelled differently, same matching key: spaces and full-width brackets.
          const e = entries[i]!;
          const copy = { ...e, seq: String(entries.length + 1), items: [e.items[0]!, `（${e.items[1]!.slice(0, 3)}）${e.items[1]!.slice(3)} `] };
          entries.push(copy);
          planted.duplicates.push([[ci, i], [ci, entries.length - 1]]);
        } else if (r < rates.duplicate * 2) {
          supplementaryCopies.push({ ...entries[i]! });
          copyOrigins.push([ci, i]);
        } else if (r < rates.duplicate * 2 + rates.conflict) {
          // Repeated in the 补充目录 within another 公开时限: a duplicate and a conflict.
          supplementaryCopies.push({ ...entries[i]!, timeLimit: { raw: TIME(10) } });
          copyOrigins.push([ci, i]);
          conflictCopies.add(supplementaryCopies.length - 1);
        } else if (r < rates.duplicate * 2 + rates.conflict + rates.near) {
          const e = entries[i]!;
          const name = e.items[1]!;
          const copy = { ...e, seq: String(entries.length + 1), items: [e.items[0]!, `${name.slice(0, 6)}的${name.slice(6)}`] };
          entries.push(copy);
          planted.nearDuplicates.push([[ci, i], [ci, entries.length - 1]]);
        }
      }
      yield { schemaVersion: "1.0", kind: "standard", title: `${body.name}${domain}领域基层政务公开标准目录`, jurisdiction, department: "民政局", domain, entries } as Catalog;
    }
    // 补充目录: discloses the body's powers and services (except the planted gaps), and repeats a
    // few 标准目录 items (planted duplicates).
    const powers = powersOf(body.city);
    const services = Array.from({ length: a }, (_, i) => ({ name: `${token()}${SERVICE_NOUNS[i % SERVICE_NOUNS.length]}`, code: `${body.code}${String(i).padStart(6, "0")}000` }));
    const supplementaryIndex = catalogIndex++;
    const powerIndex = supplementaryIndex + 1;
    const serviceIndex = supplementaryIndex + 2;
    const supplementary: DisclosureEntry[] = [];
    powers.forEach((p, i) => {
      if (random() < rates.gap) return void planted.gaps.push([powerIndex, i]);
      const how = i % 3;
      if (how === 0) supplementary.push(disclosure(["行政权力事项", p.name], 20, "政务服务管理局"));
      else if (how === 1) supplementary.push(disclosure(["行政权力运行", `${p.type}事项第${i + 1}项`], 20, "政务服务管理局", { content: `${p.name}的依据、条件、程序` }));
      else supplementary.push(disclosure(["行政权力运行", `编号事项第${i + 1}项`], 20, "政务服务管理局", { code: p.code }));
    });
    services.forEach((s, i) => {
      if (random() < rates.gap) return void planted.gaps.push([serviceIndex, i]);
      supplementary.push(disclosure(["公共服务事项", `服务事项第${i + 1}项`], 20, "政务服务管理局", { code: s.code }));
    });
    supplementaryCopies.forEach((e, k) => {
      supplementary.push(e);
      const pair: [At, At] = [copyOrigins[k]!, [supplementaryIndex, supplementary.length - 1]];
      planted.duplicates.push(pair);
      if (conflictCopies.has(k)) planted.conflicts.push(pair);
    });
    supplementary.forEach((e, i) => (e.seq = String(i + 1)));
    yield { schemaVersion: "1.0", kind: "supplementary", title: `${body.name}主动公开补充目录`, jurisdiction, department: "民政局", entries: supplementary } as Catalog;
    // 权责清单: the city's items; a county sometimes cites another law (planted level mismatch).
    const cityPowerIndex = (body.city * 10) * 5 + 3; // the city is the first body of its ten
    const powerEntries: PowerEntry[] = powers.map((p, i) => {
      const mismatch = body.level === "县" && random() < rates.level;
      if (mismatch) planted.levelMismatches.push([[cityPowerIndex, i], [powerIndex, i]]);
      return { seq: String(i + 1), code: p.code, type: p.type, name: p.name, basis: { raw: `${mismatch ? "《中华人民共和国行政许可法》" : p.law}第十二条` }, subject: subjectOf("政务服务管理局") };
    });
    catalogIndex++;
    yield { schemaVersion: "1.0", kind: "power", title: `${body.name}权责清单`, jurisdiction, department: "民政局", entries: powerEntries } as Catalog;
    const serviceEntries: ServiceEntry[] = services.map((s, i) => ({ seq: String(i + 1), name: s.name, code: s.code, type: "公共服务", subject: subjectOf("政务服务管理局") }));
    catalogIndex++;
    yield { schemaVersion: "1.0", kind: "service", title: `${body.name}公共服务事项目录`, jurisdiction, department: "民政局", entries: serviceEntries } as Catalog;
  }
}

export function emptyPlanted(): Planted {
  return { duplicates: [], nearDuplicates: [], gaps: [], conflicts: [], levelMismatches: [] };
}

/** Writes the catalogs as JSON files (`00001-standard.json` …) into `dir`; returns the planted problems and counts. */
export function writeGenerated(dir: string, options: GeneratorOptions): { planted: Planted; files: string[]; entries: number } {
  mkdirSync(dir, { recursive: true });
  const planted = emptyPlanted();
  const files: string[] = [];
  let entries = 0;
  let i = 0;
  for (const catalog of generateCatalogs(options, planted)) {
    const file = join(dir, `${String(i++).padStart(5, "0")}-${catalog.kind}.json`);
    writeFileSync(file, JSON.stringify(catalog));
    files.push(file);
    entries += catalog.entries.length;
  }
  // Beside the folder, not in it: the folder holds only catalogs.
  writeFileSync(`${resolve(dir)}.planted.json`, JSON.stringify(planted));
  return { planted, files, entries };
}

if (process.argv[1] && /catalog-generator\.ts$/.test(process.argv[1])) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const out = process.argv[process.argv.indexOf("--out") + 1];
  if (!process.argv.includes("--out") || !out) throw new Error("usage: tsx scripts/catalog-generator.ts --entries N --catalogs C [--seed S] --out DIR");
  const r = writeGenerated(out, { entries: arg("entries", 10_000), catalogs: arg("catalogs", 50), seed: arg("seed", 1) });
  console.log(`${r.files.length} catalogs, ${r.entries} entries → ${out}`);
}

/** A finding as the checks need it: rule and the (catalog, index) of its entries. */
export interface FoundFinding {
  rule: string;
  entries: ReadonlyArray<{ catalog: number; index: number }>;
}

/** For each kind of planted problem: how many were planted and which of them no finding reports. */
export function plantedMissing(planted: Planted, findings: readonly FoundFinding[]): Record<keyof Planted, { planted: number; missing: unknown[] }> {
  const key = (at: At) => `${at[0]}/${at[1]}`;
  const byRule = new Map<string, Set<string>>();
  for (const f of findings) {
    const set = byRule.get(f.rule) ?? byRule.set(f.rule, new Set()).get(f.rule)!;
    const refs = f.entries.map((e) => `${e.catalog}/${e.index}`);
    // Every pair of entries of a finding (a group of exact duplicates names them all).
    for (let i = 0; i < refs.length; i++) {
      set.add(refs[i]!);
      for (let j = i + 1; j < refs.length; j++) set.add(`${refs[i]}|${refs[j]}`);
    }
  }
  const has = (rules: string[], k: string) => rules.some((r) => byRule.get(r)?.has(k));
  const pairs = (list: Array<[At, At]>, rules: string[]) => ({ planted: list.length, missing: list.filter(([a, b]) => !has(rules, `${key(a)}|${key(b)}`)) });
  return {
    duplicates: pairs(planted.duplicates, ["duplicate-exact"]),
    nearDuplicates: pairs(planted.nearDuplicates, ["duplicate-near"]),
    gaps: { planted: planted.gaps.length, missing: planted.gaps.filter((g) => !has(["gap-power-not-disclosed", "gap-service-not-disclosed"], key(g))) },
    conflicts: pairs(planted.conflicts, ["conflict-standard"]),
    levelMismatches: pairs(planted.levelMismatches, ["level-mismatch"]),
  };
}
