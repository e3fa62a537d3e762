/** Numbers as written in report prose: 「3119」「3,119」「３１１９」「十二」「两」「一百零五」「一万二千」. */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A regular-expression source matching one written number (Arabic, full-width or Chinese). */
export const NUMBER_SOURCE = '[0-9０-９][0-9０-９,，]*|[零〇一二两三四五六七八九十百千万]+';

/** The value of a number matched by NUMBER_SOURCE; undefined when it is not a well-formed number. */
export function parseWrittenNumber(text: string): number | undefined {
  const ascii = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^[0-9][0-9,，]*$/.test(ascii)) {
    const n = Number(ascii.replace(/[,，]/g, ''));
    return Number.isSafeInteger(n) ? n : undefined;
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of ascii) {
    if (ch in DIGITS) {
      // 「二〇二四」 (a year spelled digit by digit) is not a count.
      if (digit !== undefined && digit !== 0 && DIGITS[ch] !== 0) return undefined;
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      section += (digit ?? 1) * UNITS[ch];
      digit = undefined;
    } else if (ch === '万') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = undefined;
    } else return undefined;
  }
  return total + section + (digit ?? 0);
}
