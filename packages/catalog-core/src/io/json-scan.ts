import { FORBIDDEN_KEYS, pointerSegment } from "./errors.js";

/** What the scan found wrong: the offset in the text, a Chinese reason and advice. */
export interface ScanFailure {
  code: "syntax" | "limit" | "forbidden-key" | "duplicate-key";
  offset: number;
  reason: string;
  advice: string;
  pointer?: string;
  key?: string;
}

/** A valid JSON text: the line of each root key, each entry and each entry key. */
export type ScanResult = { ok: true; lines: PointerLines } | { ok: false; failure: ScanFailure };

const ENTRY_POINTER = /^\/entries\/(0|[1-9]\d*)(?:\/([^/]*))?$/;

/**
 * Lines of a JSON text's root keys, entries and entry keys, answering `get(pointer)` like the map
 * the other readers return, but stored compactly: a line per entry and, per entry, its keys (interned,
 * so 100,000 entries share a dozen key strings) with their lines — not a million pointer strings.
 */
export class PointerLines extends Map<string, number> {
  /** Line of each entry. */
  private readonly entryLine: number[] = [];
  /** For entry i, its keys are keyName/keyLine[keyStart[i] .. keyStart[i + 1]). */
  private readonly keyStart: number[] = [];
  private readonly keyName: string[] = [];
  private readonly keyLine: number[] = [];

  /** @internal */
  addEntry(index: number, line: number): void {
    // Entries come in order; an index seen again (cannot happen in one array) is ignored.
    if (index !== this.entryLine.length) return;
    this.entryLine.push(line);
    this.keyStart.push(this.keyName.length);
  }

  /** @internal */
  addEntryKey(index: number, segment: string, line: number): void {
    if (index !== this.entryLine.length - 1) return;
    this.keyName.push(segment);
    this.keyLine.push(line);
  }

  /** @internal The index of the last entry added. */
  lastEntry(): number {
    return this.entryLine.length - 1;
  }

  override get(pointer: string): number | undefined {
    const m = ENTRY_POINTER.exec(pointer);
    if (!m) return super.get(pointer);
    const index = Number(m[1]);
    if (index >= this.entryLine.length) return undefined;
    const segment = m[2];
    if (segment === undefined) return this.entryLine[index];
    const end = index + 1 < this.keyStart.length ? (this.keyStart[index + 1] as number) : this.keyName.length;
    // The last of a repeated key would win in JSON.parse; a duplicate is refused before this is used.
    for (let k = this.keyStart[index] as number; k < end; k++) if (this.keyName[k] === segment) return this.keyLine[k];
    return undefined;
  }

  override has(pointer: string): boolean {
    return this.get(pointer) !== undefined;
  }
}

const OBJ = 0;
const ARR = 1;
const WS_SPACE = 32;
const WS_TAB = 9;
const WS_CR = 13;
const LF = 10;
const QUOTE = 34;
const BACKSLASH = 92;

