import type { Catalog } from "@zwgk/catalog-schemas";
import {
  Composer,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  YAMLParseError,
  type CST,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  type YAMLError,
} from "yaml";
import {
  depthError,
  FORBIDDEN_KEYS,
  forbiddenKeyError,
  nodesError,
  notObjectError,
  pointerSegment,
  readError,
  type CatalogReadError,
  type ReadResult,
  type TextLimits,
} from "./errors.js";
import { catalogShape, orderValue } from "./shape.js";
import { writeWhole } from "./write-stream.js";
import { yamlBlock } from "./yaml-emit.js";
import { readYamlFast } from "./yaml-fast.js";

// Chinese for the yaml package's error codes a person meets; the rest fall back to a generic phrase.
const YAML_ERRORS: Record<string, string> = {
  DUPLICATE_KEY: "同一层级里有重复的键名",
  MULTIPLE_DOCS: "文件包含多个 YAML 文档（多个 ---）",
  BAD_INDENT: "缩进不正确",
  MISSING_CHAR: "缺少必要的字符（如引号或括号）",
  MULTILINE_IMPLICIT_KEY: "键名不能跨行（可能是上一行少了冒号或缩进不对）",
  BLOCK_AS_IMPLICIT_KEY: "此处不能用块结构作键名",
  UNEXPECTED_TOKEN: "意外的内容",
  TAB_AS_INDENT: "用了制表符缩进（YAML 只允许空格缩进）",
  BAD_ALIAS: "别名（*名称）写法不正确",
  BAD_SCALAR_START: "值的开头字符不允许（以 @ 或 ` 开头的值要加引号）",
  BAD_DIRECTIVE: "指令（%…）写法不正确",
  BAD_DQ_ESCAPE: "双引号字符串中有无效的转义",
  DUPLICATE_ANCHOR: "锚点（&名称）重复",
  KEY_OVER_1024_CHARS: "隐式键名超过 1024 个字符",
  TAG_RESOLVE_FAILED: "不支持的标签（目录 YAML 不使用 ! 标签）",
  ALIAS_PROPS: "别名不能带标签或锚点",
  IMPOSSIBLE: "无法解析的结构",
};
const YAML_ADVICE = "请检查该处的缩进、冒号和引号；含有 : # 等特殊字符的文本请加引号。";

function yamlError(e: YAMLError, lineCounter: LineCounter, place: { file?: string }): CatalogReadError {
  // prettyErrors is off (it copies source lines into messages), so the position comes from the offset.
  const pos = lineCounter.linePos(e.pos[0]);
  const detail = e.message.split(" at line ")[0];
  const what = YAML_ERRORS[e.code] ?? "YAML 语法错误";
  return readError("syntax", `YAML 语法错误：${what}（${e.code}：${detail}）。`, YAML_ADVICE, { ...place, ...(pos ? { line: pos.line, column: pos.col } : {}) });
}

/**
 * Walks the parsed nodes once: depth, forbidden keys, and the line of each root key, entry and entry
 * key. Aliases are not followed (their anchor was walked where it stands).
 */
