import { escapeXmlAttribute, escapeXmlText } from "../io/xml-text.js";
import {
  BASELINE_LABELS,
  groupByRule,
  placeOf,
  relatedText,
  ruleIndex,
  SEVERITY_LABELS,
  type ReportedFinding,
  type Report,
  type ReporterOptions,
} from "./model.js";

// JUnit XML for CI test tabs: a testsuite per file, a testcase per rule. Like the exit code, only
// errors fail: a rule with errors gets a <failure> listing them; warnings and infos do not fail
// and are listed in <system-out>; an unreadable file is an <error> (the check could not run).
// With rule metadata, rules that found nothing appear as passing testcases.

const xmlText = escapeXmlText;
const xmlAttr = escapeXmlAttribute;

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; type: string; body: string };
  error?: { message: string; type: string; body: string };
  out?: string;
}

function line(f: ReportedFinding, withFile: boolean): string {
  const state = f.baselineState ? `[${BASELINE_LABELS[f.baselineState]}] ` : "";
  const place = withFile && f.location.file ? `${f.location.file} ${placeOf(f)}` : placeOf(f);
  const related = relatedText(f);
  return `${place}  ${SEVERITY_LABELS[f.severity]}  ${state}${f.message}${related ? `\n  ${related}` : ""}${f.hint ? `\n  建议：${f.hint}` : ""}`;
}

function casesOf(classname: string, findings: readonly ReportedFinding[], applicable: readonly string[], withFile = false): Case[] {
  const describe = (f: ReportedFinding) => line(f, withFile);
  const groups = groupByRule(findings.map((finding) => ({ finding })));
  const cases: Case[] = groups.map(({ rule, items }) => {
    const c: Case = { name: rule, classname };
    const errors = items.filter((i) => i.finding.severity === "error").map((i) => i.finding);
    const others = items.filter((i) => i.finding.severity !== "error").map((i) => i.finding);
    if (errors.length) {
      const first = errors[0]!.message;
      c.failure = { message: errors.length === 1 ? first : `${first}（共 ${errors.length} 个错误）`, type: "error", body: errors.map(describe).join("\n") };
    }
    if (others.length) c.out = others.map(describe).join("\n");
    return c;
  });
  const seen = new Set(groups.map((g) => g.rule));
  for (const rule of applicable) if (!seen.has(rule)) cases.push({ name: rule, classname });
  return cases;
}

function suite(name: string, cases: Case[], properties: Array<[string, string]>): { xml: string; tests: number; failures: number; errors: number } {
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const xml: string[] = [`  <testsuite name="${xmlAttr(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0">`];
  if (properties.length) {
    xml.push("    <properties>");
    for (const [k, v] of properties) xml.push(`      <property name="${xmlAttr(k)}" value="${xmlAttr(v)}"/>`);
    xml.push("    </properties>");
  }
  for (const c of cases) {
    const open = `    <testcase name="${xmlAttr(c.name)}" classname="${xmlAttr(c.classname)}"`;
    if (!c.failure && !c.error && !c.out) {
      xml.push(`${open}/>`);
      continue;
    }
    xml.push(`${open}>`);
    for (const [tag, v] of [["failure", c.failure], ["error", c.error]] as const) {
      if (v) xml.push(`      <${tag} message="${xmlAttr(v.message)}" type="${xmlAttr(v.type)}">${xmlText(v.body)}</${tag}>`);
    }
    if (c.out) xml.push(`      <system-out>${xmlText(c.out)}</system-out>`);
    xml.push("    </testcase>");
  }
  xml.push("  </testsuite>");
  return { xml: xml.join("\n"), tests: cases.length, failures, errors };
}

/**
 * JUnit XML: a testsuite per file and a testcase per rule (name = rule id, classname = file).
 * Errors are failures; warnings and infos pass and are listed in `<system-out>`; an unreadable file
 * is a testcase with an `<error>`. Pass `ruleMeta` to list the rules that found nothing as passing.
 */
export function formatJunit(report: Report, options: ReporterOptions = {}): string {
  const meta = [...ruleIndex(options.ruleMeta).values()];
  const suites = report.files.map((f) => {
    const applicable = f.kind ? meta.filter((m) => m.kinds.includes(f.kind!)).map((m) => m.id) : [];
    const cases = casesOf(f.file, f.findings, applicable);
    if (f.error) {
      const { code, message, hint } = f.error;
      cases.unshift({ name: "读取文件", classname: f.file, error: { message, type: code, body: `${message}${hint ? `\n建议：${hint}` : ""}` } });
    }
    // A suite needs a testcase to show up at all; a clean file without rule metadata gets one.
    if (!cases.length) cases.push({ name: "zwgk", classname: f.file });
    const properties: Array<[string, string]> = [];
    if (f.kind) properties.push(["kind", f.kind]);
    if (f.entries !== undefined) properties.push(["entries", String(f.entries)]);
    return suite(f.file, cases, properties);
  });
  if (report.findings?.length) suites.push(suite("跨文件检查", casesOf("跨文件检查", report.findings, [], true), []));
  const total = suites.reduce((t, s) => ({ tests: t.tests + s.tests, failures: t.failures + s.failures, errors: t.errors + s.errors }), { tests: 0, failures: 0, errors: 0 });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="zwgk" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}">`,
    ...suites.map((s) => s.xml),
    "</testsuites>",
    "",
  ].join("\n");
}
