// Runs the example of every package README against the built packages, so the documentation cannot
// drift from the code.
//
// The convention, in each packages/*/README.md:
//   - the example is the first fenced block of language `js` or `ts` whose first line is `// example`;
//     `js` runs with node as an .mjs file, `ts` with node and the tsx loader as an .mts file;
//   - the first fenced block of language `text` after it is what the example prints, exactly (trailing
//     white space at line ends ignored);
//   - the example imports only `node:*` modules and the public entry points of @zwgk packages (their
//     package.json `exports`), at least one of them from its own package.
// Each example runs in its own directory of a scratch project whose node_modules/@zwgk/* link to the
// workspace packages, so imports resolve through the exports maps to dist/, as for a user.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertBuilt,
  describeRun,
  PACKAGES,
  packageDir,
  readManifest,
  ROOT,
  runCommand,
  type PackageDir,
} from "./support/packages.js";

/** A README's example and the output it documents. */
interface ReadmeExample {
  lang: "js" | "ts";
  code: string;
  /** 1-based line of the example's opening fence. */
  line: number;
  expected: string;
}

const FENCE = /^(`{3,})\s*([\w-]*)/;

/** Finds the example of a README by the convention above; throws saying what is missing. */
function extractExample(markdown: string, file: string): ReadmeExample {
  const lines = markdown.split(/\r?\n/);
  const blocks: Array<{ lang: string; line: number; body: string[] }> = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.startsWith(open[1]!); j++) body.push(lines[j]!);
    if (j === lines.length) throw new Error(`${file}:${i + 1}: the fenced block is never closed`);
    blocks.push({ lang: open[2]!, line: i + 1, body });
    i = j;
  }
  const at = blocks.findIndex((b) => (b.lang === "js" || b.lang === "ts") && b.body[0]?.trim() === "// example");
  if (at < 0) throw new Error(`${file}: no \`\`\`js or \`\`\`ts block whose first line is "// example"`);
  const example = blocks[at]!;
  const output = blocks.slice(at + 1).find((b) => b.lang === "text");
  if (!output) throw new Error(`${file}:${example.line}: the example has no \`\`\`text block with its output after it`);
  return {
    lang: example.lang as "js" | "ts",
    code: `${example.body.join("\n")}\n`,
    line: example.line,
    expected: output.body.join("\n"),
  };
}

/** Trailing white space at line ends and at the end does not count. */
const normalizeOutput = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .join("\n")
    .trimEnd();

/** Module specifiers of static and dynamic imports. */
function importedSpecifiers(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*(?:\(\s*)?)["']([^"']+)["']/g)) found.push(m[1]!);
  return found;
}

/** `@zwgk/catalog-xlsx/node` for each subpath export of every package (the public entry points). */
function publicEntryPoints(): Set<string> {
  const entries = new Set<string>();
  for (const dir of PACKAGES) {
    const m = readManifest(packageDir(dir));
    const subpaths = m.exports && typeof m.exports === "object" ? Object.keys(m.exports) : ["."];
    for (const sub of subpaths) {
      if (sub === "./package.json" || sub.includes("*")) continue;
      entries.add(sub === "." ? m.name : `${m.name}/${sub.slice(2)}`);
    }
  }
  return entries;
}

describe("README examples run against the built packages", () => {
  let scratch = "";
  const tsxLoader = pathToFileURL(createRequire(join(ROOT, "package.json")).resolve("tsx")).href;

  beforeAll(() => {
    assertBuilt();
    scratch = mkdtempSync(join(tmpdir(), "zwgk-readme-"));
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "readme-examples", private: true, type: "module" }));
    mkdirSync(join(scratch, "node_modules", "@zwgk"), { recursive: true });
    for (const dir of PACKAGES) symlinkSync(packageDir(dir), join(scratch, "node_modules", "@zwgk", dir), "dir");
  });
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("extractExample follows the convention", () => {
    const md = "# x\n\n```sh\nnpm i x\n```\n\n```js\nconsole.log(1)\n```\n\n```ts\n// example\nconsole.log(2);\n```\n\nIt prints:\n\n```text\n2\n```\n";
    expect(extractExample(md, "x.md")).toEqual({ lang: "ts", code: "// example\nconsole.log(2);\n", line: 11, expected: "2" });
    expect(() => extractExample("```js\nconsole.log(1)\n```\n", "y.md")).toThrow(/no ```js or ```ts block/);
    expect(() => extractExample("```js\n// example\nconsole.log(1)\n```\n", "z.md")).toThrow(/no ```text block/);
    expect(importedSpecifiers('import { a } from "@zwgk/catalog-core";\nimport type { B } from \'x\';\nawait import("node:fs");')).toEqual([
      "@zwgk/catalog-core",
      "x",
      "node:fs",
    ]);
  });

  it("a missing dist/ fails with what to do", () => {
    const fake = mkdtempSync(join(tmpdir(), "zwgk-unbuilt-"));
    try {
      writeFileSync(
        join(fake, "package.json"),
        JSON.stringify({ name: "@zwgk/unbuilt", version: "0.1.0", exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } } }),
      );
      expect(() => assertBuilt([fake])).toThrow(/@zwgk\/unbuilt: dist\/index\.d\.ts[\s\S]*Run `npm run build` first/);
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  });

  it.each(PACKAGES.map((dir) => [dir]))("packages/%s/README.md", (dir: PackageDir) => {
    const file = join(packageDir(dir), "README.md");
    const example = extractExample(readFileSync(file, "utf8"), `packages/${dir}/README.md`);
    const name = readManifest(packageDir(dir)).name;

    const specifiers = importedSpecifiers(example.code);
    const entries = publicEntryPoints();
    const private_ = specifiers.filter((s) => !s.startsWith("node:") && !entries.has(s));
    expect(private_, `the example may import only node:* and ${[...entries].join(", ")}`).toEqual([]);
    expect(specifiers.some((s) => s === name || s.startsWith(`${name}/`)), `the example should import ${name}`).toBe(true);

    const cwd = join(scratch, dir);
    mkdirSync(cwd, { recursive: true });
    const script = join(cwd, example.lang === "ts" ? "demo.mts" : "demo.mjs");
    writeFileSync(script, example.code);
    const args = example.lang === "ts" ? ["--import", tsxLoader, script] : [script];
    const r = runCommand(process.execPath, args, cwd);
    expect(r.status, describeRun(`the example at packages/${dir}/README.md:${example.line}`, r)).toBe(0);
    expect(
      normalizeOutput(r.stdout),
      `packages/${dir}/README.md:${example.line}: the example's output differs from the \`\`\`text block after it; update the README`,
    ).toBe(normalizeOutput(example.expected));
  });
});
