/** The namespace of the catalog XML form. */
export const CATALOG_XML_NAMESPACE = "https://zwgk.github.io/schemas/v1/catalog";

/**
 * Characters XML 1.0 cannot carry, not even as character references: C0 controls other than tab,
 * LF and CR, U+FFFE/U+FFFF, and unpaired surrogates.
 */
export const XML_ILLEGAL = /[\0-\x08\v\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Built from XML_ILLEGAL's source so the two cannot drift apart; merging the classes by hand would copy it.
// eslint-disable-next-line regexp/prefer-character-class
const XML_ILLEGAL_OR_BACKSLASH = new RegExp(`\\\\|${XML_ILLEGAL.source}`, "g");
const TEXT_SPECIAL = /[&<>\r]/g;
const TEXT_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };

// Markup written by zwgk outside the lossless catalog XML (JUnit reports, workbook document
// properties): characters XML 1.0 cannot carry at all are dropped, the rest escaped.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const MARKUP_TEXT = /[&<>]/g;
const MARKUP_ATTRIBUTE = /[&<>"'\n\r\t]/g;
const MARKUP_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;" };
const markupEntity = (c: string) => MARKUP_ENTITIES[c] ?? c;

/**
 * Text for an XML element written by zwgk: characters XML 1.0 forbids (C0 controls other than tab, LF
 * and CR, U+FFFE/U+FFFF, lone surrogates) are dropped, since no escape can carry them; `& < >` are
 * escaped. For data that must round-trip exactly, the catalog XML writer uses `escaped="true"` instead.
 */
export function escapeXmlText(s: string): string {
  return s.replace(NOT_XML_CHAR, "").replace(MARKUP_TEXT, markupEntity);
}

/** An XML attribute value: as {@link escapeXmlText}, plus quotes, tab, CR and LF as references. */
export function escapeXmlAttribute(s: string): string {
  return s.replace(NOT_XML_CHAR, "").replace(MARKUP_ATTRIBUTE, markupEntity);
}

/**
 * Escapes element text. `>` is always escaped so `]]>` cannot occur; CR becomes `&#13;` because XML
 * parsers turn a literal CR into LF.
 */
export function escapeText(s: string): string {
  TEXT_SPECIAL.lastIndex = 0;
  return TEXT_SPECIAL.test(s) ? s.replace(TEXT_SPECIAL, (c) => TEXT_ENTITIES[c] as string) : s;
}

/** Whether a string holds a character XML 1.0 cannot carry, so it must be written `escaped="true"`. */
export function needsBackslashEscape(s: string): boolean {
  return XML_ILLEGAL.test(s);
}

/** `\uXXXX` for every character XML cannot carry, `\\` for a backslash: the text of an `escaped="true"` element. */
export function backslashEscape(s: string): string {
  return s.replace(XML_ILLEGAL_OR_BACKSLASH, (c) => (c === "\\" ? "\\\\" : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`));
}

const BACKSLASH_SEQ = /\\(u[0-9A-Fa-f]{4}|\\)?/g;

/** Reverses {@link backslashEscape}; `undefined` when the text has a backslash not followed by `\` or `uXXXX`. */
export function backslashUnescape(s: string): string | undefined {
  if (!s.includes("\\")) return s;
  let out = "";
  let last = 0;
  BACKSLASH_SEQ.lastIndex = 0;
  for (let m = BACKSLASH_SEQ.exec(s); m; m = BACKSLASH_SEQ.exec(s)) {
    const seq = m[1];
    if (seq === undefined) return undefined;
    out += s.slice(last, m.index) + (seq === "\\" ? "\\" : String.fromCharCode(parseInt(seq.slice(1), 16)));
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

const PREDEFINED = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
]);
const CHAR_REF = /^#(?:x([0-9A-Fa-f]{1,6})|(\d{1,7}))$/;

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** A reference the reader will not expand: its text (e.g. `&nbsp;`) and where it starts in the string. */
export interface BadReference {
  ref: string;
  index: number;
}

/**
 * Expands the five predefined entities and numeric character references, nothing else: no DTD
 * entities, no HTML names. Returns the bad reference instead when there is one.
 */
export function decodeEntities(s: string): string | BadReference {
  let amp = s.indexOf("&");
  if (amp < 0) return s;
  let out = "";
  let last = 0;
  while (amp >= 0) {
    const semi = s.indexOf(";", amp);
    const name = semi < 0 || semi - amp > 12 ? undefined : s.slice(amp + 1, semi);
    let ch = name === undefined ? undefined : PREDEFINED.get(name);
    if (ch === undefined && name !== undefined) {
      const m = CHAR_REF.exec(name);
      const cp = m ? parseInt((m[1] ?? m[2]) as string, m[1] !== undefined ? 16 : 10) : -1;
      if (isXmlChar(cp)) ch = String.fromCodePoint(cp);
    }
    if (ch === undefined) return { ref: name === undefined ? "&" : `&${name};`, index: amp };
    out += s.slice(last, amp) + ch;
    last = (semi as number) + 1;
    amp = s.indexOf("&", last);
  }
  return out + s.slice(last);
}
