import type { FieldShape } from "./shape.js";
import { orderValue } from "./shape.js";
import { Utf8Sink } from "./utf8-sink.js";

/** What one cached text was written for: the same object under another shape or indent is written again. */
interface Cached {
  shape: FieldShape | undefined;
  indent: number;
  bytes: Uint8Array;
}

/** The last string written in one place and its quoted bytes. */
class Memo {
  last: string | undefined = undefined;
  lastBytes = new Uint8Array(16);
  lastLength = 0;
  /** Misses since the last hit: a place whose strings never repeat (a 序号) keeps only now and then. */
  misses = 0;
}

/**
 * One member name at one indent: `,\n<indent>"key": ` in UTF-8, the last string value written under
 * it and the last of each of the first items of an array under it (an import repeats many: the 来源
 * file and sheet, 公开主体, 公开对象, 公开层级).
 */
interface KeySlot {
  readonly bytes: Uint8Array;
  readonly value: Memo;
  readonly items: Memo[];
}

/** Array items (from the first) whose last string is kept. */
const MEMO_ITEMS = 8;

/** Member names kept (a catalog has a few dozen; unknown keys are bounded by this). */
const MAX_KEYS = 1024;
/** Longest quoted string value kept as the last one of its member name. */
const MAX_LAST = 512;
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
  /** By indent, by member name. */
  private readonly keys: Array<Map<string, KeySlot>> = [];
  private keyCount = 0;
  private block = new Uint8Array(BLOCK);
  private blockUsed = 0;

  constructor(private readonly sink: Utf8Sink) {}

  /** Writes an array element or top-level value ("null" where JSON.stringify writes null). */
  value(value: unknown, shape: FieldShape | undefined, indent: number): void {
    if (!this.write(value, shape, indent)) this.sink.bytes(NULL);
  }

  /** false: nothing written, the value is omitted as an object member (undefined, a function, a symbol). */
  private write(value: unknown, shape: FieldShape | undefined, indent: number, owner?: KeySlot): boolean {
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
    const written = array ? this.array(value as unknown[], shape, indent, owner) : this.object(value as Record<string, unknown>, shape, indent);
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

  /** `owner`: the member the array is the value of, which keeps the last strings of its first items. */
  private array(value: unknown[], shape: FieldShape | undefined, indent: number, owner: KeySlot | undefined): true {
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
      const v = value[i];
      if (typeof v === "string" && owner && i < MEMO_ITEMS) this.string((owner.items[i] ??= new Memo()), v);
      else this.value(v, item, inner);
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
        if (typeof v === "string") {
          // The common case, without the rollback an omitted value needs.
          const slot = this.key(key, inner);
          sink.bytes(slot.bytes, first ? 1 : 0);
          this.string(slot.value, v);
          first = false;
        } else if (this.member(key, v, obj.props.get(key), inner, first)) first = false;
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
    const slot = this.key(key, inner);
    sink.bytes(slot.bytes, first ? 1 : 0);
    if (typeof v === "string") {
      this.string(slot.value, v);
      return true;
    }
    if (this.write(v, shape, inner, slot)) return true;
    sink.pos = mark;
    return false;
  }

  /** A string, quoted: the bytes of the last one written in this place again when it is the same. */
  private string(memo: Memo, v: string): void {
    const sink = this.sink;
    if (v === memo.last) {
      sink.bytes(memo.lastBytes, 0, memo.lastLength);
      memo.misses = 0;
      return;
    }
    const start = sink.pos;
    sink.jsonString(v);
    const n = sink.pos - start;
    if (memo.misses++ > 4 && (memo.misses & 15) !== 0) return;
    if (n > MAX_LAST) {
      memo.last = undefined;
      return;
    }
    if (memo.lastBytes.length < n) memo.lastBytes = new Uint8Array(Math.max(n, 2 * memo.lastBytes.length));
    const buf = sink.buf;
    const kept = memo.lastBytes;
    for (let i = 0; i < n; i++) kept[i] = buf[start + i] as number;
    memo.last = v;
    memo.lastLength = n;
  }

  /** The slot of a member name at an indent, made once. */
  private key(key: string, indent: number): KeySlot {
    const byName = (this.keys[indent] ??= new Map());
    let slot = byName.get(key);
    if (slot === undefined) {
      const one = new Utf8Sink(key.length * 6 + indent + 5);
      one.byte(44); // ,
      one.newline(indent);
      one.jsonString(key);
      one.byte(58); // :
      one.byte(32);
      slot = { bytes: one.drain(), value: new Memo(), items: [] };
      if (this.keyCount++ < MAX_KEYS) byName.set(key, slot);
    }
    return slot;
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
