// Chinese numerals as catalogs write them in periods and clause numbers: 二十, 十五, 一百二十, 两,
// 〇/零. Positional forms (二〇) read digit by digit.

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Characters a Chinese numeral is made of, for building regular expressions. */
export const CHINESE_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千";

/** The value of a Chinese numeral ("二十" → 20, "十五" → 15), or undefined when it is not one. */
export function chineseNumeralValue(text: string): number | undefined {
  if (!text) return undefined;
  let hasUnit = false;
  for (const ch of text) if (ch in UNITS) hasUnit = true;
  if (!hasUnit) {
    // 二〇 style: digit by digit.
    let n = 0;
    for (const ch of text) {
      const d = DIGITS[ch];
      if (d === undefined) return undefined;
      n = n * 10 + d;
    }
    return n;
  }
  let total = 0;
  let digit: number | undefined;
  for (const ch of text) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = UNITS[ch];
    if (unit === undefined) return undefined;
    total += (digit ?? 1) * unit; // 十五: an implicit 一 before 十
    digit = undefined;
  }
  return total + (digit ?? 0);
}
