// A catalog survives every format pair: xlsx → json → yaml → xml → xlsx. Runs per property:
// ZWGK_FUZZ_RUNS (default 40; `npm run fuzz` raises it).
//
// What an xlsx sheet cannot hold, exactly (everything else comes back):
// - header: only `kind`, `title` and `domain` are cells; `schemaVersion` becomes the current
//   SCHEMA_VERSION, `source` describes the sheet read, and `$schema`, `jurisdiction`, `department`,
//   `version` and `effectiveDate` are not kept. A missing or blank title becomes the official one.
// - text: a cell is trimmed of whitespace (not of the vertical tab and form feed, which are written
//   escaped) (asCell); a text that is then empty is absent. Lone surrogates are written escaped and
//   come back as they were.
// - meaning derived from text: 同上 takes the row above's value, and 公开依据/公开时限/公开渠道 are
//   parsed from their text, so parsed values must be those of their text (the importer's image).
// - layout: marks come back in column order and extras in the order of their columns (names in
//   order of first appearance); 事项 paths of one catalog share a depth.
// - an extra whose name has a part that is blank once trimmed comes back named 未命名列
//   (UNNAMED_EXTRA_HEADER): a blank header would read its values as header text.
// The first property covers any generated catalog: whatever the first pass through xlsx keeps,
// every later pass through any format keeps exactly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Basis, Catalog, CatalogKind, ExtraColumn } from "@zwgk/catalog-schemas";
import { SCHEMA_VERSION } from "@zwgk/catalog-schemas";
import {
  DOMAINS,
  entryFields,
  isSameAsAbove,
  KIND_LABELS,
  parseBasis,
  parseChannels,
  parseTimeLimit,
  readCatalogText,
  writeCatalogJson,
  writeCatalogXml,
  writeCatalogYaml,
} from "@zwgk/catalog-core";
import { catalogArbitrary, nonEmpty, text } from "../../catalog-core/src/io/test-support/arbitraries.js";
import { writeCatalogXlsx } from "./export/write.js";
import { readCatalogs } from "./import/read.js";
import { trimCell } from "./import/row-mapper.js";
import { nodeInflate } from "./reader/inflate-node.js";

const RUNS = Math.max(1, Number(process.env.ZWGK_FUZZ_RUNS) || 40);
/** The default run replays one seed, so CI is repeatable; with ZWGK_FUZZ_RUNS set each run explores new cases. */
const PARAMS = { numRuns: RUNS, ...(process.env.ZWGK_FUZZ_RUNS ? {} : { seed: 20_240_301 }) };
const TIMEOUT = Math.max(60_000, RUNS * 200);
const FILE = "往返.xlsx";

/** A text as a cell gives it back. */
const asCell = (s: string): string => trimCell(s);

async function viaXlsx(catalog: Catalog): Promise<Catalog> {
  const catalogs = await readCatalogs(await writeCatalogXlsx(catalog), { file: FILE, inflate: nodeInflate });
  expect(catalogs).toHaveLength(1);
  return catalogs[0] as Catalog;
}

function viaText(catalog: Catalog, format: "json" | "yaml" | "xml"): Catalog {
  const write = { json: writeCatalogJson, yaml: writeCatalogYaml, xml: writeCatalogXml }[format];
  const result = readCatalogText(write(catalog), { format });
  if (!result.ok) throw new Error(`${format}: ${result.error.message}`);
  return result.catalog as Catalog;
}

/** xlsx → json → yaml → xml → xlsx from a catalog already read from xlsx: nothing may change. */
async function expectStable(first: Catalog): Promise<void> {
  const xml = viaText(viaText(viaText(first, "json"), "yaml"), "xml");
  expect(xml).toStrictEqual(first);
  expect(await viaXlsx(xml)).toStrictEqual(first);
}

const withoutSource = (catalog: Catalog): unknown => JSON.parse(JSON.stringify(catalog, (key, value) => (key === "source" ? undefined : value)));

// The importer's image: cell texts (asCell, never 同上) and values parsed from them, built from
// the same hostile text arbitraries the text-format round trips use.
const cellText = text.map(asCell).map((s) => (s === "" || isSameAsAbove(s) ? undefined : s));
const required = nonEmpty.map(asCell).filter((s) => s !== "" && !isSameAsAbove(s));
const BASIS = new Set(["basis", "responsibilityBasis", "accountabilityBasis"]);
const ATTRIBUTES = ["主动公开", "依申请公开", "不予公开", "部分公开", "删减后公开"] as const;
const MARKS = { audience: ["全社会", "特定群体"], method: ["主动", "依申请"], levels: ["县级", "乡级"] } as const;
/**
 * Names of unmodelled columns, some of them a modelled column's header (备注, 序号; 公开属性 in a
 * 权责清单). Not 公开属性 in a 标准目录: text its 公开属性 column cannot hold comes back in that
 * column, not in an extra column of its own.
 */
