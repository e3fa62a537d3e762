/**
 * Rows found by their labels as reports really print them — other brackets, quotes and numbering, spaces,
 * sub-rows without their number, 「规范性文件」 — and what cannot be placed is said, not guessed.
 * The reports here are written from template.ts with those variations; every cell has its own number.
 */
import { importText } from '../../src/import/index.js';
import { TABLE2, TABLE3, TABLE4, table2Key, table3Key, table4Key } from '../../src/report/template.js';

const numberFor = (key: string) => [...key].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 997, 7);

/** Variations seen in published reports, applied by row. */
function printedLabel(label: string, index: number): string {
  let out = label;
  if (index % 3 === 0) out = out.replace(/（/g, '(').replace(/）/g, ')');
  if (index % 4 === 1) out = out.replace(/^(\d)\./, '$1、');
  if (index % 5 === 2) out = out.replace(/^\d\./, '');
  if (index % 7 === 3) out = [...out].join(' ');
  return out.replace('“三安全一稳定”', '"三安全一稳定"');
}

interface Options {
  /** rows left out of print */
  omit?: string[];
  /** rows printed without a label */
  unlabeled?: string[];
  /** （六） printed as one row */
  collapsed?: boolean;
}

function report(options: Options = {}): string {
  const row = (label: string, values: number[]) => `| ${label} | ${values.join(' | ')} |`;
  const lines = [
    '某某局2023年政府信息公开工作年度报告',
    '一、总体情况',
    '（一）主动公开。正文。',
    '二、主动公开政府信息情况',
  ];
  for (const block of TABLE2.blocks) {
    lines.push(block.heading, row(TABLE2.contentHeader, []));
    for (const r of block.rows)
      lines.push(
        row(
          r.id === 'norm' ? '规范性文件' : r.label,
          block.columns.map((c) => numberFor(table2Key(r.id, c.id))),
        ),
      );
  }
  lines.push('三、收到和处理政府信息公开申请情况', TABLE3.note);
  TABLE3.rows.forEach((r, i) => {
    if (options.omit?.includes(r.id)) return;
    if (options.collapsed && r.id.startsWith('r6_')) {
      if (r.id === 'r6_1')
        lines.push(
          row(
            '（六）其他处理',
            TABLE3.columns.map(() => 0),
          ),
        );
      return;
    }
    const values = TABLE3.columns.map((c) => numberFor(table3Key(r.id, c.id)));
    const group = r.parents[1] ? r.parents[1].slice(0, 3) : '';
    lines.push(row(options.unlabeled?.includes(r.id) ? '' : group + printedLabel(r.label, i), values));
  });
  lines.push('四、政府信息公开行政复议、行政诉讼情况');
  lines.push(
    row(
      '',
      TABLE4.groups.flatMap((g) => TABLE4.columns.map((c) => numberFor(table4Key(g.id, c.id)))),
    ),
  );
  lines.push('五、存在的主要问题及改进情况', '问题。', '六、其他需要报告的事项', '无。');
  return lines.join('\n');
}

const t3Keys = (rows: string[]) => rows.flatMap((r) => TABLE3.columns.map((c) => table3Key(r, c.id)));

describe('label variants', () => {
  it('finds every row of a report printed with other brackets, numbering, spacing and quotes', () => {
    const result = importText(report());
    expect(result.unread).toEqual([]);
    expect([result.file.unit, result.file.year]).toEqual(['某某局', 2023]);
    for (const r of TABLE3.rows)
      for (const c of TABLE3.columns) {
        const key = table3Key(r.id, c.id);
        expect([key, result.file.answers[key]]).toEqual([key, numberFor(key)]);
      }
    expect(result.file.answers['t2.norm.valid']).toBe(numberFor('t2.norm.valid'));
  });

  it('places a row without label when its neighbours leave exactly its place, and says so', () => {
    const result = importText(report({ unlabeled: ['r4_2'] }));
    expect(result.unread).toEqual([]);
    expect(result.file.answers['t3.r4_2.np']).toBe(numberFor('t3.r4_2.np'));
    expect(result.notes.join()).toContain('按前后行的顺序认定为：2.没有现成信息需要另行制作');
  });

  it('does not guess when rows without label could belong to more places than there are rows', () => {
    const result = importText(report({ omit: ['r3_2'], unlabeled: ['r3_1', 'r3_3'] }));
    expect(result.unread.map((u) => u.key)).toEqual(t3Keys(['r3_1', 'r3_2', 'r3_3']));
    expect(result.unread.every((u) => u.reason.includes('没有找到这一行'))).toBe(true);
    expect(result.notes.filter((n) => n.includes('无法确定是哪一行'))).toHaveLength(2);
    expect(result.file.answers['t3.r3_4.np']).toBe(numberFor('t3.r3_4.np'));
  });

  it('names the three sub-rows of a one-row （六） unread and reads the rest', () => {
    const result = importText(report({ collapsed: true }));
    expect(result.unread.map((u) => u.key)).toEqual(t3Keys(['r6_1', 'r6_2', 'r6_3']));
    expect(result.notes.join()).toContain('无法拆分为 3 个子项');
    expect(result.file.answers['t3.r7.tot']).toBe(numberFor('t3.r7.tot'));
    expect(result.file.answers['t3.r5_5.oth']).toBe(numberFor('t3.r5_5.oth'));
  });

  it('reads nothing from a text that is no report, and names every cell', () => {
    const result = importText('会议纪要\n今天开会。');
    expect(result.format).toBe('unknown');
    expect(result.unread).toHaveLength(200);
    expect(result.notes.join()).toContain('没有找到标题');
  });

  it('takes the year from the statistics period when the title is missing', () => {
    const text = report().replace(
      '某某局2023年政府信息公开工作年度报告',
      '本报告统计期限为2023年1月1日至12月31日。',
    );
    const result = importText(text);
    expect([result.file.unit, result.file.year]).toEqual(['', 2023]);
    expect(result.notes.join()).toContain('年份按统计期限取 2023');
    expect(result.unread).toEqual([]);
  });
});