function walk(
  doc: Document.Parsed,
  limits: TextLimits,
  lineOf: (offset: number) => { line: number; col: number },
  place: { file?: string },
  // Where the document stands in the catalog: the root (default), or one entry read alone; `base` is
  // the index of the first entry the document's `entries` holds.
  at: { path: string; depth: number; entryDepth: number; base: number } = { path: "", depth: 1, entryDepth: 0, base: 0 },
  lines = new Map<string, number>(),
) {
  const root = doc.contents;
  let error: CatalogReadError | undefined;
  const step = (node: unknown, path: string, depth: number, entryDepth: number): void => {
    if (error || !(isMap(node) || isSeq(node))) return;
    if (depth > limits.maxDepth) {
      const pos = node.range ? lineOf(node.range[0]) : undefined;
      error = depthError(limits.maxDepth, { ...place, pointer: path, ...(pos ? { line: pos.line, column: pos.col } : {}) });
      return;
    }
    if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i];
        const p = `${path}/${entryDepth === 1 ? at.base + i : i}`;
        if (entryDepth === 1 && item && typeof item === "object" && "range" in item && item.range) lines.set(p, lineOf((item.range as [number])[0]).line);
        step(item, p, depth + 1, entryDepth === 1 ? 2 : 0);
      }
      return;
    }
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      // A key may be an alias (`*k : …` with `k: &k __proto__`): check what it stands for.
      const key = pair.key;
      const resolved = isAlias(key) ? key.resolve(doc) : key;
      const name = isScalar(resolved) ? String(resolved.value) : undefined;
      const p = name === undefined ? `${path}/?` : `${path}/${pointerSegment(name)}`;
      const range = isScalar(key) || isAlias(key) ? key.range : undefined;
      // The place of the key, for its line and for an error (built only then: most keys need neither).
      const where = () => {
        const pos = range ? lineOf(range[0]) : undefined;
        return { ...place, pointer: p, ...(pos ? { line: pos.line, column: pos.col } : {}) };
      };
      if (name !== undefined && FORBIDDEN_KEYS.has(name)) {
        error = forbiddenKeyError(name, where());
        return;
      }
      if (name !== undefined) {
        if (seen.has(name)) {
          error = readError("syntax", `YAML 语法错误：同一层级里有重复的键名“${name}”。`, "每个键只能写一次，请删除或合并重复的一项。", where());
          return;
        }
        seen.add(name);
      }
      if (range && (depth === 1 || entryDepth === 2)) lines.set(p, lineOf(range[0]).line);
      step(pair.value, p, depth + 1, depth === 1 && name === "entries" ? 1 : 0);
    }
  };
  if (at.entryDepth === 2 && root && typeof root === "object" && "range" in root && root.range) lines.set(at.path, lineOf((root.range as readonly number[])[0]!).line);
  step(root, at.path, at.depth, at.entryDepth);
  return { lines, error };
}

const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  // yaml compares each key with every earlier one (quadratic in a map's size); walk() checks
  // duplicates with a Set instead.
  uniqueKeys: false,
  schema: "core",
  merge: false,
  resolveKnownTags: false,
  customTags: [],
  prettyErrors: false,
  strict: true,
  logLevel: "error",
};

const STOP = Symbol("first YAML error");

/**
 * Work done by {@link parseYaml}, counted for tests (the early stops are asserted on these counts,
 * never on time). Internal to the package (not exported from its index).
 * - `lexemes`: lexemes read from the text;
 * - `errors`: errors and warnings the yaml composer reported;
 * - `byEntry`: documents read one entry at a time, without a syntax tree of the whole document
 *   (by `readYamlFast` or by `readYamlByEntry`);
 * - `fast`: documents read by `readYamlFast` (without the yaml package);
 * - `fastFailures`: times `readYamlFast` threw (a bug in it; the text was read by the yaml package
 *   instead). The fuzz contract asserts it stays 0, so the fallback cannot hide a bug from the tests.
 */
export const yamlWork = { lexemes: 0, errors: 0, byEntry: 0, fast: 0, fastFailures: 0 };

/**
 * parseDocument, driven lexeme by lexeme and stopped at the first problem:
 * - nesting is bounded while the CST is built: the yaml composer recurses, and very deep input can
 *   exhaust the stack (even fatally, inside V8's regexp compiler) before a check on the result could
 *   run. The parser's stack holds the document and at most a few tokens besides open collections.
 * - the first error ends the parse: yaml records every error as an Error object with a stack, and a
 *   few MiB of broken input would otherwise cost millions of them (seconds to minutes).
 */
