import { DOMParser, type Element } from '@xmldom/xmldom';
import { installedFontFamilies, titleFontFrom } from '../../src/render/docx-fonts.js';
import { renderDocx } from '../../src/render/docx.js';
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
import { readDocx, type BodyItem, type ReadTable } from './docx-reader.js';
import { columnsByHeaders, range, rowByLabels } from './table-paths.js';
import { expectedText } from './expected.js';
import { distinctAnswers } from './sample-answers.js';

async function render(file: AnswersFile) {
  return readDocx(await renderDocx(file));
}

const tables = (body: BodyItem[]): ReadTable[] =>
  body.flatMap((item) => (item.kind === 'tbl' ? [item.table] : []));

describe('renderDocx', () => {
  const file = distinctAnswers();
  // Rendered once for the tests that only read it: each render is a whole Word file, a few hundred ms.
  let shared: ReturnType<typeof render> | undefined;
  const rendered = () => (shared ??= render(file));

  test('starts with the title, then the preamble, then the six headings in order with the tables under 二三四', async () => {
    const { body } = await rendered();
    expect(body[0]).toMatchObject({ kind: 'p', text: reportTitle(file.unit, file.year) });
    expect(body[1].kind === 'p' && body[1].text).toContain('2022年1月1日至12月31日');
    expect(body[1].kind === 'p' && body[1].text).toContain(
      '请与上高县机关事务管理中心人秘股联系（地址：上高县青莲路9号',
    );

    const headings = SECTIONS.map((s) => s.heading);
    const positions = headings.map((h) => body.findIndex((item) => item.kind === 'p' && item.text === h));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(tables(body)).toHaveLength(3);
    for (const id of ['s2', 's3', 's4']) {
      const at = positions[SECTIONS.findIndex((s) => s.id === id)];
      expect(body[at + 1].kind).toBe('tbl');
    }
  });

  test('puts every text paragraph on its own line with a two-character first-line indent', async () => {
    const { body } = await rendered();
    const texts = body.filter((item) => item.kind === 'p');
    const first = texts.find((p) => p.text === '主动公开的正文第一段。');
    const second = texts.find((p) => p.text === '主动公开的正文第二段。');
    expect(first && second).toBeTruthy();
    const indent = first!.element.getElementsByTagName('w:ind')[0];
    expect(indent.getAttribute('w:firstLineChars')).toBe('200');
    const subHeading = texts.findIndex((p) => p.text === '（一）主动公开');
    expect(texts[subHeading + 1].text).toBe('主动公开的正文第一段。');
  });

  test('is A4 and names the Chinese fonts for East Asian text', async () => {
    const { documentXml } = await rendered();
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    for (const name of ['宋体', '黑体', '仿宋']) expect(documentXml).toContain(`w:eastAsia="${name}"`);
  });

  test('table 二: four merged block rows, each value under its block, row label and column header', async () => {
    const [t2] = tables((await rendered()).body);
    const width = t2[0].length;
    for (const block of TABLE2.blocks) {
      const headingRow = t2.findIndex((row) => row[0].text === block.heading);
      expect(new Set(t2[headingRow]).size).toBe(1);
      const headerRow = headingRow + 1;
      expect(t2[headerRow][0].text).toBe(TABLE2.contentHeader);
      for (const row of block.rows) {
        const r = rowByLabels(t2, 1, [row.label]);
        expect(r).toBeGreaterThan(headerRow);
        expect(r).toBeLessThanOrEqual(headerRow + block.rows.length);
        for (const col of block.columns) {
          const cols = range(1, width).filter((c) => t2[headerRow][c].text === col.label);
          expect(cols.length).toBeGreaterThan(0);
          for (const c of cols) expect(t2[r][c].text).toBe(expectedText(file, table2Key(row.id, col.id)));
        }
      }
    }
    expect(t2.flat().some((c) => c.text === '59237.2449')).toBe(true);
  });

  test('table 三: the merged headers and the merged result labels of the official table, each value in place', async () => {
    const [, t3] = tables((await rendered()).body);
    const labelColumns = 3;
    const headerRows = 3;
    // The note covers the three label columns of all three header rows.
    const note = t3[0][0];
    expect(note.text).toBe(TABLE3.note);
    for (const r of range(0, headerRows)) for (const c of range(0, labelColumns)) expect(t3[r][c]).toBe(note);

    let previous = headerRows - 1;
    for (const row of TABLE3.rows) {
      const r = rowByLabels(t3, labelColumns, [...row.parents, row.label], headerRows);
      expect(r).toBe(previous + 1);
      previous = r;
      for (const col of TABLE3.columns) {
        const path = [TABLE3.applicantHeader, ...('group' in col && col.group ? [col.group] : []), col.label];
        const cols = columnsByHeaders(t3, headerRows, path);
        expect(cols).toHaveLength(1);
        expect(t3[r][cols[0]].text).toBe(expectedText(file, table3Key(row.id, col.id)));
      }
    }
    expect(t3).toHaveLength(headerRows + TABLE3.rows.length);
    // 三、本年度办理结果 is one cell down every result row; （三）不予公开 one cell down its eight.
    const results = t3.filter((row) => row[0].text === TABLE3.rows[2].parents[0]);
    expect(new Set(results.map((row) => row[0])).size).toBe(1);
    expect(results).toHaveLength(TABLE3.rows.filter((r) => r.parents.length > 0).length);
  });

  test('table 四: 行政复议 and 行政诉讼 with its two groups over the five result columns each', async () => {
    const [, , t4] = tables((await rendered()).body);
    expect(t4).toHaveLength(4);
    for (const group of TABLE4.groups) {
      for (const col of TABLE4.columns) {
        const path = [...(group.parent ? [group.parent] : []), group.label, col.label];
        const cols = columnsByHeaders(t4, 3, path);
        expect(cols).toHaveLength(1);
        expect(t4[3][cols[0]].text).toBe(expectedText(file, table4Key(group.id, col.id)));
      }
    }
  });

  test('a blank cell stays blank, and so do the totals it is part of', async () => {
    const blank = distinctAnswers();
    delete blank.answers['t3.r3_1.biz'];
    blank.answers['t4.review.upheld'] = '';
    const [, t3, t4] = tables((await render(blank)).body);
    const r = rowByLabels(t3, 3, [...TABLE3.rows[4].parents, TABLE3.rows[4].label], 3);
    const biz = columnsByHeaders(t3, 3, [TABLE3.applicantHeader, '法人或其他组织', '商业企业'])[0];
    const total = columnsByHeaders(t3, 3, [TABLE3.applicantHeader, '总计'])[0];
    expect(t3[r][biz].text).toBe('');
    expect(t3[r][total].text).toBe('');
    expect(t3[r][biz - 1].text).toBe(expectedText(blank, 't3.r3_1.np'));
    expect(t4[3][0].text).toBe('');
    expect(t4[3][4].text).toBe('');
    expect(t4[3][1].text).toBe(expectedText(blank, 't4.review.corrected'));
  });

  test('an empty section shows 「（未填写）」, a blank part of a written section nothing, and nothing prints "undefined"', async () => {
    const sparse: AnswersFile = {
      year: 2023,
      unit: '某某县人民政府办公室',
      answers: { 's1.active': '只写了这一段。' },
    };
    const { body, documentXml } = await render(sparse);
    const texts = body.flatMap((item) => (item.kind === 'p' ? [item.text] : []));
    expect(documentXml).not.toContain('undefined');
    expect(documentXml).not.toContain('NaN');
    expect(texts).toContain('只写了这一段。');
    // 一 has text (W7 warns of its blank aspects; the Word file does not print a gap there); 五 and 六 are empty.
    const empty = SECTIONS.filter((s) => s.id !== 's1').flatMap((s) => s.texts.filter((f) => f.required));
    expect(texts.filter((t) => t === '（未填写）')).toHaveLength(empty.length);
    expect(texts).not.toContain('（二）依申请公开');
    expect(texts.join('')).not.toContain('如对本报告有任何疑问');
  });
});

