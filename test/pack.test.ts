// What users install: `npm pack` every package, install the five tarballs in an empty project, and use
// them there as ESM, as CommonJS and as the `zwgk` binary. Also lints the manifests the way publint
// would (publint is not a dependency): every path they name is in the tarball, `types` conditions come
// first, `require` leads to .cjs/.d.cts and `import` to .js/.d.ts, and the tarball holds nothing but
// dist/, package.json, README.md and LICENSE.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertBuilt,
  describeRun,
  manifestTargets,
  packagePath,
  PACKAGES,
  packageDir,
  readManifest,
  ROOT,
  runCommand,
  type Manifest,
} from "./support/packages.js";

/** What `npm pack --json` says about one tarball. */
interface Packed {
  name: string;
  version: string;
  filename: string;
  files: Array<{ path: string; mode: number }>;
}

/** The library packages, which ship CommonJS too; the CLI is ESM only. */
const LIBRARIES = ["@zwgk/catalog-schemas", "@zwgk/catalog-core", "@zwgk/catalog-xlsx", "@zwgk/catalog-xlsx/node", "@zwgk/catalog-diff", "@zwgk/catalog-parquet"];
const EXAMPLE = "社会救助-标准目录.json";
const INSTALL_TIMEOUT_MS = 240_000;

/** Files allowed in a tarball besides dist/. */
const TOP_LEVEL = new Set(["package.json", "README.md", "LICENSE"]);

/** Where the manifest's conditions break the rules publint checks; one line per problem. */
function manifestProblems(m: Manifest, files: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (m.type !== "module") problems.push(`"type" should be "module", is ${JSON.stringify(m.type)}`);
  if (m.license !== "MIT") problems.push(`"license" should be "MIT"`);
  if (!m.files?.includes("dist")) problems.push(`"files" should list "dist"`);

  for (const t of manifestTargets(m)) {
    const path = packagePath(t.path);
    if (path.includes("*")) {
      const [prefix = "", suffix = ""] = path.split("*");
      if (![...files].some((f) => f.startsWith(prefix) && f.endsWith(suffix))) problems.push(`${t.via}: no packed file matches ${t.path}`);
    } else if (!files.has(path)) {
      problems.push(`${t.via}: ${t.path} is not in the tarball`);
    }
    // Under "type": "module" a .js file is ESM: CommonJS must be .cjs and its types .d.cts.
    const cjs = t.via === "main" || /\.require\b/.test(t.via);
    const esm = t.via === "module" || /\.import\b/.test(t.via);
    const isTypes = t.via === "types" || t.via.endsWith(".types");
    if (cjs && isTypes && !path.endsWith(".d.cts")) problems.push(`${t.via}: ${t.path} should be a .d.cts file`);
    if (cjs && !isTypes && !path.endsWith(".cjs")) problems.push(`${t.via}: ${t.path} should be a .cjs file`);
    if (esm && isTypes && !path.endsWith(".d.ts")) problems.push(`${t.via}: ${t.path} should be a .d.ts file`);
    if (esm && !isTypes && !/\.m?js$/.test(path)) problems.push(`${t.via}: ${t.path} should be a .js file`);
    if (t.via === "types" && !path.endsWith(".d.ts")) problems.push(`types: ${t.path} should be a .d.ts file`);
  }

  // Conditions are matched in order: "types" must come first and "default" last, or TypeScript and
  // bundlers pick the wrong file.
  const walk = (value: unknown, via: string) => {
    if (!value || typeof value !== "object") return;
    const keys = Object.keys(value);
    const conditions = keys.filter((k) => !k.startsWith("."));
    if (conditions.includes("types") && conditions[0] !== "types") problems.push(`${via}: "types" should be the first condition`);
    if (conditions.includes("default") && conditions[conditions.length - 1] !== "default") problems.push(`${via}: "default" should be the last condition`);
    for (const k of keys) walk((value as Record<string, unknown>)[k], k.startsWith(".") ? `${via}["${k}"]` : `${via}.${k}`);
  };
  walk(m.exports, "exports");
  return problems;
}

