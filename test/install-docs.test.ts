// The packages are not on the npm registry: no document may tell anyone to `npm install @zwgk/…` from
// it. (How to install them instead — npm pack tarballs — is checked against real tarballs in pack.test.ts.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/packages.js";

const REGISTRY_INSTALL = /\b(?:npm|pnpm|yarn)\s+(?:install|i|add)\b[^\n`]*@zwgk\//;

describe("install instructions", () => {
  it("no README, doc or workflow says to install @zwgk packages from the registry", () => {
    const files = execFileSync("git", ["-c", "core.quotePath=false", "ls-files", "*.md", "*.yml", "*.yaml", "packages/*/package.json"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter((f) => f && !f.startsWith(".changeset/"));
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((f) => REGISTRY_INSTALL.test(readFileSync(join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
    expect(REGISTRY_INSTALL.test("npm install --save-dev @zwgk/catalog-cli")).toBe(true);
    expect(REGISTRY_INSTALL.test("npm install -g @zwgk/catalog-cli")).toBe(true);
  });
});
