import type { PowerEntry, ServiceEntry } from "@zwgk/catalog-schemas";
import { describe, expect, it } from "vitest";
import type { Finding } from "../finding.js";
import { entryIdentity, fingerprint, withFingerprints } from "./fingerprint.js";
import { fnv1a64 } from "./hash.js";
import { fileReportOf, FIRST_ROW, socialAssistance, versionOne, versionTwo, withTimeLimit, XLSX_FILE } from "./fixtures.js";

describe("fnv1a64", () => {
  it("matches the published FNV-1a 64 test vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("hashes UTF-8 bytes, so Chinese text differs by character", () => {
    expect(fnv1a64("最低生活保障")).toMatch(/^[0-9a-f]{16}$/);
    expect(fnv1a64("最低生活保障")).not.toBe(fnv1a64("最低生活保證"));
  });
});

describe("entryIdentity", () => {
  it("uses the normalised 事项 path of a disclosure entry", () => {
    const [a] = socialAssistance().entries;
    expect(entryIdentity(a!)).toBe("综合业务>政策");
    expect(entryIdentity({ ...a!, items: ["最低 生活保障（審批）", "政策"] })).toBe(entryIdentity({ ...a!, items: ["最低生活保障(审批)", "政策"] }));
    // Levels stay apart: 「ab / c」 is not 「a / bc」.
    expect(entryIdentity({ ...a!, items: ["临时救助办事", "指南"] })).not.toBe(entryIdentity({ ...a!, items: ["临时救助", "办事指南"] }));
  });

  it("uses name and 子项 of a power entry, not its code", () => {
    const power: PowerEntry = { type: "行政许可", name: "道路运输经营许可", subItem: "道路旅客运输经营许可", code: "000117010001" };
    expect(entryIdentity(power)).toBe("道路运输经营许可>道路旅客运输经营许可");
    expect(entryIdentity({ ...power, code: "000117010009" })).toBe(entryIdentity(power));
  });

  it("falls back to the code when an entry has no name", () => {
    const service: ServiceEntry = { name: " ", code: "511A0138000000-511602000000-000-115113010833722043-1-00" };
    expect(entryIdentity(service)).toBe("#511a0138000000511602000000000115113010833722043100");
  });
});

describe("fingerprint", () => {
  const finding = (row: number, entry: number): Finding => ({
    rule: "time-limit-over-statutory",
    severity: "error",
    message: "公开时限超过 20 个工作日",
    location: { file: XLSX_FILE, sheet: "社会救助", row, column: "F", cell: `F${row}`, path: `/entries/${entry}/timeLimit`, entry, field: "timeLimit" },
  });

  it("does not depend on the row when the entry identity is given", () => {
    expect(fingerprint(finding(7, 3), "最低生活保障>办事指南")).toBe(fingerprint(finding(9, 5), "最低生活保障>办事指南"));
    expect(fingerprint(finding(7, 3), "最低生活保障>办事指南")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("changes with rule, file, entry and field", () => {
    const base = fingerprint(finding(7, 3), "x");
    expect(fingerprint({ ...finding(7, 3), rule: "subject-missing" }, "x")).not.toBe(base);
    expect(fingerprint(finding(7, 3), "x", "other.xlsx")).not.toBe(base);
    expect(fingerprint(finding(7, 3), "y")).not.toBe(base);
    expect(fingerprint({ ...finding(7, 3), location: { ...finding(7, 3).location, path: "/entries/3/subject" } }, "x")).not.toBe(base);
  });

  it("treats ./a\\b and a/b as the same file", () => {
    expect(fingerprint(finding(7, 3), "x", ".\\catalogs\\社会救助-标准目录.xlsx")).toBe(fingerprint(finding(7, 3), "x", XLSX_FILE));
  });

  it("without an identity falls back to the entry index (not stable against inserted rows)", () => {
    expect(fingerprint(finding(7, 3))).not.toBe(fingerprint(finding(9, 5)));
  });
});

describe("withFingerprints", () => {
  it("gives the same fingerprint to an entry's finding after rows were inserted above it", () => {
    const before = fileReportOf(versionOne()).findings.find((f) => f.rule === "time-limit-over-statutory")!;
    const after = fileReportOf(versionTwo()).findings.find((f) => f.rule === "time-limit-over-statutory" && f.location.entry === 5)!;
    expect(before.location.cell).toBe(`F${FIRST_ROW + 3}`);
    expect(after.location.cell).toBe(`F${FIRST_ROW + 5}`);
    expect(after.fingerprint).toBe(before.fingerprint);
  });

  it("keeps a fingerprint already set and accepts a lookup function", () => {
    const catalog = socialAssistance((e) => [withTimeLimit(e[0]!, "30个工作日内"), ...e.slice(1)]);
    const { findings } = fileReportOf(catalog);
    const kept = withFingerprints([{ ...findings[0]!, fingerprint: "0123456789abcdef" }], () => "ignored");
    expect(kept[0]!.fingerprint).toBe("0123456789abcdef");
    const { fingerprint: _, ...bare } = findings[0]!;
    const viaLookup = withFingerprints([bare], (i) => entryIdentity(catalog.entries[i]!), XLSX_FILE);
    expect(viaLookup[0]!.fingerprint).toBe(findings[0]!.fingerprint);
  });
});
