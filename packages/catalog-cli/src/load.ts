import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Catalog, CatalogKind } from "@zwgk/catalog-schemas";
import { validateCatalogShape } from "@zwgk/catalog-schemas";
import { DEFAULT_TEXT_LIMITS } from "@zwgk/catalog-core";
import {
  CatalogLoadError,
  catalogFormatOf,
  DEFAULT_LIMITS,
  type ImportOptions,
  loadCatalogBytes,
  toCatalogLoadError,
  unsupportedFormatError,
} from "@zwgk/catalog-xlsx";
import { nodeInflate } from "@zwgk/catalog-xlsx/node";
import { InputError, UsageError } from "./errors.js";
import { createProgress, type Io } from "./io.js";

/** One catalog read from an input, with the name reports use for the input. */
export interface LoadedCatalog {
  /** The input as the user named it (a path, or `REV:path`). */
  file: string;
  /** Not yet shape-checked: validation reports schema problems as findings. */
  catalog: unknown;
  /** JSON pointer of an entry → line, for text sources. */
  lines?: Map<string, number>;
}

export interface LoadOptions {
  kind?: CatalogKind;
  /** Reader limits from `--limit name=value` (text readers and the xlsx reader share the option). */
  limits?: Record<string, number>;
  /** Header text → field, from zwgk.config.json `columns`. */
  columns?: Record<string, string>;
  /** zwgk.config.json `jurisdiction`: the 行政区划 of catalogs that do not name one (every format). */
  jurisdiction?: Catalog["jurisdiction"];
  /** False when no line will be reported (diff, apply): text catalogs are then read faster. */
  lines?: boolean;
}

const MAX_INPUT_BYTES = 200 * 1024 * 1024;

/**
 * The absolute path of an input that is a file on disk, checked against the size limit; undefined
 * when no such file exists (the spec may be `REV:path`). A folder or a file over the limit is an
 * input error.
 */
export function inputFile(spec: string, io: Io, maxBytes = MAX_INPUT_BYTES): string | undefined {
  const path = resolve(io.cwd, spec);
  if (!existsSync(path)) return undefined;
  const size = statSync(path).size;
  if (!statSync(path).isFile()) throw new InputError("这不是一个文件。", { file: spec });
  if (size > maxBytes) {
    throw new InputError(`文件过大（${(size / 1048576).toFixed(0)} MB，上限 ${(maxBytes / 1048576).toFixed(0)} MB）。`, {
      file: spec,
      hint: "请拆分为多个文件后分别检查；确认文件可信后，也可用 --limit maxFileBytes=字节数 放宽上限。",
      code: "limit",
    });
  }
  return path;
}

/** Reads the bytes of a path or of `REV:path` (a file as it was at a git revision). */
export function readInputBytes(spec: string, io: Io, maxBytes = MAX_INPUT_BYTES): Uint8Array {
  const path = inputFile(spec, io, maxBytes);
  if (path !== undefined) return readFileSync(path);
  const rev = /^([^:]+):(.+)$/.exec(spec);
  if (rev && !/^[A-Z]$/i.test(rev[1]!)) {
    try {
      return execFileSync("git", ["show", `${rev[1]}:${rev[2]!.replace(/^\.\//, "")}`], {
        cwd: io.cwd,
        maxBuffer: maxBytes,
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      const detail = String((e as { stderr?: Buffer }).stderr ?? "").trim();
      throw new InputError(`无法从 git 读取「${spec}」${detail ? `：${detail}` : ""}。`, {
        file: spec,
        hint: "请确认修订号和路径（路径相对于仓库根目录），例如 HEAD~1:catalogs/社会救助.json。",
      });
    }
  }
  throw new InputError("找不到文件。", { file: spec, hint: "请检查文件名和路径。" });
}

/** The format of an input by its name (`REV:path` by the path), or a usage-level input error. */
function inputFormat(spec: string, io: Io): NonNullable<ReturnType<typeof catalogFormatOf>> {
  const path = spec.includes(":") && !existsSync(resolve(io.cwd, spec)) ? spec.slice(spec.indexOf(":") + 1) : spec;
  const format = catalogFormatOf(path);
  if (!format) throw asInputError(unsupportedFormatError(spec), spec);
  return format;
}

/** Reads one input into one or more catalogs (a workbook gives one per sheet with a table). */
export async function loadInput(spec: string, io: Io, options: LoadOptions = {}): Promise<LoadedCatalog[]> {
  inputFormat(spec, io);
  return loadInputBytes(spec, readInputBytes(spec, io, options.limits?.["maxFileBytes"]), io, options);
}

/**
 * Reads the bytes of one input (read by {@link readInputBytes}) into catalogs, as {@link loadInput}
 * does: for a caller that also needs the bytes (`export` scans a JSON file's entry lines on them).
 */
export async function loadInputBytes(spec: string, bytes: Uint8Array, io: Io, options: LoadOptions = {}): Promise<LoadedCatalog[]> {
  // Bytes → catalogs is the library's (shared with the browser page); reading the file is ours.
  const format = inputFormat(spec, io);
  const progress = createProgress(io, spec);
  try {
    return await loadCatalogBytes(bytes, {
      ...workbookOptions(spec, options, progress),
      file: spec,
      format,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.lines === false ? { lines: false } : {}),
    });
  } catch (e) {
    throw asInputError(e, spec);
  } finally {
    progress.done();
  }
}

/** The import options the CLI passes for a workbook: Node's faster inflate, progress, config columns. */
export function workbookOptions(spec: string, options: LoadOptions, progress: { update(rows: number): void }): ImportOptions {
  return {
    file: spec,
    inflate: nodeInflate,
    onProgress: (rows: number) => progress.update(rows),
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.columns && Object.keys(options.columns).length ? { headerOverrides: options.columns } : {}),
    ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
    ...(options.limits ? { limits: pickLimits(options.limits, DEFAULT_LIMITS) } : {}),
  };
}

