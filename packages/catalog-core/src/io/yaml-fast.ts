import { FORBIDDEN_KEYS, pointerSegment, type TextLimits } from "./errors.js";

// A reader for the YAML that catalogs are actually written in: what zwgk's own writer emits
// (`yaml-emit.ts`) and hand-edited files of the same style. Block mappings and sequences, plain
// scalars on one line, single- and double-quoted scalars on one line, `|` and `|-` literal blocks,
// empty `[]` and `{}`, comments, blank lines, CRLF line ends. It reads that subset exactly as the
// yaml package (2.9.1, core schema, strict, as `readYaml` configures it) reads it — the same values,
// the same line of every root key, entry and entry key — and gives up (undefined) on anything else,
// so the yaml-package readers run and say what they always said. It never guesses: whatever it is
// not sure it reads as yaml does (flow collections, anchors, aliases, tags, directives, document
// markers, explicit keys, multi-line plain or quoted scalars, folded blocks, tabs, duplicate or
// forbidden keys, non-string keys, a limit about to be reached) ends the attempt.

/** Thrown inside the reader when the text leaves the subset; caught at its entry point only. */
const OUTSIDE = Symbol("outside the fast YAML subset");

// Characters that end the attempt wherever they stand: tabs (separation rules differ around them),
// C0 controls other than LF and CR, a CR not before LF, and a BOM at the start of a line (yaml's
// lexer takes one there apart, outside a document). DEL, C1 controls, U+2028/9 and a BOM inside a
// line are ordinary text to yaml.
const OUTSIDE_CHARS = /[\0-\x08\t\v\f\x0E-\x1F]|\r(?!\n)|(?:^|\n)\uFEFF/;

// The YAML 1.2 core schema as yaml 2.9.1 tests plain scalars (schema/core/*.js, in its order).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?\d+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.\d+|\d+(?:\.\d*)?)e[-+]?\d+$/i;
const FLOAT = /^[-+]?(?:\.\d+|\d+\.\d*)$/;

/** The value of a non-empty plain scalar, as the core schema resolves it. */
export function plainScalarValue(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only these first characters can start anything but a string: digits + - . ~ n N t T f F.
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return c === 116 || c === 84;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === "nan" ? NaN : c === 45 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

// Double-quoted escapes as yaml resolves them (resolve-flow-scalar.js); \x, \u, \U are read apart.
const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0", a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v",
  N: "\u0085", _: "\u00a0", L: "\u2028", P: "\u2029", " ": " ", '"': '"', "/": "/", "\\": "\\",
};
const HEX = /^[0-9a-f]+$/i;

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;

/** What the fast reader read: the catalog and, unless not wanted, the line map. */
export interface FastYamlRead {
  catalog: Record<string, unknown>;
  lines?: Map<string, number>;
}

/**
 * Reads a decoded YAML catalog text in the subset described above, exactly as the yaml-package
 * reader would, or returns undefined (and has built nothing that outlives the call) when the text
 * leaves the subset or comes near a limit. `lines` false skips the line map.
 */
export function readYamlFast(text: string, limits: TextLimits, lines = true): FastYamlRead | undefined {
  if (OUTSIDE_CHARS.test(text)) return undefined;
  const reader = new FastReader(text, limits, lines);
  let catalog: Record<string, unknown>;
  try {
    catalog = reader.document();
  } catch (e) {
    if (e !== OUTSIDE) throw e;
    return undefined;
  }
  if (!reader.withinNodeLimit()) return undefined;
  return reader.lines ? { catalog, lines: reader.lines } : { catalog };
}

function outside(): never {
  throw OUTSIDE;
}

class FastReader {
  readonly lines: Map<string, number> | undefined;
  private readonly t: string;
  private readonly maxDepth: number;
  private readonly maxNodes: number;
  // The current line: its start, the end of its text (before CR LF or LF), the start of the next
  // line, its indentation (spaces), where its content starts, its 1-based number; eof past the end.
  private ls = 0;
  private le = 0;
  private nx = 0;
  private ind = 0;
  private cs = 0;
  private line = 0;
  private eof = false;
  // Nodes as the yaml-package readers count them (scalars, sequence items, collections), bounded
  // here from above: all of them, those in root-level `entries` items, the most in one item, items.
  private nodes = 0;
  private entryNodes = 0;
  private maxEntryNodes = 0;
  private entryCount = 0;
  // Whether the root's `entries` key was written plain (the entry-by-entry reader looks for that).
  private entriesPlain = false;

  constructor(text: string, limits: TextLimits, lines: boolean) {
    this.t = text;
    this.maxDepth = limits.maxDepth;
    this.maxNodes = limits.maxNodes;
    this.lines = lines ? new Map() : undefined;
  }

