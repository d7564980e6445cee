/** Entity and escape decoding shared by all parsers. Only the five predefined XML entities exist here. */

/** Longest entity a text run can end with while still incomplete: "&#x10FFFF;" is 10 chars. */
export const MAX_ENTITY_CHARS = 12;

const LINE_END = /\r\n?/g;

/**
 * XML end-of-line handling (XML 1.0 §2.11): a literal CR LF, or a CR alone, in the markup reads as LF,
 * as Excel and openpyxl read it. Only literal CRs: `&#13;` (or `_x000D_`) is a CR the writer meant.
 */
export function normalizeLineEnds(s: string): string {
  return s.indexOf("\r") === -1 ? s : s.replace(LINE_END, "\n");
}

/**
 * Decodes the predefined entities and numeric character references in raw text `s`, after
 * normalising its line ends (so a CR from `&#13;` stays).
 * Anything else starting with "&" is kept literally: some writers emit a bare "&", and expanding
 * unknown names is exactly what entity attacks rely on.
 */
export function decodeEntities(raw: string): string {
  const s = normalizeLineEnds(raw);
  let amp = s.indexOf("&");
  if (amp === -1) return s;
  let out = "";
  let last = 0;
  while (amp !== -1) {
    const semi = s.indexOf(";", amp + 1);
    if (semi === -1) break;
    if (semi - amp > MAX_ENTITY_CHARS) {
      amp = s.indexOf("&", amp + 1);
      continue;
    }
    const rep = entityValue(s, amp + 1, semi);
    if (rep !== undefined) {
      out += s.slice(last, amp) + rep;
      last = semi + 1;
    }
    amp = s.indexOf("&", amp + 1);
  }
  return last === 0 ? s : out + s.slice(last);
}

function entityValue(s: string, start: number, end: number): string | undefined {
  const len = end - start;
  const c0 = s.charCodeAt(start);
  if (c0 === 35 /* # */) {
    let code = 0;
    let i = start + 1;
    const hex = s.charCodeAt(i) === 120 || s.charCodeAt(i) === 88; /* x X */
    if (hex) i++;
    if (i >= end) return undefined;
    for (; i < end; i++) {
      const c = s.charCodeAt(i);
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (hex && c >= 97 && c <= 102) d = c - 87;
      else if (hex && c >= 65 && c <= 70) d = c - 55;
      else return undefined;
      code = code * (hex ? 16 : 10) + d;
      if (code > 0x10ffff) return undefined;
    }
    if (code === 0) return undefined;
    // Lone surrogates are allowed through so that writers emitting "&#55357;&#56832;" for one emoji
    // still produce a valid UTF-16 pair once both halves are joined.
    return code <= 0xffff ? String.fromCharCode(code) : String.fromCodePoint(code);
  }
  if (len === 2 && c0 === 108 && s.charCodeAt(start + 1) === 116) return "<"; // lt
  if (len === 2 && c0 === 103 && s.charCodeAt(start + 1) === 116) return ">"; // gt
  if (len === 3 && s.startsWith("amp", start)) return "&";
  if (len === 4 && s.startsWith("quot", start)) return '"';
  if (len === 4 && s.startsWith("apos", start)) return "'";
  return undefined;
}

const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * ST_Xstring escapes: Excel writes characters XML cannot carry (e.g. CR as "_x000D_") this way.
 * A literal "_x000D_" is written as "_x005F_x000D_"; the single left-to-right pass handles that
 * because the match after "_x005F_" starts at "x000D_", which no longer begins with "_".
 */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf("_x") === -1) return s;
  return s.replace(OOXML_ESCAPE, unescapeOne);
}

function unescapeOne(_match: string, hex: string): string {
  return String.fromCharCode(parseInt(hex, 16));
}

/**
 * A copy of `s` that does not share memory with the chunk it was sliced from. V8 keeps substrings
 * (and strings concatenated from them) as views of their parent, so a long-lived table of slices
 * would pin every decoded chunk; flattening a fresh concatenation breaks that link.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}