function parseYaml(text: string, lineCounter: LineCounter, maxDepth: number, maxNodes: number): { doc: Document.Parsed } | { tooDeepAt: number } | { tooManyAt: number } | { error: YAMLError } {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  let nodes = 0;
  for (const lexeme of new Lexer().lex(text)) {
    yamlWork.lexemes++;
    // A scalar, a sequence item, an explicit key or a flow collection: counted before it is built.
    if (lexeme === "\x1f" || lexeme === "-" || lexeme === "?" || lexeme === "[" || lexeme === "{") {
      if (++nodes > maxNodes) return { tooManyAt: parser.offset };
    }
    for (const token of parser.next(lexeme)) {
      if (token.type === "error") return { error: new YAMLParseError([token.offset, token.offset + 1], "UNEXPECTED_TOKEN", token.message) };
      tokens.push(token);
    }
    if (parser.stack.length > maxDepth + 4) return { tooDeepAt: parser.offset };
  }
  for (const token of parser.end()) tokens.push(token);

  const composer = new Composer(PARSE_OPTIONS);
  // Composer.onError is private in the typings but a plain property. yaml is pinned to an exact version
  // in package.json for this (yaml.test.ts checks the pin and the property); if a release changes it,
  // parsing still works, only without the early stop.
  const internals = composer as unknown as { onError?: (...args: unknown[]) => void; errors: YAMLError[]; warnings: YAMLError[] };
  const record = internals.onError;
  let stopped: YAMLError | undefined;
  if (typeof record === "function") {
    internals.onError = (source, code, message, warning) => {
      yamlWork.errors++;
      record(source, code, message, warning);
      if (!warning || code === "TAG_RESOLVE_FAILED") {
        // yaml catches a throw inside a collection and reports it again: keep the first.
        stopped ??= (warning ? internals.warnings : internals.errors).at(-1);
        throw STOP;
      }
    };
  }
  let doc: Document.Parsed | undefined;
  try {
    for (const next of composer.compose(tokens, true, text.length)) {
      if (!doc) doc = next;
      else {
        doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], "MULTIPLE_DOCS", "Source contains multiple documents"));
        break;
      }
    }
  } catch (e) {
    if (e !== STOP || !stopped) throw e;
    return { error: stopped };
  }
  // compose(…, forceDoc = true) always yields a document, even for empty input.
  return { doc: doc as Document.Parsed };
}

/**
 * Reads decoded YAML text: YAML 1.2 core schema, unique keys, no tags beyond the core ones, bounded
 * aliases. The YAML catalogs are written in (block style, one-line scalars, `|` blocks) is read by
 * `readYamlFast`, exactly as the yaml package reads it; anything else by the yaml package. With
 * `lines` false the fast reader builds no line map.
 */
export function readYaml(text: string, limits: TextLimits, file?: string, lines = true): ReadResult {
  let fast: ReturnType<typeof readYamlFast>;
  try {
    fast = readYamlFast(text, limits, lines);
  } catch {
    // A bug in the fast reader: the yaml package reads the text as it always has, and the tests see it.
    yamlWork.fastFailures++;
  }
  if (fast) {
    yamlWork.fast++;
    yamlWork.byEntry++;
    return fast.lines ? { ok: true, catalog: fast.catalog, lines: fast.lines } : { ok: true, catalog: fast.catalog };
  }
  return readYamlWithPackage(text, limits, file);
}

/**
 * Reads decoded YAML text with the yaml package: one entry at a time when it can, else the whole
 * document. What `readYaml` does for anything `readYamlFast` does not read; internal (tests compare
 * the two readers).
 */
