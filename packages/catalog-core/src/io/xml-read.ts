import { XMLParser, XMLValidator } from "fast-xml-parser";
import {
  createLineIndex,
  depthError,
  FORBIDDEN_KEYS,
  forbiddenKeyError,
  nodesError,
  pointerSegment,
  positionAt,
  readError,
  type CatalogReadError,
  type ErrorPlace,
  type ReadResult,
  type TextLimits,
} from "./errors.js";
import { catalogShape, JSON_NAMES, type ArrayShape, type FieldShape, type ObjectShape } from "./shape.js";
import { backslashUnescape, CATALOG_XML_NAMESPACE, decodeEntities, XML_ILLEGAL } from "./xml-text.js";

/** One node of fast-xml-parser's ordered output: `{ tag: children, ":@": attributes }` or a text/CDATA node. */
type XmlNode = Record<string, unknown>;

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;
// Idempotent on purpose: fast-xml-parser applies the transform twice to self-closing tags.
const MARK = "§";
const markCritical = (name: string) => (FORBIDDEN_KEYS.has(name) ? MARK + name : name);
const PARSER_OPTIONS = {
  preserveOrder: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  captureMetaData: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Entities are expanded by decodeEntities: the five predefined and numeric references only.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: "#cdata",
  transformTagName: markCritical,
  onDangerousProperty: (name: string) => MARK + name,
} as const;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const DOCTYPE = /<!(?:DOCTYPE|ENTITY)/i;
const STRUCTURE_ADVICE = "目录 XML 的写法见 docs/XML.md，可用 schemas/catalog.xsd 校验。";

interface Ctx {
  src: string;
  maxDepth: number;
  lineOf: (offset: number) => number;
  lines: Map<string, number>;
  place: { file?: string };
  error?: CatalogReadError;
  /** The content of the root's `<entries>`, read one entry at a time (see `entriesPieces`). */
  entries?: { pieces: readonly number[]; parser: XMLParser };
}
const FAIL = Symbol("fail");

function tagOf(node: XmlNode): string | undefined {
  for (const k in node) if (k !== ":@" && k !== "#text" && k !== "#cdata") return k;
  return undefined;
}
const localName = (tag: string) => tag.slice(tag.indexOf(":") + 1);
const startOf = (node: XmlNode) => (node as unknown as Record<symbol, { startIndex?: number } | undefined>)[META]?.startIndex ?? 0;

function at(ctx: Ctx, offset: number, extra: ErrorPlace = {}): ErrorPlace {
  return { ...ctx.place, ...positionAt(ctx.src, offset), ...extra };
}

function fail(ctx: Ctx, error: CatalogReadError): typeof FAIL {
  ctx.error = error;
  return FAIL;
}

/** Text of a leaf element: text (entities expanded) and CDATA concatenated; child elements are an error. */
function textOf(ctx: Ctx, node: XmlNode, tag: string, pointer: string): string | typeof FAIL {
  let text = "";
  for (const child of node[tag] as XmlNode[]) {
    if (typeof child["#text"] === "string") {
      const decoded = decodeEntities(child["#text"]);
      if (typeof decoded !== "string") {
        const offset = ctx.src.indexOf(decoded.ref, startOf(node));
        return fail(ctx, readError("entity", `不支持的实体或字符引用“${decoded.ref}”。`, "XML 只认 &amp; &lt; &gt; &quot; &apos; 和合法字符的数字引用（如 &#160;）；单独的 & 要写成 &amp;。", at(ctx, offset < 0 ? startOf(node) : offset, { pointer })));
      }
      text += decoded;
    } else if (Array.isArray(child["#cdata"])) {
      for (const part of child["#cdata"] as XmlNode[]) if (typeof part["#text"] === "string") text += part["#text"];
    } else {
      const inner = tagOf(child) ?? "";
      return fail(ctx, readError("syntax", `元素 <${localName(tag)}> 是文本字段，里面不应有子元素 <${localName(inner)}>。`, STRUCTURE_ADVICE, at(ctx, startOf(child), { pointer })));
    }
  }
  const attrs = node[":@"] as Record<string, string> | undefined;
  const escaped = attrs?.["@escaped"];
  if (escaped === "true" || escaped === "1") {
    const plain = backslashUnescape(text);
    if (plain === undefined) return fail(ctx, readError("syntax", `元素 <${localName(tag)}> 标了 escaped="true"，但其中的反斜杠后既不是 \\ 也不是 uXXXX。`, "反斜杠本身要写成 \\\\。", at(ctx, startOf(node), { pointer })));
    return plain;
  }
  return text;
}

