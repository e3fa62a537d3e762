/** Real spreadsheet bytes for the tests, made the way Excel and WPS make them. */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { SECTIONS } from '../../../src/report/template.js';

export type Cells = (string | number | ExcelJS.CellValue)[];

/** An .xlsx whose worksheets hold these rows (row 1 first); a sheet may be given as empty. */
export async function xlsxOf(...sheets: { name?: string; rows: Cells[] }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  sheets.forEach((s, i) => {
    const sheet = workbook.addWorksheet(s.name ?? `Sheet${i + 1}`);
    for (const row of s.rows) sheet.addRow(row);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CSV text as Excel writes it: every cell quoted when it needs to be, CRLF line ends. */
export function csvOf(rows: string[][]): string {
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** The text in GBK, as Chinese Excel saves 「CSV (逗号分隔)」. */
export function gbk(text: string): Buffer {
  return iconv.encode(text, 'gbk');
}

/** The header of the template: 单位名称, the six headings, 审核人. */
export const HEADER = ['单位名称', ...SECTIONS.map((s) => s.heading), '审核人'];

/** A unit row whose six sections are filled by the same people. */
export function unitRow(name: string, fillers: string, approvers: string): string[] {
  return [name, ...SECTIONS.map(() => fillers), approvers];
}

/** A zip of these entries, deflated by zlib (fast enough to build a 60 MB zip bomb in a test). */
export function zipOf(entries: Record<string, Buffer | string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.from(content);
    const packed = deflateRawSync(data, { level: 1 });
    const nameBytes = Buffer.from(name);
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(8, at); // deflate
      header.writeUInt32LE(crc32(data), at + 6);
      header.writeUInt32LE(packed.length, at + 10);
      header.writeUInt32LE(data.length, at + 14);
      header.writeUInt16LE(nameBytes.length, at + 18);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 8);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    fields(central, 10);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