// Characters allowed after a backslash in a JSON string (u is checked separately).
const SIMPLE_ESCAPES = new Set([34, 92, 47, 98, 102, 110, 114, 116]);
const HEX = /^[0-9A-F]{4}$/i;
// Characters a JSON string holds as they are: anything but a quote, a backslash or a control character.
const PLAIN_RUN = /[^"\\\x00-\x1f]+/y;
// Past this many keys, an object's duplicate check uses a Set instead of a list.
const SMALL_OBJECT = 24;

const SYNTAX_ADVICE = "请检查此处前后是否缺少逗号、引号或括号，或多了结尾逗号；可用编辑器的 JSON 格式检查定位。";

/**
 * One pass over a JSON text that checks its grammar (RFC 8259), its nesting depth and its keys, and
 * records lines — without building values: `JSON.parse` does that natively afterwards. Iterative, so
 * deep nesting cannot overflow the stack; stops at the first problem with its exact offset.
 */
export function scanJson(text: string, maxDepth: number): ScanResult {
  const n = text.length;
  const kinds: number[] = [];
  const keys: (string | number)[] = [];
  const lines = new PointerLines();
  // Keys seen in each open object, for refusing duplicates; interned key strings.
  const seen: (string[] | Set<string> | undefined)[] = [];
  const intern = new Map<string, string>();
  let i = 0;
  let line = 1;
  let failure: ScanFailure | undefined;

  const fail = (code: ScanFailure["code"], at: number, reason: string, advice = SYNTAX_ADVICE): ScanResult => {
    failure = { code, offset: at, reason, advice };
    return { ok: false, failure };
  };
  const pointer = (): string => {
    let p = "";
    for (const k of keys) p += `/${pointerSegment(k)}`;
    return p;
  };
  const skipWs = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) line++;
      else if (c !== WS_SPACE && c !== WS_TAB && c !== WS_CR) break;
    }
  };
  // Entries are `/entries/N` at depth 2 under the root object.
  const inEntries = () => kinds.length >= 2 && kinds[0] === OBJ && keys[0] === "entries" && kinds[1] === ARR;

  /** Reads a string starting at the quote; returns the index after the closing quote, or -1. */
  const readString = (): number => {
    let j = i + 1;
    for (;;) {
      // Runs of ordinary characters are skipped natively.
      PLAIN_RUN.lastIndex = j;
      if (PLAIN_RUN.test(text)) j = PLAIN_RUN.lastIndex;
      if (j >= n) return (fail("syntax", i, "字符串没有结束引号。", "请补上结尾的双引号。"), -1);
      const c = text.charCodeAt(j);
      if (c === QUOTE) return j + 1;
      if (c < 0x20) {
        const what = c === LF ? "换行" : c === WS_TAB ? "制表符" : `控制字符 U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
        return (fail("syntax", j, `字符串中有未转义的${what}。`, "JSON 字符串里的换行要写成 \\n、制表符写成 \\t；也可能是前面少了结尾引号。"), -1);
      }
      if (c === BACKSLASH) {
        const e = text.charCodeAt(j + 1);
        if (e === 117 /* u */) {
          if (!HEX.test(text.slice(j + 2, j + 6))) return (fail("syntax", j, "\\u 后应跟 4 位十六进制数字。", "反斜杠本身要写成 \\\\。"), -1);
          j += 6;
          continue;
        }
        if (!SIMPLE_ESCAPES.has(e)) return (fail("syntax", j, "字符串中有无效的转义（反斜杠后跟了不允许的字符）。", "反斜杠本身要写成 \\\\，例如 Windows 路径 C:\\\\目录。"), -1);
        j += 2;
        continue;
      }
      j++;
    }
  };

  const duplicate = (key: string, at: number): false => {
    fail("duplicate-key", at, "", "");
    (failure as ScanFailure).pointer = pointer();
    (failure as ScanFailure).key = key;
    return false;
  };

  /** Reads `"key" :` at i; sets the key of the current object and records its line. */
  const readKey = (): boolean => {
    const c = text.charCodeAt(i);
    if (c !== QUOTE) {
      if (c === 39 /* ' */) return (fail("syntax", i, "键名用了单引号。", "JSON 的键名必须用双引号括起来。"), false);
      if (i >= n) return (fail("syntax", i, "文件在对象中间意外结束。", "文件可能被截断了，请补全缺少的 } 和 ]。"), false);
      return (fail("syntax", i, "此处应是用双引号括起的键名。", SYNTAX_ADVICE), false);
    }
    const keyStart = i;
    const end = readString();
    if (end < 0) return false;
    const raw = text.slice(keyStart + 1, end - 1);
    const decoded = raw.includes("\\") ? (JSON.parse(text.slice(keyStart, end)) as string) : raw;
    let key = intern.get(decoded);
    if (key === undefined) {
      key = decoded;
      if (intern.size < 4096) intern.set(key, key);
    }
    keys[keys.length - 1] = key;
    if (FORBIDDEN_KEYS.has(key)) {
      fail("forbidden-key", keyStart, "", "");
      (failure as ScanFailure).pointer = pointer();
      (failure as ScanFailure).key = key;
      return false;
    }
    // JSON.parse keeps the last of repeated keys: a second "entries" would silently replace the first.
    const depth = kinds.length - 1;
    const known = seen[depth];
    if (known === undefined) seen[depth] = [key];
    else if (Array.isArray(known)) {
      if (known.includes(key)) return duplicate(key, keyStart);
      known.push(key);
      if (known.length > SMALL_OBJECT) seen[depth] = new Set(known);
    } else {
      if (known.has(key)) return duplicate(key, keyStart);
      known.add(key);
    }
    if (kinds.length === 1) lines.set(`/${pointerSegment(key)}`, line);
    else if (kinds.length === 3 && inEntries()) lines.addEntryKey(keys[1] as number, pointerSegment(key), line);
    i = end;
    skipWs();
    if (text.charCodeAt(i) !== 58 /* : */) return (fail("syntax", i, `键名“${key}”后面缺少冒号。`, SYNTAX_ADVICE), false);
    i++;
    skipWs();
    return true;
  };

  skipWs();
  value: for (;;) {
    // A value is expected at i.
    if (kinds.length === 2 && inEntries()) lines.addEntry(keys[1] as number, line);
    const c = text.charCodeAt(i);
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (kinds.length >= maxDepth) {
        fail("limit", i, "", "");
        (failure as ScanFailure).pointer = pointer();
        return { ok: false, failure: failure as ScanFailure };
      }
      const isObj = c === 123;
      kinds.push(isObj ? OBJ : ARR);
      keys.push(isObj ? "" : 0);
      seen[kinds.length - 1] = undefined;
      i++;
      skipWs();
      if (text.charCodeAt(i) === (isObj ? 125 : 93)) {
        i++;
        kinds.pop();
        keys.pop();
      } else if (isObj) {
        if (!readKey()) return { ok: false, failure: failure as ScanFailure };
        continue value;
      } else continue value;
    } else if (c === QUOTE) {
      const end = readString();
      if (end < 0) return { ok: false, failure: failure as ScanFailure };
      i = end;
    } else if (c === 116 && text.startsWith("true", i)) i += 4;
    else if (c === 102 && text.startsWith("false", i)) i += 5;
    else if (c === 110 && text.startsWith("null", i)) i += 4;
    else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const end = scanNumber(text, i);
      if (end < 0) return fail("syntax", i, "数字的写法不正确。", "JSON 数字不能有前导零、结尾小数点或 +号，例如写 7 或 0.5。");
      i = end;
    } else return unexpectedValue(text, i, fail);

    // After a value: a separator, a closer, or the end.
    for (;;) {
      skipWs();
      const depth = kinds.length;
      if (depth === 0) {
        if (i < n) return fail("syntax", i, "完整的 JSON 值之后还有多余内容。", "一个文件只能有一个顶层对象；请删除多余的内容，或检查括号是否提前闭合。");
        return { ok: true, lines };
      }
      const d = text.charCodeAt(i);
      const isObj = kinds[depth - 1] === OBJ;
      if (d === 44 /* , */) {
        const comma = i;
        i++;
        skipWs();
        if (isObj) {
          if (text.charCodeAt(i) === 125) return fail("syntax", comma, "对象的最后一项后面多了逗号。", "JSON 不允许结尾逗号，请删除它。");
          if (!readKey()) return { ok: false, failure: failure as ScanFailure };
        } else {
          if (text.charCodeAt(i) === 93) return fail("syntax", comma, "数组的最后一项后面多了逗号。", "JSON 不允许结尾逗号，请删除它。");
          keys[depth - 1] = (keys[depth - 1] as number) + 1;
        }
        continue value;
      }
      if (d === (isObj ? 125 : 93)) {
        i++;
        kinds.pop();
        keys.pop();
        continue;
      }
      if (i >= n) return fail("syntax", i, `文件在${isObj ? "对象" : "数组"}中间意外结束。`, "文件可能被截断了，请补全缺少的 } 和 ]。");
      return fail("syntax", i, `此处缺少逗号或${isObj ? " }" : " ]"}。`, SYNTAX_ADVICE);
    }
  }
}

/** End index of a JSON number starting at i, or -1 when it is malformed. */
function scanNumber(text: string, start: number): number {
  let i = start;
  const digit = (k: number) => {
    const c = text.charCodeAt(k);
    return c >= 48 && c <= 57;
  };
  if (text.charCodeAt(i) === 45) i++;
  if (text.charCodeAt(i) === 48) i++;
  else if (digit(i)) while (digit(i)) i++;
  else return -1;
  if (text.charCodeAt(i) === 46) {
    i++;
    if (!digit(i)) return -1;
    while (digit(i)) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const s = text.charCodeAt(i);
    if (s === 43 || s === 45) i++;
    if (!digit(i)) return -1;
    while (digit(i)) i++;
  }
  if (digit(i)) return -1;
  return i;
}

function unexpectedValue(text: string, i: number, fail: (code: "syntax", at: number, reason: string, advice?: string) => ScanResult): ScanResult {
  if (i >= text.length) return fail("syntax", i, "文件意外结束，缺少值。", "文件可能为空或被截断了。");
  const c = text[i] as string;
  if (c === "'") return fail("syntax", i, "字符串用了单引号。", "JSON 字符串必须用双引号括起来。");
  if (c === "/") return fail("syntax", i, "JSON 不支持注释。", "请删除 // 或 /* */ 注释；需要注释可改用 YAML。");
  if (c === "}" || c === "]" || c === ",") return fail("syntax", i, `此处缺少值（遇到“${c}”）。`, SYNTAX_ADVICE);
  const cp = text.codePointAt(i) as number;
  const shown = cp < 0x20 ? `U+${cp.toString(16).toUpperCase().padStart(4, "0")}` : `“${String.fromCodePoint(cp)}”`;
  return fail("syntax", i, `意外的字符 ${shown}。`, "字符串要用双引号括起；true、false、null 要小写。");
}

const NOT_BLANK = /[^ \t\n\r]/g;

/**
 * The same checks and lines as {@link scanJson} — depth, forbidden and repeated keys — for a text
 * `JSON.parse` has already accepted, so its grammar needs no second check: the scan jumps from
 * bracket to comma to string, and finds the end of each string natively (indexOf) instead of
 * visiting its characters.
 * Lines are counted once at the end, from the offsets recorded on the way.
 */
export function scanParsedJson(text: string, maxDepth: number): ScanResult {
  const kinds: number[] = [];
  const keys: (string | number)[] = [];
  const seen: (string[] | Set<string> | undefined)[] = [];
  const intern = new Map<string, string>();
  // Offsets, in text order, of root keys (kind 0), entries (1) and entry keys (2).
  const events: number[] = [];
  const eventKinds: number[] = [];
  const eventNames: (string | number)[] = [];
  let expectKey = false;
  let failure: ScanFailure | undefined;

  const pointer = (): string => {
    let p = "";
    for (const k of keys) p += `/${pointerSegment(k)}`;
    return p;
  };
  const stop = (code: ScanFailure["code"], at: number, key?: string): ScanResult => {
    failure = { code, offset: at, reason: "", advice: "", pointer: pointer() };
    if (key !== undefined) failure.key = key;
    return { ok: false, failure };
  };
  const inEntries = () => kinds.length === 2 && kinds[0] === OBJ && keys[0] === "entries" && kinds[1] === ARR;
  /** Records the start of the entry that begins at the first non-blank character from `from`. */
  const entryAt = (from: number) => {
    NOT_BLANK.lastIndex = from;
    const m = NOT_BLANK.exec(text);
    if (!m || m[0] === "]") return;
    events.push(m.index);
    eventKinds.push(1);
    eventNames.push(keys[1] as number);
  };

  const n = text.length;
  for (let at = 0; at < n; at++) {
    const c = text.charCodeAt(at);
    if (c === QUOTE) {
      // The closing quote: the next one not escaped by an odd run of backslashes (found natively).
      let close = text.indexOf('"', at + 1);
      for (;;) {
        // Cannot happen after JSON.parse accepted the text; the full scan then says what is wrong.
        if (close === -1) return scanJson(text, maxDepth);
        let b = close - 1;
        while (text.charCodeAt(b) === BACKSLASH) b--;
        if ((close - 1 - b) % 2 === 0) break;
        close = text.indexOf('"', close + 1);
      }
      const start = at;
      at = close;
      if (!expectKey) continue;
      expectKey = false;
      const raw = text.slice(start + 1, close);
      const decoded = raw.includes("\\") ? (JSON.parse(text.slice(start, close + 1)) as string) : raw;
      let key = intern.get(decoded);
      if (key === undefined) {
        key = decoded;
        if (intern.size < 4096) intern.set(key, key);
      }
      keys[keys.length - 1] = key;
      if (FORBIDDEN_KEYS.has(key)) return stop("forbidden-key", start, key);
      const depth = kinds.length - 1;
      const known = seen[depth];
      if (known === undefined) seen[depth] = [key];
      else if (Array.isArray(known)) {
        if (known.includes(key)) return stop("duplicate-key", start, key);
        known.push(key);
        if (known.length > SMALL_OBJECT) seen[depth] = new Set(known);
      } else {
        if (known.has(key)) return stop("duplicate-key", start, key);
        known.add(key);
      }
      if (depth === 0) {
        events.push(start);
        eventKinds.push(0);
        eventNames.push(key);
      } else if (depth === 2 && kinds[1] === ARR && keys[0] === "entries") {
        events.push(start);
        eventKinds.push(2);
        eventNames.push(key);
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (kinds.length >= maxDepth) return stop("limit", at);
      const isObj = c === 123;
      kinds.push(isObj ? OBJ : ARR);
      keys.push(isObj ? "" : 0);
      seen[kinds.length - 1] = undefined;
      expectKey = isObj;
      if (!isObj && inEntries()) entryAt(at + 1);
    } else if (c === 44 /* , */) {
      const depth = kinds.length - 1;
      if (kinds[depth] === OBJ) expectKey = true;
      else {
        keys[depth] = (keys[depth] as number) + 1;
        if (inEntries()) entryAt(at + 1);
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      kinds.pop();
      keys.pop();
      expectKey = false;
    }
  }

  // Offsets → lines in one pass over the line ends.
  const lines = new PointerLines();
  let line = 1;
  let lf = text.indexOf("\n");
  for (let k = 0; k < events.length; k++) {
    const offset = events[k] as number;
    while (lf !== -1 && lf < offset) {
      line++;
      lf = text.indexOf("\n", lf + 1);
    }
    const kind = eventKinds[k];
    const name = eventNames[k] as string | number;
    if (kind === 0) lines.set(`/${pointerSegment(name)}`, line);
    else if (kind === 1) lines.addEntry(name as number, line);
    else lines.addEntryKey(lines.lastEntry(), pointerSegment(name), line);
  }
  return { ok: true, lines };
}
