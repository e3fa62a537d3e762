/**
 * The 检查结果 sheet: every unit's check findings (src/report/check.ts) over the answers its row shows, with the
 * previous year's report where stored; a unit without any says so, so no unit is silently missing.
 */
import { checkReport } from '../../report/check.js';
import { labelOf, listNames } from '../../report/finding.js';
import { SECTION_BY_ID, sectionOfKey } from '../../report/template.js';
import type { UnitReport } from './unit-reports.js';
import { stateLabel } from './unit-state.js';

export const FINDING_HEADERS = ['单位', '状态', '级别', '规则', '部分', '位置', '说明'];
export const FINDING_WIDTHS = [24, 8, 6, 6, 24, 40, 80];

export const LEVEL_LABEL = { error: '错误', warning: '提醒' } as const;

/** One row of the sheet, in FINDING_HEADERS order. */
export type FindingRow = [string, string, string, string, string, string, string];

/** The findings of every unit, errors before warnings within a unit. Pure. */
export function findingRows(reports: UnitReport[]): FindingRow[] {
  const rows: FindingRow[] = [];
  for (const r of reports) {
    const state = stateLabel(r);
    const { errors, warnings } = checkReport(r.answers, r.previous ? { previous: r.previous } : {});
    if (!errors.length && !warnings.length) rows.push([r.unit.name, state, '', '', '', '', '未发现问题']);
    for (const f of [...errors, ...warnings]) {
      const parts = [...new Set(f.cells.map(sectionOfKey))].flatMap((s) =>
        s ? [SECTION_BY_ID.get(s)!.heading] : [],
      );
      const where = listNames([...new Set(f.cells.map(labelOf))], 3, '处');
      rows.push([r.unit.name, state, LEVEL_LABEL[f.level], f.rule, parts.join('、'), where, f.message]);
    }
  }
  return rows;
}
