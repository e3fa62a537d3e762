/**
 * The HTML page of a report: self-contained, the six sections in order, tables 二 三 四 as real tables merged
 * like the official ones with every number in its own cell at its row and column, and the texts escaped.
 */
import type { Element } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { renderHtml } from '../../src/render/html.js';
import { PDF_UNAVAILABLE } from '../../src/render/pdf.js';
import { PDF_SWITCHED_OFF, publishBundle } from '../../src/render/publish-files.js';
import {
  INPUT_CELLS,
  SECTIONS,
  TABLE2,
  TABLE3,
  TABLE4,
  TABLE_CELLS,
  reportTitle,
  table2Key,
  table3Key,
  table4Key,
} from '../../src/report/template.js';
import { expectedText } from './expected.js';
import { readHtml } from './html-reader.js';
import { distinctAnswers } from './sample-answers.js';
import { columnsByHeaders, range, rowByLabels } from './table-paths.js';

const file = distinctAnswers();
const html = renderHtml(file);
const page = readHtml(html);
const [t2, t3, t4] = page.tables;
const [c2, c3, c4] = page.cells;
const all = (tag: string) => Array.from(page.document.getElementsByTagName(tag));
const find = (cells: typeof c3, text: string) => cells.flat().filter((c) => c.text === text);

