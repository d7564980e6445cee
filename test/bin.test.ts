// `npx zwgk` in a fresh clone: npm links a workspace's bin at install time, before anything is built,
// and skips a target that does not exist. So the bin target is a small committed file that loads the
// build, or says how to make it.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
