// `npx zwgk` in a fresh clone: npm links a workspace's bin at install time, before anything is built,
// and skips a target that does not exist. So the bin target is a small committed file that loads the
// build, or says how to make it.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { isBuiltin } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertBuilt, packageDir, PACKAGES, readManifest, ROOT } from "./support/packages.js";

const BIN = "packages/catalog-cli/bin/zwgk.js";

describe("the zwgk bin target exists before the build", () => {
  it("is committed, executable, and what package.json names", () => {
    const staged = execFileSync("git", ["ls-files", "-s", BIN], { cwd: ROOT, encoding: "utf8" });
    expect(staged).toMatch(/^100755 /);
    const manifest = readManifest(packageDir("catalog-cli"));
    expect(manifest.bin).toEqual({ zwgk: "./bin/zwgk.js" });
    expect(manifest.files).toContain("bin");
    // npm linked it at install time (npm ci in a fresh clone does the same).
    expect(realpathSync(join(ROOT, "node_modules", ".bin", "zwgk"))).toBe(realpathSync(join(ROOT, BIN)));
  });

  it("runs the built CLI", () => {
    assertBuilt();
    const r = spawnSync(process.execPath, [join(ROOT, BIN), "--version"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(readManifest(packageDir("catalog-cli")).version);
    const npx = spawnSync("npx", ["--no", "--", "zwgk", "valdate"], { cwd: ROOT, encoding: "utf8" });
    expect(npx.status).toBe(2);
    expect(npx.stderr).toContain("是否为「validate」？");
  });

  it("says to run npm run build when the build is missing", () => {
    const pkg = mkdtempSync(join(tmpdir(), "zwgk-bin-"));
    mkdirSync(join(pkg, "bin"));
    copyFileSync(join(ROOT, BIN), join(pkg, "bin", "zwgk.js"));
    const r = spawnSync(process.execPath, [join(pkg, "bin", "zwgk.js"), "--version"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("请在仓库根目录运行 npm run build");
    expect(r.stderr).not.toMatch(/^ +at /m);
  });
});

describe("what a command loads", () => {
  const dist = () => join(packageDir("catalog-cli"), "dist");

  /**
   * The packages a built module reaches through static imports (dynamic `import()` excluded): those it
   * imports by name and those bundled into the chunks it reaches (esbuild marks each bundled module
   * with a `// ../../node_modules/<package>/…` or `// ../catalog-<name>/…` comment).
   */
  function staticPackages(file: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
    if (seen.has(file)) return found;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    // tsup ends each static import or re-export with `from "x";` on its own line (`} from "x";` when
    // the names span lines), or writes `import "x";`; a dynamic `import("x")` never matches.
    for (const line of text.split("\n")) {
      const bundled = /^\/\/ (?:\.\.\/)+node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line)?.[1] ?? /^\/\/ \.\.\/catalog-([a-z-]+)\//.exec(line)?.[1]?.replace(/^/, "@zwgk/catalog-");
      if (bundled !== undefined) found.add(bundled);
      const spec = /^(?:(?:import|export) [^"]*|\} )from "([^"]+)";$/.exec(line)?.[1] ?? /^import "([^"]+)";$/.exec(line)?.[1];
      if (spec === undefined) continue;
      if (spec.startsWith(".")) staticPackages(join(dirname(file), spec), seen, found);
      else found.add(spec);
    }
    return found;
  }

  it("validate loads zod only when there is a config file to check", () => {
    // zod alone took longer to load (65–100 ms) than validating a small catalog; most runs have no config.
    assertBuilt();
    const chunks = readdirSync(dist()).filter((f) => /^validate-[\w-]+\.js$/.test(f));
    expect(chunks).toHaveLength(1);
    const loaded = staticPackages(join(dist(), chunks[0]!));
    expect(loaded).toContain("@zwgk/catalog-core"); // the walk does follow the chunk's imports
    expect([...loaded].filter((p) => p === "zod" || p.startsWith("zod/"))).toEqual([]);
    // …and zod is in the build, reached from the config schema's own chunk.
    const schema = readdirSync(dist()).filter((f) => /^config-schema-[\w-]+\.js$/.test(f));
    expect(staticPackages(join(dist(), schema[0]!))).toContain("zod");
  });

  it("leaves out of the bundle only packages the CLI declares, at the versions its libraries use", () => {
    // The bin is one bundle; what it still imports by name must be installed beside it, so the CLI
    // declares it, with the version of the library that uses it (one version per package).
    assertBuilt();
    const cli = readManifest(packageDir("catalog-cli"));
    const declared = { ...cli.dependencies, ...cli.optionalDependencies };
    const imported = new Set<string>();
    for (const f of readdirSync(dist()).filter((name) => name.endsWith(".js"))) {
      const text = readFileSync(join(dist(), f), "utf8");
      for (const m of text.matchAll(/(?:\bfrom |\bimport\(?)"([^".][^"]*)"/g)) imported.add(m[1]!);
    }
    // `tsx` only runs the worker from the sources (tests); DuckDB is imported by a computed name.
    const external = [...imported].filter((s) => !isBuiltin(s) && s !== "tsx/esm/api");
    expect(external.sort()).toEqual(["exceljs"]);
    for (const name of ["exceljs", "@duckdb/node-api"]) {
      const versions = PACKAGES.filter((p) => p !== "catalog-cli").flatMap((p) => {
        const m = readManifest(packageDir(p));
        const version = { ...m.dependencies, ...m.optionalDependencies }[name];
        return version === undefined ? [] : [version];
      });
      expect(versions.length, `a library that uses ${name}`).toBeGreaterThan(0);
      for (const version of versions) expect(declared[name], name).toBe(version);
    }
  });
});
