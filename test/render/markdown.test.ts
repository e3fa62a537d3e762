import { renderMarkdown } from '../../src/render/markdown.js';
import {
  SECTIONS,
  TABLE2,
  TABLE3,
  TABLE4,
  reportTitle,
  table2Key,
  table3Key,
  table4Key,
  type AnswersFile,
} from '../../src/report/template.js';
import { expectedText } from './expected.js';
import { distinctAnswers } from './sample-answers.js';
import { readFileSync } from 'node:fs';
import { importText } from '../../src/import/index.js';
import { fixturePath } from '../support/fixtures.js';

const cellsOf = (line: string) =>
  line
    .slice(1, -1)
    .split(' | ')
    .map((c) => c.trim().replace(/^\*\*(.*)\*\*$/, '$1'));

/** The table rows of a Markdown text, as cells, with the line index. */
function tableLines(markdown: string): { index: number; cells: string[] }[] {
  return markdown
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.startsWith('|') && !line.startsWith('| ---'))
    .map(({ line, index }) => ({ index, cells: cellsOf(line) }));
}

/** The value in the row labelled `label`, under the nearest header row above it (first cell `headerFirst`). */
function valueAt(markdown: string, label: string, headerFirst: string, column: string): string {
  const rows = tableLines(markdown);
  const matches = rows.filter((r) => r.cells[0] === label);
  expect(matches).toHaveLength(1);
  const row = matches[0];
  const header = rows.filter((r) => r.index < row.index && r.cells[0] === headerFirst).at(-1);
  expect(header).toBeDefined();
  const c = header!.cells.indexOf(column);
  expect(c).toBeGreaterThan(0);
  return row.cells[c];
}

/** Asserts every cell of the three tables sits in the row of its label, under its column header. */
function expectEveryCellInPlace(markdown: string, file: AnswersFile): void {
  for (const block of TABLE2.blocks)
    for (const row of block.rows)
      for (const col of block.columns)
        expect([
          table2Key(row.id, col.id),
          valueAt(markdown, row.label, TABLE2.contentHeader, col.label),
        ]).toEqual([table2Key(row.id, col.id), expectedText(file, table2Key(row.id, col.id))]);
  const header = tableLines(markdown).find((r) => r.cells.includes('法人或其他组织·商业企业'));
  expect(header).toBeDefined();
  for (const row of TABLE3.rows) {
    const label = [...row.parents.slice(1), row.label].join('·');
    for (const col of TABLE3.columns) {
      const heading = 'group' in col ? `${col.group}·${col.label}` : col.label;
      const key = table3Key(row.id, col.id);
      expect([key, valueAt(markdown, label, header!.cells[0], heading)]).toEqual([
        key,
        expectedText(file, key),
      ]);
    }
  }
  for (const group of TABLE4.groups)
    for (const col of TABLE4.columns) {
      const key = table4Key(group.id, col.id);
      const label = group.parent ? `${group.parent}·${group.label}` : group.label;
      expect([key, valueAt(markdown, label, '', col.label)]).toEqual([key, expectedText(file, key)]);
    }
}

