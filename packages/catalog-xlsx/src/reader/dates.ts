import { type ErrorLocation, limitError } from "./errors.js";
import type { XmlScanner, XmlSink } from "./xml-scanner.js";

/** Built-in number formats that display dates or times (ECMA-376 18.8.30, plus the CJK ids 27–36, 50–58). */
function isBuiltinDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * A custom format is a date/time format when a y, m, d, h or s token appears outside quoted
 * literals, [brackets] (colours, locales, conditions), backslash escapes and _x / *x padding.
 */
export function isDateFormatCode(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 34 /* " */) {
      const close = code.indexOf('"', i + 1);
      if (close < 0) return false;
      i = close;
    } else if (c === 91 /* [ */) {
      const close = code.indexOf("]", i + 1);
      if (close < 0) return false;
      i = close;
    } else if (c === 92 /* \ */ || c === 95 /* _ */ || c === 42 /* * */) {
      i++;
    } else {
      const l = c | 32;
      if (l === 121 || l === 109 || l === 100 || l === 104 || l === 115) return true; // y m d h s
    }
  }
  return false;
}

const NUM_FMT = 0;
const CELL_XFS = 1;
const XF = 2;
export const STYLE_NAMES = ["numFmt", "cellXfs", "xf"];

/**
 * Reads xl/styles.xml as a stream and keeps only what date detection needs: each custom number
 * format's date flag and each cellXfs entry's number format id. Counted against `maxNodes`, so a
 * styles part of millions of `<xf/>` stops with a limit error instead of building a tree.
 */
export class StylesSink implements XmlSink {
  private readonly customDate = new Map<number, boolean>();
  private ids = new Uint32Array(64);
  private count = 0;
  private kept = 0;
  private inCellXfs = false;

  constructor(
    private readonly maxNodes: number,
    private readonly loc: ErrorLocation,
  ) {}

  open(id: number, selfClosing: boolean, sc: XmlScanner): number {
    if (id === CELL_XFS) this.inCellXfs = !selfClosing;
    else if (id === NUM_FMT) {
      this.keep();
      const fmtId = Number(sc.attr("numFmtId"));
      const code = sc.attr("formatCode");
      if (Number.isInteger(fmtId) && code !== undefined) this.customDate.set(fmtId, isDateFormatCode(code));
    } else if (id === XF && this.inCellXfs) {
      this.keep();
      if (this.count === this.ids.length) {
        const grown = new Uint32Array(this.ids.length * 2);
        grown.set(this.ids);
        this.ids = grown;
      }
      const fmtId = Number(sc.attr("numFmtId") ?? "0");
      this.ids[this.count++] = Number.isInteger(fmtId) && fmtId >= 0 && fmtId < 0xffffffff ? fmtId : 0;
    }
    return -1;
  }

  close(id: number): void {
    if (id === CELL_XFS) this.inCellXfs = false;
  }

  text(): void {}
  cdata(): void {}

  private keep(): void {
    if (++this.kept > this.maxNodes) {
      throw limitError("样式（数字格式和单元格格式）的数量", "maxTreeNodes", this.maxNodes, this.loc, "正常的工作簿中这一部分很小，文件可能是恶意构造的。");
    }
  }

  /** One flag per cellXfs index, computed once per workbook so the per-cell check is an array read. */
  flags(): Uint8Array {
    const flags = new Uint8Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const id = this.ids[i]!;
      const custom = this.customDate.get(id);
      flags[i] = (custom !== undefined ? custom : isBuiltinDateFormat(id)) ? 1 : 0;
    }
    return flags;
  }
}

/** Latest date Excel can represent (9999-12-31) as a 1900-system serial. */
const MAX_SERIAL = 2958465;

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** Days since 1970-01-01 -> "YYYY-MM-DD" (proleptic Gregorian, no Date object, no time zone). */
function civilFromDays(z: number): string {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Excel serial -> "YYYY-MM-DD", "YYYY-MM-DDTHH:mm:ss", or "HH:mm:ss" for a pure time (serial < 1),
 * rounded to the second like Excel's display. undefined when the number is not a valid date.
 */
export function serialToIso(serial: number, date1904: boolean): string | undefined {
  if (!(serial >= 0) || serial > MAX_SERIAL) return undefined;
  let days = Math.floor(serial);
  let secs = Math.round((serial - days) * 86400);
  if (secs >= 86400) {
    days += 1;
    secs -= 86400;
  }
  const time = secs === 0 ? "" : `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}`;
  // A fraction alone is how both date systems store a time of day ("9:30" formatted as h:mm).
  if (days === 0 && time !== "") return time;
  let date: string;
  if (date1904) {
    date = civilFromDays(days - 24107); // 1904-01-01 is day -24107 relative to 1970-01-01
  } else if (days === 0) {
    date = "1899-12-31"; // Excel shows "1900-01-00"; this is the same day as a valid ISO date
  } else if (days === 60) {
    date = "1900-02-29"; // Lotus 1-2-3's phantom leap day, which Excel keeps displaying
  } else {
    date = civilFromDays(days - (days < 60 ? 25568 : 25569));
  }
  return time === "" ? date : `${date}T${time}`;
}
