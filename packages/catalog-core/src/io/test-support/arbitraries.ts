// fast-check arbitraries of schema-valid catalogs of every kind, for the round-trip and fuzz tests.
// Test-only. The strings mix realistic Chinese text with everything a text format finds hard.
import fc from "fast-check";
import type { Catalog } from "@zwgk/catalog-schemas";

const REALISTIC = [
  "最低生活保障",
  "信息形成或者变更之日起20个工作日内",
  "《中华人民共和国政府信息公开条例》第二十条(十二)",
  "县级人民政府民政部门",
  "社区/企事业单位/村公示栏（电子屏）",
  "行政許可", // traditional script
  "公開事項",
  "同上",
  "√",
  "0505",
  "1.0",
  "true",
  "null",
  "~",
  "yes",
  "2024-03-01",
  "0x1F",
  "1e3",
  "-",
  "",
];
// Each unit is something JSON, YAML or XML must escape, quote or preserve exactly.
const TRICKY = [
  " ", "  ", "\n", "\r", "\r\n", "\t", "<", ">", "&", '"', "'", "]]>", "\\", "/", "#", ":", ": ", "- ", "? ",
  "|", "*", "!", "%", "@", "`", "{", "}", "[", "]", ",", "&amp;", "&#13;", "\\u000B", "😀", "👨‍👩‍👧", "政", "務",
  "\u00a0", "\u3000", "\u2028", "\ufeff", "\u000b", "\u0000", "\u001f", "\u007f", "\ufffe", "\ud800", "\udfff", "__proto__",
];

/** Any text, often realistic, often hostile. */
export const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...REALISTIC) },
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...TRICKY, "a", "政务"), maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
);
/** Text of at least one character (`minLength: 1`; ajv counts code points). */
export const nonEmpty = text.filter((s) => s.length > 0);

const unit = fc.constantFrom("工作日" as const, "日" as const, "小时" as const, "月" as const);
const amount = fc.oneof(fc.integer({ min: 1, max: 365 }), fc.double({ min: Number.MIN_VALUE, max: 1e9, noNaN: true, noDefaultInfinity: true }));
const positive = fc.integer({ min: 1, max: 2_000_000 });
const marks = fc.uniqueArray(nonEmpty, { maxLength: 3 });
const optional = { noNullPrototype: true, requiredKeys: [] as never[] };

const basis = fc.record(
  { raw: text, written: text, documents: fc.array(fc.record({ title: nonEmpty, clause: text, rank: text }, { noNullPrototype: true, requiredKeys: ["title"] }), { maxLength: 3 }) },
  { noNullPrototype: true, requiredKeys: ["raw"] },
);
const parsed = fc.record(
  {
    type: fc.constantFrom("relative" as const, "fixed" as const, "realtime" as const, "prompt" as const),
    anchor: text,
    amount,
    unit,
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    endOfMonth: fc.boolean(),
    lawOverride: fc.boolean(),
    exceptions: fc.array(fc.record({ scope: text, anchor: text, amount, unit }, { noNullPrototype: true, requiredKeys: ["scope", "amount", "unit"] }), { maxLength: 2 }),
  },
  { noNullPrototype: true, requiredKeys: ["type"] },
);
const timeLimit = fc.record({ raw: text, parsed }, { noNullPrototype: true, requiredKeys: ["raw"] });
const channels = fc.record({ raw: text, selected: fc.array(nonEmpty, { maxLength: 3 }), unselected: fc.array(nonEmpty, { maxLength: 3 }) }, { noNullPrototype: true, requiredKeys: ["selected"] });
const extra = fc.array(fc.record({ name: nonEmpty, value: text }, { noNullPrototype: true }), { maxLength: 3 });
const derivation = fc.record(
  { rule: nonEmpty, kind: fc.constantFrom("standard", "supplementary", "power", "service"), file: text, sheet: text, row: positive, code: text, name: text, type: text },
  { noNullPrototype: true, requiredKeys: ["rule"] },
);
const entrySource = fc.record({ file: text, sheet: text, row: positive, line: positive, pointer: text, derivedFrom: derivation }, optional);

