/** W3: 行政事业性收费 is asked in 万元; a figure in 元 is the usual slip and makes the report off by 10 000. */
import { finding, fmt, labelOf, type Finding } from '../finding.js';
import { table2Key, TABLE2 } from '../template.js';
import type { RuleContext } from './context.js';

const FEE_KEY = table2Key(TABLE2.blocks[3].rows[0].id, TABLE2.blocks[3].columns[0].id);
/** 10⁶ 万元 is 100 亿元 of fees in one agency's year: above every published report seen. */
const IMPLAUSIBLE = 1_000_000;
/** A jump by more than this factor against last year is more likely a unit slip than growth. */
const MAX_GROWTH = 10;
/**
 * 万元 to whole 0.000001 万元 (its 6 places): ten times 0.000001 is 0.00001, where floating point makes it
 * 0.000009999999999999999 and would call an exact tenfold "more than ten times".
 */
const exact = (wan: number) => Math.round(wan * 1_000_000);

/** W3: the fee looks like 元 (≥ 10⁶, or more than ten times last year's). */
export function checkFeeUnit(ctx: RuleContext): Finding[] {
  if (!ctx.sections.has('s2')) return [];
  const fee = ctx.parsed.given[FEE_KEY];
  if (fee === undefined) return [];
  const asWan = fmt(fee / 10_000);
  if (fee >= IMPLAUSIBLE)
    return [
      finding(
        'W3',
        [FEE_KEY],
        `${labelOf(FEE_KEY)}填的是 ${fmt(fee)} 万元，即 ${fmt(fee / 10_000)} 亿元，是否按“元”填写了？如是，应填 ${asWan}`,
        { expected: fee / 10_000, actual: fee },
      ),
    ];
  const before = ctx.previous?.parsed.given[FEE_KEY];
  if (before !== undefined && before > 0 && exact(fee) > exact(before) * MAX_GROWTH)
    return [
      finding(
        'W3',
        [FEE_KEY],
        `${labelOf(FEE_KEY)}填的是 ${fmt(fee)} 万元，是上年（${fmt(before)} 万元）的 ${fmt(Math.round(fee / before))} 倍，请确认单位是万元`,
        { expected: `不超过 ${fmt((exact(before) * MAX_GROWTH) / 1_000_000)}`, actual: fee },
      ),
    ];
  return [];
}