const EXTRA_NAMES = ["公开时长", "公开属性", "备注", "序号", "__proto__", "constructor", "办理情况"];
const extraNames = (kind: CatalogKind) => (kind === "standard" || kind === "supplementary" ? EXTRA_NAMES.filter((n) => n !== "公开属性") : EXTRA_NAMES);

function valueOf(field: string, raw: string): unknown {
  if (BASIS.has(field)) return parseBasis(raw) satisfies Basis;
  if (field === "timeLimit") {
    const parsed = parseTimeLimit(raw).parsed;
    return parsed ? { raw, parsed } : { raw };
  }
  if (field === "channels") return parseChannels(raw);
  return raw;
}

function entryArbitrary(kind: CatalogKind, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [field] of entryFields(kind)) {
    if (field === "items") fields.items = fc.array(required, { minLength: depth, maxLength: depth });
    else if (field in MARKS) fields[field] = fc.subarray([...MARKS[field as keyof typeof MARKS]], { minLength: 1 });
    else if (field === "attribute") fields.attribute = fc.constantFrom(...ATTRIBUTES);
    else if (field === "name") fields.name = required;
    else if (field !== "extra" && field !== "source") fields[field] = cellText.filter((s) => s !== undefined).map((s) => valueOf(field, s as string));
  }
  fields.extra = fc
    .subarray(extraNames(kind))
    .chain((names) => fc.tuple(...names.map(() => required)).map((values) => names.map((name, i) => ({ name, value: values[i] as string }))))
    .filter((x) => x.length > 0);
  const requiredKeys = kind === "standard" || kind === "supplementary" ? ["items"] : ["name"];
  return fc.record(fields, { requiredKeys: requiredKeys as never[], noNullPrototype: true });
}

/** A generated catalog (header from the core arbitrary) with entries in the importer's image. */
const imageCatalog = catalogArbitrary.chain((c) =>
  fc
    .tuple(
      fc.integer({ min: 1, max: 3 }).chain((depth) => fc.array(entryArbitrary(c.kind, depth), { minLength: 1, maxLength: 6 })),
      fc.constantFrom(...DOMAINS.map((d) => d.name)),
      fc.boolean(),
    )
    .map(([entries, domain, titled]) => {
      const { source: _, ...header } = c;
      const out = { ...header, entries } as Record<string, unknown>;
      delete out.domain;
      // The kind of a 标准目录 or 补充目录 is told from its title and sheet name, so they must say it.
      if (c.kind === "standard") {
        out.domain = domain;
        out.title = titled ? `某县${domain}领域基层政务公开标准目录` : undefined;
      } else if (c.kind === "supplementary") out.title = titled ? "某县财政局政府信息主动公开补充目录" : undefined;
      if (out.title === undefined) delete out.title;
      return out as unknown as Catalog;
    }),
);

/** What reading the sheet gives back, by the rules at the top of this file. */
function expected(c: Catalog): Catalog {
  // The title row is read with String.prototype.trim, which also removes the vertical tab and form
  // feed that entry cells keep: a title of only those is blank.
  const trimmed = c.title?.trim();
  const title = trimmed ? trimmed : c.kind === "standard" && c.domain ? `${c.domain}领域${KIND_LABELS.standard}` : KIND_LABELS[c.kind];
  const names: string[] = [];
  for (const e of c.entries) for (const x of e.extra ?? []) if (!names.includes(x.name)) names.push(x.name);
  const entries = c.entries.map((e) => {
    const out = { ...e } as Record<string, unknown>;
    if (e.extra) out.extra = [...e.extra].sort((a: ExtraColumn, b: ExtraColumn) => names.indexOf(a.name) - names.indexOf(b.name));
    return out;
  });
  return { schemaVersion: SCHEMA_VERSION, kind: c.kind, title: asCell(title), ...(c.kind === "standard" && c.domain ? { domain: c.domain } : {}), entries } as unknown as Catalog;
}

describe("round trip across formats", () => {
  it("catalogs in the importer's image come back exactly, through every format", async () => {
    await fc.assert(
      fc.asyncProperty(imageCatalog, async (catalog) => {
        const first = await viaXlsx(catalog);
        expect(withoutSource(first)).toEqual(withoutSource(expected(catalog)));
        await expectStable(first);
      }),
      // Found at 5,000 runs: a title of only a vertical tab.
      { ...PARAMS, examples: [[{ schemaVersion: SCHEMA_VERSION, title: "\u000b", kind: "service", entries: [{ name: "最低生活保障" }] } as unknown as Catalog]] },
    );
  }, TIMEOUT);

  it("any generated catalog: after one pass through xlsx, json → yaml → xml → xlsx changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(catalogArbitrary, async (generated) => {
        const { source: _, ...rest } = generated;
        await expectStable(await viaXlsx(rest as Catalog));
      }),
      PARAMS,
    );
  }, TIMEOUT);
});
