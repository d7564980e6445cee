import type { Entry } from "@zwgk/catalog-schemas";
import type { Finding } from "../finding.js";
import { normalizeForMatch } from "../normalize.js";
import { fnv1a64 } from "./hash.js";

// A fingerprint names "the same problem" across runs: the rule, the file, the entry by what people
// call it (its 事项 path or name, never its row or index, so inserting rows above leaves it alone)
// and the field. Two findings with equal fingerprints are told apart by count, not by position.

const FORMAT = "zwgk/v1";
const SEP = "\u0000";
const ENTRY_POINTER = /^\/entries\/\d+/;
const LEADING_DOT_SLASH = /^(?:\.\/)+/;
const BACKSLASH = /\\/g;
const DOT = /\./g;
const LEVEL_SEP = />/g;
const LEADING_SLASH = /^\//;

/** Reads a text member defensively: entries that failed the shape check reach here too. */
const textOf = (value: unknown): string => (typeof value === "string" ? normalizeForMatch(value) : "");

/**
 * The stable identity of an entry within its catalog: the normalised 事项 path for disclosure entries
 * (`["最低生活保障", "审批"]` → `最低生活保障>审批`), the name (and 子项) for power and service entries,
 * the 事项编码 only when there is no name. Names win over codes because codes are what rules most often
 * ask people to correct, and a correction must not make a finding look fixed and new.
 */
export function entryIdentity(entry: Entry): string {
  const e = entry as unknown as Record<string, unknown>;
  let key = "";
  if (Array.isArray(e["items"])) key = (e["items"] as unknown[]).map(textOf).join(">");
  else {
    key = textOf(e["name"]);
    const sub = textOf(e["subItem"]);
    if (sub) key += `>${sub}`;
  }
  if (key.replace(LEVEL_SEP, "")) return key;
  const code = textOf(e["code"]);
  return code ? `#${code}` : "";
}

/** The file part of a fingerprint: `./a\\b.xlsx` and `a/b.xlsx` are one file. */
function normalizeFile(file: string): string {
  return file.replace(BACKSLASH, "/").replace(LEADING_DOT_SLASH, "");
}

/** The field part: the JSON pointer below the entry (most specific), else the model field. */
function fieldKey(finding: Finding): string {
  const { path, field } = finding.location;
  if (path !== undefined) return path.replace(ENTRY_POINTER, "").replace(LEADING_SLASH, "");
  return field ? field.replace(DOT, "/") : "";
}

/**
 * A short hex fingerprint of a finding: rule + file + entry identity + field, hashed (FNV-1a 64).
 * Without `identity`, an entry-level finding falls back to the entry's index, which is stable only
 * while no rows are inserted or removed above it: pass {@link entryIdentity} of the entry.
 *
 * @param file - the report's name for the file; defaults to `finding.location.file`.
 * @example
 * ```ts
 * const fp = fingerprint(finding, entryIdentity(catalog.entries[finding.location.entry!]!));
 * ```
 */
export function fingerprint(finding: Finding, identity?: string, file: string | undefined = finding.location.file): string {
  const entry = finding.location.entry;
  const who = identity ?? (entry !== undefined ? `#${entry}` : "");
  return fnv1a64([FORMAT, finding.rule, normalizeFile(file ?? ""), who, fieldKey(finding)].join(SEP));
}

/** Where entry identities come from: a list by entry index, or a lookup. */
export type EntryIdentities = ArrayLike<string | undefined> | ((entry: number) => string | undefined);

/**
 * Copies of the findings with `fingerprint` set (findings that already carry one keep it). Meant for
 * the caller that still holds the catalog, e.g. `withFingerprints(findings, catalog.entries.map(entryIdentity), file)`.
 */
export function withFingerprints(findings: readonly Finding[], identities: EntryIdentities, file?: string): Finding[] {
  const lookup = typeof identities === "function" ? identities : (i: number) => identities[i];
  return findings.map((f) => {
    if (f.fingerprint) return f;
    const entry = f.location.entry;
    const identity = entry === undefined ? undefined : lookup(entry);
    return { ...f, fingerprint: fingerprint(f, identity, file ?? f.location.file) };
  });
}

/** The fingerprint reporters and the baseline use: the stored one, else one computed the same way. */
export function fingerprintOf(finding: Finding, file?: string): string {
  return finding.fingerprint ?? fingerprint(finding, undefined, file ?? finding.location.file);
}
