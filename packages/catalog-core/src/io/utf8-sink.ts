/** Strings longer than this are encoded natively (TextEncoder); shorter ones in a loop, which costs less per call. */
const NATIVE_FROM = 96;
const encoder = new TextEncoder();
const HEX = "0123456789abcdef";

/**
 * A growable byte buffer that text is written into as UTF-8, for writers that emit many small pieces:
 * the bytes of a piece go straight into the buffer, with no rope of strings to flatten and encode
 * afterwards, and bytes written once (the text of a value shared between entries) can be copied in
 * again as bytes. A lone surrogate is written as U+FFFD, as `TextEncoder` and Node's `Buffer` write
 * it; a piece must not end between the two halves of a surrogate pair.
 */
export class Utf8Sink {
  /** The buffer; its first {@link pos} bytes are written. Replaced when it grows or is taken. */
  buf: Uint8Array;
  pos = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
  }

  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let capacity = this.buf.length * 2;
    while (capacity < this.pos + n) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  /**
   * The bytes written so far, and starts over in the same buffer: they stay valid only until the
   * next write (copy them, or finish with them, first).
   */
  drain(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.pos = 0;
    return out;
  }

  /** Copies bytes in (from `from` to `to`). */
  bytes(b: Uint8Array, from = 0, to = b.length): void {
    const n = to - from;
    this.room(n);
    if (n > 32) {
      this.buf.set(from === 0 && to === b.length ? b : b.subarray(from, to), this.pos);
      this.pos += n;
      return;
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = from; i < to; i++) buf[p++] = b[i] as number;
    this.pos = p;
  }

  /** A line break and `indent` spaces. */
  newline(indent: number): void {
    this.room(indent + 1);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 10;
    for (let i = 0; i < indent; i++) buf[p++] = 32;
    this.pos = p;
  }

  /** One byte (an ASCII character code). */
  byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }

  /** A string as UTF-8. */
  text(s: string): void {
    const n = s.length;
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.room(n * 3);
    if (n > NATIVE_FROM) {
      this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
      return;
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) buf[p++] = c;
      else if (c < 0xd800 || c > 0xdfff) p = putBmp(buf, p, c);
      else if (c <= 0xdbff && isLow(s.charCodeAt(i + 1))) p = putPair(buf, p, c, s.charCodeAt(++i));
      else p = putBmp(buf, p, 0xfffd);
    }
    this.pos = p;
  }

  /**
   * A string as `JSON.stringify(s)` writes it, in UTF-8: quoted, with `"`, `\`, control characters
   * and lone surrogates escaped exactly as JSON.stringify escapes them.
   */
  jsonString(s: string): void {
    const n = s.length;
    // An escape takes 6 bytes for one code unit; quotes 2.
    this.room(n * 6 + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c < 0x80 && c !== 34 && c !== 92) buf[p++] = c;
      else if (c >= 0x80 && (c < 0xd800 || c > 0xdfff)) p = putBmp(buf, p, c);
      else if (c >= 0x80 && c <= 0xdbff && isLow(s.charCodeAt(i + 1))) p = putPair(buf, p, c, s.charCodeAt(++i));
      else {
        buf[p++] = 92;
        if (c === 34 || c === 92) buf[p++] = c;
        else if (c === 10) buf[p++] = 110; // n
        else if (c === 13) buf[p++] = 114; // r
        else if (c === 9) buf[p++] = 116; // t
        else if (c === 8) buf[p++] = 98; // b
        else if (c === 12) buf[p++] = 102; // f
        else p = unicodeEscape(buf, p, c); // other control characters, lone surrogates
      }
    }
    buf[p++] = 34;
    this.pos = p;
  }
}

/** A code unit that is not a surrogate (and not ASCII) as 2 or 3 bytes. */
function putBmp(buf: Uint8Array, p: number, c: number): number {
  if (c < 0x800) {
    buf[p++] = 0xc0 | (c >> 6);
    buf[p++] = 0x80 | (c & 63);
    return p;
  }
  buf[p++] = 0xe0 | (c >> 12);
  buf[p++] = 0x80 | ((c >> 6) & 63);
  buf[p++] = 0x80 | (c & 63);
  return p;
}

/** A surrogate pair as 4 bytes. */
function putPair(buf: Uint8Array, p: number, high: number, low: number): number {
  const cp = ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  buf[p++] = 0xf0 | (cp >> 18);
  buf[p++] = 0x80 | ((cp >> 12) & 63);
  buf[p++] = 0x80 | ((cp >> 6) & 63);
  buf[p++] = 0x80 | (cp & 63);
  return p;
}

function isLow(d: number): boolean {
  return d >= 0xdc00 && d <= 0xdfff;
}

/** `uXXXX` (the backslash is written by the caller), lowercase hex as JSON.stringify writes it. */
function unicodeEscape(buf: Uint8Array, p: number, c: number): number {
  buf[p++] = 117; // u
  buf[p++] = HEX.charCodeAt(c >> 12);
  buf[p++] = HEX.charCodeAt((c >> 8) & 15);
  buf[p++] = HEX.charCodeAt((c >> 4) & 15);
  buf[p++] = HEX.charCodeAt(c & 15);
  return p;
}
