import { firstInvalidUtf8, headError, lineOfByte, nulError, sizeError, utf8Error } from "./decode.js";
import { type CatalogReadError, FORBIDDEN_KEYS, pointerSegment, positionAt, readError, resolveTextLimits, type TextLimits } from "./errors.js";
import { scanJson } from "./json-scan.js";
import { readJson, scanFailureError } from "./json.js";

/**
 * What {@link readCatalogJsonStream} reports, in this order: `header` when the `entries` array opens
 * (the top-level members read so far), one `entry` per element of `entries` as it is read, then `end`
 * with every top-level member — or, at any point, `error`, after which nothing follows. Entries
 * already reported before an `error` belong to a file that is not a readable catalog: a consumer
 * writes them somewhere it can discard.
 */
export type JsonCatalogEvent =
  | {
      type: "header";
      /** The top-level members before `entries`, in file order (members after it come with `end`). */
      header: Record<string, unknown>;
    }
  | {
      type: "entry";
      /** Index in `entries`. */
      index: number;
      /** The element as `JSON.parse` builds it (not yet shape-checked). */
      entry: unknown;
      /** 1-based line where the element starts. */
      line: number;
      /** With `options.keyLines`: pointer segment of each key of the element → its line. */
      keyLines?: Map<string, number>;
    }
  | {
      type: "end";
      /** Every top-level member but an `entries` array, in file order. */
      header: Record<string, unknown>;
      /** Whether the file had an `entries` array (streamed as `entry` events). */
      hasEntries: boolean;
      /** Number of entries reported. */
      entryCount: number;
      /** Line of each top-level key: `/kind` → 3. */
      lines: Map<string, number>;
    }
  | { type: "error"; error: CatalogReadError };

/** Options of {@link readCatalogJsonStream}. */
export interface JsonStreamOptions {
  /** File name, for messages. */
  file?: string;
  /** Overrides of `DEFAULT_TEXT_LIMITS` (`maxBytes`, `maxDepth` apply). */
  limits?: Partial<TextLimits>;
  /** Report the line of each entry key (a small map per entry). */
  keyLines?: boolean;
}

/** Bytes a JSON catalog is read from: chunks in order, sync or async, or a web `ReadableStream`. */
export type ByteSource = Iterable<Uint8Array> | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/**
 * Reads a JSON catalog from bytes in chunks, entry by entry, in memory bounded by the largest entry
 * (plus a chunk) rather than by the file: each element of the top-level `entries` array is cut out by
 * a light scan and parsed on its own with `JSON.parse`; the other top-level members (before or after
 * `entries`) are collected. Browser-safe.
 *
 * It reads what {@link readCatalogText} reads and refuses what it refuses, with the same message and
 * place: size limit, byte order marks, NUL bytes, invalid UTF-8, JSON syntax, nesting depth,
 * forbidden and repeated keys (at their line and column). A problem found in a later chunk still
 * comes after the entries before it were reported; problems are ranked as the whole-file reader
 * ranks them (size, then encoding, then JSON), so an error is only certain at the end: to say where
 * JSON goes wrong, the text from the last entry read whole to the end is kept and checked at once.
 *
 * @example
 * ```ts
 * for await (const event of readCatalogJsonStream(file.stream(), { file: file.name })) {
 *   if (event.type === "entry") count++;
 *   else if (event.type === "error") throw new Error(event.error.message);
 * }
 * ```
 */
export async function* readCatalogJsonStream(source: ByteSource, options: JsonStreamOptions = {}): AsyncGenerator<JsonCatalogEvent, void, undefined> {
  const reader = new JsonCatalogStreamReader(options);
  for await (const chunk of chunksOf(source)) for (const event of reader.push(chunk)) yield event;
  for (const event of reader.finish()) yield event;
}

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (typeof (source as ReadableStream<Uint8Array>).getReader === "function") {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array>;
}

