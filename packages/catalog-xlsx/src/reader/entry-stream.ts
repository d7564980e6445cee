import { XlsxReadError, limitError, malformedError, truncatedError } from "./errors.js";
import type { InflateFn } from "./inflate.js";
import type { ReadLimits } from "./limits.js";
import type { ZipArchive, ZipEntry } from "./zip.js";

const RATIO_CHECK_FROM = 1024 * 1024;
const STORED_SLICE = 64 * 1024;

/**
 * Streams entries out of one archive while enforcing the decompression limits. Total bytes are
 * accounted per distinct entry (the most ever produced for it), so re-reading a sheet does not
 * count twice against maxTotalBytes.
 */
export class EntryReader {
  private readonly produced = new Map<string, number>();
  private total = 0;

  constructor(
    readonly zip: ZipArchive,
    private readonly limits: ReadLimits,
    private readonly inflate: InflateFn,
    private readonly chunkSize: number | undefined,
  ) {}

  async *chunks(entry: ZipEntry): AsyncGenerator<Uint8Array> {
    const loc = { part: entry.name };
    const { maxEntryBytes, maxTotalBytes, maxCompressionRatio } = this.limits;
    const raw = this.zip.rawData(entry);
    if (entry.size > maxEntryBytes) throw entryTooBig(entry.name, maxEntryBytes);
    const source = entry.method === 0 ? sliced(raw) : this.inflate(raw);
    const chunkSize = this.chunkSize;
    let n = 0;
    let accounted = this.produced.get(entry.name) ?? 0;
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
        if (n > accounted) {
          this.total += n - accounted;
          accounted = n;
          this.produced.set(entry.name, n);
          if (this.total > maxTotalBytes) {
            throw limitError("工作簿解压后的总大小", "maxTotalBytes", maxTotalBytes, loc, BOMB_HINT);
          }
        }
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
