import { Document, Packer, Paragraph } from 'docx';
import { parsePersonRef } from '../../../src/people/person-ref.js';
import { MAX_FILE_BYTES, MAX_UNITS, readSheet, type Sheet } from '../../../src/rounds/sheet/read-sheet.js';
import { csvOf, gbk, HEADER, unitRow, xlsxOf, zipOf } from './sheet-bytes.js';

async function sheetOf(bytes: Uint8Array, fileName = 'round.xlsx'): Promise<Sheet> {
  const read = await readSheet(bytes, fileName);
  if (!read.ok) throw new Error(`refused: ${read.refusal}`);
  return read.sheet;
}

async function refusalOf(bytes: Uint8Array, fileName: string) {
  const read = await readSheet(bytes, fileName);
  if (read.ok) throw new Error('the file was read');
  return read;
}

describe('reading a round spreadsheet', () => {
  it('reads columns in any order, short headings, numbered approvers and several people per cell', async () => {
    const bytes = await xlsxOf({
      rows: [
        ['审核人2', '六', '五', '四', '三', '二', '一', '备注', '单位名称', '审核人1'],
        [
          '李强',
          '张敏',
          '张敏',
          '张敏',
          '张敏',
          '张敏、刘洋（13800000004）',
          '张敏',
          '急',
          '县教育局',
          '王芳\n赵磊',
        ],
        ['', '', '', '', '', '', '', '', '', ''],
        ['周杰', '陈静', '陈静', '陈静', '陈静', '陈静', '陈静', '', '  县公安局 ', '吴昊'],
      ],
    });
    const sheet = await sheetOf(bytes);
    expect(sheet.columns).toEqual({
      sections: ['s1', 's2', 's3', 's4', 's5', 's6'],
      allSections: false,
      approvers: true,
    });
    expect(sheet.headerRow).toBe(1);
    expect(sheet.rows.map((r) => [r.row, r.unitName])).toEqual([
      [2, '县教育局'],
      [4, '县公安局'],
    ]);
    const edu = sheet.rows[0];
    expect(edu.sections.s2).toEqual([parsePersonRef('张敏'), parsePersonRef('刘洋（13800000004）')]);
    // 审核人1 before 审核人2, each cell's people left to right
    expect(edu.approvers.map((r) => r.text)).toEqual(['王芳', '赵磊', '李强']);
    expect(sheet.ignoredColumns).toEqual(['备注（H 列）']);
  });

  it('reads the full headings, 第一部分 …, a 填报人 column for all six, and a header below a title row', async () => {
    const bytes = await xlsxOf({
      name: '分工',
      rows: [
        ['2026 年度政府信息公开工作年度报告分工表'],
        ['单位名称（全称）', '填报人', '一、总体情况', '第五部分', '审核人（按顺序）'],
        ['县教育局', '张敏', '李强', '', '王芳、赵磊'],
      ],
    });
    const sheet = await sheetOf(bytes);
    expect(sheet).toMatchObject({
      sheetName: '分工',
      headerRow: 2,
      columns: { sections: ['s1', 's5'], allSections: true, approvers: true },
    });
    expect(sheet.rows[0]).toMatchObject({ row: 3, unitName: '县教育局' });
    expect(sheet.rows[0].sections).toEqual({ s1: [parsePersonRef('李强')] });
    expect(sheet.rows[0].allSections).toEqual([parsePersonRef('张敏')]);
  });

  it('reads mobiles typed as numbers, e-mails Excel turned into links, and the first sheet with a header', async () => {
    const bytes = await xlsxOf(
      { name: '封面', rows: [['说明：本表由政务公开办填写']] },
      {
        name: '单位',
        rows: [
          ['单位', '填报人', '审核人'],
          [
            '县教育局',
            13800000001,
            { text: 'wangfang@county.gov.cn', hyperlink: 'mailto:wangfang@county.gov.cn' },
          ],
        ],
      },
    );
    const sheet = await sheetOf(bytes);
    expect(sheet.sheetName).toBe('单位');
    expect(sheet.rows[0].allSections).toEqual([parsePersonRef('13800000001')]);
    expect(sheet.rows[0].approvers).toEqual([parsePersonRef('wangfang@county.gov.cn')]);
  });

  it('reads CSV in UTF-8 with or without BOM and in GBK, with line breaks inside quoted cells', async () => {
    const text = csvOf([
      HEADER,
      unitRow('县教育局', '张敏\n李强', '王芳、赵磊'),
      unitRow('县公安局', '陈静', '吴昊'),
    ]);
    for (const bytes of [Buffer.from(`\uFEFF${text}`), Buffer.from(text), gbk(text)]) {
      const sheet = await sheetOf(bytes, '分工.csv');
      expect(
        sheet.rows.map((r) => [r.row, r.unitName, r.sections.s3?.map((p) => p.text), r.approvers.length]),
      ).toEqual([
        [2, '县教育局', ['张敏', '李强'], 2],
        [3, '县公安局', ['陈静'], 1],
      ]);
    }
    // Excel's 「Unicode 文本」: UTF-16 with tabs
    const tsv = [HEADER, unitRow('县教育局', '张敏', '王芳')].map((r) => r.join('\t')).join('\r\n');
    const unicodeText = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
    expect((await sheetOf(unicodeText, '分工.txt')).rows[0]).toMatchObject({ row: 2, unitName: '县教育局' });
    // the GBK file is not valid UTF-8: it was read as GBK, not as garbage
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk(text))).toThrow();
  });
});

