export interface ReadLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Decompressed size of one zip part. */
  maxEntryBytes: number;
  /** Decompressed size of all parts read through one Workbook. */
  maxTotalBytes: number;
  /** Decompressed/compressed ratio of one part; only checked once the part passes 1 MiB. */
  maxCompressionRatio: number;
  /** Number of <row> elements in a sheet. */
  maxRows: number;
  /** Consecutive <row> elements without any non-empty cell. */
  maxEmptyRows: number;
  /** Columns per sheet (a cell in column index >= maxColumns is rejected). */
  maxColumns: number;
  /** Characters in one cell value, shared string or formula. */
  maxCellChars: number;
  /** Entries in xl/sharedStrings.xml. */
  maxSharedStrings: number;
  /** Characters of all shared strings together: the table is kept while the sheets are read. */
  maxSharedStringChars: number;
  /** Characters in one XML tag (with its attributes); bounds the unconsumed tail between chunks. */
  maxTagChars: number;
  /**
   * Decompressed size of one part read whole into memory (workbook, relationships, document
   * properties, styles): these parts are small in every real workbook.
   */
  maxTreeBytes: number;
  /**
   * Elements kept from one part read whole: tree nodes of the workbook, relationships and
   * properties; number formats and cell formats of the styles part.
   */
  maxTreeNodes: number;
  /** Merged ranges kept for one sheet (`<mergeCell>` elements). */
  maxMergedRanges: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: 200 * MiB,
  maxEntryBytes: 1024 * MiB,
  maxTotalBytes: 2048 * MiB,
  maxCompressionRatio: 1000,
  maxRows: 1_048_576,
  maxEmptyRows: 10_000,
  maxColumns: 16_384,
  maxCellChars: 32_767,
  maxSharedStrings: 5_000_000,
  maxSharedStringChars: 128 * 1024 * 1024,
  maxTagChars: 1 * MiB,
  maxTreeBytes: 32 * MiB,
  maxTreeNodes: 100_000,
  maxMergedRanges: 200_000,
});

/** Only the known keys are copied, so an options object parsed from JSON cannot smuggle anything in. */
export function resolveLimits(overrides: Partial<ReadLimits> | undefined): ReadLimits {
  const out: ReadLimits = { ...DEFAULT_LIMITS };
  if (!overrides) return out;
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ReadLimits)[]) {
    const v = overrides[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || Number.isNaN(v) || v < 0) {
      throw new TypeError(`limits.${key} must be a non-negative number, got ${String(v)}`);
    }
    out[key] = v;
  }
  return out;
}
