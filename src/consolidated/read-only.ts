/**
 * The sections of a consolidated report nobody types: its tables are the sums of the units' approved reports,
 * so the filling cards show them read-only with the reason, and any change to them is refused.
 */
import type { SectionId } from '../report/template.js';
import type { Round } from '../rounds/round.js';

/** 二, 三 and 四: the three statistics tables. */
export const SUMMED_SECTIONS: readonly SectionId[] = ['s2', 's3', 's4'];

/** What the read-only card and a refused change say. */
export const SUMMED_REASON =
  '这一部分是各单位已审核通过报告的汇总数，由系统相加得出，不能在这里修改；如有数字错误，须在该单位的报告中更正（请联系管理员）。';

/** The read-only sections of a round's reports, with why; undefined for an ordinary round. */
export function readOnlySections(round: Round): { sections: SectionId[]; reason: string } | undefined {
  return round.source ? { sections: [...SUMMED_SECTIONS], reason: SUMMED_REASON } : undefined;
}