  /** The root mapping. */
  document(): Record<string, unknown> {
    this.load(0);
    this.line = 1;
    this.content();
    if (this.eof || this.ind !== 0) outside();
    return this.map(0, 1, "", true);
  }

  /**
   * Whether the yaml-package readers stay within `maxNodes` on this text, with room to spare: the
   * entry-by-entry reader holds at most the nodes outside the entries and those of two entries
   * (and refuses more entries than `maxNodes`); without a plain `entries` key it holds them all.
   */
  withinNodeLimit(): boolean {
    const rest = this.nodes - (this.entriesPlain ? this.entryNodes : 0);
    const entry = this.entriesPlain ? this.maxEntryNodes : 0;
    return rest + 2 * entry + 16 <= this.maxNodes && this.entryCount + 2 <= this.maxNodes;
  }

  /** Makes the line starting at `start` current. */
  private load(start: number): void {
    const t = this.t;
    if (start >= t.length) {
      this.eof = true;
      this.ls = this.le = this.nx = this.cs = t.length;
      this.ind = 0;
      return;
    }
    const nl = t.indexOf("\n", start);
    const end = nl === -1 ? t.length : nl;
    this.nx = nl === -1 ? t.length : nl + 1;
    this.le = end > start && t.charCodeAt(end - 1) === 13 ? end - 1 : end;
    let i = start;
    while (i < this.le && t.charCodeAt(i) === SPACE) i++;
    this.ls = start;
    this.cs = i;
    this.ind = i - start;
  }

  /** Moves to the next line. */
  private step(): void {
    this.line++;
    this.load(this.nx);
  }

  /** From the current line on, skips blank and comment lines; a document marker or directive ends the attempt. */
  private content(): void {
    const t = this.t;
    while (!this.eof) {
      if (this.cs < this.le) {
        const c = t.charCodeAt(this.cs);
        if (c !== HASH) {
          if (this.ind === 0 && (c === 37 || ((c === DASH || c === 46) && (t.startsWith("---", this.cs) || t.startsWith("...", this.cs))))) outside();
          return;
        }
      }
      this.step();
    }
  }

  /** Whether a `-` sequence indicator stands at `i` of the current line. */
  private dashAt(i: number): boolean {
    return this.t.charCodeAt(i) === DASH && (i + 1 === this.le || this.t.charCodeAt(i + 1) === SPACE);
  }

  /**
   * A block mapping whose first key starts at column `col` of the current line, at nesting `depth`
   * (the root is 1). With `record`, the line of each key is kept under `path`/key.
   */
  private map(col: number, depth: number, path: string, record: boolean): Record<string, unknown> {
    if (depth >= this.maxDepth) outside();
    const obj: Record<string, unknown> = {};
    const lines = record ? this.lines : undefined;
    for (;;) {
      const keyLine = this.line;
      const at = this.ls + col;
      const colon = this.keyColon(at);
      if (colon < 0) outside();
      const key = this.keyText(at, colon);
      if (FORBIDDEN_KEYS.has(key) || Object.hasOwn(obj, key)) outside();
      this.nodes++;
      const p = lines ? `${path}/${pointerSegment(key)}` : "";
      if (lines) lines.set(p, keyLine);
      const entries = depth === 1 && key === "entries";
      if (entries) this.entriesPlain = this.t.charCodeAt(at) !== DQUOTE && this.t.charCodeAt(at) !== SQUOTE;
      // Object keys are plain data properties here: the forbidden names are refused above.
      obj[key] = this.value(colon + 1, col, depth + 1, p, entries);
      if (this.eof || this.ind < col) return obj;
      if (this.ind > col) outside();
    }
  }

  /**
   * A block sequence whose `-` indicators stand at column `col`. For the root's `entries`, the line
   * of each item is kept, its keys' lines too, and its nodes are counted apart.
   */
  private seq(col: number, depth: number, path: string, entries: boolean): unknown[] {
    if (depth >= this.maxDepth) outside();
    const arr: unknown[] = [];
    const t = this.t;
    const lines = entries ? this.lines : undefined;
    for (;;) {
      const before = this.nodes;
      this.nodes++;
      const ip = lines ? `${path}/${arr.length}` : "";
      let p = this.cs + 1;
      while (p < this.le && t.charCodeAt(p) === SPACE) p++;
      let item: unknown;
      if (p === this.le || t.charCodeAt(p) === HASH) {
        // The item's value starts on a later line, more indented; an empty item ends the attempt.
        this.step();
        this.content();
        if (this.eof || this.ind <= col) outside();
        if (lines) lines.set(ip, this.line);
        item = this.dashAt(this.cs) ? this.seq(this.ind, depth + 1, "", false) : this.map(this.ind, depth + 1, ip, entries);
      } else {
        if (lines) lines.set(ip, this.line);
        if (this.dashAt(p)) outside();
        item = this.keyColon(p) >= 0 ? this.map(p - this.ls, depth + 1, ip, entries) : this.inline(p, col, depth + 1);
      }
      arr.push(item);
      if (entries) {
        const n = this.nodes - before;
        this.entryNodes += n;
        if (n > this.maxEntryNodes) this.maxEntryNodes = n;
        this.entryCount++;
      }
      if (this.eof || this.ind < col) return arr;
      if (this.ind > col) outside();
      if (!this.dashAt(this.cs)) return arr;
    }
  }