function readLeaf(ctx: Ctx, node: XmlNode, tag: string, shape: FieldShape | undefined, pointer: string): unknown {
  const text = textOf(ctx, node, tag, pointer);
  if (text === FAIL || !shape || shape.t === "string") return text;
  const t = text.trim();
  // Text that is not a number/boolean stays a string, so the schema check reports it at its pointer.
  if (shape.t === "boolean") return t === "true" || t === "1" ? true : t === "false" || t === "0" ? false : text;
  return NUMBER.test(t) ? Number(t) : text;
}

function hasElement(children: XmlNode[]): boolean {
  for (const c of children) if (tagOf(c) !== undefined) return true;
  return false;
}

function readElement(ctx: Ctx, node: XmlNode, tag: string, shape: FieldShape | undefined, pointer: string, track: number, depth: number): unknown {
  // fast-xml-parser bounds open tags; self-closing ones are counted here.
  if (depth > ctx.maxDepth) return fail(ctx, depthError(ctx.maxDepth, at(ctx, startOf(node), { pointer })));
  const children = node[tag] as XmlNode[];
  if (shape?.t === "object" || (!shape && hasElement(children))) return readObject(ctx, node, tag, shape as ObjectShape | undefined, pointer, track, depth);
  if (shape?.t === "array") return readArray(ctx, node, tag, shape, pointer, depth);
  return readLeaf(ctx, node, tag, shape, pointer);
}

/** Whitespace between child elements is layout; other text in a structured element is an error. */
function strayText(ctx: Ctx, node: XmlNode, child: XmlNode, tag: string, pointer: string): boolean {
  const t = typeof child["#text"] === "string" ? child["#text"] : Array.isArray(child["#cdata"]) ? "x" : "";
  if (t.trim() === "") return false;
  fail(ctx, readError("syntax", `元素 <${localName(tag)}> 应由子元素组成，不能直接写文本。`, `例如公开依据写作 <basis><raw>…</raw></basis>。${STRUCTURE_ADVICE}`, at(ctx, startOf(node), { pointer })));
  return true;
}

// track: 1 = the root (record `/key`), 3 = an entry (record `/entries/N/key`), 0 = nothing.
function readObject(ctx: Ctx, node: XmlNode, tag: string, shape: ObjectShape | undefined, pointer: string, track: number, depth: number): unknown {
  const out: Record<string, unknown> = {};
  for (const child of node[tag] as XmlNode[]) {
    const raw = tagOf(child);
    if (raw === undefined) {
      if (strayText(ctx, node, child, tag, pointer)) return FAIL;
      continue;
    }
    let name = localName(raw);
    if (name.startsWith(MARK)) name = name.slice(MARK.length);
    const key = JSON_NAMES.get(name) ?? name;
    const p = `${pointer}/${pointerSegment(key)}`;
    const offset = startOf(child);
    if (FORBIDDEN_KEYS.has(key)) return fail(ctx, forbiddenKeyError(key, at(ctx, offset, { pointer: p })));
    if (Object.hasOwn(out, key)) return fail(ctx, readError("syntax", `元素 <${name}> 在同一层重复出现。`, `每个字段只能写一次；多个值请放进数组元素里。${STRUCTURE_ADVICE}`, at(ctx, offset, { pointer: p })));
    if (track === 1 || track === 3) ctx.lines.set(p, ctx.lineOf(offset));
    const value = readElement(ctx, child, raw, shape?.props.get(key), p, track === 1 && key === "entries" ? 2 : 0, depth + 1);
    if (value === FAIL) return FAIL;
    out[key] = value;
  }
  return out;
}

function readArray(ctx: Ctx, node: XmlNode, tag: string, shape: ArrayShape, pointer: string, depth: number): unknown {
  const items: unknown[] = [];
  const isEntries = pointer === "/entries";
  const add = (children: readonly XmlNode[]): boolean => {
    for (const child of children) {
      const raw = tagOf(child);
      if (raw === undefined) {
        if (strayText(ctx, node, child, tag, pointer)) return false;
        continue;
      }
      const p = `${pointer}/${items.length}`;
      if (isEntries) ctx.lines.set(p, ctx.lineOf(startOf(child)));
      const itemShape = shape.variants?.get(localName(raw)) ?? shape.item;
      const value = readElement(ctx, child, raw, itemShape, p, isEntries ? 3 : 0, depth + 1);
      if (value === FAIL) return false;
      items.push(value);
    }
    return true;
  };
  const split = isEntries && depth === 2 ? ctx.entries : undefined;
  if (!split) return add(node[tag] as XmlNode[]) ? items : FAIL;
  // The entries were left out of the tree: each is parsed alone, so one entry's tree is held at a time.
  const { pieces, parser } = split;
  for (let i = 1; i < pieces.length; i++) {
    const from = pieces[i - 1]!;
    const nodes = parsePart(ctx, parser, ctx.src.slice(from, pieces[i]!), from);
    if (nodes === FAIL) return FAIL;
    shiftOffsets(nodes, from, 0, 0);
    if (!add(nodes)) return FAIL;
  }
  return items;
}

