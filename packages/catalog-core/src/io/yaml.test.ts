import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Composer } from "yaml";
import { describe, expect, it } from "vitest";
import { readCatalogText } from "./read.js";
import { serviceCatalog, standardCatalog } from "./test-support/fixtures.js";
import { writeCatalogYaml, yamlWork } from "./yaml.js";

const read = (text: string | Uint8Array, limits?: { maxAliases?: number; maxDepth?: number }) =>
  readCatalogText(text, { file: "目录.yaml", ...(limits ? { limits } : {}) });

function errorOf(result: ReturnType<typeof read>) {
  if (result.ok) throw new Error("expected an error");
  return result.error;
}

const HAND_WRITTEN = `# 某县社会救助领域基层政务公开标准目录
kind: standard
schemaVersion: "1.0"
title: 某县社会救助领域基层政务公开标准目录
effectiveDate: 2024-03-01
entries:
  - items: [最低生活保障, 政策法规]
    timeLimit:
      raw: 信息形成或者变更之日起20个工作日内
      parsed: { type: relative, amount: 20, unit: 工作日 }
    audience: [全社会]

  - items:
      - 最低生活保障
      - 办理服务
    content: |
      申请条件
      办理流程
    method: [依申请公开]
`;

describe("readCatalogText — YAML", () => {
  it("reads hand-written YAML with the core schema: dates and yes stay strings, numbers are numbers", () => {
    const result = read(HAND_WRITTEN);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const catalog = result.catalog as typeof standardCatalog;
    expect(catalog.effectiveDate).toBe("2024-03-01");
    expect(catalog.entries[0]?.timeLimit?.parsed).toEqual({ type: "relative", amount: 20, unit: "工作日" });
    expect(catalog.entries[1]?.content).toBe("申请条件\n办理流程\n");
    expect(result.lines?.get("/entries/0")).toBe(7);
    expect(result.lines?.get("/entries/1")).toBe(13);
    expect(result.lines?.get("/entries/1/content")).toBe(16);
    expect(result.lines?.get("/title")).toBe(4);
  });

  it("round-trips a catalog written by writeCatalogYaml, quoting strings YAML would otherwise retype", () => {
    const odd = { ...serviceCatalog, version: "1.0", title: "yes", department: "null", entries: [{ name: "true", seq: "0505", hours: "~" }] };
    const text = writeCatalogYaml(odd);
    expect(text).toContain('version: "1.0"');
    expect(read(text)).toMatchObject({ ok: true, catalog: odd });
  });

  it("writes a basis shared by several entries in full, not as an alias", () => {
    const shared = { raw: "《社会救助暂行办法》" };
    const catalog = { ...standardCatalog, entries: [{ items: ["a"], basis: shared }, { items: ["b"], basis: shared }] };
    const text = writeCatalogYaml(catalog);
    expect(text).not.toMatch(/[&*]a\d/);
    expect(read(text, { maxAliases: 0 })).toMatchObject({ ok: true, catalog });
  });

  it("keeps multi-line text readable as a block", () => {
    expect(writeCatalogYaml(standardCatalog)).toContain("content: |-\n      1.法律法规\n      2.部门规章\n");
  });

  it("refuses a billion-laughs file", () => {
    const lol = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (const [prev, name] of [["a", "b"], ["b", "c"], ["c", "d"], ["d", "e"], ["e", "f"], ["f", "g"], ["g", "h"]]) {
      lol.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const error = errorOf(read(lol.join("\n")));
    expect(error).toMatchObject({ code: "limit", limit: "maxAliases" });
    expect(error.message).toContain("maxAliases");
  });

  it.each([
    ["kind: standard\nkind: power\n", 2, "重复的键名"],
    ["kind: standard\n---\nkind: power\n", 2, "多个 YAML 文档"],
    ["kind: standard\nentries:\n\t- items: [a]\n", 3, "制表符"],
    ["kind: standard\ntitle: [unclosed\n", 3, "YAML 语法错误"],
    ["kind: standard\ntitle: !!binary aGk=\n", 2, "标签"],
    ["kind: standard\ntitle: !custom x\n", 2, "标签"],
  ])("reports a syntax error with its line: %j", (text, line, phrase) => {
    const error = errorOf(read(text));
    expect(error).toMatchObject({ code: "syntax", file: "目录.yaml", line });
    expect(error.message).toContain(phrase);
  });

  it.each(["__proto__", "constructor", "prototype", '"__proto__"'])("rejects the key %s with pointer and line", (key) => {
    const error = errorOf(read(`kind: standard\nentries:\n  - items: [a]\n    ${key}: {polluted: yes}\n`));
    expect(error).toMatchObject({ code: "forbidden-key", line: 4, pointer: `/entries/0/${key.replace(/"/g, "")}` });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(["__proto__", "constructor", "prototype"])("checks keys after alias resolution: *k standing for %s is refused", (key) => {
    const text = `kind: standard\ntitle: &k ${key}\nentries:\n  - items: [a]\n    *k : {polluted: yes}\n`;
    const result = read(text);
    const error = errorOf(result);
    expect(error).toMatchObject({ code: "forbidden-key", line: 5, pointer: `/entries/0/${key}` });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // An alias key standing for an ordinary name is still a duplicate when the name is there already.
    expect(errorOf(read("kind: standard\ntitle: &k items\nentries:\n  - items: [a]\n    *k : [b]\n"))).toMatchObject({ code: "syntax", line: 5, pointer: "/entries/0/items" });
  });

  it("refuses nesting deeper than maxDepth", () => {
    expect(errorOf(read(`a: ${"[".repeat(50)}${"]".repeat(50)}`))).toMatchObject({ code: "limit", limit: "maxDepth" });
    const block = Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n");
    expect(errorOf(read(block))).toMatchObject({ code: "limit", limit: "maxDepth" });
    // Unbalanced and very deep input ends in a result, not a stack overflow.
    expect(read(`a: ${"[".repeat(200_000)}`).ok).toBe(false);
  });

  it("reports a duplicate key with its pointer", () => {
    expect(errorOf(read("kind: standard\nentries:\n  - items: [a]\n    items: [b]\n"))).toMatchObject({ code: "syntax", line: 4, pointer: "/entries/0/items" });
  });

  it("stops at the first of many errors and bounds compact nesting", () => {
    /** The error read reports for `text`, and the parser's work counted meanwhile (counts, not time). */
    const counted = (text: string) => {
      Object.assign(yamlWork, { lexemes: 0, errors: 0 });
      const error = errorOf(read(text));
      return { error, ...yamlWork };
    };
    // Without the early stops these take tens of seconds: yaml records every problem as an Error
    // object with a stack, and reads on through all 100,000 lexemes. With them, reading ends at the
    // first problem (or once nesting passes maxDepth, 32 here) and reports it (yaml may report a
    // problem inside a collection twice).
    const cases: Array<[string, object]> = [
      [`a: ${"[]".repeat(50_000)}`, { code: "syntax", line: 1 }],
      [`a: ${"!x b\n".repeat(20_000)}`, { code: "syntax", line: 1 }],
      [`${"- ".repeat(50_000)}x`, { code: "limit", limit: "maxDepth" }],
      [`${"? ".repeat(50_000)}x`, { code: "limit", limit: "maxDepth" }],
    ];
    for (const [text, error] of cases) {
      const done = counted(text);
      expect(done.error).toMatchObject(error);
      expect(done.lexemes, text.slice(0, 20)).toBeLessThan(100);
      expect(done.errors, text.slice(0, 20)).toBeLessThanOrEqual(2);
    }    // 20,000 keys each with an unknown tag: the whole text is read (the yaml composer runs on the
    // finished token list) but only the first problem is reported.
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: !x b\n`).join("");
    const tags = counted(`kind: standard\n${keys}`);
    expect(tags.error).toMatchObject({ code: "syntax", line: 2 });
    expect(tags.errors).toBeLessThanOrEqual(2);
  });

  it("depends on the exact yaml release whose private Composer.onError it wraps", () => {
    // parseYaml replaces Composer's private onError to stop at the first error. A caret range would let
    // an install pick a release where that silently stops working (or breaks): the version is pinned,
    // and this test says so when the pin or the private property changes.
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
    const installed = (createRequire(import.meta.url)("yaml/package.json") as { version: string }).version;
    expect(manifest.dependencies["yaml"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.dependencies["yaml"]).toBe(installed);
    expect(typeof (new Composer() as unknown as { onError?: unknown }).onError).toBe("function");
  });

  it("says when the document is not a mapping", () => {
    expect(errorOf(read("- a\n- b\n")).code).toBe("not-a-catalog");
    expect(errorOf(read("")).code).toBe("not-a-catalog");
  });
});

describe("readCatalogText — YAML, one entry at a time", () => {
  // The whole-document reader is the oracle: a trailing "..." (a document end marker) sends the same
  // text to it without moving anything.
  const whole = (text: string, limits?: { maxNodes?: number }) => readCatalogText(`${text}...\n`, { file: "目录.yaml", ...(limits ? { limits } : {}) });
  const byEntry = (text: string, limits?: { maxNodes?: number }) => {
    const before = yamlWork.byEntry;
    const result = readCatalogText(text, { file: "目录.yaml", ...(limits ? { limits } : {}) });
    return { result, byEntry: yamlWork.byEntry - before };
  };
  const many = { ...standardCatalog, entries: Array.from({ length: 200 }, (_, i) => ({ ...standardCatalog.entries[i % standardCatalog.entries.length]!, seq: String(i + 1) })) };
  const texts: Array<[string, string]> = [
    ["hand-written (comments, blank lines, flow and block values, a | block)", HAND_WRITTEN],
    ["written by writeCatalogYaml, 200 entries", writeCatalogYaml(many)],
    ["a service catalog", writeCatalogYaml(serviceCatalog)],
    ["members after the entries, quoted keys, a comment between entries", `kind: standard\nentries:\n  - items: [a]\n  # 第二项\n  - "items": [b]\n    content: >-\n      folded\n      text\n  - {items: [c]}\ntitle: 标题\n"schemaVersion": "1.0"\n`],
  ];

  it.each(texts)("reads %s exactly as the whole document: the same catalog and lines", (_name, text) => {
    const { result, byEntry: counted } = byEntry(text);
    expect(counted).toBe(1);
    const oracle = whole(text);
    expect(oracle.ok).toBe(true);
    expect(result).toStrictEqual(oracle);
  });

  it("bounds an entry, not the file: a catalog with more nodes than maxNodes is read", () => {
    const text = writeCatalogYaml(many);
    expect(whole(text, { maxNodes: 400 })).toMatchObject({ ok: false, error: { limit: "maxNodes" } });
    const { result, byEntry: counted } = byEntry(text, { maxNodes: 400 });
    expect(counted).toBe(1);
    expect(result.ok && result.catalog).toStrictEqual(JSON.parse(JSON.stringify(many)));
  });

  it("leaves anything else to the whole-document reader: errors, anchors and aliases, more entries than maxNodes", () => {
    const entries = Array.from({ length: 30 }, (_, i) => `  - items: [事项${i}]\n    seq: "${i}"\n`);
    const duplicate = `kind: standard\nentries:\n${entries.slice(0, 20).join("")}  - items: [x]\n    items: [y]\n${entries.slice(20).join("")}`;
    const aliased = `kind: standard\nentries:\n  - items: &same [甲]\n  - items: *same\n  - items: [乙]\n`;
    for (const [text, limits] of [[duplicate], [aliased], [`kind: standard\nentries:\n${entries.join("")}`, { maxNodes: 20 }]] as const) {
      const { result, byEntry: counted } = byEntry(text, limits);
      expect(counted).toBe(0);
      expect(result).toStrictEqual(whole(text, limits));
    }
    expect(errorOf(read(duplicate))).toMatchObject({ line: 44, pointer: "/entries/20/items" });
    const aliasedRead = read(aliased);
    expect(aliasedRead.ok && (aliasedRead.catalog as { entries: unknown[] }).entries).toEqual([{ items: ["甲"] }, { items: ["甲"] }, { items: ["乙"] }]);
  });
});
