// `npx zwgk` in a fresh clone: npm links a workspace's bin at install time, before anything is built,
// and skips a target that does not exist. So the bin target is a small committed file that loads the
// build, or says how to make it.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertBuilt, packageDir, readManifest, ROOT } from "./support/packages.js";

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
  /** The bare packages a built module reaches through static imports (dynamic `import()` excluded). */
  function staticPackages(file: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
    if (seen.has(file)) return found;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    // tsup ends each static import or re-export with `from "x";` on its own line (`} from "x";` when
    // the names span lines), or writes `import "x";`; a dynamic `import("x")` never matches.
    for (const line of text.split("\n")) {
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
    const dist = join(packageDir("catalog-cli"), "dist");
    const chunks = readdirSync(dist).filter((f) => /^validate-[\w-]+\.js$/.test(f));
    expect(chunks).toHaveLength(1);
    const loaded = staticPackages(join(dist, chunks[0]!));
    expect(loaded).toContain("@zwgk/catalog-core"); // the walk does follow the chunk's imports
    expect([...loaded].filter((p) => p === "zod" || p.startsWith("zod/"))).toEqual([]);
  });
});
