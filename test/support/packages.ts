// Shared by the packaging and README tests: where the workspace packages are, what their manifests
// point at, and a child-process runner that cannot leak the outer npm's settings into a scratch project.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Directory names under packages/, in dependency order. */
export const PACKAGES = ["catalog-schemas", "catalog-core", "catalog-xlsx", "catalog-diff", "catalog-derive", "catalog-parquet", "catalog-cli"] as const;
export type PackageDir = (typeof PACKAGES)[number];

/** The fields of package.json these tests read. */
export interface Manifest {
  name: string;
  version: string;
  type?: string;
  license?: string;
  main?: string;
  module?: string;
  types?: string;
  bin?: string | Record<string, string>;
  files?: string[];
  exports?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

export const packageDir = (dir: PackageDir) => join(ROOT, "packages", dir);

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/** One file a manifest points at, and which field or export condition points there. */
export interface ManifestTarget {
  /** `main`, `bin.zwgk`, `exports["."].require.types`, … */
  via: string;
  /** As written, e.g. `./dist/index.cjs`. */
  path: string;
}

/** Every file path named by main/module/types/bin/exports (the `./package.json` export excluded). */
export function manifestTargets(m: Manifest): ManifestTarget[] {
  const out: ManifestTarget[] = [];
  for (const field of ["main", "module", "types"] as const) {
    const value = m[field];
    if (value) out.push({ via: field, path: value });
  }
  if (typeof m.bin === "string") out.push({ via: "bin", path: m.bin });
  else for (const [name, path] of Object.entries(m.bin ?? {})) out.push({ via: `bin.${name}`, path });
  const walk = (value: unknown, via: string) => {
    if (typeof value === "string") {
      if (via !== 'exports["./package.json"]') out.push({ via, path: value });
    } else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) walk(inner, key.startsWith(".") ? `${via}["${key}"]` : `${via}.${key}`);
    }
  };
  walk(m.exports, "exports");
  return out;
}

/** `./dist/x.js` → `dist/x.js`, the form npm pack lists. */
export const packagePath = (path: string) => path.replace(/^\.\//, "");

/**
 * Fails with what to do when a package has not been built: the README and packaging tests run the
 * built code in dist/, which `npm run build` makes (and `npm test` runs first).
 */
export function assertBuilt(dirs: readonly string[] = PACKAGES.map(packageDir)): void {
  const missing: string[] = [];
  for (const dir of dirs) {
    const m = readManifest(dir);
    for (const t of manifestTargets(m)) {
      if (t.path.includes("*")) continue;
      if (!existsSync(join(dir, t.path))) missing.push(`${m.name}: ${packagePath(t.path)} (${t.via})`);
    }
  }
  if (missing.length) {
    throw new Error(
      `The packages are not built — these files are missing:\n  ${missing.join("\n  ")}\n` +
        "Run `npm run build` first (`npm test` builds before it runs vitest).",
    );
  }
}

/** The environment for child processes: the outer npm's `npm_*` settings (prefix, workspace, …) removed. */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== "NODE_OPTIONS" && key !== "FORCE_COLOR") env[key] = value;
  }
  env["NO_COLOR"] = "1";
  return env;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and returns its exit status and output (never throws for a failure). */
export function runCommand(command: string, args: readonly string[], cwd: string, timeoutMs = 60_000): RunResult {
  const r = spawnSync(command, args, { cwd, env: childEnv(), encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${command} ${args.join(" ")} could not run: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A result described for an assertion message. */
export const describeRun = (label: string, r: RunResult) =>
  `${label} exited ${r.status}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