export function readYamlWithPackage(text: string, limits: TextLimits, file?: string): ReadResult {
  const place = file === undefined ? {} : { file };
  try {
    const byEntry = readYamlByEntry(text, limits, place);
    if (byEntry) return byEntry;
  } catch {
    // Whatever went wrong, the whole-document reader says it as it always has.
  }
  const lineCounter = new LineCounter();
  let parsed: ReturnType<typeof parseYaml>;
  try {
    parsed = parseYaml(text, lineCounter, limits.maxDepth, limits.maxNodes);
  } catch (e) {
    return { ok: false, error: unexpected(e, limits, place) };
  }
  if ("tooDeepAt" in parsed) {
    const pos = lineCounter.linePos(parsed.tooDeepAt);
    return { ok: false, error: depthError(limits.maxDepth, { ...place, line: pos.line, column: pos.col }) };
  }
  if ("tooManyAt" in parsed) {
    const pos = lineCounter.linePos(parsed.tooManyAt);
    return { ok: false, error: nodesError(limits.maxNodes, { ...place, line: pos.line, column: pos.col }) };
  }
  const { doc } = "doc" in parsed ? parsed : { doc: undefined };
  const first = "error" in parsed ? parsed.error : doc?.errors[0] ?? doc?.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  if (first?.code === "RESOURCE_EXHAUSTION") {
    // yaml's composer caught a stack overflow: report it as the depth it is.
    const pos = lineCounter.linePos(first.pos[0]);
    return { ok: false, error: depthError(limits.maxDepth, { ...place, line: pos.line, column: pos.col }) };
  }
  if (first) return { ok: false, error: yamlError(first, lineCounter, place) };
  if (!doc) return { ok: false, error: unexpected(new Error("no document"), limits, place) };

  const { lines, error } = walk(doc, limits, (o) => lineCounter.linePos(o), place);
  if (error) return { ok: false, error };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (e) {
    return { ok: false, error: unexpected(e, limits, place) };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, error: notObjectError(Array.isArray(value) ? "列表" : value == null ? "空文档" : "单个值", { ...place, line: 1 }) };
  }
  return { ok: true, catalog: value, lines };
}

/**
 * Reads a catalog whose `entries` is a block sequence of the root mapping one entry at a time: as the
 * parser moves past an entry, the entry's syntax tree is composed alone, checked as `walk` checks it,
 * turned into a value and dropped, so the trees held are one entry's and the rest of the document's.
 * Undefined — read the whole document instead — for anything it does not read exactly as
 * {@link readYaml} does: any error (the whole-document reader then reports the one it always reports),
 * anchors, aliases, tags, directives, document markers, more than `maxNodes` nodes in one entry or
 * more than `maxNodes` entries, or another shape of document. Counted in `yamlWork.byEntry`.
 */
function readYamlByEntry(text: string, limits: TextLimits, place: { file?: string }): ReadResult | undefined {
  const lineCounter = new LineCounter();
  const lineOf = (o: number) => lineCounter.linePos(o);
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const documents: CST.Token[] = []; // the document, and comments or blank lines before it
  const entries: unknown[] = [];
  const lines = new Map<string, number>();
  let nodes = 0;
  let scalar = false;
  let seq: CST.BlockSequence | undefined;
  const take = (item: CST.BlockSequence["items"][number]): boolean => {
    if (!item.value || entries.length >= limits.maxNodes) return false;
    const doc = only(new Composer(PARSE_OPTIONS).compose([{ type: "document", offset: item.value.offset, start: [], value: item.value, end: [] }], true, text.length));
    if (!doc || doc.errors.length || doc.warnings.length) return false;
    const path = `/entries/${entries.length}`;
    if (walk(doc, limits, lineOf, place, { path, depth: 3, entryDepth: 2, base: 0 }, lines).error) return false;
    entries.push(doc.toJS({ maxAliasCount: limits.maxAliases }));
    nodes = 0;
    return true;
  };
  for (const lexeme of new Lexer().lex(text)) {
    const c = lexeme.charCodeAt(0);
    // Anchors, aliases, tags, directives (a scalar's text follows "\x1f"), document markers.
    if (!scalar && (c === 38 || c === 42 || c === 33 || c === 37)) return undefined;
    if (lexeme === "---" || lexeme === "...") return undefined;
    scalar = lexeme === "\x1f";
    if (scalar || lexeme === "-" || lexeme === "?" || lexeme === "[" || lexeme === "{") {
      if (++nodes > limits.maxNodes) return undefined;
    }
    for (const token of parser.next(lexeme)) {
      if (token.type === "error") return undefined;
      documents.push(token);
    }
    const stack = parser.stack;
    if (stack.length > limits.maxDepth + 4) return undefined;
    if (!seq) seq = entriesSequence(stack);
    // Every item but the last is complete once the parser is past it.
    else if (stack[2] === seq) while (seq.items.length > 1) if (!take(seq.items.shift()!)) return undefined;
  }
  for (const token of parser.end()) {
    if (token.type === "error") return undefined;
    documents.push(token);
  }
  // Comments and blank lines may stand before the document; one document, no more.
  if (documents.filter((t) => t.type === "document").length !== 1) return undefined;
  // What is left: the root with the last entry.
  const doc = only(new Composer(PARSE_OPTIONS).compose(documents, true, text.length));
  if (!doc || doc.errors.length || doc.warnings.length) return undefined;
  if (walk(doc, limits, lineOf, place, { path: "", depth: 1, entryDepth: 0, base: entries.length }, lines).error) return undefined;
  const value = doc.toJS({ maxAliasCount: limits.maxAliases }) as Record<string, unknown> | null;
  if (!value || typeof value !== "object" || !Array.isArray(value["entries"])) return undefined;
  value["entries"] = entries.concat(value["entries"]);
  yamlWork.byEntry++;
  return { ok: true, catalog: value, lines };
}

