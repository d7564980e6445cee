import type { FieldShape } from "./shape.js";
import { orderValue } from "./shape.js";
import { Utf8Sink } from "./utf8-sink.js";

/** What one cached text was written for: the same object under another shape or indent is written again. */
interface Cached {
  shape: FieldShape | undefined;
  indent: number;
  bytes: Uint8Array;
}

/** Quoted key names kept (a catalog has a few dozen; unknown keys are bounded by this). */
const MAX_KEYS = 1024;
/**
 * Cached bytes are copied into shared blocks of this size rather than each into its own buffer (an
 * allocation per cached value cost more than the copy); a block lives while a value cached in it does.
 */
const BLOCK = 1 << 16;
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const NULL = new TextEncoder().encode("null");

/**
 * Writes `JSON.stringify(orderValue(value, shape), null, 2)` as it appears nested at `indent` spaces,
 * byte for byte in UTF-8, into a {@link Utf8Sink}, without building the ordered copy or any string of
 * it. Deep-frozen plain objects and arrays — the parsed 依据/时限/渠道 values an Excel import shares
 * between thousands of entries — are written once and their bytes reused. Anything unusual
 * (integer-like keys, which JSON.stringify moves to the front; an own `toJSON`; objects that are not
 * plain) takes the plain route: the ordered copy, stringified and indented.
 */
export class JsonEntryBytes {
  private readonly cache = new WeakMap<object, Cached>();
  /** Set while writing a subtree when something in it is not frozen (its bytes cannot be reused). */
  private mutable = false;
  /** By indent: `,\n<indent>"key": ` by key name. */
  private readonly keys: Array<Map<string, Uint8Array>> = [];
  private keyCount = 0;
  private block = new Uint8Array(BLOCK);
  private blockUsed = 0;

  constructor(private readonly sink: Utf8Sink) {}

  /** Writes an array element or top-level value ("null" where JSON.stringify writes null). */
  value(value: unknown, shape: FieldShape | undefined, indent: number): void {
    if (!this.write(value, shape, indent)) this.sink.bytes(NULL);
  }

