import {
  encryptedError,
  legacyXlsError,
  malformedError,
  notZipError,
  truncatedError,
  unsupportedError,
} from "./errors.js";

export interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
  /** CRC-32 of the decompressed data, as the central directory records it. */
  readonly crc32: number;
}

export interface ZipArchive {
  readonly data: Uint8Array;
  readonly entries: ZipEntry[];
  /** Exact path first, then case-insensitively (some writers disagree on "sharedStrings" casing). */
  find(path: string): ZipEntry | undefined;
  /** The compressed bytes of an entry, after validating its local header. */
  rawData(entry: ZipEntry): Uint8Array;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;

const nameDecoder = new TextDecoder("utf-8", { fatal: false });

export function normalizeZipPath(path: string): string {
  let p = path.replace(/\\/g, "/");
  while (p.startsWith("/")) p = p.slice(1);
  return p;
}

export function parseZip(data: Uint8Array): ZipArchive {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const len = data.byteLength;
  const startsWithLocal = len >= 4 && view.getUint32(0, true) === SIG_LOCAL;
  if (!startsWithLocal) {
    if (len >= 8 && view.getUint32(0, true) === 0xe011cfd0 && view.getUint32(4, true) === 0xe11ab1a1) {
      throw classifyCfb(data);
    }
    // An empty zip is only an EOCD record; anything else that does not start with a local header is not a zip.
    if (!(len >= 4 && view.getUint32(0, true) === SIG_EOCD)) throw notZipError();
  }

  const eocd = findEocd(view);
  if (eocd < 0) throw truncatedError("缺少 zip 目录结尾记录");
  if (eocd + EOCD_SIZE > len) throw truncatedError("zip 目录结尾记录不完整");
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) {
    throw unsupportedError("分卷 zip 压缩包");
  }
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const z64 = readZip64Eocd(view, eocd);
    if (z64) ({ count, cdSize, cdOffset } = z64);
  }
  if (cdOffset + cdSize > len) throw truncatedError("zip 中央目录超出文件末尾");

  const entries: ZipEntry[] = [];
  const exact = new Map<string, ZipEntry>();
  const folded = new Map<string, ZipEntry>();
  let p = cdOffset;
  const cdEnd = cdOffset + cdSize;
  // count comes from the file; the loop is bounded by the directory bytes instead.
  for (let i = 0; i < count && p < cdEnd; i++) {
    if (p + 46 > len) throw truncatedError("zip 中央目录不完整");
    if (view.getUint32(p, true) !== SIG_CENTRAL) throw malformedError("zip 中央目录记录无效");
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc32 = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const nameStart = p + 46;
    if (nameStart + nameLen + extraLen > len) throw truncatedError("zip 中央目录不完整");
    const name = normalizeZipPath(nameDecoder.decode(data.subarray(nameStart, nameStart + nameLen)));
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      const z = readZip64Extra(view, nameStart + nameLen, extraLen, size, compressedSize, localHeaderOffset);
      ({ size, compressedSize, localHeaderOffset } = z);
    }
    const entry: ZipEntry = { name, flags, method, compressedSize, size, localHeaderOffset, crc32 };
    entries.push(entry);
    if (!exact.has(name)) exact.set(name, entry);
    const key = name.toLowerCase();
    if (!folded.has(key)) folded.set(key, entry);
    p = nameStart + nameLen + extraLen + commentLen;
  }

  return {
    data,
    entries,
    find(path: string) {
      const n = normalizeZipPath(path);
      return exact.get(n) ?? folded.get(n.toLowerCase());
    },
    rawData(entry: ZipEntry) {
      const loc = { part: entry.name };
      if (entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) throw encryptedError(entry.name);
      if (entry.method !== 0 && entry.method !== 8) {
        throw unsupportedError(`压缩方式 ${entry.method}（只支持不压缩和 Deflate）`, loc);
      }
      const h = entry.localHeaderOffset;
      if (h + 30 > len) throw truncatedError("压缩数据超出文件末尾", loc);
      if (view.getUint32(h, true) !== SIG_LOCAL) throw malformedError("zip 本地文件头无效", loc);
      const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
      const end = start + entry.compressedSize;
      if (end > len) throw truncatedError("压缩数据超出文件末尾", loc);
      return data.subarray(start, end);
    },
  };
}

function findEocd(view: DataView): number {
  const len = view.byteLength;
  const stop = Math.max(0, len - EOCD_SIZE - 0xffff);
  for (let i = len - EOCD_SIZE; i >= stop; i--) {
    if (view.getUint32(i, true) === SIG_EOCD) return i;
  }
  // A file cut inside the 22-byte record still has the signature; report it as truncated too.
  for (let i = Math.max(0, len - 4); i > Math.max(0, len - EOCD_SIZE); i--) {
    if (view.getUint32(i, true) === SIG_EOCD) return i;
  }
  return -1;
}

function readZip64Eocd(view: DataView, eocd: number) {
  const loc = eocd - 20;
  if (loc < 0 || view.getUint32(loc, true) !== SIG_EOCD64_LOCATOR) return undefined;
  const rec = safeNumber(view.getBigUint64(loc + 8, true));
  if (rec + 56 > view.byteLength) throw truncatedError("zip64 目录记录超出文件末尾");
  if (view.getUint32(rec, true) !== SIG_EOCD64) throw malformedError("zip64 目录记录无效");
  return {
    count: safeNumber(view.getBigUint64(rec + 32, true)),
    cdSize: safeNumber(view.getBigUint64(rec + 40, true)),
    cdOffset: safeNumber(view.getBigUint64(rec + 48, true)),
  };
}

function readZip64Extra(
  view: DataView,
  start: number,
  length: number,
  size: number,
  compressedSize: number,
  localHeaderOffset: number,
) {
  let p = start;
  const end = start + length;
  while (p + 4 <= end) {
    const id = view.getUint16(p, true);
    const n = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      // Fields appear only for the values that overflowed, in this fixed order.
      let q = p + 4;
      const next = () => {
        if (q + 8 > p + 4 + n) throw malformedError("zip64 扩展字段不完整");
        const v = safeNumber(view.getBigUint64(q, true));
        q += 8;
        return v;
      };
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      break;
    }
    p += 4 + n;
  }
  return { size, compressedSize, localHeaderOffset };
}

function safeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw malformedError("zip64 大小字段超出范围");
  return Number(v);
}

/**
 * Both password-protected .xlsx files and legacy .xls workbooks are OLE compound files.
 * Directory entry names are UTF-16LE; "EncryptedPackage" marks an encrypted OOXML file.
 */
function classifyCfb(data: Uint8Array) {
  if (containsUtf16(data, "EncryptedPackage") || containsUtf16(data, "EncryptionInfo")) return encryptedError();
  if (containsUtf16(data, "Workbook") || containsUtf16(data, "Book")) return legacyXlsError();
  return encryptedError();
}

function containsUtf16(data: Uint8Array, s: string): boolean {
  const first = s.charCodeAt(0);
  const last = data.length - s.length * 2;
  outer: for (let i = 0; i <= last; i++) {
    if (data[i] !== first || data[i + 1] !== 0) continue;
    for (let k = 1; k < s.length; k++) {
      if (data[i + 2 * k] !== s.charCodeAt(k) || data[i + 2 * k + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}
