// Dates of change sets (生效日期): calendar dates written YYYY-MM-DD, in China Standard Time. One place
// decides what a valid date is, for the change-set parser and for the CLI's --effective-date/--until.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (2024-02-29 yes, 2023-02-29 and 2024-02-30 no). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

// China Standard Time is UTC+8 all year (no daylight saving), so a fixed offset is exact and needs no
// time-zone data (Intl in some runtimes ships without it).
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in Beijing time (Asia/Shanghai), `YYYY-MM-DD`: the default 生效日期. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}
