import { crc32Update } from "./crc32.js";
import { XlsxReadError, limitError, malformedError, truncatedError } from "./errors.js";
import type { InflateFn } from "./inflate.js";
import type { ReadLimits } from "./limits.js";
import type { ZipArchive, ZipEntry } from "./zip.js";

const RATIO_CHECK_FROM = 1024 * 1024;
const STORED_SLICE = 64 * 1024;

/**
 * Streams entries out of one archive while enforcing the decompression limits and checking each
 * part's CRC-32. Every byte inflated counts against maxTotalBytes, re-reads of the same part
 * included: the work done is what the limit bounds (2,000 sheets naming one 50 MB part would
 * otherwise inflate 100 GB "within" a 2 GiB limit).
 */
export class EntryReader {
  private total = 0;

  constructor(
    readonly zip: ZipArchive,
    private readonly limits: ReadLimits,
    private readonly inflate: InflateFn,
    private readonly chunkSize: number | undefined,
  ) {}

  /** The inflater's native ASCII check, if it has one. */
  get isAscii(): ((data: Uint8Array) => boolean) | undefined {
    return this.inflate.isAscii;
  }

  async *chunks(entry: ZipEntry): AsyncGenerator<Uint8Array> {
    const loc = { part: entry.name };
    const { maxEntryBytes, maxTotalBytes, maxCompressionRatio } = this.limits;
    const raw = this.zip.rawData(entry);
    if (entry.size > maxEntryBytes) throw entryTooBig(entry.name, maxEntryBytes);
    const source = entry.method === 0 ? sliced(raw) : this.inflate(raw);
    const chunkSize = this.chunkSize;
    let n = 0;
    let crc = 0;
    const crc32 = this.inflate.crc32;
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        let r: IteratorResult<Uint8Array>;
        try {
          r = await iterator.next();
        } catch (e) {
          throw inflateFailure(e, entry.name);
        }
        if (r.done) break;
        const chunk = r.value;
        n += chunk.length;
        if (n > maxEntryBytes) throw entryTooBig(entry.name, maxEntryBytes);
        this.total += chunk.length;
        if (this.total > maxTotalBytes) {
          throw limitError("工作簿解压后的总大小（重复读取的部件也计入）", "maxTotalBytes", maxTotalBytes, loc, BOMB_HINT);
        }
        crc = crc32 ? crc32(chunk, crc) : crc32Update(crc, chunk);
        if (n > RATIO_CHECK_FROM && n / Math.max(1, raw.length) > maxCompressionRatio) {
          throw limitError("压缩比", "maxCompressionRatio", maxCompressionRatio, loc, BOMB_HINT);
        }
        if (chunkSize === undefined || chunk.length <= chunkSize) {
          yield chunk;
        } else {
          for (let i = 0; i < chunk.length; i += chunkSize) yield chunk.subarray(i, i + chunkSize);
        }
      }
    } finally {
      // Early exit (consumer stopped reading): let the inflater release its resources.
      await iterator.return?.();
    }
    if (n !== entry.size && entry.size !== 0xffffffff) {
      throw n < entry.size
        ? truncatedError("压缩数据提前结束", loc)
        : malformedError("解压后的大小与 zip 目录记录不符", loc);
    }
    // Only reached when the consumer read the whole part: a part edited after zipping, or damaged
    // in a way inflate does not notice (a stored part has no other check), is refused.
    if (crc !== entry.crc32) {
      throw malformedError("数据校验（CRC-32）不符，文件在压缩后被改动或已损坏", loc);
    }
  }
}

const BOMB_HINT = "文件可能是恶意构造的压缩炸弹。";

function entryTooBig(part: string, max: number): XlsxReadError {
  return limitError("解压后的大小", "maxEntryBytes", max, { part }, BOMB_HINT);
}

function inflateFailure(e: unknown, part: string): XlsxReadError {
  if (e instanceof XlsxReadError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  if (/unexpected end|end of (?:file|stream)|incomplete|truncat|premature/i.test(detail)) {
    return truncatedError("压缩数据提前结束", { part }, e);
  }
  return malformedError(`压缩数据损坏，无法解压（${detail}）`, { part }, e);
}

async function* sliced(raw: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < raw.length; i += STORED_SLICE) yield raw.subarray(i, i + STORED_SLICE);
}