// Phases of the top-level scan.
const START = 0; // before the root `{`
const KEY_FIRST = 1; // after `{`: a key or `}`
const KEY = 2; // after `,`: a key
const VALUE = 3; // after `"key":`
const AFTER_VALUE = 4; // after a member: `,` or `}`
const ELEM_FIRST = 5; // after `[` of entries: an element or `]`
const ELEM = 6; // after `,` in entries: an element
const AFTER_ELEM = 7; // after an element: `,` or `]`
const DONE = 8; // after the root `}`: only blanks

// Checkpoints: places before which everything has been checked, from where a failure is located.
const CP_TEXT_START = 0;
const CP_AFTER_OPEN = 1; // after the root `{`
const CP_AFTER_MEMBER = 2; // after a top-level member's value
const CP_IN_ENTRIES = 3; // after entries' `[` or after an element
const CP_AFTER_ROOT = 4; // after the root `}`

const OBJ = 0;
const ARR = 1;
const STRUCTURE = /["{}[\],]/g;
const SCALAR_END = /[ \t\r\n,\]}]/g;
const NOT_BLANK = /[^ \t\r\n]/g;
// Past this many keys, an object's duplicate check uses a Set instead of a list.
const SMALL_OBJECT = 24;
// Consumed text is dropped once this much has gathered before the checkpoint.
const COMPACT_AT = 1 << 16;

/** A value being cut out of the text: resumable across chunks. */
interface ValueScan {
  start: number;
  /** Where scanning resumes. */
  at: number;
  /** While inside a string the text ran out in: where to look for its closing quote. */
  quoteFrom: number;
  kinds: number[];
  seen: (string[] | Set<string>)[];
  expectKey: boolean;
  /** Keys met in the text, at every depth (compared with the parsed value's to find repeated keys). */
  keys: number;
  /** Offsets and keys of the value's own keys (an entry's fields), for their lines. */
  keyOffsets: number[];
  keyNames: string[];
}

/**
 * The push parser behind {@link readCatalogJsonStream}: `push` each chunk of bytes, then `finish`;
 * each returns the events that became known. Exported for tests (chunking, bounded buffering).
 *
 * @internal
 */
export class JsonCatalogStreamReader {
  /** Largest number of characters of text held at once (a test measures buffering with it). */
  maxHeld = 0;

  private readonly limits: TextLimits;
  private readonly place: { file?: string };
  private readonly keyLines: boolean;

  // Bytes and decoding.
  private bytes = 0;
  private head: Uint8Array | undefined = new Uint8Array(0);
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private carry: Uint8Array = new Uint8Array(0);
  private encodingError: CatalogReadError | undefined;
  /** Set when nothing found later can outrank the encoding error but the size. */
  private encodingFinal = false;
  /** LF bytes before the current chunk, counted once decoding has stopped. */
  private rawLfs = 0;

  // Text: `buf` holds the text from the last checkpoint on; `pos` is the next character to read.
  private buf = "";
  private pos = 0;
  private lfBefore = 0; // LFs before buf[0]
  private colBase = 0; // characters between the last LF before buf[0] and buf[0]
  private curLf = 0; // LFs in buf[0, cursor)
  private lastLf = -1; // last LF counted in buf, or -1
  private nextLf = -1; // next LF in buf not yet counted, or -1 (search from lfSearched)
  private lfSearched = 0;

  // Top level.
  private phase = START;
  private readonly header: Record<string, unknown> = {};
  /** Top-level keys whose members have been read whole (for the failure prefix). */
  private readonly rootKeys: string[] = [];
  private readonly rootKeySet = new Set<string>();
  private readonly rootLines = new Map<string, number>();
  private currentKey = "";
  private hasEntries = false;
  private index = 0;
  private value: ValueScan | undefined;
  private readonly intern = new Map<string, string>();

  // Failure location.
  private checkpoint = 0;
  private checkpointKind = CP_TEXT_START;
  private checkpointLine = 1;
  private checkpointColumn = 0;
  private failedAt: { line: number; column: number; prefix: string; rest: string[] } | undefined;

  constructor(options: JsonStreamOptions = {}) {
    this.limits = resolveTextLimits(options.limits);
    this.place = options.file === undefined ? {} : { file: options.file };
    this.keyLines = options.keyLines === true;
  }

