import { existsSync, readdirSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { InputError, UsageError } from "./errors.js";
import type { Io } from "./io.js";

// File arguments as a clerk types them. Windows cmd and PowerShell pass `目录\*.xlsx` through
// unexpanded, and people drop a folder on the command: zwgk expands patterns and folders itself,
// the same way on every system. A git revision (`HEAD~1:catalogs/x.json`) passes through untouched.

/** Extensions of the files zwgk reads as catalogs. */
export const CATALOG_EXTENSIONS: ReadonlySet<string> = new Set([".xlsx", ".xlsm", ".json", ".yaml", ".yml", ".xml"]);

/** Files in a folder that are not catalogs although their extension says so. */
const NOT_CATALOGS = new Set(["zwgk.config.json", "package.json", "package-lock.json", "tsconfig.json"]);

export interface ExpandOptions {
  /** A folder argument includes its subfolders. */
  recursive?: boolean;
}

const GLOB_CHARS = /[*?[]/;

/** Whether an argument is a git revision path (`REV:path`), which is read from git, not expanded. */
function isRevisionPath(spec: string): boolean {
  const colon = spec.indexOf(":");
  // `C:\目录\a.xlsx` is a Windows path, not revision "C".
  return colon > 1 && !spec.slice(0, colon).includes("/") && !spec.slice(0, colon).includes("\\");
}

/**
 * Expands file arguments: a folder becomes the catalog files in it (sorted; `recursive` for
 * subfolders), a pattern with `*`, `?`, `[…]` or `**` the catalog files it matches (sorted). A plain path that
 * does not exist stays as it is, so reading it says 找不到文件. A pattern that matches nothing, and a
 * folder without catalog files, are input errors that say so.
 */
export function expandInputs(specs: readonly string[], io: Io, options: ExpandOptions = {}): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    const path = resolve(io.cwd, spec);
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) out.push(...folderFiles(spec, path, options.recursive ?? false));
      else out.push(spec);
      continue;
    }
    if (isRevisionPath(spec) || !GLOB_CHARS.test(spec)) {
      out.push(spec);
      continue;
    }
    const matches = globFiles(spec, io.cwd);
    if (!matches.length) {
      throw new InputError(`没有与「${spec}」匹配的目录文件。`, {
        file: spec,
        hint: "请检查文件夹和文件名；* 匹配任意多个字符（不跨文件夹），** 匹配任意层文件夹，如 \"目录/**/*.xlsx\"。",
        code: "no-match",
      });
    }
    out.push(...matches);
  }
  return out;
}

function folderFiles(spec: string, path: string, recursive: boolean): string[] {
  const found: string[] = [];
  let subfolders = 0;
  const walk = (dir: string, shown: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const child = join(shown, e.name);
      if (e.isDirectory()) {
        subfolders++;
        if (recursive) walk(join(dir, e.name), child);
      } else if (isCatalogFile(e.name)) found.push(child);
    }
  };
  walk(path, spec);
  if (!found.length) {
    throw new InputError(`文件夹「${spec}」中没有目录文件（.xlsx、.xlsm、.json、.yaml、.yml、.xml）。`, {
      file: spec,
      hint: subfolders && !recursive ? "目录文件在子文件夹里时，请加 --recursive。" : "请确认文件夹路径。",
      code: "no-match",
    });
  }
  return found;
}

/** A catalog by its name: a catalog extension, not a config or an Excel lock file (~$目录.xlsx). */
function isCatalogFile(name: string): boolean {
  return CATALOG_EXTENSIONS.has(extname(name).toLowerCase()) && !name.startsWith("~$") && !NOT_CATALOGS.has(name);
}

/** The files a pattern matches, as paths written like the pattern (relative stays relative). */
function globFiles(pattern: string, cwd: string): string[] {
  // Backslashes separate folders on Windows; elsewhere they are part of a name.
  const normalized = process.platform === "win32" ? pattern.replace(/\\/g, "/") : pattern;
  const absolute = normalized.startsWith("/") || /^[A-Z]:\//i.test(normalized);
  const segments = normalized.split("/").filter((s, i) => s !== "" || (i === 0 && absolute));
  // The fixed folders before the first segment with a wildcard.
  let base = absolute ? (normalized.startsWith("/") ? "/" : `${segments.shift()}/`) : "";
  if (normalized.startsWith("/")) segments.shift();
  while (segments.length > 1 && !GLOB_CHARS.test(segments[0]!)) base += `${segments.shift()}/`;
  const results: string[] = [];
  const walk = (dirShown: string, rest: readonly string[]) => {
    const dir = resolve(cwd, dirShown || ".");
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const [head, ...tail] = rest;
    if (head === undefined) return;
    if (head === "**") {
      walk(dirShown, tail); // zero folders
      for (const e of entries) if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") walk(`${dirShown}${e.name}/`, rest);
      return;
    }
    for (const e of entries) {
      if (!matchesWildcard(head, e.name)) continue;
      if (tail.length === 0) {
        // Only catalog files: "*.json" in a catalog folder does not mean its zwgk.config.json.
        if (isCatalogFile(e.name) && (e.isFile() || (e.isSymbolicLink() && existsSync(join(dir, e.name))))) results.push(`${dirShown}${e.name}`);
      } else if (e.isDirectory()) walk(`${dirShown}${e.name}/`, tail);
    }
  };
  walk(base, segments);
  return [...new Set(results)].sort();
}

/**
 * Whether a file name matches one pattern segment: `*` any run of characters, `?` one character,
 * `[abc]`/`[a-z]`/`[!a]` one of a set. A name starting with "." matches only a pattern that does.
 * Iterative (no regular expression built from the pattern): linear backtracking on the last `*`.
 */
export function matchesWildcard(pattern: string, name: string): boolean {
  if (name.startsWith(".") && !pattern.startsWith(".")) return false;
  const p = [...pattern];
  const n = [...name];
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < n.length) {
    const c = p[i];
    if (c === "*") {
      star = i++;
      mark = j;
      continue;
    }
    // How many pattern characters the current name character consumes, or -1 when it does not match.
    const used = c === "?" ? 1 : c === "[" ? classMatch(p, i, n[j]!) : c !== undefined && c === n[j] ? 1 : -1;
    if (used > 0) {
      i += used;
      j++;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (p[i] === "*") i++;
  return i === p.length;
}

/** At p[i] === "[": the length of the class when `ch` is in it, else -1 (an unclosed "[" is literal). */
function classMatch(p: readonly string[], i: number, ch: string): number {
  let k = i + 1;
  const negate = p[k] === "!" || p[k] === "^";
  if (negate) k++;
  let found = false;
  let first = true;
  for (; k < p.length && (p[k] !== "]" || first); k++, first = false) {
    if (p[k + 1] === "-" && p[k + 2] !== undefined && p[k + 2] !== "]") {
      if (ch >= p[k]! && ch <= p[k + 2]!) found = true;
      k += 2;
    } else if (p[k] === ch) found = true;
  }
  if (k >= p.length) return ch === "[" ? 1 : -1; // no closing "]": a literal "["
  return found !== negate ? k - i + 1 : -1;
}

/** The one file an argument that must name one file expanded to; a pattern or folder giving several is a usage error. */
export function single(files: readonly string[], spec: string, what: string): string {
  if (files.length === 1) return files[0]!;
  throw new UsageError(`${what}「${spec}」对应 ${files.length} 个文件（${files.slice(0, 5).join("、")}${files.length > 5 ? "……" : ""}），这里只能给一个。`);
}
