/** How serious a finding is. `error` fails validation (exit 1); `warning` and `info` do not. */
export type Severity = "error" | "warning" | "info";

/**
 * Where a finding points. Members are present when known: a spreadsheet source gives sheet, row
 * (the row a person sees), column letter and A1 cell; a JSON/YAML source gives the JSON pointer
 * (`path`) and, for text, the line.
 */
export interface Location {
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  /** A1 reference, e.g. `G7`; `sheet!cell` is how messages show it. */
  cell?: string;
  /** JSON pointer into the catalog, e.g. `/entries/3/timeLimit`. */
  path?: string;
  line?: number;
  /** Index of the entry in `catalog.entries`. */
  entry?: number;
  /** Model field, e.g. `timeLimit`, `items.0`, `audience`. */
  field?: string;
}

/**
 * One problem found in a catalog: the rule that found it, how serious it is, what is wrong (Simplified
 * Chinese) and what to do about it, and where. Created by the rule engine, rendered by reporters.
 */
export interface Finding {
  /** Stable rule id, e.g. `required-field`; tools match on it. */
  rule: string;
  severity: Severity;
  /** What is wrong, in Simplified Chinese. */
  message: string;
  /** What to do next, in Simplified Chinese. */
  hint?: string;
  location: Location;
  /** Other places the finding concerns (e.g. the first occurrence of a duplicate). */
  related?: Location[];
  /** The template values the message was built from, for machines. */
  data?: Record<string, string | number>;
  /**
   * Stable across runs and unrelated edits (rule, file, the entry's 事项 identity, field; not the row):
   * matches findings against a baseline and feeds SARIF `partialFingerprints`. Set once, by whoever
   * still holds the entry (`fingerprint`/`withFingerprints`); reporters compute it only when absent.
   */
  fingerprint?: string;
}

/** `Sheet!A1` (quoted when the sheet name needs it), or the best short place description we have. */
export function formatPlace(location: Location): string {
  if (location.cell) {
    if (!location.sheet) return location.cell;
    const quoted = /^[\p{L}\p{N}_]+$/u.test(location.sheet) ? location.sheet : `'${location.sheet.replace(/'/g, "''")}'`;
    return `${quoted}!${location.cell}`;
  }
  if (location.sheet && location.row) return `${location.sheet} 第${location.row}行`;
  if (location.line) return `第${location.line}行`;
  if (location.path !== undefined) return location.path || "/";
  return "";
}

/** Fills `{name}` placeholders of a message template from data; unknown names stay visible. */
export function fillTemplate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