describe('a file that cannot be a round is refused as a whole, saying what to do', () => {
  it('refuses a Word document, a PDF, random bytes and an old .xls', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('单位名称')] }] }),
    );
    expect((await refusalOf(docx, '分工.docx')).refusal).toBe(
      '这是 Word 文档，不是表格：请发送 .xlsx 表格（可以用年报助手提供的模板填写）',
    );
    expect((await refusalOf(Buffer.from('%PDF-1.7\n…'), '分工.pdf')).kind).toBe('not-spreadsheet');
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    expect((await refusalOf(random, '分工.bin')).refusal).toBe(
      '「分工.bin」不是表格：请发送 .xlsx 或 .csv 表格（可以用年报助手提供的模板填写）',
    );
    expect((await refusalOf(random, '分工.csv')).refusal).toContain('的文字无法识别');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), random]);
    expect((await refusalOf(xls, '分工.xls')).refusal).toBe(
      '这是旧版 Excel 文件（.xls），年报助手读不了：请在 Excel 或 WPS 里「另存为」.xlsx 后再发送',
    );
    expect((await refusalOf(xls, '分工.xlsx')).kind).toBe('encrypted');
    expect((await refusalOf(Buffer.concat([Buffer.from('PK\x03\x04'), random]), '分工.xlsx')).kind).toBe(
      'damaged',
    );
  });

  it('refuses an empty file, an empty sheet and a sheet with only its header', async () => {
    expect((await refusalOf(Buffer.alloc(0), '分工.xlsx')).kind).toBe('empty');
    expect((await refusalOf(await xlsxOf({ rows: [] }), '分工.xlsx')).refusal).toMatch(
      /^表格是空的：第一行请写列名/,
    );
    expect((await refusalOf(Buffer.from('\r\n,,\r\n'), '分工.csv')).kind).toBe('empty');
    expect((await refusalOf(await xlsxOf({ rows: [HEADER] }), '分工.xlsx')).refusal).toBe(
      '表格只有列名，没有单位：请从第 2 行起每个单位写一行',
    );
  });

  it('refuses a sheet without a 单位名称 column, quoting its first row', async () => {
    const bytes = await xlsxOf({
      rows: [
        ['部门', '负责人'],
        ['县教育局', '张敏'],
      ],
    });
    expect((await refusalOf(bytes, '分工.xlsx')).refusal).toBe(
      '表格里没有「单位名称」列：第一行应是列名，例如 单位名称、一、总体情况 …… 六、其他需要报告的事项、审核人；现在的第一行是：部门、负责人',
    );
  });

  it('refuses two columns that mean the same', async () => {
    const bytes = await xlsxOf({
      rows: [
        ['单位名称', '一', '审核人', '一、总体情况'],
        ['县教育局', '张敏', '李强', '王芳'],
      ],
    });
    expect((await refusalOf(bytes, '分工.xlsx')).refusal).toBe(
      '有 2 列都是「一、总体情况」（B、D 列）：请只留一列，把人合到这一列里（多人用「、」隔开）',
    );
  });

  it('refuses a file over the size cap, and a zip that unpacks to too much', async () => {
    const big = Buffer.alloc(MAX_FILE_BYTES + 1, 0x41);
    expect((await refusalOf(big, '分工.csv')).refusal).toMatch(/^文件有 5\.0 MB，超过了 5\.0 MB 的上限/);
    const bomb = zipOf({
      '[Content_Types].xml': '<Types/>',
      'xl/workbook.xml': '<workbook/>',
      'xl/worksheets/sheet1.xml': Buffer.alloc(60 * 1024 * 1024, 0x20),
    });
    expect(bomb.length).toBeLessThan(MAX_FILE_BYTES);
    expect((await refusalOf(bomb, '分工.xlsx')).refusal).toMatch(/^表格解压后有 60\.0 MB，太大了/);
    // a zip whose directory lies about the size is still not unpacked beyond the cap
    const lying = Buffer.from(bomb);
    const central = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(1000, central + 24);
    expect((await refusalOf(lying, '分工.xlsx')).kind).toBe('damaged');
  });

  it(`refuses 10,000 rows at once, as .xlsx and as .csv (at most ${MAX_UNITS} units)`, async () => {
    const rows = [HEADER, ...Array.from({ length: 10_000 }, (_, i) => unitRow(`单位${i}`, '张敏', '李强'))];
    const xlsx = await xlsxOf({ rows });
    const started = performance.now();
    const refused = await refusalOf(xlsx, '分工.xlsx');
    const xlsxMs = performance.now() - started;
    expect(refused.refusal).toBe(
      '表格有 10,001 行，超过了一次最多 2,000 个单位的上限：请删去多余的行（包括下方看似空白、其实有内容的行），或分成几个表格分批发送',
    );
    const csvStarted = performance.now();
    expect((await refusalOf(Buffer.from(csvOf(rows)), '分工.csv')).kind).toBe('too-many-rows');
    const csvMs = performance.now() - csvStarted;
    console.log(
      `10,000 rows refused in ${xlsxMs.toFixed(0)} ms (.xlsx, ${xlsx.length} bytes), ${csvMs.toFixed(0)} ms (.csv)`,
    );
    // exactly the cap is fine
    const full = await xlsxOf({ rows: rows.slice(0, MAX_UNITS + 1) });
    expect((await sheetOf(full)).rows).toHaveLength(MAX_UNITS);
  });
});
