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
  for (const child of node[tag] as XmlNode[]) {
    const raw = tagOf(child);
    if (raw === undefined) {
      if (strayText(ctx, node, child, tag, pointer)) return FAIL;
      continue;
    }
    const p = `${pointer}/${items.length}`;
    if (isEntries) ctx.lines.set(p, ctx.lineOf(startOf(child)));
    const itemShape = shape.variants?.get(localName(raw)) ?? shape.item;
    const value = readElement(ctx, child, raw, itemShape, p, isEntries ? 3 : 0, depth + 1);
    if (value === FAIL) return FAIL;
    items.push(value);
  }
  return items;
}

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
  const tooMany = nthElement(src, limits.maxNodes + 1);
  if (tooMany !== -1) return { ok: false, error: nodesError(limits.maxNodes, at(ctx, tooMany)) };
  let tree: XmlNode[];
  try {
    const valid = XMLValidator.validate(src);
    if (valid !== true) {
      const { msg, line, col } = valid.err;
      return { ok: false, error: readError("syntax", `XML 语法错误：${msg}`, "请检查该处的标签是否成对闭合、属性是否加了引号、& 和 < 是否写成 &amp; 和 &lt;。", { ...place, line, ...(col ? { column: col } : {}) }) };
    }
    // Its count excludes the root, so maxDepth - 1 lets exactly maxDepth levels through.
    tree = new XMLParser({ ...PARSER_OPTIONS, maxNestedTags: Math.max(0, limits.maxDepth - 1) }).parse(src) as XmlNode[];
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/nested/i.test(message) || e instanceof RangeError) return { ok: false, error: depthError(limits.maxDepth, place) };
    return { ok: false, error: readError("syntax", `XML 无法解析：${message}`, STRUCTURE_ADVICE, place) };
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
 * Offset of the n-th start tag (`<` then a name character), or -1 when there are fewer: counted on
 * the text before any tree is built. Markup inside comments or CDATA counts too (a bound, not a parse).
 */
function nthElement(src: string, n: number): number {
  let count = 0;
  for (let i = src.indexOf("<"); i !== -1; i = src.indexOf("<", i + 1)) {
    const c = src.charCodeAt(i + 1);
    if (c === 47 /* / */ || c === 33 /* ! */ || c === 63 /* ? */ || Number.isNaN(c)) continue;
    if (++count >= n) return i;
  }
  return -1;
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
