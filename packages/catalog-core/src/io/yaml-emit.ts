// A small YAML 1.2 emitter for plain data (objects, arrays, strings, numbers, booleans, null): block
// style, 2-space indent, sequences indented under their key. It writes what the yaml package wrote
// before for catalogs — plain scalars where YAML reads them back as the same string, JSON-style
// double quotes otherwise, `|` blocks for multi-line text — at a fraction of the cost and without
// building a document tree, so the streaming writer can emit one entry at a time.

const PADS = Array.from({ length: 24 }, (_, i) => " ".repeat(i));
const pad = (n: number) => PADS[n] ?? " ".repeat(n);

// Characters after which (or as which) a plain scalar could be read as something else. Kept
// conservative: quoting a string YAML would have read back anyway costs only two characters.
const PLAIN_FIRST_BAD = /^[\s\-?:,[\]{}#&*!|>'"%@`~]/;
const PLAIN_ANY_BAD = /[\0-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|:(?:\s|$)|\s#|\s$/;
// Strings the core schema would read as a number (in any notation YAML 1.1 or 1.2 knows).
const NUMBER_LIKE = /^[-+.]?(?:\d|\.(?:inf|Inf|INF|nan|NaN|NAN)$)/;
const CORE_WORDS = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;
// What may stand in a `|` block: no control character but LF, no line that is only blanks, no
// leading blank on the first line (it would set the indentation), no CR, tab or odd code points.
const BLOCK_BAD = /[\0-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|(?:^|\n)[ \t]+(?:\n|$)/;

/** A string as a YAML scalar on one line (plain or double-quoted), or undefined for a `|` block. */
function inlineString(s: string): string | undefined {
  if (s !== "" && !PLAIN_FIRST_BAD.test(s) && !PLAIN_ANY_BAD.test(s) && !CORE_WORDS.test(s) && !(NUMBER_LIKE.test(s) && looksNumeric(s))) return s;
  return JSON.stringify(s);
}

/** Whether YAML (core schema, or a 1.1 reader) could take a string that starts like a number for one. */
function looksNumeric(s: string): boolean {
  return /^[-+]?(?:\d[\d_,:]*(?:\.[\d_]*)?|\.[\d_]+)(?:[eE][-+]?\d+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$|^0[xob][0-9a-fA-F_]+$/.test(s);
}

function scalar(value: unknown): string {
  if (typeof value === "string") return inlineString(value) as string;
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".nan";
    if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  return "null";
}

/** A multi-line string as a literal block at `indent`, or undefined when it must be quoted. */
function literalBlock(s: string, indent: number): string | undefined {
  if (!s.includes("\n") || s.startsWith("\n") || s.startsWith(" ") || BLOCK_BAD.test(s)) return undefined;
  let body = s;
  let head = "|-";
  if (s.endsWith("\n")) {
    if (s.endsWith("\n\n")) return undefined;
    body = s.slice(0, -1);
    head = "|";
  }
  const p = pad(indent);
  return `${head}\n${body.split("\n").map((line) => (line === "" ? "" : p + line)).join("\n")}\n`;
}

function isEmptyCollection(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? "[]" : undefined;
  if (value !== null && typeof value === "object") return Object.keys(value).length === 0 ? "{}" : undefined;
  return undefined;
}

/** The text after `key:` or `- `, including the line end, for a value whose block sits at `indent`. */
function valueText(value: unknown, indent: number, inSequence: boolean): string {
  const empty = isEmptyCollection(value);
  if (empty) return ` ${empty}\n`;
  if (Array.isArray(value) || (value !== null && typeof value === "object")) {
    const block = yamlBlock(value, indent);
    // A collection in a sequence item starts on the dash's line.
    return inSequence ? ` ${block.slice(indent)}` : `\n${block}`;
  }
  if (typeof value === "string") {
    const block = value.includes("\n") ? literalBlock(value, indent) : undefined;
    if (block) return ` ${block}`;
  }
  return ` ${scalar(value)}\n`;
}

/**
 * A non-empty object or array as block YAML at `indent` (each line starts with `indent` spaces, the
 * text ends with a newline); an empty one gives "". `undefined` members are left out.
 */
export function yamlBlock(value: unknown, indent: number): string {
  const p = pad(indent);
  let out = "";
  if (Array.isArray(value)) {
    for (const item of value) out += `${p}-${valueText(item === undefined ? null : item, indent + 2, true)}`;
    return out;
  }
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v === undefined) continue;
    out += `${p}${scalar(key)}:${valueText(v, indent + 2, false)}`;
  }
  return out;
}
