import type { FieldShape } from "./shape.js";
import { orderValue } from "./shape.js";

/** What one cached text was written for: the same object under another shape or indent is written again. */
interface Cached {
  shape: FieldShape | undefined;
  indent: string;
  text: string;
}

/** Quoted key names kept (a catalog has a few dozen; unknown keys are bounded by this). */
const MAX_KEYS = 1024;
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * Writes `JSON.stringify(orderValue(value, shape), null, 2)` as it appears nested at `indent`, byte for
 * byte, without building the ordered copy. Deep-frozen plain objects and arrays — the parsed 依据/时限/
 * 渠道 values an Excel import shares between thousands of entries — are written once and their text
 * reused. Anything unusual (integer-like keys, which JSON.stringify moves to the front; an own `toJSON`;
 * objects that are not plain) takes the plain route: the ordered copy, stringified and indented.
 */
export class JsonEntryText {
  private readonly cache = new WeakMap<object, Cached>();
  /** Set while writing a subtree when something in it is not frozen (its text cannot be reused). */
  private mutable = false;
  private readonly keys = new Map<string, string>();

  /** The text of an array element or top-level value ("null" where JSON.stringify writes null). */
  value(value: unknown, shape: FieldShape | undefined, indent: string): string {
    return this.write(value, shape, indent) ?? "null";
  }

  /** undefined: omitted as an object member (undefined, a function, a symbol). */
  private write(value: unknown, shape: FieldShape | undefined, indent: string): string | undefined {
    if (typeof value === "string") return JSON.stringify(value);
    if (value === null || typeof value !== "object") return JSON.stringify(value);
    const proto = Object.getPrototypeOf(value) as unknown;
    const array = Array.isArray(value);
    if (!(array ? proto === Array.prototype : proto === Object.prototype || proto === null)) return this.plain(value, shape, indent);
    const frozen = Object.isFrozen(value);
    if (frozen) {
      const hit = this.cache.get(value);
      if (hit && hit.shape === shape && hit.indent === indent) return hit.text;
    }
    const outer = this.mutable;
    this.mutable = !frozen;
    const text = array ? this.array(value as unknown[], shape, indent) : this.object(value as Record<string, unknown>, shape, indent);
    if (!this.mutable && text !== undefined) this.cache.set(value, { shape, indent, text });
    this.mutable ||= outer;
    return text;
  }

  private array(value: unknown[], shape: FieldShape | undefined, indent: string): string {
    if (value.length === 0) return "[]";
    const item = shape?.t === "array" ? shape.item : undefined;
    const inner = `${indent}  `;
    const next = `,\n${inner}`;
    let out = `[\n${inner}${this.value(value[0], item, inner)}`;
    for (let i = 1; i < value.length; i++) out += next + this.value(value[i], item, inner);
    return `${out}\n${indent}]`;
  }

  private object(src: Record<string, unknown>, shape: FieldShape | undefined, indent: string): string | undefined {
    const keys = Object.keys(src);
    for (const key of keys) if (key === "toJSON" || ARRAY_INDEX.test(key)) return this.plain(src, shape, indent);
    const obj = shape?.t === "object" ? shape : undefined;
    const inner = `${indent}  `;
    const open = `\n${inner}`;
    const next = `,\n${inner}`;
    let out = "";
    if (obj) {
      for (const key of obj.order) {
        const v = src[key];
        if (v === undefined || !Object.hasOwn(src, key)) continue;
        const text = this.write(v, obj.props.get(key), inner);
        if (text !== undefined) out += (out ? next : open) + this.key(key) + text;
      }
    }
    for (const key of keys) {
      if (obj?.props.has(key)) continue;
      const v = src[key];
      if (v === undefined) continue;
      const text = this.write(v, undefined, inner);
      if (text !== undefined) out += (out ? next : open) + this.key(key) + text;
    }
    return out ? `{${out}\n${indent}}` : "{}";
  }

  /** `"key": `, quoted once per key name. */
  private key(key: string): string {
    let quoted = this.keys.get(key);
    if (quoted === undefined) {
      quoted = `${JSON.stringify(key)}: `;
      if (this.keys.size < MAX_KEYS) this.keys.set(key, quoted);
    }
    return quoted;
  }

  /** The route this class stands in for, for values it does not write itself; never cached. */
  private plain(value: unknown, shape: FieldShape | undefined, indent: string): string | undefined {
    this.mutable = true;
    const text = JSON.stringify(orderValue(value, shape), null, 2) as string | undefined;
    return text === undefined ? undefined : text.replaceAll("\n", `\n${indent}`);
  }
}