/** The readers' limits, with their defaults: every command that reads catalogs takes them. */
export const READER_LIMIT_DEFAULTS: Readonly<Record<string, number>> = { ...DEFAULT_TEXT_LIMITS, ...DEFAULT_LIMITS };

/**
 * Parses repeated `--limit name=value` options. A command takes the readers' limits and the limits
 * of its own work (`work`, name → default: validate's findings and duplicate keys, check's searches,
 * apply's comparisons); any other name, or a value that is not a whole number, is a usage error that
 * lists the names this command takes, so a limit is never silently ignored.
 */
export function parseLimits(values: readonly string[] | undefined, work: Readonly<Record<string, number>> = {}): Record<string, number> | undefined {
  if (!values?.length) return undefined;
  const known = { ...READER_LIMIT_DEFAULTS, ...work };
  const out: Record<string, number> = {};
  for (const v of values) {
    const m = /^(\w+)=(\d+)$/.exec(v.trim());
    if (!m || !Object.hasOwn(known, m[1]!) || !Number.isSafeInteger(Number(m[2]))) {
      const own = Object.keys(work);
      const names = own.length ? `本命令的上限 ${own.join("、")}；读取文件的上限 ${Object.keys(READER_LIMIT_DEFAULTS).join("、")}` : Object.keys(known).join("、");
      throw new UsageError(`--limit「${v}」无效：格式为 名称=正整数。可用的名称：${names}（默认值见 SECURITY.md）。`);
    }
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** The limits of `limits` whose names `defaults` has (a command's own work limits, picked from the parsed options). */
export function pickLimits<K extends string>(limits: Record<string, number> | undefined, defaults: Readonly<Record<K, number>>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  if (!limits) return out;
  for (const name of Object.keys(defaults) as K[]) if (limits[name] !== undefined) out[name] = limits[name];
  return out;
}

/** Reader and layout errors become input errors that name the file, sheet and cell; others pass. */
export function asInputError(e: unknown, spec: string): unknown {
  const d = toCatalogLoadError(e, spec);
  if (!(d instanceof CatalogLoadError)) return e;
  // A reader bug (code `internal`) is not the file's fault: it stays an internal error (exit 70).
  if (d.code === "internal") return new Error(d.message);
  const hint = d.hint;
  return new InputError(d.message, {
    file: spec,
    ...(d.sheet ? { sheet: d.sheet } : {}),
    ...(d.cell ? { cell: d.cell } : {}),
    ...(d.line ? { line: d.line } : {}),
    ...(d.column ? { column: d.column } : {}),
    code: d.code,
    ...(hint ? { hint } : {}),
    placed: true,
  });
}

/**
 * Reads an input that must hold exactly one schema-valid catalog (diff, apply): a workbook with
 * several catalog sheets, or a catalog that does not fit the schema, is an input error.
 */
export async function loadSingle(spec: string, io: Io, options: LoadOptions = {}): Promise<Catalog> {
  // Only the catalog is returned, so no line is ever reported from it: skip the line scan.
  const loaded = await loadInput(spec, io, { ...options, lines: false });
  if (loaded.length !== 1) {
    const sheets = loaded.map((l) => (l.catalog as Catalog).source?.sheet).join("、");
    throw new InputError(`含有 ${loaded.length} 个目录（工作表：${sheets}），请先拆分或用 zwgk convert --sheet 取出一个。`, { file: spec });
  }
  return requireCatalog(loaded[0]!.catalog, spec);
}

/**
 * The catalog, typed, for commands that cannot work on a catalog that does not fit the schema
 * (diff, apply, check); otherwise an input error that points at the first problem and at `validate`.
 */
export function requireCatalog(catalog: unknown, spec: string): Catalog {
  const shape = validateCatalogShape(catalog);
  if (shape.ok) return shape.value;
  const first = shape.issues[0]!;
  throw new InputError(`不符合目录标准（${first.pointer || "/"}：${first.keyword}），共 ${shape.issues.length}${shape.truncated ? " 处以上" : " 处"}。`, {
    file: spec,
    hint: `请先用 zwgk validate ${spec} 查看并修正。`,
  });
}