/** The one document composed, or undefined. */
function only(docs: Iterable<Document.Parsed>): Document.Parsed | undefined {
  let doc: Document.Parsed | undefined;
  for (const d of docs) {
    if (doc) return undefined;
    doc = d;
  }
  return doc;
}

/**
 * The block sequence of the root mapping's `entries` key while the parser is in it: the third level of
 * its stack, under the root mapping, whose last pair has the plain key `entries` and a `:` (a token is
 * attached to its parent only when the parser leaves it, so the pair has no value yet).
 */
function entriesSequence(stack: readonly CST.Token[]): CST.BlockSequence | undefined {
  const [document, root, value] = stack;
  if (stack.length < 3 || document?.type !== "document" || root?.type !== "block-map" || value?.type !== "block-seq") return undefined;
  if (document.value !== undefined && document.value !== root) return undefined;
  const pair = root.items.at(-1);
  if (!pair || (pair.value !== undefined && pair.value !== value) || pair.key?.type !== "scalar" || pair.key.source !== "entries") return undefined;
  return pair.sep?.some((t) => t.type === "map-value-ind") ? value : undefined;
}

function unexpected(e: unknown, limits: TextLimits, place: { file?: string }): CatalogReadError {
  if (e instanceof ReferenceError && /alias/i.test(e.message)) {
    return readError(
      "limit",
      `别名（*名称）展开的次数超过上限 ${limits.maxAliases}（limits.maxAliases）。`,
      "这通常是“十亿笑声”式的膨胀攻击；正常目录很少用别名，请展开后重试，或调大 maxAliases。",
      { ...place, limit: "maxAliases" },
    );
  }
  if (e instanceof RangeError) return depthError(limits.maxDepth, { ...place, limit: "maxDepth" });
  // Anything else is not the input's fault as far as we know: say so rather than blame the file.
  return readError("internal", `读取 YAML 时发生意外错误：${e instanceof Error ? e.message : String(e)}。`, "这可能是 zwgk 的缺陷，请附上文件报告问题。", place);
}

/**
 * Writes a catalog as YAML 1.2: keys in the schema's order, no line folding, no anchors (a basis object
 * shared by several entries is written out in full), strings quoted where YAML would read them
 * otherwise, multi-line text as `|` blocks. The same text as {@link createCatalogWriter} streams.
 *
 * @example
 * ```ts
 * await writeFile("社会救助.yaml", writeCatalogYaml(catalog));
 * ```
 */
export function writeCatalogYaml(catalog: Catalog): string {
  if (Array.isArray(catalog.entries)) return writeWhole("yaml", catalog);
  return yamlBlock(orderValue(catalog, catalogShape(catalog.kind)), 0) || "{}\n";
}