/** fast-xml-parser on a part that starts at `offset` of the text; its nesting bound, or a tag the validator let through, can fail. */
function parsePart(ctx: Ctx, parser: XMLParser, part: string, offset: number): XmlNode[] | typeof FAIL {
  try {
    return parser.parse(part) as XmlNode[];
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/nested/i.test(message) || e instanceof RangeError) return fail(ctx, depthError(ctx.maxDepth, ctx.place));
    return fail(ctx, parserError(ctx, message, part, (i) => offset + i));
  }
}

// Constructs fast-xml-parser refuses when it finds no end for them (its validator accepts some of
// them, e.g. a closing tag cut off at the end of the text, `</entries/`, or an XML declaration with
// a quote missing): the message, the opener, the end the parser looks for, and whether it skips
// quoted attribute values while it looks (processing instructions have attributes).
const NOT_CLOSED: ReadonlyArray<readonly [string, string, string, boolean]> = [
  ["Closing Tag is not closed", "</", ">", false],
  ["Comment is not closed", "<!--", "-->", false],
  ["CDATA is not closed", "<![CDATA[", "]]>", false],
  ["Pi Tag is not closed", "<?", "?>", true],
];

/**
 * An error fast-xml-parser threw after its validator accepted the text, at the place the parser
 * stopped: for "… is not closed", the first opener of that kind that has no end, looking as the
 * parser does (from the end of one construct to the next opener); for "at position N" that
 * position. `toSource` maps an index of `part` to one of the text.
 */
function parserError(ctx: Ctx, message: string, part: string, toSource: (index: number) => number): CatalogReadError {
  const notClosed = NOT_CLOSED.find(([text]) => message.startsWith(text));
  let index = -1;
  if (notClosed) {
    const [, open, close, quoted] = notClosed;
    index = unclosed(part, open, close, quoted);
  } else {
    const position = /at position (\d+)/.exec(message);
    if (position) index = Math.min(Number(position[1]), part.length);
  }
  return readError("syntax", `XML 无法解析：${message}`, STRUCTURE_ADVICE, index < 0 ? ctx.place : at(ctx, toSource(index)));
}

/** The first `open` whose `close` never comes, each search starting after the previous end (linear). */
function unclosed(text: string, open: string, close: string, quoted: boolean): number {
  for (let i = text.indexOf(open); i >= 0; ) {
    const end = quoted ? endOutsideQuotes(text, i + open.length, close) : text.indexOf(close, i + open.length);
    if (end < 0) return i;
    i = text.indexOf(open, end + close.length);
  }
  return -1;
}

function endOutsideQuotes(text: string, from: number, close: string): number {
  let quote = 0;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (text.startsWith(close, j)) return j;
  }
  return -1;
}

/** Makes the offsets of a part's nodes offsets in the whole text: `by` is added to those at `from` or later. */
function shiftOffsets(nodes: readonly XmlNode[], by: number, from: number, depth: number): void {
  for (const node of nodes) {
    const meta = (node as unknown as Record<symbol, { startIndex?: number } | undefined>)[META];
    if (meta?.startIndex !== undefined && meta.startIndex >= from) meta.startIndex += by;
    const tag = tagOf(node);
    if (tag !== undefined && depth < MAX_SHIFT_DEPTH) shiftOffsets(node[tag] as XmlNode[], by, from, depth + 1);
  }
}
// Deeper nodes than any the reader reads (maxDepth is capped at MAX_DEPTH_CAP) need no offset.
const MAX_SHIFT_DEPTH = 520;

