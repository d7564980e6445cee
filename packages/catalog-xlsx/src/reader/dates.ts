import { attrLocal, child, children, type XNode } from "./xml-tree.js";

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

/** One flag per cellXfs index, computed once per workbook so the per-cell check is an array read. */
export function dateStyleFlags(styles: XNode | undefined): Uint8Array {
  const sheet = styles ? child(styles, "styleSheet") : undefined;
  const custom = new Map<number, string>();
  for (const fmt of children(child(sheet, "numFmts"), "numFmt")) {
    const id = Number(attrLocal(fmt, "numFmtId"));
    const code = attrLocal(fmt, "formatCode");
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = children(child(sheet, "cellXfs"), "xf");
  const flags = new Uint8Array(xfs.length);
  xfs.forEach((xf, i) => {
    const id = Number(attrLocal(xf, "numFmtId") ?? "0");
    const code = custom.get(id);
    flags[i] = (code !== undefined ? isDateFormatCode(code) : isBuiltinDateFormat(id)) ? 1 : 0;
  });
  return flags;
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
