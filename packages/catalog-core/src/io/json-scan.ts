import { FORBIDDEN_KEYS, pointerSegment } from "./errors.js";

/** What the scan found wrong: the offset in the text, a Chinese reason and advice. */
export interface ScanFailure {
  code: "syntax" | "limit" | "forbidden-key";
  offset: number;
  reason: string;
  advice: string;
  pointer?: string;
  key?: string;
}

/** A valid JSON text: the line of each root key, each entry and each entry key. */
export type ScanResult = { ok: true; lines: Map<string, number> } | { ok: false; failure: ScanFailure };

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
  const lines = new Map<string, number>();
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
    const key = raw.includes("\\") ? (JSON.parse(text.slice(keyStart, end)) as string) : raw;
    keys[keys.length - 1] = key;
    if (FORBIDDEN_KEYS.has(key)) {
      fail("forbidden-key", keyStart, "", "");
      (failure as ScanFailure).pointer = pointer();
      (failure as ScanFailure).key = key;
      return false;
    }
    if (kinds.length === 1) lines.set(`/${pointerSegment(key)}`, line);
    else if (kinds.length === 3 && inEntries()) lines.set(`/entries/${keys[1] as number}/${pointerSegment(key)}`, line);
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
    if (kinds.length === 2 && inEntries()) lines.set(`/entries/${keys[1] as number}`, line);
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
