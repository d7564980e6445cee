import { CATALOG_KINDS, type CatalogKind, type Entry } from "@zwgk/catalog-schemas";
import type { Change, ChangeSet, FieldPatch } from "./changeset.js";
import { isCalendarDate } from "./dates.js";
import type { EntryIdentity } from "./identity.js";

// Parse, don't validate: untrusted JSON (a change set file) becomes a typed ChangeSet or one Chinese
// error naming the path of the first problem. No schema library: the shape is small and fixed.

class Invalid extends Error {}

const OPS: readonly Change["op"][] = ["add", "remove", "update", "rename", "header"];

function fail(path: string, what: string): never {
  throw new Invalid(`${path} ${what}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function text(v: unknown, path: string, required: boolean): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== "string" || (required && !v.trim())) fail(path, "应为非空字符串");
  return v;
}

function validDate(v: unknown, path: string): string {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) fail(path, "应为 YYYY-MM-DD 格式的日期");
  if (!isCalendarDate(v)) fail(path, `不是有效日期：${v}`);
  return v;
}

function identity(v: unknown, path: string): EntryIdentity {
  if (!isObject(v)) fail(path, "应为对象 { code?, path }");
  const p = v.path;
  if (!Array.isArray(p) || p.length === 0 || p.some((s) => typeof s !== "string" || !s.trim())) {
    fail(`${path}.path`, "应为非空的事项名称数组");
  }
  const id: EntryIdentity = { path: p as string[] };
  const code = text(v.code, `${path}.code`, false);
  if (code !== undefined) id.code = code;
  return id;
}

function entry(v: unknown, path: string, kind: CatalogKind): Entry {
  if (!isObject(v)) fail(path, "应为事项对象");
  if (kind === "standard" || kind === "supplementary") {
    const items = v.items;
    if (!Array.isArray(items) || items.length === 0 || items.some((s) => typeof s !== "string")) {
      fail(`${path}.items`, "应为非空的公开事项数组");
    }
  } else if (typeof v.name !== "string" || !v.name.trim()) {
    fail(`${path}.name`, "应为非空字符串（事项名称）");
  }
  return v as unknown as Entry;
}

function patches(v: unknown, path: string): FieldPatch[] {
  if (!Array.isArray(v)) fail(path, "应为数组");
  return v.map((p, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(p)) fail(at, "应为对象 { field, old?, new? }");
    const field = text(p.field, `${at}.field`, true)!;
    if (p.index !== undefined && (!Number.isInteger(p.index) || (p.index as number) < 0)) fail(`${at}.index`, "应为非负整数");
    const out: FieldPatch = { field };
    if (p.old !== undefined) out.old = p.old as FieldPatch["old"];
    if (p.new !== undefined) out.new = p.new as FieldPatch["new"];
    if (p.index !== undefined) out.index = p.index as number;
    return out;
  });
}

function change(v: unknown, path: string, kind: CatalogKind): Change {
  if (!isObject(v)) fail(path, "应为对象");
  const op = v.op as Change["op"];
  if (!OPS.includes(op)) fail(`${path}.op`, `应为 ${OPS.join("、")} 之一`);
  if (op === "header") return { op, patches: patches(v.patches, `${path}.patches`) };
  const target = identity(v.target, `${path}.target`);
  if (op === "add" || op === "remove") {
    const c = { op, target, entry: entry(v.entry, `${path}.entry`, kind) } as Change & { position?: number };
    if (v.position !== undefined) {
      if (!Number.isInteger(v.position) || (v.position as number) < 0) fail(`${path}.position`, "应为非负整数");
      c.position = v.position as number;
    }
    return c;
  }
  const ps = patches(v.patches, `${path}.patches`);
  if (op === "rename") return { op, target, to: identity(v.to, `${path}.to`), patches: ps };
  return v.to === undefined ? { op, target, patches: ps } : { op, target, to: identity(v.to, `${path}.to`), patches: ps };
}

/**
 * Checks untrusted data (e.g. a parsed JSON file) and returns it as a {@link ChangeSet}, or
 * `{ error }` with a Chinese message naming the path of the first problem
 * (e.g. `changes[2].target.path 应为非空的事项名称数组`).
 */
export function parseChangeSet(value: unknown): ChangeSet | { error: string } {
  try {
    if (!isObject(value)) fail("变更集", "应为 JSON 对象");
    const kind = value.kind as CatalogKind;
    if (!CATALOG_KINDS.includes(kind)) fail("kind", `应为 ${CATALOG_KINDS.join("、")} 之一`);
    const cs: ChangeSet = {
      author: text(value.author, "author", true)!,
      reason: text(value.reason, "reason", true)!,
      effectiveDate: validDate(value.effectiveDate, "effectiveDate"),
      kind,
      changes: [],
    };
    const id = text(value.id, "id", false);
    if (id !== undefined) cs.id = id;
    const approval = text(value.approval, "approval", false);
    if (approval !== undefined) cs.approval = approval;
    if (!Array.isArray(value.changes)) fail("changes", "应为数组");
    cs.changes = value.changes.map((c, i) => change(c, `changes[${i}]`, kind));
    return cs;
  } catch (e) {
    if (e instanceof Invalid) return { error: `变更集格式错误：${e.message}` };
    throw e;
  }
}
