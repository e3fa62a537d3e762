/**
 * A round written back as the spreadsheet an admin sends (read-sheet.ts reads it into the same units and
 * people), and the empty template the bot offers. People are written 「姓名（手机号）」 so reading finds them.
 */
import type ExcelJS from 'exceljs';
import { excel } from './exceljs.js';
import type { DirectoryPerson } from '../../people/directory.js';
import { formatPersonRef } from '../../people/person-ref.js';
import { SECTIONS } from '../../report/template.js';
import type { Round } from '../round.js';
import { COLUMN_HEADERS, INSTRUCTIONS_SHEET } from './columns.js';
import { MAX_UNITS } from './read-sheet.js';

/** Who an open_id is (a `Directory.person`, or a table): for names and mobiles; undefined writes the open_id. */
export type PersonLookup = (
  openId: string,
) => DirectoryPerson | undefined | Promise<DirectoryPerson | undefined>;

const UNITS_SHEET = '单位';
/** Several people in a cell are written with 、, the separator Chinese offices use. */
const JOIN = '、';

const HEADERS = [COLUMN_HEADERS.unit, ...SECTIONS.map((s) => s.heading), COLUMN_HEADERS.approvers];
/** Wide enough for a full agency name, two 「姓名（手机号）」 per section, a chain of three approvers. */
const WIDTHS = [30, ...SECTIONS.map(() => 24), 44];

const EXAMPLES: string[][] = [
  [
    '示例：县教育局',
    '张敏（13800000001）',
    '张敏（13800000001）',
    '李强（13800000002）',
    '李强（13800000002）',
    '张敏（13800000001）',
    '张敏（13800000001）',
    '刘洋（13800000003）、王芳（wangfang@example.gov.cn）、周杰',
  ],
  ['示例：县公安局', '陈静', '陈静、吴昊', '吴昊', '吴昊', '陈静', '陈静', '郑爽（13800000005）、赵磊'],
];

const INSTRUCTIONS: [string, string][] = [
  ['「单位名称」', '单位全称，与年报标题中的一致，例如「XX县教育局」。每个单位一行，不能重复。'],
  [
    '「一、总体情况」…「六、其他需要报告的事项」',
    '这一部分的填报人。可以写姓名、手机号或邮箱；有同名同事时写成「张敏（13800000001）」或「张敏（邮箱）」。' +
      '多人用「、」隔开，也可以用逗号、分号或在单元格里换行。',
  ],
  [
    '「填报人」（可选）',
    '如果六个部分都由同样的人填写，可以不写六列，只写一列「填报人」；某一部分单独写了的，以该部分为准。',
  ],
  [
    '「审核人」',
    '按审核顺序写（例如 科室负责人、分管领导、主要负责人），用「、」隔开；也可以分成「审核人1」「审核人2」……多列。' +
      '每个单位至少一名，同一人不能出现两次。',
  ],
  ['「编号」', '从进行中的年报导出的表格才有，由年报助手生成，请不要修改；新增的单位留空即可。'],
  ['示例行', '第 2、3 行是示例，请改写或删除。'],
  [
    '人员范围',
    '填写的人员必须在年报助手的可用范围内；找不到的人，年报助手会指出是哪一行，请在飞书管理后台把他加入应用的可用范围。',
  ],
  [
    '格式',
    `保存为 .xlsx（也可以是 .csv）；一个表格最多 ${MAX_UNITS.toLocaleString('en-US')} 个单位，其他列会被忽略。`,
  ],
];

/** The template the bot offers: the header row, two example rows and a sheet of instructions. */
export async function roundSheetTemplate(): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  const sheet = unitsSheet(workbook, HEADERS, WIDTHS);
  for (const row of EXAMPLES) bodyRow(sheet.addRow(row));
  instructionsSheet(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A round's units and people in the layout read-sheet reads, with each unit's id so edits keep it. */
export async function writeRoundSheet(round: Pick<Round, 'units'>, personOf: PersonLookup): Promise<Buffer> {
  const seen = new Map<string, Promise<string>>();
  // Each person is looked up once, however many units and sections name them.
  const cellOf = (openIds: string[]) =>
    Promise.all(
      openIds.map((id) => {
        if (!seen.has(id))
          seen.set(
            id,
            Promise.resolve(personOf(id)).then((p) =>
              formatPersonRef(p ? { ...p, openId: id } : { openId: id }),
            ),
          );
        return seen.get(id)!;
      }),
    ).then((texts) => texts.join(JOIN));

  const workbook = new (await excel()).Workbook();
  const sheet = unitsSheet(workbook, [...HEADERS, COLUMN_HEADERS.unitId], [...WIDTHS, 14]);
  for (const unit of round.units) {
    const people = await Promise.all([
      ...SECTIONS.map((s) => cellOf(unit.fillers[s.id] ?? [])),
      cellOf(unit.approvers),
    ]);
    const row = sheet.addRow([unit.name, ...people, unit.id]);
    bodyRow(row);
    // The id is for the bot, not for reading: grey, so nobody takes it for something to fill.
    row.getCell(HEADERS.length + 1).font = { color: { argb: 'FF888888' } };
  }
  instructionsSheet(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function unitsSheet(workbook: ExcelJS.Workbook, headers: string[], widths: number[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(UNITS_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  sheet.columns = headers.map((header, i) => ({ header, width: widths[i] }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.height = 24;
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  return sheet;
}

function bodyRow(row: ExcelJS.Row): void {
  row.alignment = { vertical: 'top', wrapText: true };
}

function instructionsSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  sheet.columns = [
    { header: '列', width: 34 },
    { header: '怎么填', width: 90 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const line of INSTRUCTIONS) sheet.addRow(line).alignment = { vertical: 'top', wrapText: true };
}