describe("packaging: packed tarballs install and work in an empty project", () => {
  let work = "";
  let project = "";
  const packed = new Map<string, Packed>();
  const timings: string[] = [];

  beforeAll(() => {
    assertBuilt();
    work = mkdtempSync(join(tmpdir(), "zwgk-pack-"));
    const tarballs = join(work, "tarballs");
    project = join(work, "project");
    mkdirSync(tarballs);
    mkdirSync(project);

    let started = Date.now();
    const pack = runCommand("npm", ["pack", "--workspaces", "--json", "--pack-destination", tarballs], ROOT, 120_000);
    if (pack.status !== 0) throw new Error(describeRun("npm pack --workspaces", pack));
    // npm packs private workspaces too (the browser page); they are never published, so not installed here.
    const privateNames = new Set(
      readdirSync(join(ROOT, "packages"))
        .map((d) => join(ROOT, "packages", d))
        .filter((d) => existsSync(join(d, "package.json")))
        .map((d) => JSON.parse(readFileSync(join(d, "package.json"), "utf8")) as { name: string; private?: boolean })
        .filter((m) => m.private)
        .map((m) => m.name),
    );
    for (const p of JSON.parse(pack.stdout) as Packed[]) if (!privateNames.has(p.name)) packed.set(p.name, p);
    timings.push(`pack ${Date.now() - started} ms`);

    // An empty project: no workspace, no lock file, nothing but the tarballs and what they depend on.
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "zwgk-pack-check", version: "0.0.0", private: true }, null, 2)}\n`);
    copyFileSync(join(ROOT, "examples", EXAMPLE), join(project, EXAMPLE));
    started = Date.now();
    const files = [...packed.values()].map((p) => join(tarballs, p.filename));
    const install = runCommand("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...files], project, INSTALL_TIMEOUT_MS);
    if (install.status !== 0) throw new Error(describeRun("npm install <tarballs>", install));
    timings.push(`install ${Date.now() - started} ms`);
  }, INSTALL_TIMEOUT_MS + 120_000);

  afterAll(() => {
    if (timings.length) console.info(`packaging: ${timings.join(", ")}`);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("packs every workspace package", () => {
    expect([...packed.keys()].sort()).toEqual(PACKAGES.map((d) => readManifest(packageDir(d)).name).sort());
  });

  it.each(PACKAGES.map((d) => [d]))("%s: the tarball holds only dist/, package.json, README.md and LICENSE (and the CLI's bin/)", (dir) => {
    const m = readManifest(packageDir(dir));
    const p = packed.get(m.name)!;
    const paths = p.files.map((f) => f.path);
    const bins = dir === "catalog-cli" ? ["bin/zwgk.js"] : [];
    expect(paths.filter((f) => !f.startsWith("dist/") && !TOP_LEVEL.has(f))).toEqual(bins);
    expect(paths).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE"]));
    expect(paths.filter((f) => /\.test\.|(?:^|\/)src\/|\/fixtures\//.test(f))).toEqual([]);
    // The LICENSE in each package is a copy of the root one (npm packs only files inside the package).
    expect(readFileSync(join(packageDir(dir), "LICENSE"), "utf8")).toBe(readFileSync(join(ROOT, "LICENSE"), "utf8"));
  });

  it.each(PACKAGES.map((d) => [d]))("%s: the manifest names only packed files, in the right formats and order", (dir) => {
    const installed = join(project, "node_modules", readManifest(packageDir(dir)).name);
    const m = readManifest(installed);
    const files = new Set(packed.get(m.name)!.files.map((f) => f.path));
    expect(manifestProblems(m, files)).toEqual([]);
    // The internal dependencies resolved to the sibling tarballs, not to copies fetched from a registry.
    expect(existsSync(join(installed, "node_modules", "@zwgk"))).toBe(false);
  });

  it.each(PACKAGES.map((d) => [d]))("%s: the README's install instructions are these tarballs: the package and its @zwgk dependencies", (dir) => {
    // The packages are not on the registry: each README says to `npm pack` a clone and install the
    // tarballs, as this test does. Its tarball names must be the ones npm pack writes.
    const readme = readFileSync(join(packageDir(dir), "README.md"), "utf8");
    const install = /## Install\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(install).toContain("npm pack --workspaces --pack-destination ../zwgk-tarballs");
    const patterns = [...install.matchAll(/\.\.\/zwgk-tarballs\/(\S+\.tgz)/g)].map((m) => m[1]!);
    const wanted = new Set<string>();
    const addWithDeps = (name: string) => {
      if (wanted.has(name)) return;
      wanted.add(name);
      const m = readManifest(join(ROOT, "node_modules", name)) as Manifest & { dependencies?: Record<string, string> };
      for (const dep of Object.keys(m.dependencies ?? {})) if (dep.startsWith("@zwgk/")) addWithDeps(dep);
    };
    addWithDeps(readManifest(packageDir(dir)).name);
    const filenames = [...wanted].map((name) => packed.get(name)!.filename);
    const matches = (pattern: string, file: string) => new RegExp(`^${pattern.replace(/[.+]/g, "\\$&").replace(/\*/g, "[^/]*")}$`).test(file);
    expect(filenames.every((f) => patterns.some((p) => matches(p, f))), `${patterns.join(" ")} vs ${filenames.join(" ")}`).toBe(true);
    expect(patterns.every((p) => filenames.some((f) => matches(p, f)))).toBe(true);
  });

  it("the manifest lint finds what it should", () => {
    const bad: Manifest = {
      name: "@zwgk/bad",
      version: "0.1.0",
      type: "module",
      license: "MIT",
      files: ["dist"],
      main: "./dist/index.js",
      exports: { ".": { require: { default: "./dist/index.js", types: "./dist/index.d.ts" }, import: "./dist/gone.js" } },
    };
    const problems = manifestProblems(bad, new Set(["dist/index.js", "dist/index.d.ts"]));
    expect(problems).toEqual(
      expect.arrayContaining([
        "main: ./dist/index.js should be a .cjs file",
        'exports["."].require.default: ./dist/index.js should be a .cjs file',
        'exports["."].require.types: ./dist/index.d.ts should be a .d.cts file',
        'exports["."].import: ./dist/gone.js is not in the tarball',
        'exports["."].require: "types" should be the first condition',
        'exports["."].require: "default" should be the last condition',
      ]),
    );
  });

  it("the CLI binary is an executable node script", () => {
    const p = packed.get("@zwgk/catalog-cli")!;
    const bin = p.files.find((f) => f.path === "bin/zwgk.js");
    expect(bin).toBeDefined();
    expect(bin!.mode & 0o111).not.toBe(0);
    const installed = join(project, "node_modules", "@zwgk", "catalog-cli", "bin", "zwgk.js");
    expect(readFileSync(installed, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("imports every package as ESM and validates a catalog with it", () => {
    const script = join(project, "esm.mjs");
    writeFileSync(
      script,
      `import { readFileSync } from "node:fs";
import { validateCatalogShape, CATALOG_KINDS } from "@zwgk/catalog-schemas";
import schema from "@zwgk/catalog-schemas/schemas/catalog.schema.json" with { type: "json" };
import { validateCatalog, builtinRules, readCatalogText } from "@zwgk/catalog-core";
import { readCatalogs, writeCatalogXlsx } from "@zwgk/catalog-xlsx";
import { nodeInflate } from "@zwgk/catalog-xlsx/node";
import { diffCatalogs } from "@zwgk/catalog-diff";
import { run, EXIT } from "@zwgk/catalog-cli";
const read = readCatalogText(readFileSync(${JSON.stringify(EXAMPLE)}), { file: ${JSON.stringify(EXAMPLE)} });
if (!read.ok) throw new Error(read.error.message);
const catalog = read.catalog;
const [fromXlsx] = await readCatalogs(await writeCatalogXlsx(catalog), { inflate: nodeInflate });
console.log(JSON.stringify({
  kinds: CATALOG_KINDS,
  schema: schema.$id,
  shape: validateCatalogShape(catalog).ok,
  errors: validateCatalog(catalog, { rules: builtinRules }).filter((f) => f.severity === "error").length,
  rules: builtinRules.length,
  xlsxEntries: fromXlsx.entries.length,
  entries: catalog.entries.length,
  changed: diffCatalogs(catalog, fromXlsx).changed.length,
  cli: typeof run,
  exit: EXIT,
}));
`,
    );
    const r = runCommand(process.execPath, [script], project);
    expect(r.status, describeRun("esm.mjs", r)).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      kinds: ["standard", "supplementary", "power", "service"],
      schema: "https://zwgk.github.io/schemas/v1/catalog.schema.json",
      shape: true,
      errors: 0,
      changed: 0,
      cli: "function",
      exit: { ok: 0, findings: 1, error: 2 },
    });
    expect(out["rules"]).toBeGreaterThan(0);
    expect(out["entries"]).toBeGreaterThan(0);
    expect(out["xlsxEntries"]).toBe(out["entries"]);
  });

  it("requires the library packages as CommonJS", () => {
    const script = join(project, "cjs.cjs");
    writeFileSync(
      script,
      `const assert = require("node:assert");
const loaded = {};
for (const name of ${JSON.stringify(LIBRARIES)}) {
  const resolved = require.resolve(name);
  assert.ok(resolved.endsWith(".cjs"), name + " resolved to " + resolved);
  loaded[name] = Object.keys(require(name)).length;
}
const { validateCatalogShape } = require("@zwgk/catalog-schemas");
const { validateCatalog, builtinRules } = require("@zwgk/catalog-core");
const { readCatalogs } = require("@zwgk/catalog-xlsx");
const { nodeInflate } = require("@zwgk/catalog-xlsx/node");
const { diffCatalogs } = require("@zwgk/catalog-diff");
const catalog = JSON.parse(require("node:fs").readFileSync(${JSON.stringify(EXAMPLE)}, "utf8"));
console.log(JSON.stringify({
  loaded,
  shape: validateCatalogShape(catalog).ok,
  errors: validateCatalog(catalog, { rules: builtinRules }).filter((f) => f.severity === "error").length,
  xlsx: typeof readCatalogs,
  inflate: typeof nodeInflate,
  unchanged: diffCatalogs(catalog, catalog).unchanged,
  entries: catalog.entries.length,
}));
`,
    );
    const r = runCommand(process.execPath, [script], project);
    expect(r.status, describeRun("cjs.cjs", r)).toBe(0);
    const out = JSON.parse(r.stdout) as { loaded: Record<string, number>; unchanged: number; entries: number };
    expect(Object.keys(out.loaded).sort()).toEqual([...LIBRARIES].sort());
    for (const count of Object.values(out.loaded)) expect(count).toBeGreaterThan(0);
    expect(out).toMatchObject({ shape: true, errors: 0, xlsx: "function", inflate: "function" });
    expect(out.unchanged).toBe(out.entries);
  });

  it("runs the zwgk binary", () => {
    const version = runCommand("npx", ["--no", "--", "zwgk", "--version"], project);
    expect(version.status, describeRun("npx zwgk --version", version)).toBe(0);
    expect(version.stdout.trim()).toBe(readManifest(packageDir("catalog-cli")).version);

    const validate = runCommand("npx", ["--no", "--", "zwgk", "validate", EXAMPLE], project);
    expect(validate.status, describeRun(`npx zwgk validate ${EXAMPLE}`, validate)).toBe(0);
    expect(validate.stdout).toContain("未发现问题");

    // Through Excel and back: exceljs (writing) and the streaming reader, as installed from the tarballs.
    const convert = runCommand("npx", ["--no", "--", "zwgk", "convert", EXAMPLE, "--out", "社会救助.xlsx"], project);
    expect(convert.status, describeRun("npx zwgk convert", convert)).toBe(0);
    const xlsx = runCommand("npx", ["--no", "--", "zwgk", "validate", "社会救助.xlsx", "--format", "json"], project);
    expect(xlsx.status, describeRun("npx zwgk validate 社会救助.xlsx", xlsx)).toBe(0);
    const report = JSON.parse(xlsx.stdout) as { files: Array<{ kind?: string; entries?: number }> };
    expect(report.files[0]).toMatchObject({ kind: "standard" });
    expect(report.files[0]?.entries).toBeGreaterThan(0);

    const missing = runCommand("npx", ["--no", "--", "zwgk", "validate", "不存在.json"], project);
    expect(missing.status).toBe(2);
  });
});