  /**
   * The value after a key's `:` (at `from`) of a mapping at column `col`: on the same line, or on
   * the following lines (a nested mapping, or a sequence indented more or as much as the key), or
   * empty (null). Leaves the next content line current.
   */
  private value(from: number, col: number, depth: number, path: string, entries: boolean): unknown {
    const t = this.t;
    let p = from;
    while (p < this.le && t.charCodeAt(p) === SPACE) p++;
    if (p < this.le && t.charCodeAt(p) !== HASH) return this.inline(p, col, depth);
    this.step();
    this.content();
    if (this.eof) return null;
    if (this.ind > col || (this.ind === col && this.dashAt(this.cs))) {
      if (this.dashAt(this.cs)) return this.seq(this.ind, depth, path, entries);
      return this.map(this.ind, depth, "", false);
    }
    return null;
  }

  /**
   * A value that starts at `p` of the current line (not a mapping): a quoted or plain scalar, a
   * literal block, `[]` or `{}`. `col` is the column of the collection holding it. Leaves the next
   * content line current.
   */
  private inline(p: number, col: number, depth: number): unknown {
    const t = this.t;
    const c = t.charCodeAt(p);
    let value: unknown;
    this.nodes++;
    switch (c) {
      case DQUOTE: {
        const q = this.doubleEnd(p);
        value = this.unescape(p + 1, q);
        this.lineEnd(q + 1);
        break;
      }
      case SQUOTE: {
        const q = this.singleEnd(p);
        value = t.slice(p + 1, q).replace(/''/g, "'");
        this.lineEnd(q + 1);
        break;
      }
      case 124: // |
        return this.literal(p, col);
      case 91: // [
      case 123: // {
        if (t.charCodeAt(p + 1) !== c + 2 || depth >= this.maxDepth) outside();
        value = c === 91 ? [] : {};
        this.lineEnd(p + 2);
        break;
      case DASH:
        if (p + 1 === this.le || t.charCodeAt(p + 1) === SPACE) outside();
        value = plainScalarValue(this.plain(p));
        break;
      // Indicators and reserved characters: ? : , ] } & * ! > % @ ` (and # cannot stand here).
      case 63:
      case COLON:
      case 44:
      case 93:
      case 125:
      case 38:
      case 42:
      case 33:
      case 62:
      case 37:
      case 64:
      case 96:
      case HASH:
        return outside();
      default:
        value = plainScalarValue(this.plain(p));
    }
    this.step();
    this.content();
    return value;
  }

  /** A plain scalar from `p` to the end of the line or a comment; a `: ` inside ends the attempt. */
  private plain(p: number): string {
    const t = this.t;
    const le = this.le;
    let end = p;
    for (let i = p; i < le; i++) {
      const c = t.charCodeAt(i);
      if (c === SPACE) {
        if (t.charCodeAt(i + 1) === HASH) break;
      } else {
        if (c === COLON && (i + 1 === le || t.charCodeAt(i + 1) === SPACE)) outside();
        end = i + 1;
      }
    }
    return t.slice(p, end);
  }

  /** After a scalar ending at `i`: only spaces, or spaces and a comment, may follow on the line. */
  private lineEnd(i: number): void {
    const t = this.t;
    let j = i;
    while (j < this.le && t.charCodeAt(j) === SPACE) j++;
    if (j < this.le && (t.charCodeAt(j) !== HASH || j === i)) outside();
  }

