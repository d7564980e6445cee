import type { EntryReader } from "./entry-stream.js";
import { asReadError, type ErrorLocation } from "./errors.js";
import type { ReadLimits } from "./limits.js";
import { SHEET_NAMES, SheetSink } from "./sheet-sink.js";
import type { MergeRange, Row, SheetInfo, SheetReader } from "./types.js";
import { mergeRange, parseRange } from "./cellref.js";
import { ChunkDecoder, StrictDecoder } from "./utf8.js";
import { type XmlSink, XmlScanner } from "./xml-scanner.js";
import type { ZipEntry } from "./zip.js";

export interface SheetContext {
  readonly entries: EntryReader;
  readonly entry: ZipEntry;
  readonly limits: ReadLimits;
  readonly date1904: boolean;
  sharedStrings(): Promise<string[]>;
  dateStyles(): Promise<Uint8Array>;
}

/** How much of the text before a chunk takes part in the search for the end of <sheetData>. */
const CARRY = 64;

export class SheetReaderImpl implements SheetReader {
  merges: MergeRange[] = [];
  dimension?: string;

  constructor(
    readonly sheet: SheetInfo,
    private readonly ctx: SheetContext,
  ) {}

  async mergesAhead(): Promise<MergeRange[]> {
    const loc: ErrorLocation = { part: this.sheet.path, sheet: this.sheet.name };
    const merges: MergeRange[] = [];
    const sink: XmlSink = {
      open: (_id, _selfClosing, sc) => {
        const ref = sc.attr("ref");
        const range = ref === undefined ? undefined : parseRange(ref);
        if (ref !== undefined && range) merges.push(mergeRange(range, ref));
        return -1;
      },
      close() {},
      text() {},
      cdata() {},
    };
    const scanner = new XmlScanner(["mergeCell"], sink, this.ctx.limits.maxTagChars, loc);
    const decoder = new ChunkDecoder(false, this.ctx.entries.isAscii);
    let carry = "";
    let after = false;
    try {
      for await (const chunk of this.ctx.entries.chunks(this.ctx.entry)) {
        const text = decoder.decode(chunk);
        if (after) {
          scanner.feed(text);
          continue;
        }
        // Only the end of <sheetData> is looked for; the rows themselves are not tokenised.
        const end = sheetDataEnd(carry, text);
        if (end >= 0) {
          after = true;
          scanner.feed(end >= carry.length ? text.slice(end - carry.length) : carry.slice(end) + text);
        } else carry = text.length >= CARRY ? text.slice(-CARRY) : (carry + text).slice(-CARRY);
      }
      if (after) {
        scanner.feed(decoder.decode());
        scanner.end();
      }
    } catch (e) {
      throw asReadError(e, loc);
    }
    return merges;
  }

  /** Each iteration reads the part again from the start. */
  [Symbol.asyncIterator](): AsyncIterator<Row, undefined> {
    this.merges = [];
    return new RowIterator(this, this.ctx);
  }
}

/**
 * Hand-written rather than an async generator: rows are handed out from the batch one inflated
 * chunk produced, and a plain async next() costs about half of a generator's yield per row.
 */
class RowIterator implements AsyncIterator<Row, undefined> {
  private rows: Row[] = [];
  private pos = 0;
  private finished = false;
  private chunks: AsyncGenerator<Uint8Array> | undefined;
  private sink: SheetSink | undefined;
  private scanner: XmlScanner | undefined;
  private readonly decoder: StrictDecoder;
  private readonly loc: ErrorLocation;

  constructor(
    private readonly out: SheetReaderImpl,
    private readonly ctx: SheetContext,
  ) {
    this.loc = { part: out.sheet.path, sheet: out.sheet.name };
    const near = () => this.sink?.currentRow || undefined;
    this.decoder = new StrictDecoder(this.loc, near, (text) => this.scanner?.feed(text), ctx.entries.isAscii);
  }

  async next(): Promise<IteratorResult<Row, undefined>> {
    for (;;) {
      if (this.pos < this.rows.length) return { value: this.rows[this.pos++]!, done: false };
      if (this.finished) return { value: undefined, done: true };
      try {
        await this.fill();
      } catch (e) {
        await this.return();
        throw asReadError(e, this.loc);
      }
    }
  }