/** Reads decoded XML text in the catalog XML form; refuses DTDs, undefined entities and characters XML forbids. */
export function readXml(text: string, limits: TextLimits, file?: string): ReadResult {
  const place = file === undefined ? {} : { file };
  // XML parsers see CRLF and CR as LF; a CR that is data is written &#13;.
  const src = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  const ctx: Ctx = { src, maxDepth: limits.maxDepth, lineOf: () => 0, lines: new Map(), place };
  const dtd = DOCTYPE.exec(src);
  if (dtd) {
    return { ok: false, error: readError("entity", "文件含有 DOCTYPE/ENTITY 声明，出于安全考虑不予读取（可导致实体膨胀或读取本机文件）。", "目录 XML 不需要 DTD：请删除 <!DOCTYPE …> 声明后重试，实体请改写为普通文本。", at(ctx, dtd.index)) };
  }
  const illegal = XML_ILLEGAL.exec(src);
  if (illegal) {
    const cp = illegal[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return { ok: false, error: readError("syntax", `XML 语法错误：含有 XML 不允许的字符 U+${cp}。`, "请删除该字符；确需保留时可用 escaped=\"true\" 写作 \\uXXXX（见 docs/XML.md）。", at(ctx, illegal.index)) };
  }
  // Entries are parsed one at a time when the root has one <entries> (and the text is well-formed):
  // then maxNodes bounds the elements outside the entries, those of each entry, and the entries.
  // Counted before anything is parsed, as the whole text's elements are otherwise.
  const split = limits.maxDepth >= 4 ? entriesPieces(src) : undefined;
  const tooMany = split ? tooManyInPieces(src, split, limits.maxNodes) : { at: nthElement(src, limits.maxNodes + 1), what: undefined };
  if (tooMany.at !== -1) return { ok: false, error: nodesError(limits.maxNodes, at(ctx, tooMany.at), tooMany.what) };
  let tree: XmlNode[];
  // The text the tree is parsed from (without the entries when they are parsed one by one).
  let treeText = src;
  let toSource = (i: number) => i;
  try {
    const valid = XMLValidator.validate(src);
    if (valid !== true) {
      const { msg, line, col } = valid.err;
      return { ok: false, error: readError("syntax", `XML 语法错误：${msg}`, "请检查该处的标签是否成对闭合、属性是否加了引号、& 和 < 是否写成 &amp; 和 &lt;。", { ...place, line, ...(col ? { column: col } : {}) }) };
    }
    // Its count excludes the root, so maxDepth - 1 lets exactly maxDepth levels through.
    const parser = new XMLParser({ ...PARSER_OPTIONS, maxNestedTags: Math.max(0, limits.maxDepth - 1) });
    if (!split) tree = parser.parse(treeText) as XmlNode[];
    else {
      const [start, end] = [split[0]!, split[split.length - 1]!];
      treeText = src.slice(0, start) + src.slice(end);
      toSource = (i) => (i >= start ? i + end - start : i);
      tree = parser.parse(treeText) as XmlNode[];
      shiftOffsets(tree, end - start, start, 0);
      // An entry is the root of its part: the catalog and <entries> above it are not counted.
      ctx.entries = { pieces: split, parser: new XMLParser({ ...PARSER_OPTIONS, maxNestedTags: limits.maxDepth - 3 }) };
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/nested/i.test(message) || e instanceof RangeError) return { ok: false, error: depthError(limits.maxDepth, place) };
    return { ok: false, error: parserError(ctx, message, treeText, toSource) };
  }

  const roots = tree.filter((n) => tagOf(n) !== undefined);
  const root = roots[0];
  const rootTag = root ? (tagOf(root) as string) : "";
  if (!root || roots.length > 1 || localName(rootTag) !== "catalog") {
    const found = !root ? "没有根元素" : roots.length > 1 ? "有多个根元素" : `根元素是 <${localName(rootTag)}>`;
    return { ok: false, error: readError("not-a-catalog", `文件${found}，不是目录 XML。`, `目录 XML 的根元素应是 <catalog xmlns="${CATALOG_XML_NAMESPACE}">。`, root ? at(ctx, startOf(root)) : place) };
  }
  const attrs = root[":@"] as Record<string, string> | undefined;
  const prefix = rootTag.includes(":") ? rootTag.slice(0, rootTag.indexOf(":")) : "";
  const ns = attrs?.[prefix ? `@xmlns:${prefix}` : "@xmlns"];
  if (ns !== undefined && ns !== CATALOG_XML_NAMESPACE) {
    return { ok: false, error: readError("not-a-catalog", `根元素的命名空间是“${ns}”，不是目录 XML 的命名空间。`, `应为 xmlns="${CATALOG_XML_NAMESPACE}"。`, at(ctx, startOf(root))) };
  }
  ctx.lineOf = createLineIndex(src);
  const catalog = readElement(ctx, root, rootTag, catalogShape(kindOf(root, rootTag)), "", 1, 1);
  if (catalog === FAIL) return { ok: false, error: ctx.error as CatalogReadError };
  return { ok: true, catalog, lines: ctx.lines };
}

/**
 * Offset of the n-th start tag (`<` then a name character) in `src[from, to)`, or -1 when there are
 * fewer: counted on the text before any tree is built. Markup inside comments or CDATA counts too (a
 * bound, not a parse). `count` carries a count over from an earlier range.
 */
function nthElement(src: string, n: number, from = 0, to = src.length, count = { n: 0 }): number {
  for (let i = src.indexOf("<", from); i !== -1 && i < to; i = src.indexOf("<", i + 1)) {
    const c = src.charCodeAt(i + 1);
    if (c === 47 /* / */ || c === 33 /* ! */ || c === 63 /* ? */ || Number.isNaN(c)) continue;
    if (++count.n >= n) return i;
  }
  return -1;
}

/**
 * Where the content of the root's `<entries>` starts, where each of its child elements ends, and
 * where the content ends (`</entries>`): the boundaries of parts that each hold one entry (with the
 * text before it), then the text after the last. Undefined when the root has no `<entries>` with
 * content, or more than one (then the whole text is parsed, and a repeated `<entries>` reported as
 * before). For text XMLValidator accepted: comments, CDATA, processing instructions and quoted `>`
 * in attributes are skipped; nothing else needs checking.
 */
function entriesPieces(src: string): number[] | undefined {
  let depth = 0;
  let pieces: number[] | undefined;
  let inside = false;
  let done = false;
  // Past the end of what starts at i (-1 when the text ends first: not well-formed).
  const past = (i: number, close: string) => {
    const at = src.indexOf(close, i);
    return at === -1 ? -1 : at + close.length;
  };
  for (let i = src.indexOf("<"); i !== -1; i = src.indexOf("<", i)) {
    if (src.startsWith("<!--", i)) i = past(i + 4, "-->");
    else if (src.startsWith("<![CDATA[", i)) i = past(i + 9, "]]>");
    else if (src.charCodeAt(i + 1) === 63 /* ? */) i = past(i + 2, "?>");
    else if (src.charCodeAt(i + 1) === 33 /* ! */) i = past(i, ">");
    else if (src.charCodeAt(i + 1) === 47 /* / */) {
      const end = past(i, ">");
      if (end === -1) return undefined;
      depth--;
      if (inside && depth === 1) {
        pieces!.push(i);
        inside = false;
        done = true;
      } else if (inside && depth === 2) pieces!.push(end);
      i = end;
    } else {
      let j = i + 1;
      for (let quote = 0; j < src.length; j++) {
        const c = src.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62 /* > */) break;
      }
      if (j >= src.length) return undefined;
      const selfClosing = src.charCodeAt(j - 1) === 47;
      if (depth === 1) {
        let nameEnd = i + 1;
        while (nameEnd < j && !/[\s/>]/.test(src[nameEnd]!)) nameEnd++;
        if (localName(src.slice(i + 1, nameEnd)) === "entries") {
          if (pieces || selfClosing) return undefined;
          pieces = [j + 1];
          inside = true;
        }
      } else if (inside && depth === 2 && selfClosing) pieces!.push(j + 1);
      if (!selfClosing) depth++;
      i = j + 1;
    }
    if (i === -1) return undefined;
  }
  return done ? pieces : undefined;
}

