/**
 * Why a file sent as a round cannot be read at all, each a Chinese sentence that says what to do. A refused file
 * is never half-read: the admin fixes it and sends it again.
 */

export type RefusalKind =
  | 'not-spreadsheet'
  | 'old-format'
  | 'encrypted'
  | 'damaged'
  | 'too-big'
  | 'too-many-rows'
  | 'empty'
  | 'no-unit-column'
  | 'duplicate-column';

export interface SheetRefusal {
  ok: false;
  kind: RefusalKind;
  refusal: string;
}

const TEMPLATE_HINT = '可以用年报助手提供的模板填写';
const SAVE_AS_XLSX = '请在 Excel 或 WPS 里「另存为」.xlsx 后再发送';

function refuse(kind: RefusalKind, refusal: string): SheetRefusal {
  return { ok: false, kind, refusal };
}

/** 6291456 → 「6.0 MB」 */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const refusals = {
  notSpreadsheet: (fileName: string) =>
    refuse('not-spreadsheet', `「${fileName}」不是表格：请发送 .xlsx 或 .csv 表格（${TEMPLATE_HINT}）`),
  wordDocument: () =>
    refuse('not-spreadsheet', `这是 Word 文档，不是表格：请发送 .xlsx 表格（${TEMPLATE_HINT}）`),
  pdf: () => refuse('not-spreadsheet', `这是 PDF 文件，不是表格：请发送 .xlsx 表格（${TEMPLATE_HINT}）`),
  oldFormat: () => refuse('old-format', `这是旧版 Excel 文件（.xls），年报助手读不了：${SAVE_AS_XLSX}`),
  encrypted: () =>
    refuse(
      'encrypted',
      `这个表格设了打开密码，年报助手打不开：请在 Excel 或 WPS 里取消密码，再另存为 .xlsx 后发送`,
    ),
  damaged: () => refuse('damaged', `文件已损坏，无法打开：${SAVE_AS_XLSX}`),
  unreadableText: (fileName: string) =>
    refuse(
      'not-spreadsheet',
      `「${fileName}」的文字无法识别（不是 UTF-8 或 GBK 编码的表格）：${SAVE_AS_XLSX}`,
    ),
  tooBig: (bytes: number, cap: number) =>
    refuse(
      'too-big',
      `文件有 ${megabytes(bytes)}，超过了 ${megabytes(cap)} 的上限：单位名单的表格通常只有几十 KB，请删去无关的工作表和图片后再发送`,
    ),
  tooBigUnpacked: (bytes: number) =>
    refuse(
      'too-big',
      `表格解压后有 ${megabytes(bytes)}，太大了：请删去无关的工作表和图片，只留单位名单后再发送`,
    ),
  tooManyRows: (rows: number, cap: number) =>
    refuse(
      'too-many-rows',
      `表格有 ${rows.toLocaleString('en-US')} 行，超过了一次最多 ${cap.toLocaleString('en-US')} 个单位的上限：` +
        '请删去多余的行（包括下方看似空白、其实有内容的行），或分成几个表格分批发送',
    ),
  empty: () =>
    refuse(
      'empty',
      '表格是空的：第一行请写列名（单位名称、一、总体情况 …… 六、其他需要报告的事项、审核人），从第二行起每个单位一行',
    ),
  noUnits: (headerRow: number) =>
    refuse('empty', `表格只有列名，没有单位：请从第 ${headerRow + 1} 行起每个单位写一行`),
  noUnitColumn: (firstRow: string[]) =>
    refuse(
      'no-unit-column',
      '表格里没有「单位名称」列：第一行应是列名，例如 单位名称、一、总体情况 …… 六、其他需要报告的事项、审核人' +
        (firstRow.length ? `；现在的第一行是：${firstRow.join('、')}` : ''),
    ),
  duplicateColumn: (what: string, letters: string[]) =>
    refuse(
      'duplicate-column',
      `有 ${letters.length} 列都是「${what}」（${letters.join('、')} 列）：请只留一列，把人合到这一列里（多人用「、」隔开）`,
    ),
};
