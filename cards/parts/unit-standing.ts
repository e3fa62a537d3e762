/** One line per unit for the admin's lists (逾期汇总, 进度): its name and where its report stands. */
import type { UnitStanding } from '../../src/reminders/audience.js';
import { escapeMd } from './elements.js';

// A round may have hundreds of units; a list stays far below Feishu's 30 KB card limit by showing the first ones.
export const MAX_LISTED_UNITS = 60;

const STATUS_TEXT: Record<UnitStanding['status'], (u: UnitStanding) => string> = {
  approved: () => '已通过审核',
  waiting: () => '审核中',
  unsubmitted: () => '已填完，未提交审核',
  filling: (u) => `填报中（已完成 ${u.complete}/${u.total} 个部分）`,
};

/** The Markdown list of units, cut at MAX_LISTED_UNITS with a line saying how many more there are. */
export function unitStandingList(units: UnitStanding[]): string {
  const listed = units
    .slice(0, MAX_LISTED_UNITS)
    .map((u) => `- ${escapeMd(u.unitName, 60)}\u3000${STATUS_TEXT[u.status](u)}`);
  const more = units.length > MAX_LISTED_UNITS ? [`- ……另有 ${units.length - MAX_LISTED_UNITS} 个单位`] : [];
  return [...listed, ...more].join('\n');
}