/** The first element past maxNodes: outside the entries, in one entry, or an entry past maxNodes entries. */
function tooManyInPieces(src: string, pieces: readonly number[], maxNodes: number): { at: number; what: string } {
  const start = pieces[0]!;
  const end = pieces[pieces.length - 1]!;
  const outside = { n: 0 };
  let at = nthElement(src, maxNodes + 1, 0, start, outside);
  if (at === -1) at = nthElement(src, maxNodes + 1, end, src.length, outside);
  if (at !== -1) return { at, what: "条目以外部分的 XML 元素数" };
  // The last piece is the text after the last entry.
  if (pieces.length - 2 > maxNodes) return { at: src.indexOf("<", pieces[maxNodes]!), what: "目录 XML 的条目数" };
  for (let i = 1; i < pieces.length; i++) {
    at = nthElement(src, maxNodes + 1, pieces[i - 1]!, pieces[i]!);
    if (at !== -1) return { at, what: "一个条目的 XML 元素数" };
  }
  return { at: -1, what: "" };
}

/** The text of `<kind>`, read first because it decides how entries are typed. */
function kindOf(root: XmlNode, rootTag: string): string | undefined {
  for (const child of root[rootTag] as XmlNode[]) {
    const tag = tagOf(child);
    if (tag === undefined || localName(tag) !== "kind") continue;
    const parts = child[tag] as XmlNode[];
    return parts.map((p) => (typeof p["#text"] === "string" ? p["#text"] : "")).join("").trim();
  }
  return undefined;
}