describe('renderHtml', () => {
  test('is one UTF-8 page titled with the report, loading nothing from elsewhere', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(all('meta').some((m) => m.getAttribute('charset') === 'utf-8')).toBe(true);
    expect(all('title')[0].textContent).toBe(reportTitle(file.unit, file.year));
    expect(all('h1')[0].textContent).toBe(reportTitle(file.unit, file.year));
    for (const tag of ['script', 'link', 'img', 'iframe']) expect(all(tag)).toHaveLength(0);
    const everything = all('*') as Element[];
    expect(everything.filter((el) => el.hasAttribute('src') || el.hasAttribute('href'))).toHaveLength(0);
    expect(all('style')[0].textContent).not.toMatch(/url\(|@import/);
  });

  test('the six headings in order; tables 二 三 四 under their sections, each in a sideways-scrolling wrapper', () => {
    const sections = all('section') as Element[];
    expect(sections.map((s) => s.getElementsByTagName('h2')[0].textContent)).toEqual(
      SECTIONS.map((s) => s.heading),
    );
    const tablesIn = sections.map((s) => s.getElementsByTagName('table').length);
    expect(tablesIn).toEqual(SECTIONS.map((s) => (s.table ? 1 : 0)));
    for (const table of all('table') as Element[])
      expect((table.parentNode as Element).getAttribute('class')).toBe('table-wrap');
    expect(all('style')[0].textContent).toMatch(/\.table-wrap\{overflow-x:auto/);
    const texts = all('p').map((p) => p.textContent);
    expect(texts).toContain('主动公开的正文第一段。');
    expect(texts).toContain(
      '本年度发出信息处理费收费通知2件，收费通知总金额150.50元，实际收取信息处理费120元。',
    );
  });

  test('every number is alone in a <td>, one per cell of the three tables, borders inline for a CMS', () => {
    const values = page.cells.flat(2).filter((c) => c.tag === 'td' && /^[0-9.]+$/.test(c.text));
    expect(values).toHaveLength(TABLE_CELLS.length);
    for (const cell of page.cells.flat(2)) expect(['td', 'th']).toContain(cell.tag);
    const td = all('td')[0] as Element;
    expect(td.getAttribute('style')).toContain('border:1px solid #000');
  });

  test('table 二: each block heading across the table, each value under its row label and column header', () => {
    const width = t2[0].length;
    for (const block of TABLE2.blocks) {
      const headingRow = t2.findIndex((row) => row[0].text === block.heading);
      expect(find(c2, block.heading)[0].colSpan).toBe(width);
      const headerRow = headingRow + 1;
      expect(t2[headerRow][0].text).toBe(TABLE2.contentHeader);
      for (const row of block.rows) {
        const r = rowByLabels(t2, 1, [row.label]);
        expect(r).toBeGreaterThan(headerRow);
        expect(r).toBeLessThanOrEqual(headerRow + block.rows.length);
        for (const col of block.columns) {
          const cols = range(1, width).filter((c) => t2[headerRow][c].text === col.label);
          // A one-column block's value spans the three columns, as printed officially.
          expect(cols).toHaveLength(block.columns.length === 1 ? width - 1 : 1);
          expect(new Set(cols.map((c) => t2[r][c])).size).toBe(1);
          expect(t2[r][cols[0]].text).toBe(expectedText(file, table2Key(row.id, col.id)));
        }
      }
    }
    expect(t2.flat().some((c) => c.text === '59237.2449')).toBe(true);
  });

  test('table 三: the official merged headers and result labels, each of the 25 × 7 values at its row and column', () => {
    const note = find(c3, TABLE3.note)[0];
    expect([note.colSpan, note.rowSpan]).toEqual([3, 3]);
    expect(find(c3, TABLE3.applicantHeader)[0].colSpan).toBe(7);
    expect(find(c3, '法人或其他组织')[0].colSpan).toBe(5);
    for (const label of ['自然人', '总计']) expect(find(c3, label)[0].rowSpan).toBe(2);
    const results = TABLE3.rows.filter((r) => r.parents.length > 0);
    expect(find(c3, results[0].parents[0])[0].rowSpan).toBe(results.length);
    for (const group of new Set(results.flatMap((r) => r.parents.slice(1))))
      expect(find(c3, group)[0].rowSpan).toBe(results.filter((r) => r.parents[1] === group).length);

    let previous = 2;
    for (const row of TABLE3.rows) {
      const r = rowByLabels(t3, 3, [...row.parents, row.label], 3);
      expect(r).toBe(previous + 1);
      previous = r;
      for (const col of TABLE3.columns) {
        const path = [TABLE3.applicantHeader, ...('group' in col && col.group ? [col.group] : []), col.label];
        const cols = columnsByHeaders(t3, 3, path);
        expect(cols).toHaveLength(1);
        expect(t3[r][cols[0]].text).toBe(expectedText(file, table3Key(row.id, col.id)));
      }
    }
    expect(t3).toHaveLength(3 + TABLE3.rows.length);
  });

  test('table 四: 行政复议 down two rows, 行政诉讼 over its two groups, five result columns each', () => {
    expect(find(c4, '行政复议')[0]).toMatchObject({ colSpan: 5, rowSpan: 2 });
    expect(find(c4, '行政诉讼')[0]).toMatchObject({ colSpan: 10, rowSpan: 1 });
    for (const group of ['未经复议直接起诉', '复议后起诉']) expect(find(c4, group)[0].colSpan).toBe(5);
    for (const group of TABLE4.groups)
      for (const col of TABLE4.columns) {
        const cols = columnsByHeaders(t4, 3, [
          ...(group.parent ? [group.parent] : []),
          group.label,
          col.label,
        ]);
        expect(cols).toHaveLength(1);
        expect(t4[3][cols[0]].text).toBe(expectedText(file, table4Key(group.id, col.id)));
      }
  });

  test('texts are escaped: a <script> written in a text or the unit name is shown as text, never run', () => {
    const evil = distinctAnswers();
    evil.unit = '某局<script>alert(1)</script>';
    evil.answers['s1.active'] = '正文 <script>alert("x")</script> & <b>粗体</b> \'引号\'';
    const read = readHtml(renderHtml(evil));
    const tags = (tag: string) => Array.from(read.document.getElementsByTagName(tag));
    expect(tags('script')).toHaveLength(0);
    expect(tags('b')).toHaveLength(0);
    expect(tags('title')[0].textContent).toBe(reportTitle(evil.unit, evil.year));
    expect(tags('p').map((p) => p.textContent)).toContain(evil.answers['s1.active']);
  });

  test('a blank cell stays an empty <td>, and so does the total it is part of', () => {
    const blank = distinctAnswers();
    delete blank.answers[INPUT_CELLS.find((c) => c.key === 't3.r3_1.biz')!.key];
    const table = readHtml(renderHtml(blank)).tables[1];
    const r = rowByLabels(table, 3, [...TABLE3.rows[4].parents, TABLE3.rows[4].label], 3);
    const biz = columnsByHeaders(table, 3, [TABLE3.applicantHeader, '法人或其他组织', '商业企业'])[0];
    const total = columnsByHeaders(table, 3, [TABLE3.applicantHeader, '总计'])[0];
    expect([table[r][biz].text, table[r][total].text]).toEqual(['', '']);
  });
});

describe('publishBundle: the HTML page and the PDF of a report in one zip', () => {
  const base = reportTitle(file.unit, file.year);
  const entries = async (bytes: Buffer) => {
    const zip = await JSZip.loadAsync(bytes);
    return Object.fromEntries(
      await Promise.all(Object.keys(zip.files).map(async (n) => [n, await zip.file(n)!.async('string')])),
    ) as Record<string, string>;
  };

  test('holds the page and the PDF the maker made, named after the report', async () => {
    const pdf = Buffer.from('%PDF-1.7 stand-in');
    const bundle = await publishBundle(file, base, async () => ({ ok: true, pdf }));
    expect(bundle.fileName).toBe(`${base}（网页版和PDF）.zip`);
    expect(bundle.pdfProblem).toBeUndefined();
    const files = await entries(bundle.bytes);
    expect(Object.keys(files).sort()).toEqual([`${base}.html`, `${base}.pdf`]);
    expect(files[`${base}.html`]).toBe(html);
    expect(files[`${base}.pdf`]).toBe(pdf.toString());
  });

  test('without LibreOffice, or with PDFs switched off, the zip says why there is no PDF', async () => {
    const missing = await publishBundle(file, base, async () => ({
      ok: false,
      reason: 'unavailable',
      detail: 'soffice not found on PATH',
    }));
    expect(missing.fileName).toBe(`${base}（网页版）.zip`);
    expect(missing.pdfProblem).toBe(PDF_UNAVAILABLE);
    expect((await entries(missing.bytes))['说明.txt']).toContain(PDF_UNAVAILABLE);
    const off = await publishBundle(file, base, undefined);
    expect(Object.keys(await entries(off.bytes)).sort()).toEqual([`${base}.html`, '说明.txt']);
    expect(off.pdfProblem).toBe(PDF_SWITCHED_OFF);
  });
});
