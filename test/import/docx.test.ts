/**
 * .docx import reads the tables as Word tables (merged cells included) and the paragraphs as the text:
 * a report rendered by src/render/docx.ts imports back to the same answers, and a Word file built here by
 * hand, with merged header and label cells like the official tables and one blank cell, reads as printed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { importDocx, importReport, importText } from '../../src/import/index.js';
import { renderDocx } from '../../src/render/docx.js';
import { TABLE2, TABLE3, TABLE4, table2Key, table3Key, table4Key } from '../../src/report/template.js';
import { FIXTURES_DIR } from '../support/fixtures.js';

const FIXTURES = FIXTURES_DIR;

describe('a report rendered to .docx imports back to the same answers', () => {
  for (const name of ['shanggao-jiguan-2022.txt', 'huaian-city-2024.pdftotext.txt']) {
    it(name, async () => {
      const imported = importText(readFileSync(`${FIXTURES}/${name}`, 'utf8'));
      const again = await importDocx(await renderDocx(imported.file));
      expect(again.format).toBe('docx');
      expect(again.unread).toEqual([]);
      expect(again.file).toEqual(imported.file);
    });
  }
});

const cell = (text: string, options: { columnSpan?: number; rowSpan?: number } = {}) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun(text)] })], ...options });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });
/** A different number for every cell, so a value read into the wrong cell shows. */
const numberFor = (key: string) => [...key].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 997, 7);

function handBuiltReport(blankKey: string): Document {
  const t2Rows = TABLE2.blocks.flatMap((block) => [
    new TableRow({ children: [cell(block.heading, { columnSpan: 4 })] }),
    new TableRow({
      children: [
        cell(TABLE2.contentHeader),
        ...block.columns.map((c, i) =>
          cell(c.label, { columnSpan: i === block.columns.length - 1 ? 3 - i : 1 }),
        ),
      ],
    }),
    ...block.rows.map(
      (row) =>
        new TableRow({
          children: [
            cell(row.label),
            ...block.columns.map((c, i) =>
              cell(String(numberFor(table2Key(row.id, c.id))), {
                columnSpan: i === block.columns.length - 1 ? 3 - i : 1,
              }),
            ),
          ],
        }),
    ),
  ]);
  const results = TABLE3.rows.filter((r) => r.parents.length > 0);
  const t3Rows = [
    new TableRow({
      children: [
        cell(TABLE3.note, { columnSpan: 2, rowSpan: 2 }),
        cell(TABLE3.applicantHeader, { columnSpan: 7 }),
      ],
    }),
    new TableRow({ children: TABLE3.columns.map((c) => cell(c.label)) }),
    ...TABLE3.rows.map((row) => {
      const label =
        row.parents.length === 0
          ? [cell(row.label, { columnSpan: 2 })]
          : row === results[0]
            ? [cell(row.parents[0], { rowSpan: results.length }), cell(row.label)]
            : [cell(row.label)];
      const values = TABLE3.columns.map((c) => {
        const key = table3Key(row.id, c.id);
        return cell(key === blankKey ? '' : String(numberFor(key)));
      });
      return new TableRow({ children: [...label, ...values] });
    }),
  ];
  const t4Rows = [
    new TableRow({
      children: [cell('行政复议', { columnSpan: 5, rowSpan: 2 }), cell('行政诉讼', { columnSpan: 10 })],
    }),
    new TableRow({ children: TABLE4.groups.slice(1).map((g) => cell(g.label, { columnSpan: 5 })) }),
    new TableRow({ children: TABLE4.groups.flatMap(() => TABLE4.columns.map((c) => cell(c.label))) }),
    new TableRow({
      children: TABLE4.groups.flatMap((g) =>
        TABLE4.columns.map((c) => cell(String(numberFor(table4Key(g.id, c.id))))),
      ),
    }),
  ];
  return new Document({
    sections: [
      {
        children: [
          para('某县人民政府'),
          para('2023年政府信息公开工作年度报告'),
          para('一、总体情况'),
          para('（一）主动公开。全年主动公开信息 12 条。'),
          para('二、主动公开政府信息情况'),
          new Table({ rows: t2Rows }),
          para('三、收到和处理政府信息公开申请情况'),
          new Table({ rows: t3Rows }),
          para('四、政府信息公开行政复议、行政诉讼情况'),
          new Table({ rows: t4Rows }),
          para('五、存在的主要问题及改进情况'),
          para('（一）存在的主要问题。解读形式单一。'),
          para('（二）改进情况。增加图解。'),
          para('六、其他需要报告的事项'),
          para('本年度未收取信息处理费。'),
        ],
      },
    ],
  });
}

describe('a Word file built by hand with merged cells', () => {
  const blankKey = table3Key('r3_4', 'biz');

  it('reads every cell into its key and names the one blank cell', async () => {
    const result = await importDocx(await Packer.toBuffer(handBuiltReport(blankKey)));
    expect(result.format).toBe('docx');
    expect([result.file.unit, result.file.year]).toEqual(['某县人民政府', 2023]);
    expect(result.unread).toEqual([{ key: blankKey, reason: '原文此格为空' }]);
    const keys = [
      ...TABLE2.blocks.flatMap((b) => b.rows.flatMap((r) => b.columns.map((c) => table2Key(r.id, c.id)))),
      ...TABLE3.rows.flatMap((r) => TABLE3.columns.map((c) => table3Key(r.id, c.id))),
      ...TABLE4.groups.flatMap((g) => TABLE4.columns.map((c) => table4Key(g.id, c.id))),
    ].filter((k) => k !== blankKey);
    for (const key of keys) expect([key, result.file.answers[key]]).toEqual([key, numberFor(key)]);
  });

  it('takes the texts from the paragraphs outside the tables', async () => {
    const result = await importDocx(await Packer.toBuffer(handBuiltReport(blankKey)));
    const a = result.file.answers;
    expect(a['s1.active']).toBe('（一）主动公开。全年主动公开信息 12 条。');
    expect(a['s5.problems']).toBe('（一）存在的主要问题。解读形式单一。');
    expect(a['s5.improvements']).toBe('（二）改进情况。增加图解。');
    expect(a['s6.text']).toBe('本年度未收取信息处理费。');
  });

  it('refuses a file that is not a Word document, in Chinese', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('hello.txt', 'hi');
    await expect(importDocx(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow(
      '不是 Word 文档',
    );
  });
});

describe('importReport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a .docx as Word and anything else as text, by the file name', async () => {
    const text = readFileSync(`${FIXTURES}/shanggao-jiguan-2022.txt`, 'utf8');
    const fromText = importText(text);
    writeFileSync(join(dir, 'report.txt'), text);
    writeFileSync(join(dir, 'report.DOCX'), await renderDocx(fromText.file));
    const [txt, docx] = await Promise.all([
      importReport(join(dir, 'report.txt')),
      importReport(join(dir, 'report.DOCX')),
    ]);
    expect([txt.format, docx.format]).toEqual(['word-text', 'docx']);
    expect(docx.file).toEqual(txt.file);
  });
});