  /**
   * Where the `:` of a key starting at `p` stands, or -1 when the text at `p` is not a key this
   * reader takes (an indicator, a flow collection, a plain scalar without `: `, a comment first).
   */
  private keyColon(p: number): number {
    const t = this.t;
    const le = this.le;
    const c = t.charCodeAt(p);
    let i: number;
    if (c === DQUOTE || c === SQUOTE) {
      i = (c === DQUOTE ? this.doubleEnd(p) : this.singleEnd(p)) + 1;
      while (i < le && t.charCodeAt(i) === SPACE) i++;
      if (i >= le || t.charCodeAt(i) !== COLON || (i + 1 < le && t.charCodeAt(i + 1) !== SPACE)) return -1;
    } else {
      // A plain key may not start with an indicator or a reserved character.
      if ("-?:,[]{}#&*!|>%@`".includes(t[p] as string)) return -1;
      for (i = p; i < le; i++) {
        const ch = t.charCodeAt(i);
        if (ch === COLON && (i + 1 === le || t.charCodeAt(i + 1) === SPACE)) break;
        if (ch === SPACE && t.charCodeAt(i + 1) === HASH) return -1;
      }
      if (i >= le) return -1;
    }
    // yaml refuses an implicit key whose `:` is more than 1024 characters after its start.
    if (i - p > 1000) outside();
    return i;
  }

  /** The key starting at `p` whose `:` stands at `colon`: a string, or the attempt ends. */
  private keyText(p: number, colon: number): string {
    const t = this.t;
    const c = t.charCodeAt(p);
    if (c === DQUOTE) return this.unescape(p + 1, this.doubleEnd(p));
    if (c === SQUOTE) return t.slice(p + 1, this.singleEnd(p)).replace(/''/g, "'");
    let end = colon;
    while (t.charCodeAt(end - 1) === SPACE) end--;
    const key = t.slice(p, end);
    // A key the core schema reads as null, a boolean or a number is not a string: yaml would
    // name it differently in its checks and in the object.
    if (typeof plainScalarValue(key) !== "string") outside();
    return key;
  }

  /** The closing quote of a double-quoted scalar opened at `p`, on the same line (as yaml's lexer finds it). */
  private doubleEnd(p: number): number {
    const t = this.t;
    let end = t.indexOf('"', p + 1);
    while (end !== -1 && end < this.le) {
      let n = 0;
      while (t.charCodeAt(end - 1 - n) === 92) n++;
      if (n % 2 === 0) break;
      end = t.indexOf('"', end + 1);
    }
    if (end === -1 || end >= this.le) outside();
    return end;
  }

  /** The closing quote of a single-quoted scalar opened at `p`, on the same line. */
  private singleEnd(p: number): number {
    const t = this.t;
    let end = t.indexOf("'", p + 1);
    while (end !== -1 && end < this.le && t.charCodeAt(end + 1) === SQUOTE) end = t.indexOf("'", end + 2);
    if (end === -1 || end >= this.le) outside();
    return end;
  }

  /** The value of a double-quoted scalar's text between `from` and `to` (one line). */
  private unescape(from: number, to: number): string {
    const t = this.t;
    // (indexOf would search past `to`, through the rest of the text.)
    let i = from;
    while (i < to && t.charCodeAt(i) !== 92) i++;
    if (i === to) return t.slice(from, to);
    let out = t.slice(from, i);
    while (i < to) {
      const c = t[i] as string;
      if (c !== "\\") {
        out += c;
        i++;
        continue;
      }
      const next = t[i + 1] as string;
      const simple = ESCAPES[next];
      if (simple !== undefined && Object.hasOwn(ESCAPES, next)) {
        out += simple;
        i += 2;
      } else if (next === "x" || next === "u" || next === "U") {
        const length = next === "x" ? 2 : next === "u" ? 4 : 8;
        const hex = t.slice(i + 2, i + 2 + length);
        if (i + 2 + length > to || hex.length !== length || !HEX.test(hex)) outside();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) outside();
        out += String.fromCodePoint(code);
        i += 2 + length;
      } else {
        outside();
      }
    }
    return out;
  }

  /**
   * A `|` or `|-` literal block whose header stands at `p` in a collection at column `col`: its
   * lines are those indented as its first line (more than `col`), empty lines between them kept.
   * Leaves the next content line current.
   */
  private literal(p: number, col: number): string {
    const t = this.t;
    let i = p + 1;
    const strip = t.charCodeAt(i) === DASH;
    if (strip) i++;
    while (i < this.le && t.charCodeAt(i) === SPACE) i++;
    if (i !== this.le) outside();
    this.step();
    // The first line sets the indentation: it must hold text, more indented than the collection.
    if (this.eof || this.cs === this.le || this.ind <= col) outside();
    const indent = this.ind;
    let out = t.slice(this.ls + indent, this.le);
    let empty = 0;
    for (;;) {
      this.step();
      if (this.eof) break;
      if (this.le === this.ls) {
        empty++;
        continue;
      }
      // A line of spaces only: yaml's rules for those depend on their length; not read here.
      if (this.cs === this.le) outside();
      if (this.ind < indent) break;
      out += "\n".repeat(empty + 1) + t.slice(this.ls + indent, this.le);
      empty = 0;
    }
    this.content();
    return strip ? out : `${out}\n`;
  }
}
