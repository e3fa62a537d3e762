import ExcelJS from 'exceljs';
import type { DirectoryPerson } from '../../../src/people/directory.js';
import { SECTIONS } from '../../../src/report/template.js';
import type { Unit } from '../../../src/rounds/round.js';
import { readSheet } from '../../../src/rounds/sheet/read-sheet.js';
import { roundFromSheetFile } from '../../../src/rounds/sheet/round-from-sheet.js';
import { roundSheetTemplate, writeRoundSheet } from '../../../src/rounds/sheet/write-sheet.js';
import { COUNTY, memoryDirectory } from '../../people/memory-directory.js';

const everyone = [
  ...COUNTY.people,
  // known only by name: written as the name, found again by it
  { openId: 'ou_zhoujie', name: '周杰', departmentIds: ['od-edu'] },
] satisfies DirectoryPerson[];

const sections = (ids: string[][]) =>
  Object.fromEntries(SECTIONS.map((s, i) => [s.id, ids[i]])) as Unit['fillers'];

const units: Unit[] = [
  {
    id: 'u1',
    name: '县人民政府办公室（县政务公开办）',
    fillers: sections([
      ['ou_zhangmin'],
      ['ou_zhangmin', 'ou_liqiang'],
      ['ou_liuyang2'],
      ['ou_liqiang'],
      ['ou_wangfang'],
      ['ou_zhoujie'],
    ]),
    approvers: ['ou_liuyang1', 'ou_wangfang', 'ou_zhaolei'],
  },
  {
    id: 'u-3f9a1c0b2d',
    name: '县公安局',
    fillers: sections(Array(6).fill(['ou_chenjing'])),
    approvers: ['ou_liuyang2'],
  },
];

async function worksheets(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook.worksheets;
}

describe('a round written back as a spreadsheet', () => {
  it('reads back as the same units, ids and people', async () => {
    const dir = memoryDirectory(everyone, COUNTY.departments);
    const bytes = await writeRoundSheet({ units }, (id) => everyone.find((p) => p.openId === id));
    const back = await roundFromSheetFile(bytes, '县年报.xlsx', dir);
    expect(back).toMatchObject({ ok: true, ready: true, problems: [], ignoredColumns: [] });
    if (back.ok) expect(back.units).toEqual(units);
  });

  it('writes people as 姓名（手机号）, else with their e-mail, else their name, else the open_id', async () => {
    const bytes = await writeRoundSheet({ units }, (id) =>
      everyone.find((p) => p.openId === id && id !== 'ou_zhaolei'),
    );
    const [sheet] = await worksheets(bytes);
    const header = sheet.getRow(1).values as string[];
    expect(header.slice(1)).toEqual(['单位名称', ...SECTIONS.map((s) => s.heading), '审核人', '编号']);
    const row = sheet.getRow(2).values as string[];
    expect(row.slice(1)).toEqual([
      '县人民政府办公室（县政务公开办）',
      '张敏（13800000001）',
      '张敏（13800000001）、李强（13800000002）',
      '刘洋（13800000004）',
      '李强（13800000002）',
      '王芳（wangfang@county.gov.cn）',
      '周杰',
      '刘洋（13800000003）、王芳（wangfang@county.gov.cn）、ou_zhaolei',
      'u1',
    ]);
  });

  it('looks each person up once, however many units and sections name them', async () => {
    let lookups = 0;
    await writeRoundSheet({ units }, async (id) => {
      lookups++;
      return everyone.find((p) => p.openId === id);
    });
    expect(lookups).toBe(8);
  });
});

describe('the template the bot offers', () => {
  it('has the header, two example rows, readable widths and a sheet of instructions', async () => {
    const bytes = await roundSheetTemplate();
    const [sheet, instructions] = await worksheets(bytes);
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([
      '单位名称',
      ...SECTIONS.map((s) => s.heading),
      '审核人',
    ]);
    expect(sheet.actualRowCount).toBe(3);
    expect(sheet.columns.every((c) => (c.width ?? 0) >= 20)).toBe(true);
    expect(instructions.name).toBe('填写说明');
    const explained = instructions.getColumn(1).values.join('\n');
    for (const column of ['单位名称', '一、总体情况', '填报人', '审核人'])
      expect(explained).toContain(column);
    expect(instructions.getColumn(2).values.join('\n')).toContain('多人用「、」隔开');
  });

  it('reads as a sheet whose only problems are its example rows', async () => {
    const read = await readSheet(await roundSheetTemplate(), '年报分工模板.xlsx');
    expect(read).toMatchObject({ ok: true, sheet: { sheetName: '单位', headerRow: 1, ignoredColumns: [] } });
    const round = await roundFromSheetFile(
      await roundSheetTemplate(),
      '年报分工模板.xlsx',
      memoryDirectory(everyone),
    );
    expect(round.ok && round.problems.map((p) => p.text)).toEqual([
      '第 2 行「示例：县教育局」是模板里的示例：请删掉这一行，或改成真实的单位和人员',
      '第 3 行「示例：县公安局」是模板里的示例：请删掉这一行，或改成真实的单位和人员',
    ]);
  });
});