describe('fonts of the Word file', () => {
  const runsOf = (xml: string) =>
    new DOMParser().parseFromString(xml, 'text/xml').getElementsByTagName('w:r');
  const runText = (run: Element) =>
    Array.from(run.getElementsByTagName('w:t'), (t) => t.textContent ?? '').join('');
  const prop = (run: Element, name: string) => run.getElementsByTagName(name)[0];

  test('the title is in 方正小标宋简体 when fontconfig lists it, else 宋体 bold; a missing fc-list means 宋体', () => {
    expect(titleFontFrom('DejaVu Serif\nFZXiaoBiaoSong-B05S,方正小标宋简体\n')).toMatchObject({
      font: { eastAsia: '方正小标宋简体' },
      bold: false,
    });
    expect(titleFontFrom('Noto Serif CJK SC\nSimSun,宋体\n')).toMatchObject({
      font: { eastAsia: '宋体' },
      bold: true,
    });
    expect(installedFontFamilies('/nonexistent/fc-list')).toBe('');
  });

  test('the title run uses this machine’s title font; every table run is 五号 (21 half-points) or larger', async () => {
    const { documentXml } = await render(distinctAnswers());
    const runs = Array.from(runsOf(documentXml));
    const expected = titleFontFrom(installedFontFamilies());
    // The long title is printed on two lines, the agency's name first.
    const title = runs.find((r) => runText(r) === '上高县机关事务管理中心')!;
    expect(prop(title, 'w:rFonts').getAttribute('w:eastAsia')).toBe(expected.font.eastAsia);
    const bold = prop(title, 'w:b');
    expect(bold !== undefined && !['false', '0'].includes(bold.getAttribute('w:val') ?? '')).toBe(
      expected.bold,
    );
    expect(prop(title, 'w:sz').getAttribute('w:val')).toBe('44');

    const tables = new DOMParser().parseFromString(documentXml, 'text/xml').getElementsByTagName('w:tbl');
    expect(tables).toHaveLength(3);
    for (const table of Array.from(tables)) {
      const sizes = Array.from(table.getElementsByTagName('w:r'), (r) =>
        Number(prop(r, 'w:sz')?.getAttribute('w:val')),
      );
      expect(sizes.length).toBeGreaterThan(10);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(21);
    }
  });
});