describe('renderMarkdown', () => {
  const file = distinctAnswers();
  const markdown = renderMarkdown(file);

  test('has the title, the preamble and the six headings in the official order', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toBe(`# ${reportTitle(file.unit, file.year)}`);
    expect(lines[2]).toContain('本报告所列数据统计期限为2022年1月1日至12月31日');
    expect(lines[2]).toContain('（地址：上高县青莲路9号，电话：2511247，邮编：336400）');
    expect(lines.filter((l) => l.startsWith('## '))).toEqual(SECTIONS.map((s) => `## ${s.heading}`));
    expect(markdown).toContain('### （一）主动公开\n\n主动公开的正文第一段。\n\n主动公开的正文第二段。');
  });

  test('every cell of the three tables in the row of its label, under its column header, sums filled', () => {
    expectEveryCellInPlace(markdown, file);
    expect(markdown).toContain('| 行政事业性收费 | 59237.2449 |');
    expect(markdown).toContain(TABLE3.note);
  });

  test('a blank cell is empty, not 0; an empty required text shows 「（未填写）」; nothing says "undefined"', () => {
    const sparse: AnswersFile = {
      year: 2023,
      unit: '某某县人民政府办公室',
      answers: { 't2.reg.issued': '0', 't3.new.np': 3, 'meta.phone': '0795-1234567' },
    };
    const text = renderMarkdown(sparse);
    expect(text).not.toMatch(/undefined|NaN/);
    expect(valueAt(text, TABLE2.blocks[0].rows[0].label, TABLE2.contentHeader, '本年制发件数')).toBe('0');
    expect(valueAt(text, TABLE2.blocks[0].rows[0].label, TABLE2.contentHeader, '本年废止件数')).toBe('');
    expect(valueAt(text, TABLE3.rows[0].label, '', '自然人')).toBe('3');
    expect(valueAt(text, TABLE3.rows[0].label, '', '总计')).toBe('');
    const required = SECTIONS.flatMap((s) => s.texts).filter((f) => f.required);
    expect(text.match(/（未填写）/g)).toHaveLength(required.length);
    // The optional opening paragraph of 一 is left out, not marked missing.
    expect(text).toContain('## 一、总体情况\n\n### （一）主动公开\n\n（未填写）');
    expect(text).toContain('如对本报告有任何疑问，请与某某县人民政府办公室联系（电话：0795-1234567）。');
  });

  test('section 五 written as one passage prints once, with no empty （二） marked missing', () => {
    const file: AnswersFile = {
      year: 2024,
      unit: '某某市人民政府',
      answers: {
        's5.problems': '（一）存在的主要问题：公开不够及时。\n（二）改进情况：建立台账，按月通报。',
      },
    };
    const text = renderMarkdown(file);
    const five = text.slice(text.indexOf('## 五、'), text.indexOf('## 六、'));
    expect(five).toContain('（二）改进情况：建立台账，按月通报。');
    expect(five).not.toContain('（未填写）');
    expect(five).not.toContain('### （二）改进情况');
  });

  test('amounts keep the decimals typed, full-width digits included; counts print as plain digits', () => {
    const typed = distinctAnswers();
    typed.answers['t2.fee'] = '９６１７１．６０';
    typed.answers['t3.new.np'] = '1,234';
    const text = renderMarkdown(typed);
    expect(valueAt(text, '行政事业性收费', TABLE2.contentHeader, '本年收费金额（单位：万元）')).toBe(
      '96171.60',
    );
    expect(valueAt(text, TABLE3.rows[0].label, '', '自然人')).toBe('1234');
  });

  test('a text that already starts with its numeral is not given the sub-heading twice', () => {
    const imported = distinctAnswers();
    imported.answers['s1.active'] = '（一）主动公开。中心党组高度重视政府信息公开工作。';
    const text = renderMarkdown(imported);
    expect(text).not.toContain('### （一）主动公开');
    expect(text).toContain('\n（一）主动公开。中心党组高度重视政府信息公开工作。\n');
  });

  test('section 六 states the 信息处理费 as published reports do', () => {
    expect(markdown).toContain(
      '## 六、其他需要报告的事项\n\n本年度发出信息处理费收费通知2件，收费通知总金额150.50元，实际收取信息处理费120元。',
    );
    const none = distinctAnswers();
    Object.assign(none.answers, { 's6.fee.notices': '0', 's6.fee.billed': '0', 's6.fee.collected': '0' });
    expect(renderMarkdown(none)).toContain('本年度未发出信息处理费收费通知，未收取信息处理费。');
  });

  test('findings are appended after the report only when given', () => {
    expect(markdown).not.toContain('检查结果');
    const text = renderMarkdown(file, {
      findings: {
        errors: [{ message: '第三部分 自然人列：合计不符' }],
        warnings: [{ message: '上年结转与上年报告不一致' }],
      },
    });
    const tail = text.slice(text.indexOf('## 检查结果'));
    expect(text.indexOf('## 检查结果')).toBeGreaterThan(text.indexOf('## 六、其他需要报告的事项'));
    expect(tail).toContain('**错误（1）**\n\n- 第三部分 自然人列：合计不符');
    expect(tail).toContain('**提醒（1）**\n\n- 上年结转与上年报告不一致');
    expect(renderMarkdown(file, { findings: { errors: [], warnings: [] } })).toContain('检查通过');
  });
});

describe('the fixture reports rendered back to Markdown', () => {
  for (const name of ['shanggao-jiguan-2022.txt', 'huaian-city-2024.pdftotext.txt']) {
    test(`${name}: every published number in its cell`, () => {
      const file = importText(readFileSync(fixturePath(name), 'utf8')).file;
      expectEveryCellInPlace(renderMarkdown(file), file);
    });
  }
});