  /** Reads the next chunk of bytes. */
  push(chunk: Uint8Array): JsonCatalogEvent[] {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.limits.maxBytes) return [];
    if (this.head !== undefined) {
      // The first four bytes tell a byte order mark or a zip archive.
      const joined = new Uint8Array(this.head.length + chunk.length);
      joined.set(this.head);
      joined.set(chunk, this.head.length);
      if (joined.length < 4) {
        this.head = joined;
        return [];
      }
      this.head = undefined;
      const wrong = headError(joined, "json", this.place);
      if (wrong) {
        this.encodingError = wrong;
        this.encodingFinal = true;
        return [];
      }
      return this.decode(joined);
    }
    return this.decode(chunk);
  }

  /** Ends the input: the last events (`end` or `error`). */
  finish(): JsonCatalogEvent[] {
    if (this.bytes > this.limits.maxBytes) return [{ type: "error", error: sizeError(this.bytes, this.limits, this.place) }];
    const events: JsonCatalogEvent[] = [];
    if (this.head !== undefined) {
      const head = this.head;
      this.head = undefined;
      const wrong = headError(head, "json", this.place);
      if (wrong) return [{ type: "error", error: wrong }];
      events.push(...this.decode(head));
    }
    if (this.encodingError === undefined) {
      try {
        events.push(...this.feed(this.decoder.decode()));
      } catch {
        // The input ends inside a UTF-8 sequence.
        const at = firstInvalidUtf8(this.carry);
        this.encodingError = utf8Error(this.fedLfs() + lineOfByte(this.carry, at), this.carry[at] ?? 0, "json", this.place);
      }
    }
    if (this.encodingError !== undefined) return [{ type: "error", error: this.encodingError }];
    if (this.failedAt === undefined && this.phase !== DONE) this.fail();
    if (this.failedAt !== undefined) return [...events, { type: "error", error: this.locateFailure() }];
    events.push({ type: "end", header: this.header, hasEntries: this.hasEntries, entryCount: this.index, lines: this.rootLines });
    return events;
  }

  private decode(chunk: Uint8Array): JsonCatalogEvent[] {
    if (this.encodingFinal) return [];
    const nul = chunk.indexOf(0);
    if (nul !== -1) {
      // A NUL anywhere outranks invalid UTF-8 anywhere, as in the whole-file reader.
      const before = this.encodingError === undefined ? this.fedLfs() : this.rawLfs;
      this.encodingError = nulError(before + lineOfByte(chunk, nul), this.place);
      this.encodingFinal = true;
      return [];
    }
    if (this.encodingError !== undefined) {
      this.rawLfs += lineOfByte(chunk, chunk.length) - 1;
      return [];
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      const data = new Uint8Array(this.carry.length + chunk.length);
      data.set(this.carry);
      data.set(chunk, this.carry.length);
      const at = firstInvalidUtf8(data);
      const before = this.fedLfs();
      this.encodingError = utf8Error(before + lineOfByte(data, at), data[at] ?? 0, "json", this.place);
      this.rawLfs = before + lineOfByte(chunk, chunk.length) - 1;
      return [];
    }
    this.carry = incompleteTail(this.carry, chunk);
    return this.feed(text);
  }

  /** LFs in all text decoded so far. */
  private fedLfs(): number {
    if (this.failedAt !== undefined) {
      let n = this.failedAt.line - 1;
      for (const piece of this.failedAt.rest) for (let i = piece.indexOf("\n"); i !== -1; i = piece.indexOf("\n", i + 1)) n++;
      return n;
    }
    // Without moving the cursor: lines of offsets before the end may still be asked for.
    let n = this.lfBefore + this.curLf;
    for (let i = this.nextLf >= 0 ? this.nextLf : this.buf.indexOf("\n", this.lfSearched); i !== -1; i = this.buf.indexOf("\n", i + 1)) n++;
    return n;
  }

  // ---- text ----

  private feed(text: string): JsonCatalogEvent[] {
    if (text === "") return [];
    if (this.failedAt !== undefined) {
      this.failedAt.rest.push(text);
      return [];
    }
    this.buf += text;
    if (this.buf.length > this.maxHeld) this.maxHeld = this.buf.length;
    const events = this.drain();
    if (this.failedAt === undefined && this.checkpoint >= COMPACT_AT) this.compact();
    return events;
  }

  /** Drops the text before the checkpoint, keeping line and column bookkeeping. */
  private compact(): void {
    const d = this.checkpoint;
    // setCheckpoint counted the LFs before d; the cursor may be past d (a key's line was asked for).
    const lfsBefore = this.checkpointLine - 1;
    this.curLf = this.lfBefore + this.curLf - lfsBefore;
    this.lfBefore = lfsBefore;
    this.colBase = this.checkpointColumn;
    this.lastLf = this.lastLf >= d ? this.lastLf - d : -1;
    if (this.nextLf >= 0) this.nextLf -= d;
    this.lfSearched = Math.max(0, this.lfSearched - d);
    this.buf = this.buf.slice(d);
    this.pos -= d;
    this.checkpoint = 0;
    if (this.value) {
      const v = this.value;
      v.start -= d;
      v.at -= d;
      v.quoteFrom -= d;
      for (let k = 0; k < v.keyOffsets.length; k++) v.keyOffsets[k] = (v.keyOffsets[k] as number) - d;
    }
  }

  /** Counts LFs up to offset `p` of buf (offsets only grow between compactions). */
  private advanceLines(p: number): void {
    for (;;) {
      if (this.nextLf < 0) {
        if (this.lfSearched >= this.buf.length) return;
        this.nextLf = this.buf.indexOf("\n", this.lfSearched);
        if (this.nextLf < 0) {
          this.lfSearched = this.buf.length;
          return;
        }
      }
      if (this.nextLf >= p) return;
      this.curLf++;
      this.lastLf = this.nextLf;
      this.lfSearched = this.nextLf + 1;
      this.nextLf = -1;
    }
  }

  private lineAt(p: number): number {
    this.advanceLines(p);
    return this.lfBefore + this.curLf + 1;
  }

  /** The next non-blank character's offset, or -1 when the text runs out first. */
  private skipBlanks(): number {
    NOT_BLANK.lastIndex = this.pos;
    const m = NOT_BLANK.exec(this.buf);
    if (!m) {
      this.pos = this.buf.length;
      return -1;
    }
    this.pos = m.index;
    return m.index;
  }

  /** Checkpoints only move forward, past every offset whose line was asked for. */
  private setCheckpoint(kind: number, at: number): void {
    this.checkpointKind = kind;
    this.checkpoint = at;
    this.checkpointLine = this.lineAt(at);
    this.checkpointColumn = this.lastLf >= 0 ? at - this.lastLf - 1 : this.colBase + at;
  }

  /** Stops reading values: from the checkpoint on, the text is kept to be checked whole at the end. */
  private fail(): void {
    const cp = this.checkpoint;
    this.failedAt = { line: this.checkpointLine, column: this.checkpointColumn, prefix: this.prefix(), rest: [this.buf.slice(cp)] };
    this.buf = "";
    this.value = undefined;
  }

  /**
   * A JSON text that brings the full scanner into the state it was in at the checkpoint: the keys
   * seen so far (for repeated keys), the depth, and the entry index (for pointers).
   */
  private prefix(): string {
    if (this.checkpointKind === CP_TEXT_START) return "";
    // Values stand as `null`: unlike a number, it cannot run on into the text that follows.
    const members = this.rootKeys.map((k) => `${JSON.stringify(k)}:null`).join(",");
    if (this.checkpointKind === CP_AFTER_OPEN) return "{";
    if (this.checkpointKind === CP_AFTER_MEMBER) return `{${members}`;
    if (this.checkpointKind === CP_AFTER_ROOT) return `{${members}}`;
    // In entries: the members before it, then the elements so far.
    const before = this.rootKeys.map((k) => `${JSON.stringify(k)}:null,`).join("");
    return `{${before}"entries":[${this.index ? "null,".repeat(this.index - 1) + "null" : ""}`;
  }

  private locateFailure(): CatalogReadError {
    const f = this.failedAt as NonNullable<JsonCatalogStreamReader["failedAt"]>;
    const rest = f.rest.join("");
    f.rest = [rest];
    if (f.prefix === "") {
      // Nothing was dropped: the whole-file reader says it (a top level that is no object, too).
      const result = readJson(rest, this.limits, this.place.file);
      if (!result.ok) return result.error;
    } else {
      const text = f.prefix + rest;
      const scan = scanJson(text, this.limits.maxDepth);
      if (!scan.ok && scan.failure.offset >= f.prefix.length) {
        const p = positionAt(rest, scan.failure.offset - f.prefix.length);
        const where = { ...this.place, line: f.line + p.line - 1, column: p.line === 1 ? f.column + p.column : p.column };
        return scanFailureError(scan.failure, where, this.limits);
      }
    }
    return readError("internal", "JSON 流式读取出错：逐项读取认为有误，但全文检查没有找到问题。", "这可能是 zwgk 的缺陷，请附上文件报告问题。", this.place);
  }

  /** Reads as far as the text allows. */
  private drain(): JsonCatalogEvent[] {
    const events: JsonCatalogEvent[] = [];
    while (this.failedAt === undefined) {
      if (this.phase === ELEM || this.phase === ELEM_FIRST) {
        if (this.value === undefined) {
          const c = this.skipBlanks();
          if (c < 0) break;
          if (this.buf.charCodeAt(c) === 93 /* ] */) {
            if (this.phase === ELEM) {
              this.fail(); // a trailing comma
              break;
            }
            this.pos = c + 1;
            this.endOfEntries();
            continue;
          }
          this.value = this.startValue(c);
        }
        const v = this.value;
        const end = this.scanValue(v, 2);
        if (end === -1) break;
        if (end === -2) {
          this.fail();
          break;
        }
        let entry: unknown;
        try {
          entry = JSON.parse(this.buf.slice(v.start, end));
        } catch {
          this.fail();
          break;
        }
        if (!this.keyLines && countKeys(entry) !== v.keys) {
          this.fail();
          break;
        }
        const event: JsonCatalogEvent = { type: "entry", index: this.index, entry, line: this.lineAt(v.start) };
        if (this.keyLines) {
          const lines = new Map<string, number>();
          for (let k = 0; k < v.keyOffsets.length; k++) lines.set(pointerSegment(v.keyNames[k] as string), this.lineAt(v.keyOffsets[k] as number));
          event.keyLines = lines;
        }
        events.push(event);
        this.index++;
        this.value = undefined;
        this.pos = end;
        this.setCheckpoint(CP_IN_ENTRIES, end);
        this.phase = AFTER_ELEM;
        continue;
      }
      if (this.phase === VALUE && this.value !== undefined) {
        if (!this.finishMember()) break;
        continue;
      }
      const c = this.skipBlanks();
      if (c < 0) break;
      const ch = this.buf.charCodeAt(c);
      switch (this.phase) {
        case START:
          if (ch !== 123 /* { */ || this.limits.maxDepth < 1) return this.fail(), events;
          this.pos = c + 1;
          this.setCheckpoint(CP_AFTER_OPEN, this.pos);
          this.phase = KEY_FIRST;
          break;
        case KEY_FIRST:
        case KEY:
          if (ch === 125 /* } */ && this.phase === KEY_FIRST) {
            this.pos = c + 1;
            this.closeRoot();
            break;
          }
          if (!this.readRootKey(c)) return events;
          break;
        case VALUE:
          if (this.currentKey === "entries" && ch === 91 /* [ */) {
            if (this.limits.maxDepth < 2) return this.fail(), events;
            this.hasEntries = true;
            events.push({ type: "header", header: { ...this.header } });
            this.pos = c + 1;
            this.setCheckpoint(CP_IN_ENTRIES, this.pos);
            this.phase = ELEM_FIRST;
            break;
          }
          this.value = this.startValue(c);
          break;
        case AFTER_VALUE:
          if (ch === 44 /* , */) {
            this.pos = c + 1;
            this.phase = KEY;
          } else if (ch === 125 /* } */) {
            this.pos = c + 1;
            this.closeRoot();
          } else return this.fail(), events;
          break;
        case AFTER_ELEM:
          if (ch === 44 /* , */) {
            this.pos = c + 1;
            this.phase = ELEM;
          } else if (ch === 93 /* ] */) {
            this.pos = c + 1;
            this.endOfEntries();
          } else return this.fail(), events;
          break;
        default:
          // After the root object: anything but blanks is too much.
          return this.fail(), events;
      }
    }
    return events;
  }

  private closeRoot(): void {
    this.phase = DONE;
    this.setCheckpoint(CP_AFTER_ROOT, this.pos);
  }

  private endOfEntries(): void {
    this.rootKeys.push("entries");
    this.phase = AFTER_VALUE;
    this.setCheckpoint(CP_AFTER_MEMBER, this.pos);
  }

  /** A top-level `"key" :` at c; false when the text runs out or is wrong (then failed). */
  private readRootKey(c: number): boolean {
    const buf = this.buf;
    if (buf.charCodeAt(c) !== 34 /* " */) return this.fail(), false;
    const close = closingQuote(buf, c);
    if (close < 0) return false;
    NOT_BLANK.lastIndex = close + 1;
    const m = NOT_BLANK.exec(buf);
    if (!m) return false;
    if (m[0] !== ":") return this.fail(), false;
    let key: string;
    try {
      key = JSON.parse(buf.slice(c, close + 1)) as string;
    } catch {
      return this.fail(), false;
    }
    if (FORBIDDEN_KEYS.has(key) || this.rootKeySet.has(key)) return this.fail(), false;
    this.rootKeySet.add(key);
    this.rootLines.set(`/${pointerSegment(key)}`, this.lineAt(c));
    this.currentKey = key;
    this.pos = m.index + 1;
    this.phase = VALUE;
    return true;
  }

  /** Ends a top-level member's value once it is whole; false when the text runs out or is wrong. */
  private finishMember(): boolean {
    const v = this.value as ValueScan;
    const end = this.scanValue(v, 1);
    if (end === -1) return false;
    if (end === -2) return this.fail(), false;
    let value: unknown;
    try {
      value = JSON.parse(this.buf.slice(v.start, end));
    } catch {
      return this.fail(), false;
    }
    if (!this.keyLines && countKeys(value) !== v.keys) return this.fail(), false;
    Object.defineProperty(this.header, this.currentKey, { value, enumerable: true, writable: true, configurable: true });
    this.rootKeys.push(this.currentKey);
    this.value = undefined;
    this.pos = end;
    this.phase = AFTER_VALUE;
    this.setCheckpoint(CP_AFTER_MEMBER, end);
    return true;
  }

  private startValue(at: number): ValueScan {
    return { start: at, at, quoteFrom: at + 1, kinds: [], seen: [], expectKey: false, keys: 0, keyOffsets: [], keyNames: [] };
  }

  /**
   * Finds the end of the value starting at `v.start`, checking depth and keys (forbidden, repeated)
   * on the way; `JSON.parse` of the cut-out text checks the grammar after. Returns the end offset,
   * -1 when the text runs out first (resumable), or -2 when something is wrong.
   */
  private scanValue(v: ValueScan, outer: number): number {
    const buf = this.buf;
    const maxDepth = this.limits.maxDepth;
    if (v.at === v.start) {
      const c = buf.charCodeAt(v.start);
      if (c === 34 /* " */) {
        const close = closingQuote(buf, v.start, v.quoteFrom);
        if (close >= 0) return close + 1;
        v.quoteFrom = buf.length;
        return -1;
      }
      if (c !== 123 && c !== 91) {
        SCALAR_END.lastIndex = v.start;
        const m = SCALAR_END.exec(buf);
        return m ? m.index : -1;
      }
    }
    const kinds = v.kinds;
    const seen = v.seen;
    STRUCTURE.lastIndex = v.at;
    for (;;) {
      // test() finds the next structural character without building a match.
      if (!STRUCTURE.test(buf)) {
        v.at = buf.length;
        return -1;
      }
      const at = STRUCTURE.lastIndex - 1;
      const c = buf.charCodeAt(at);
      if (c === 34) {
        const close = closingQuote(buf, at, at === v.at ? v.quoteFrom : at + 1);
        if (close < 0) {
          // Resume at this quote, looking for its end from where this search stopped.
          v.at = at;
          v.quoteFrom = buf.length;
          return -1;
        }
        STRUCTURE.lastIndex = close + 1;
        if (!v.expectKey) continue;
        v.expectKey = false;
        v.keys++;
        // Without key lines, keys are checked on the parsed value (countKeys): cheaper than here.
        if (!this.keyLines) continue;
        const raw = buf.slice(at + 1, close);
        let key: string;
        if (raw.includes("\\")) {
          try {
            key = JSON.parse(buf.slice(at, close + 1)) as string;
          } catch {
            return -2;
          }
        } else key = raw;
        if (FORBIDDEN_KEYS.has(key)) return -2;
        const depth = kinds.length - 1;
        const known = seen[depth] as string[] | Set<string>;
        if (Array.isArray(known)) {
          if (known.includes(key)) return -2;
          known.push(key);
          if (known.length > SMALL_OBJECT) seen[depth] = new Set(known);
        } else {
          if (known.has(key)) return -2;
          known.add(key);
        }
        if (depth === 0 && this.keyLines) {
          // Interned: a dozen key names serve every entry.
          const interned = this.intern.get(key);
          if (interned !== undefined) key = interned;
          else if (this.intern.size < 4096) this.intern.set(key, key);
          v.keyOffsets.push(at);
          v.keyNames.push(key);
        }
      } else if (c === 123 || c === 91) {
        if (outer + kinds.length >= maxDepth) return -2;
        const isObj = c === 123;
        kinds.push(isObj ? OBJ : ARR);
        if (this.keyLines) seen.push([]);
        v.expectKey = isObj;
      } else if (c === 44) {
        if (kinds[kinds.length - 1] === OBJ) v.expectKey = true;
      } else {
        kinds.pop();
        if (this.keyLines) seen.pop();
        v.expectKey = false;
        if (kinds.length === 0) {
          v.at = at + 1;
          return at + 1;
        }
      }
    }
  }
}

