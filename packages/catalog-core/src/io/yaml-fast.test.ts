import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import type { Catalog } from "@zwgk/catalog-schemas";
import { describe, expect, it } from "vitest";
import { generateCatalogs, mulberry32 } from "../../../../scripts/catalog-generator.js";
import { resolveTextLimits, type TextLimits } from "./errors.js";
import { readCatalogText } from "./read.js";
import { catalogArbitrary, FUZZ_RUNS } from "./test-support/arbitraries.js";
import { fixtures } from "./test-support/fixtures.js";
import { countStringWork } from "./test-support/string-work.js";
import { readYamlWithPackage, writeCatalogYaml, yamlWork } from "./yaml.js";
import { plainScalarValue, readYamlFast } from "./yaml-fast.js";

const LIMITS = resolveTextLimits(undefined);

/** readCatalogText on YAML text, and whether the fast reader read it (counted, never timed). */
function readCounted(text: string | Uint8Array, limits?: Partial<TextLimits>) {
  const before = yamlWork.fast;
  const result = readCatalogText(text, { file: "目录.yaml", format: "yaml", ...(limits ? { limits } : {}) });
  return { result, fast: yamlWork.fast - before };
}

/** What the yaml package reads (entry by entry, else whole): the reader the fast one must equal. */
const oracle = (text: string, limits: TextLimits = LIMITS) => readYamlWithPackage(text, limits, "目录.yaml");

/** The fast reader took `text` and read exactly what the yaml-package reader reads. */
function expectFastAndEqual(text: string | Uint8Array, limits?: Partial<TextLimits>) {
  const { result, fast } = readCounted(text, limits);
  expect(fast).toBe(1);
  const decoded = typeof text === "string" ? text.replace(/^\ufeff/, "") : new TextDecoder().decode(text);
  const expected = oracle(decoded, resolveTextLimits(limits));
  expect(expected.ok).toBe(true);
  expect(result).toStrictEqual(expected);
  return result;
}

function exampleCatalogs(): Array<[string, Catalog]> {
  const root = new URL("../../../../examples/", import.meta.url);
  const out: Array<[string, Catalog]> = [];
  for (const dir of [root, new URL("county/catalogs/", root)]) {
    for (const name of readdirSync(dir)) {
      if (name.endsWith(".json")) out.push([name, JSON.parse(readFileSync(new URL(name, dir), "utf8")) as Catalog]);
    }
  }
  return out;
}