const disclosureEntry = fc.record(
  {
    seq: text,
    code: text,
    items: fc.array(nonEmpty, { minLength: 1, maxLength: 4 }),
    content: text,
    basis,
    timeLimit,
    subject: text,
    channels,
    audience: marks,
    method: marks,
    levels: marks,
    attribute: fc.constantFrom("主动公开" as const, "依申请公开" as const, "不予公开" as const, "部分公开" as const, "删减后公开" as const),
    nonDisclosureReason: text,
    clause: text,
    extra,
    source: entrySource,
  },
  { noNullPrototype: true, requiredKeys: ["items"] },
);
const powerEntry = fc.record(
  {
    seq: text, code: text, type: text, name: nonEmpty, subItem: text, basis, subject: text, department: text, level: text,
    responsibilities: text, responsibilityBasis: basis, accountabilityScope: text, accountabilityCases: text,
    accountabilityBasis: basis, remark: text, status: text, extra, source: entrySource,
  },
  { noNullPrototype: true, requiredKeys: ["name"] },
);
const serviceEntry = fc.record(
  {
    seq: text, name: nonEmpty, code: text, baseCode: text, type: text, subject: text, basis, serviceObject: text,
    acceptingUnit: text, process: text, materials: text, fees: text, legalTimeLimit: text, promisedTimeLimit: text,
    consultation: text, complaint: text, location: text, hours: text, extra, source: entrySource,
  },
  { noNullPrototype: true, requiredKeys: ["name"] },
);

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const header = fc.record(
  {
    $schema: text,
    schemaVersion: fc.nat({ max: 99 }).map((n) => `1.${n}`),
    title: text,
    jurisdiction: fc.record({ name: nonEmpty, level: fc.constantFrom("省" as const, "市" as const, "县" as const, "乡" as const, "村" as const), code: text }, { noNullPrototype: true, requiredKeys: ["name"] }),
    department: text,
    domain: text,
    version: text,
    effectiveDate: fc.tuple(fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`),
    source: fc.record(
      {
        file: text,
        sheet: text,
        format: fc.constantFrom("xlsx" as const, "json" as const, "yaml" as const, "xml" as const),
        template: fc.record({ id: text, version: text }, { noNullPrototype: true }),
        headerRows: fc.array(positive, { maxLength: 3 }),
        columns: fc.array(fc.record({ column: fc.stringMatching(/^[A-Z]{1,3}$/), header: text, field: text, value: text }, { noNullPrototype: true, requiredKeys: ["column", "header"] }), { maxLength: 3 }),
      },
      optional,
    ),
  },
  { noNullPrototype: true, requiredKeys: ["schemaVersion"] },
);

const entries = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 4 });

/** A schema-valid catalog of any of the four kinds. */
export const catalogArbitrary: fc.Arbitrary<Catalog> = fc.oneof(
  fc.tuple(header, entries(disclosureEntry)).map(([h, e]) => ({ ...h, kind: "standard" as const, entries: e })),
  fc.tuple(header, entries(disclosureEntry)).map(([h, e]) => ({ ...h, kind: "supplementary" as const, entries: e })),
  fc.tuple(header, entries(powerEntry)).map(([h, e]) => ({ ...h, kind: "power" as const, entries: e })),
  fc.tuple(header, entries(serviceEntry)).map(([h, e]) => ({ ...h, kind: "service" as const, entries: e })),
);

/** Runs of the property and fuzz tests: `ZWGK_FUZZ_RUNS`, default 100 so the default run stays fast. */
export const FUZZ_RUNS = Math.max(1, Number(process.env.ZWGK_FUZZ_RUNS) || 100);

/**
 * The hang guard of a property test, grown with its runs: `npm run fuzz` (5,000 runs) on a loaded
 * machine outlasts the default 60 s without anything being wrong.
 */
export const FUZZ_TIMEOUT = Math.max(60_000, FUZZ_RUNS * 100);