  /**
   * The rows of the current batch not yet handed out (reading the next chunk when there are none);
   * undefined at the end. Lets a consumer that takes every row skip one promise per row.
   */
  async nextBatch(): Promise<Row[] | undefined> {
    for (;;) {
      if (this.pos < this.rows.length) {
        const batch = this.pos === 0 ? this.rows : this.rows.slice(this.pos);
        this.pos = this.rows.length;
        return batch;
      }
      if (this.finished) return undefined;
      try {
        await this.fill();
      } catch (e) {
        await this.return();
        throw asReadError(e, this.loc);
      }
    }
  }

  async return(): Promise<IteratorResult<Row, undefined>> {
    this.finished = true;
    this.rows = [];
    await this.chunks?.return(undefined);
    return { value: undefined, done: true };
  }

  /** Feeds one more inflated chunk; the rows it completes become the next batch. */
  private async fill(): Promise<void> {
    if (!this.sink || !this.scanner || !this.chunks) {
      const { ctx } = this;
      const [sst, dateFlags] = await Promise.all([ctx.sharedStrings(), ctx.dateStyles()]);
      const setup = { limits: ctx.limits, sst, dateFlags, date1904: ctx.date1904, loc: this.loc, out: this.out };
      this.sink = new SheetSink(setup);
      this.scanner = new XmlScanner(SHEET_NAMES, this.sink, ctx.limits.maxTagChars, this.loc);
      this.chunks = ctx.entries.chunks(ctx.entry);
      if (this.finished) return;
    }
    const r = await this.chunks.next();
    if (r.done) {
      this.sink.setChunk(undefined, "");
      this.scanner.feed(this.decoder.decode());
      this.scanner.end();
      this.finished = true;
    } else {
      const text = this.decoder.decode(r.value);
      this.sink.setChunk(r.value, text);
      this.scanner.feed(text);
    }
    this.rows = this.sink.rows;
    this.pos = 0;
    this.sink.rows = [];
  }
}

/**
 * Where the first `</sheetData>` (any namespace prefix, white space before the ">"; as the regular
 * expression `<\/(?:[A-Za-z_][\w.-]*:)?sheetData\s*>` finds it) ends in carry + text, or -1. Found
 * by indexOf of "sheetData" and a check around each hit, without joining the two strings: a regular
 * expression stops at every "<" of the rows, and joining copies the chunk.
 */
export function sheetDataEnd(carry: string, text: string): number {
  const n = carry.length;
  const at = (i: number): number => (i < n ? carry.charCodeAt(i) : text.charCodeAt(i - n));
  const total = n + text.length;
  const check = (h: number): number => {
    let k = h + 9;
    while (k < total && isJsSpace(at(k))) k++;
    if (at(k) !== 62 /* > */) return -1;
    let j = h - 1;
    if (at(j) === 58 /* : */) {
      // A prefix: [A-Za-z_][\w.-]* then ":", after "</".
      j--;
      while (j >= 0 && isNameChar(at(j))) j--;
      const first = at(j + 1);
      if (!(first === 95 || ((first & ~32) >= 65 && (first & ~32) <= 90))) return -1;
    }
    return at(j) === 47 && at(j - 1) === 60 ? k + 1 : -1;
  };
  // Hits starting in the carry first (the text's first 8 characters complete them), then the text's.
  if (n > 0) {
    const head = carry + text.slice(0, 8);
    for (let h = head.indexOf("sheetData"); h >= 0 && h < n; h = head.indexOf("sheetData", h + 1)) {
      const end = check(h);
      if (end >= 0) return end;
    }
  }
  for (let h = text.indexOf("sheetData"); h >= 0; h = text.indexOf("sheetData", h + 1)) {
    const end = check(h + n);
    if (end >= 0) return end;
  }
  return -1;
}

/** `[\w.-]`. */
function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c & ~32) >= 65 && (c & ~32) <= 90) || c === 95 || c === 46 || c === 45;
}

/** JavaScript's `\s`. */
function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