describe("readYamlFast: what zwgk writes", () => {
  const examples = exampleCatalogs();
  const generated = [...generateCatalogs({ entries: 1500, catalogs: 5, seed: 7 })];

  it("has example and generated catalogs to read", () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
    expect(generated.length).toBe(5);
  });

  it.each([...examples, ...fixtures.map((c, i) => [`fixture ${i}`, c] as [string, Catalog])])("reads the writer's YAML of %s as the yaml package does", (_name, catalog) => {
    const text = writeCatalogYaml(catalog);
    expectFastAndEqual(text);
    // …and as the writer's input, through JSON (what convert round-trips).
    const read = readCatalogText(text, { file: "目录.yaml" });
    expect(read.ok && read.catalog).toStrictEqual(JSON.parse(JSON.stringify(catalog)));
  });

  it("reads generated catalogs (every kind, hundreds of entries) as the yaml package does", () => {
    for (const catalog of generated) expectFastAndEqual(writeCatalogYaml(catalog));
  });

  it("reads hand-edited variants of the writer's text: CRLF, a BOM, comments, blank lines, other indents, single quotes", () => {
    const text = writeCatalogYaml(generated[0]!);
    const variants: string[] = [
      text.replace(/\n/g, "\r\n"),
      `\ufeff${text}`,
      // Comments (on their own lines and after values) and blank lines.
      `# 标准目录\n\n${text
        .replace(/\n {2}- /g, "\n\n  # 下一项\n  - ")
        .split("\n")
        .map((l, i) => (i % 7 === 3 && /^ *[\w$]+: [^|]/.test(l) && !l.includes(" #") ? `${l}   # 备注` : l))
        .join("\n")}\n# end\n`,
      // Entries at the key's indentation, as PyYAML and others write them.
      text.replace(/\n {2}/g, "\n"),
      // Four-space indentation (and the first key of an entry three spaces after its dash).
      text.replace(/\n( +)/g, (_m, s: string) => `\n${s}${s}`).replace(/^( *)- /gm, "$1-   "),
      // Single-quoted strings where the writer used double quotes without escapes.
      text.replace(/"([^"\\']*)"/g, "'$1'"),
      // No final line break.
      text.replace(/\n$/, ""),
    ];
    for (const variant of variants) expectFastAndEqual(variant);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expectFastAndEqual(bom);
  });

  it("reads what the streaming writer writes with a line map, and without one when lines are not wanted", () => {
    const text = writeCatalogYaml(generated[1]!);
    const withLines = expectFastAndEqual(text);
    expect(withLines.ok && withLines.lines?.get("/entries/0")).toBeGreaterThan(1);
    const before = yamlWork.fast;
    const noLines = readCatalogText(text, { file: "目录.yaml", lines: false });
    expect(yamlWork.fast - before).toBe(1);
    expect(noLines).toStrictEqual({ ok: true, catalog: withLines.ok && withLines.catalog });
  });

  it("leaves a catalog near a limit to the yaml package, which reads or refuses it as before", () => {
    const text = writeCatalogYaml(generated[2]!);
    const entries = (generated[2]!.entries as unknown[]).length;
    for (const limits of [{ maxNodes: entries + 1 }, { maxNodes: 40 }, { maxDepth: 4 }, { maxDepth: 2 }]) {
      const { result, fast } = readCounted(text, limits);
      expect(fast).toBe(0);
      expect(result).toStrictEqual(oracle(text, resolveTextLimits(limits)));
    }
  });

  it.each([
    ["a flow collection", "kind: standard\nentries:\n  - items: [a, b]\n"],
    ["an anchor and an alias", "kind: standard\nentries:\n  - items: &x\n      - a\n  - items: *x\n"],
    ["a tag", "kind: standard\ntitle: !!str 1\n"],
    ["a document marker", "---\nkind: standard\n"],
    ["a multi-line plain scalar", "kind: standard\ntitle: 某县\n  社会救助\n"],
    ["a multi-line quoted scalar", 'kind: standard\ntitle: "某县\n  社会救助"\n'],
    ["a folded block", "kind: standard\ntitle: >\n  a\n  b\n"],
    ["a duplicate key", "kind: standard\nkind: power\n"],
    ["a forbidden key", "kind: standard\n__proto__: 1\n"],
    ["a tab", "kind: standard\ntitle:\tx\n"],
    ["a key that is a number", "kind: standard\n1: x\n"],
    ["an empty sequence item", "kind: standard\nentries:\n  -\n  - items:\n      - a\n"],
    ["a nested mapping on the key's line", "kind: standard\ntitle: a: b\n"],
  ])("declines %s", (_name, text) => {
    const { result, fast } = readCounted(text);
    expect(fast).toBe(0);
    expect(readYamlFast(text, LIMITS)).toBeUndefined();
    expect(result).toStrictEqual(oracle(text));
  });

  it("resolves plain scalars as the core schema does", () => {
    const cases: Array<[string, unknown]> = [
      ["~", null], ["null", null], ["Null", null], ["NULL", null], ["nULL", "nULL"],
      ["true", true], ["True", true], ["TRUE", true], ["tRUE", "tRUE"], ["yes", "yes"], ["on", "on"],
      ["0o17", 15], ["0o8", "0o8"], ["017", 17], ["+12", 12], ["-0", -0], ["0x1F", 31], ["0X1F", "0X1F"], ["-0x1", "-0x1"],
      [".inf", Infinity], ["-.Inf", -Infinity], ["+.INF", Infinity], [".nan", NaN], ["-.nan", "-.nan"],
      ["1e3", 1000], ["1.5E-2", 0.015], [".5", 0.5], ["1.", 1], ["1_000", "1_000"], ["2024-03-01", "2024-03-01"], ["1.0.0", "1.0.0"],
    ];
    for (const [source, value] of cases) {
      expect(plainScalarValue(source), source).toStrictEqual(value);
      const text = `kind: standard\nv: ${source}\n`;
      const fast = readYamlFast(text, LIMITS);
      const expected = oracle(text);
      expect(fast && { ok: true, catalog: fast.catalog, lines: fast.lines }, source).toStrictEqual(expected);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Generative: documents in and around the subset; whenever the fast reader accepts one, it must
// read exactly what the yaml package reads. No try/catch: any exception fails the property.

const WORDS = [
  "最低生活保障", "社会救助", "政务", "a", "b", "entries", "items", "kind", "title", "x y", "😀", "👨‍👩‍👧", "\u00a0", "\u3000",
  "0", "-1", "+2", "0o17", "0x1F", "1e3", ".5", "1.", ".inf", "-.inf", ".NaN", "1_0", "0b1", "2024-03-01", "1.0",
  "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "yes", "no", "on", "__proto__", "constructor", "toString",
];
const PIECES = [
  ...WORDS, "#", " #", "# ", ":", ": ", " :", "a:b", "a: b", "-", "- ", "?", "? ", ",", "[", "]", "{", "}", "&a", "*a", "!", "!!str",
  "|", ">", "'", "''", '"', "\\", "%", "@", "`", " ", "  ", "\ud800", "\ufeff", "\u2028", "\u0085", "\u007f", "---", "...",
];
// Characters the fast reader declines wherever they stand: drawn rarely, so most documents are read.
const RARE = ["\t", "\r", "\u0000", "\u001f", "\n\ufeff"];

type Rng = () => number;
// How noisy the document being built is: 0 (only comments and blank lines added) or 1.
let noise = 0;
const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const chance = (r: Rng, p: number) => r() < p;

function rawText(r: Rng): string {
  if (chance(r, 0.4)) return pick(r, WORDS);
  let s = "";
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) s += chance(r, noise * 0.02) ? pick(r, RARE) : pick(r, PIECES);
  return s;
}

function doubleQuoted(r: Rng, s: string): string {
  if (chance(r, 0.6)) return JSON.stringify(s);
  const escapes = ["\\x41", "\\u00e9", "\\U0001F600", "\\U00110000", "\\N", "\\_", "\\/", "\\ ", "\\0", "\\e", "\\q", "\\u12", "\\ud83d\\ude00", '\\"', "\\\\"];
  let out = "";
  for (const ch of s) out += ch === '"' || ch === "\\" ? `\\${ch}` : ch;
  if (chance(r, 0.7)) out += pick(r, escapes);
  return `"${out}"`;
}

// What a clean document writes plain: text the writer would also leave plain, give or take.
const PLAIN_OK = /^(?=.)(?![,[\]{}#&*!|>'"%@`?:]|-(?:\s|$))(?!.*(?:: |:$))/s;

function scalar(r: Rng): string {
  const s = rawText(r);
  if (!noise) {
    if (chance(r, 0.5) && PLAIN_OK.test(s)) return s;
    return chance(r, 0.8) ? JSON.stringify(s) : `'${s.replace(/'/g, "''")}'`;
  }
  const form = r();
  if (form < 0.5) return s;
  if (form < 0.8) return doubleQuoted(r, s);
  return `'${chance(r, 0.9) ? s.replace(/'/g, "''") : s}'`;
}

const KEYS = ["items", "seq", "content", "basis", "raw", "名称", "事项", "a b", "a:b", "a#b", "x.y", "$schema", "k-1"];

function key(r: Rng): string {
  if (!noise) return chance(r, 0.8) ? pick(r, KEYS) : JSON.stringify(pick(r, WORDS.slice(6, 14)));
  const k = chance(r, 0.6) ? pick(r, KEYS) : chance(r, 0.5) ? pick(r, WORDS) : rawText(r);
  const form = r();
  if (form < 0.7) return k;
  if (form < 0.9) return doubleQuoted(r, k);
  return `'${k.replace(/'/g, "''")}'`;
}

const comment = (r: Rng) => (chance(r, 0.15) ? pick(r, [" # 备注", " #", noise ? "#x" : " #x", "  # a: b"]) : "");
const pad = (n: number) => " ".repeat(n);

/** Lines of a node whose first line starts with `head` (e.g. `  key:` or `  -`), in a collection at column `col`. */
function node(r: Rng, head: string, col: number, depth: number, inSeq: boolean): string[] {
  const step = pick(r, [2, 2, 2, 1, 3, 4]);
  const k = depth > 4 ? r() * 0.5 : r();
  if (k < 0.45) return [`${head} ${scalar(r)}${comment(r)}`];
  if (k < 0.5) return noise || !inSeq ? [`${head}${comment(r)}`] : [`${head} ${scalar(r)}`];
  if (k < 0.58) {
    const header = noise ? pick(r, ["|", "|", "|-", "|-", "|+", ">", "|2", "| # c", "|x"]) : pick(r, ["|", "|-"]);
    const indent = col + step;
    const body: string[] = [];
    const n = 1 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) {
      const c = r();
      if (!noise) body.push(i > 0 && c < 0.15 ? "" : `${pad(indent + (i > 0 && chance(r, 0.15) ? 2 : 0))}${rawText(r).trim() || "x"}`);
      else body.push(c < 0.15 ? "" : c < 0.2 ? pad(indent + Math.floor(r() * 3) - 1) : `${pad(indent + (chance(r, 0.15) ? 2 : 0))}${rawText(r)}`);
    }
    return [`${head} ${header}`, ...body];
  }
  if (k < 0.63) return [`${head} ${noise ? pick(r, ["[]", "{}", "[ ]", "[a, b]", "{a: 1}", "[]x", "{} # c"]) : pick(r, ["[]", "{}", "[] # c"])}`];
  if (k < 0.67 && noise) return [`${head} ${pick(r, ["&a x", "*a", "!!str 1", "? a", "- a", "a: b"])}`];
  if (k < 0.85) {
    // A mapping: compact on the item's line, or on the next lines.
    if (inSeq && chance(r, 0.6)) {
      const first = `${head}${pad(1 + (chance(r, 0.2) ? 2 : 0))}`;
      return mapping(r, first.length, depth + 1, first);
    }
    return [`${head}${comment(r)}`, ...mapping(r, col + step, depth + 1)];
  }
  // A sequence: indented, or (under a key) at the key's column.
  const at = !inSeq && chance(r, 0.3) ? col : col + step;
  return [`${head}${comment(r)}`, ...sequence(r, at, depth + 1)];
}

function mapping(r: Rng, col: number, depth: number, firstPrefix?: string, used = new Set<string>()): string[] {
  const out: string[] = [];
  const n = 1 + Math.floor(r() * 4);
  const keys = chance(r, noise * 0.1) ? ["a", "a"] : [];
  for (let i = 0; i < n; i++) {
    let k = keys[i] ?? key(r);
    // Clean documents repeat no key.
    const name = (k: string) => (k.startsWith('"') ? (JSON.parse(k) as string) : k);
    if (!noise) {
      if (used.has(name(k))) k = `k${used.size}`;
      used.add(name(k));
    }
    const head = `${i === 0 && firstPrefix !== undefined ? firstPrefix : pad(col)}${k}${chance(r, 0.05) ? " " : ""}:`;
    out.push(...node(r, head, col, depth, false));
  }
  return out;
}

function sequence(r: Rng, col: number, depth: number): string[] {
  const out: string[] = [];
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) out.push(...node(r, `${pad(col)}-`, col, depth, true));
  return out;
}

/** A whole document: mostly a root mapping with `entries`, then noise: comments, blank lines, CRLF, shifted lines. */
function yamlDocument(seed: number): string {
  const r = mulberry32(seed);
  noise = chance(r, 0.5) ? 1 : 0;
  const lines: string[] = [];
  if (chance(r, 0.03)) lines.push(pick(r, ["---", "%YAML 1.2\n---"]));
  const rootKeys = new Set(["entries"]);
  lines.push(...mapping(r, 0, 1, undefined, rootKeys));
  if (chance(r, 0.8)) {
    const at = chance(r, 0.3) ? 0 : 2;
    lines.push(`entries:${comment(r)}`);
    const n = 1 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) {
      if (chance(r, 0.2)) lines.push(pick(r, ["", `${pad(Math.floor(r() * 6))}# 第${i}项`]));
      lines.push(...(chance(r, 0.8) ? mapping(r, at + 2, 3, `${pad(at)}- `) : node(r, `${pad(at)}-`, at, 3, true)));
    }
  }
  if (chance(r, 0.3)) lines.push(...mapping(r, 0, 1, undefined, rootKeys));
  const noisy: string[] = [];
  for (const line of lines) {
    if (chance(r, 0.05)) noisy.push(pick(r, ["", "", "   ", `${pad(Math.floor(r() * 8))}# c`, "#", noise ? "\t# t" : "# t"]));
    let l = line;
    if (chance(r, noise * 0.01)) l = ` ${l}`;
    if (chance(r, noise * 0.01) && l.startsWith(" ")) l = l.slice(1);
    if (chance(r, noise * 0.03)) l += pick(r, [" ", "  ", " ", "\t"]);
    noisy.push(l);
  }
  if (chance(r, 0.02)) noisy.push("...");
  const eol = chance(r, 0.15) ? "\r\n" : "\n";
  return noisy.join(eol) + (chance(r, 0.8) ? eol : "");
}

describe("readYamlFast: work in proportion to the text (counted, not timed)", () => {
  // A catalog of about `n` generated entries whose texts take each scalar style the reader scans:
  // plain, double-quoted (a leading [ needs quotes), literal blocks, and escapes in the first few
  // entries only, so that most quoted texts have no backslash after them.
  function styled(n: number): { text: string; entries: number } {
    const [catalog] = [...generateCatalogs({ entries: n, catalogs: 1, seed: 11 })] as Array<Catalog & { entries: Array<Record<string, unknown>> }>;
    catalog!.entries.forEach((e, i) => {
      const content = String(e.content);
      // A tab is written as \t: the only backslashes in the file are those of the first entries.
      if (i < 5) e.content = `[附件${i}]\t${content}`;
      else if (i % 3 === 1) e.content = `[附件${i}] ${content}`;
      else if (i % 3 === 2) e.content = `${content}\n第二行：办理地点\n第三行：联系方式`;
    });
    return { text: writeCatalogYaml(catalog!), entries: catalog!.entries.length };
  }

  it("examines each character a bounded number of times, however long the file", () => {
    const ratios = [2000, 20000].map((n) => {
      const { text, entries } = styled(n);
      expect(entries).toBeGreaterThan(n / 40);
      expect(text).toContain('content: "[附件');
      expect(text).toContain("content: |");
      expect(text.indexOf("\\", text.indexOf("[附件7]"))).toBe(-1);
      const { result, work } = countStringWork(() => readYamlFast(text, LIMITS));
      expect(result?.catalog.entries).toHaveLength(entries);
      return work / text.length;
    });
    // About five per character; a search that ran on past its line or scalar would grow with the
    // file (the backslash search that 71acf13 bounded cost 220 and 2,200 per character here).
    expect(ratios[0]).toBeLessThan(8);
    expect(ratios[1]).toBeLessThan(ratios[0]! * 1.1);
  });
});

describe("readYamlFast: generative", () => {
  it("reads exactly what the yaml package reads whenever it accepts a document", () => {
    let accepted = 0;
    let runs = 0;
    const limitChoices: TextLimits[] = [LIMITS, { ...LIMITS, maxDepth: 4 }, { ...LIMITS, maxNodes: 30 }, { ...LIMITS, maxDepth: 6, maxNodes: 60 }];
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...limitChoices), (seed, limits) => {
        runs++;
        const text = yamlDocument(seed);
        const fast = readYamlFast(text, limits);
        if (!fast) return;
        accepted++;
        const expected = oracle(text, limits);
        expect(expected).toStrictEqual({ ok: true, catalog: fast.catalog, lines: fast.lines });
      }),
      { numRuns: Math.max(2000, FUZZ_RUNS * 20) },
    );
    // The generator must exercise the accepted side, not only the declines (counted, not timed).
    expect(accepted).toBeGreaterThan(runs / 20);
  });

  it("reads any schema-valid catalog the writer writes exactly as the yaml package does, when it accepts it", () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(catalogArbitrary, (catalog) => {
        runs++;
        const text = writeCatalogYaml(catalog);
        const fast = readYamlFast(text, LIMITS);
        if (!fast) return;
        accepted++;
        expect(oracle(text)).toStrictEqual({ ok: true, catalog: fast.catalog, lines: fast.lines });
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
    expect(accepted).toBeGreaterThan(runs / 4);
  });
});