  /** false: nothing written, the value is omitted as an object member (undefined, a function, a symbol). */
  private write(value: unknown, shape: FieldShape | undefined, indent: number): boolean {
    const sink = this.sink;
    if (typeof value === "string") {
      sink.jsonString(value);
      return true;
    }
    if (value === null || typeof value !== "object") {
      const text = JSON.stringify(value) as string | undefined;
      if (text === undefined) return false;
      sink.text(text);
      return true;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    const array = Array.isArray(value);
    if (!(array ? proto === Array.prototype : proto === Object.prototype || proto === null)) return this.plain(value, shape, indent);
    const frozen = Object.isFrozen(value);
    if (frozen) {
      const hit = this.cache.get(value);
      if (hit && hit.shape === shape && hit.indent === indent) {
        sink.bytes(hit.bytes);
        return true;
      }
    }
    const outer = this.mutable;
    this.mutable = !frozen;
    const start = sink.pos;
    const written = array ? this.array(value as unknown[], shape, indent) : this.object(value as Record<string, unknown>, shape, indent);
    if (!this.mutable && written) this.cache.set(value, { shape, indent, bytes: this.keep(start) });
    this.mutable ||= outer;
    return written;
  }

  /** A copy of what the sink holds from `start` on. */
  private keep(start: number): Uint8Array {
    const bytes = this.sink.buf.subarray(start, this.sink.pos);
    const n = bytes.length;
    if (n > BLOCK / 4) return bytes.slice();
    if (this.blockUsed + n > BLOCK) {
      this.block = new Uint8Array(BLOCK);
      this.blockUsed = 0;
    }
    const at = this.blockUsed;
    this.block.set(bytes, at);
    this.blockUsed += n;
    return this.block.subarray(at, at + n);
  }

  private array(value: unknown[], shape: FieldShape | undefined, indent: number): true {
    const sink = this.sink;
    if (value.length === 0) {
      sink.byte(91);
      sink.byte(93);
      return true;
    }
    const item = shape?.t === "array" ? shape.item : undefined;
    const inner = indent + 2;
    sink.byte(91); // [
    for (let i = 0; i < value.length; i++) {
      if (i) sink.byte(44); // ,
      sink.newline(inner);
      this.value(value[i], item, inner);
    }
    sink.newline(indent);
    sink.byte(93); // ]
    return true;
  }

  /** false when the plain route omits it (an own `toJSON` that gives undefined). */
  private object(src: Record<string, unknown>, shape: FieldShape | undefined, indent: number): boolean {
    const keys = Object.keys(src);
    for (const key of keys) {
      const c = key.charCodeAt(0);
      if ((c >= 48 && c <= 57 && ARRAY_INDEX.test(key)) || key === "toJSON") return this.plain(src, shape, indent);
    }
    const sink = this.sink;
    const obj = shape?.t === "object" ? shape : undefined;
    const inner = indent + 2;
    let first = true;
    sink.byte(123); // {
    if (obj) {
      for (const key of obj.order) {
        const v = src[key];
        if (v === undefined || !Object.hasOwn(src, key)) continue;
        if (this.member(key, v, obj.props.get(key), inner, first)) first = false;
      }
    }
    for (const key of keys) {
      if (obj?.props.has(key)) continue;
      const v = src[key];
      if (v === undefined) continue;
      if (this.member(key, v, undefined, inner, first)) first = false;
    }
    if (!first) sink.newline(indent);
    sink.byte(125); // }
    return true;
  }

  /** `,` (unless first), a line break, `"key": ` and the value; nothing when the value is omitted. */
  private member(key: string, v: unknown, shape: FieldShape | undefined, inner: number, first: boolean): boolean {
    const sink = this.sink;
    const mark = sink.pos;
    sink.bytes(this.key(key, inner), first ? 1 : 0);
    if (this.write(v, shape, inner)) return true;
    sink.pos = mark;
    return false;
  }

  /** `,\n<indent>"key": ` in UTF-8, made once per key name and indent. */
  private key(key: string, indent: number): Uint8Array {
    const byName = (this.keys[indent] ??= new Map());
    let quoted = byName.get(key);
    if (quoted === undefined) {
      const one = new Utf8Sink(key.length * 6 + indent + 5);
      one.byte(44); // ,
      one.newline(indent);
      one.jsonString(key);
      one.byte(58); // :
      one.byte(32);
      quoted = one.drain();
      if (this.keyCount++ < MAX_KEYS) byName.set(key, quoted);
    }
    return quoted;
  }

  /** The route this class stands in for, for values it does not write itself; never cached. */
  private plain(value: unknown, shape: FieldShape | undefined, indent: number): boolean {
    this.mutable = true;
    const text = JSON.stringify(orderValue(value, shape), null, 2) as string | undefined;
    if (text === undefined) return false;
    this.sink.text(indent ? text.replaceAll("\n", `\n${" ".repeat(indent)}`) : text);
    return true;
  }
}

/**
 * {@link JsonEntryBytes} as text: `JSON.stringify(orderValue(value, shape), null, 2)` as it appears
 * nested at `indent`. (What JSON.stringify writes is well-formed UTF-16 — it escapes lone surrogates
 * — so the bytes decode back to exactly that text.)
 */
export class JsonEntryText {
  private readonly sink = new Utf8Sink();
  private readonly bytes = new JsonEntryBytes(this.sink);
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  /** The text of an array element or top-level value ("null" where JSON.stringify writes null). */
  value(value: unknown, shape: FieldShape | undefined, indent: string): string {
    try {
      this.bytes.value(value, shape, indent.length);
    } catch (e) {
      // A value that cannot be written (a BigInt) leaves nothing of itself for the next.
      this.sink.drain();
      throw e;
    }
    return this.decoder.decode(this.sink.drain());
  }
}