/**
 * Keys of a parsed value at every depth, or -1 when one is forbidden. `JSON.parse` keeps one of
 * repeated keys, so fewer keys here than in the text means a key was repeated.
 */
function countKeys(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      const k = countKeys(item);
      if (k < 0) return -1;
      n += k;
    }
    return n;
  }
  for (const key in value) {
    if (FORBIDDEN_KEYS.has(key)) return -1;
    const k = countKeys((value as Record<string, unknown>)[key]);
    if (k < 0) return -1;
    n += k + 1;
  }
  return n;
}

/** Offset of the quote that closes the string opening at `open`, or -1 when the text ends first. */
function closingQuote(text: string, open: number, from = open + 1): number {
  let close = text.indexOf('"', Math.max(from, open + 1));
  while (close !== -1) {
    let b = close - 1;
    while (text.charCodeAt(b) === 92 /* \ */) b--;
    if ((close - 1 - b) % 2 === 0) return close;
    close = text.indexOf('"', close + 1);
  }
  return -1;
}

/** The bytes at the end of `prev` + `chunk` that begin a UTF-8 sequence not yet complete. */
function incompleteTail(prev: Uint8Array, chunk: Uint8Array): Uint8Array {
  // A sequence is at most 4 bytes: with 3 or more in the chunk, its start is in the chunk.
  const all = prev.length && chunk.length < 3 ? concat(prev, chunk) : chunk;
  const n = all.length;
  for (let j = n - 1; j >= Math.max(0, n - 4); j--) {
    const b = all[j] as number;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0x80) return EMPTY;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return n - j < need ? all.slice(j) : EMPTY;
  }
  return EMPTY;
}

const EMPTY = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
