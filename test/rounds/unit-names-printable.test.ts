/**
 * A unit's name is the title of its Word file: a name with an emoji or an invisible control character is refused
 * where the admin writes it (the Feishu form, the round file, the spreadsheet), not later as a file that cannot
 * be made.
 */
import { FIELDS, readNewUnit } from '../../src/admin/unit-form.js';
import { parseRoundFile, RoundFileError } from '../../src/rounds/round-file.js';
import { roundFromSheetFile } from '../../src/rounds/sheet/round-from-sheet.js';
import { COUNTY, memoryDirectory } from '../people/memory-directory.js';
import { HEADER, unitRow, xlsxOf } from './sheet/sheet-bytes.js';

const A = 'ou_5f0a3c1e9b7d4e2a8c6b1d3f5e7a9c01';
const SAID = /单位名称里有 Word 文件印不出来的字符：表情符号「🏛️」/;

describe('a unit name the Word file cannot print', () => {
  it('is refused on the Feishu form', async () => {
    const r = await readNewUnit({ [FIELDS.unitName]: '县档案馆🏛️' });
    expect(r).toEqual({ ok: false, message: expect.stringMatching(SAID) });
  });

  it('is refused in a round file, and a control character is named by its place', () => {
    const problems = (name: string) => {
      try {
        parseRoundFile(
          JSON.stringify({
            year: 2025,
            admins: [A],
            units: [
              { name, fillers: { s1: [A], s2: [A], s3: [A], s4: [A], s5: [A], s6: [A] }, approvers: [A] },
            ],
          }),
          'round.json',
        );
      } catch (error) {
        if (error instanceof RoundFileError) return error.problems.join('\n');
        throw error;
      }
      return 'accepted';
    };
    expect(problems('县档案馆🏛️')).toMatch(SAID);
    expect(problems('县档案\u0007馆')).toMatch(/第 4 字处看不见的控制字符/);
    expect(problems('县档案馆')).toBe('accepted');
  });

  it('is a problem of its row in a spreadsheet, the other units stay', async () => {
    const sheet = await xlsxOf({
      rows: [HEADER, unitRow('县档案馆🏛️', '张敏', '赵磊'), unitRow('县公安局', '陈 静', '赵磊')],
    });
    const r = await roundFromSheetFile(
      sheet,
      '分工.xlsx',
      memoryDirectory(COUNTY.people, COUNTY.departments),
    );
    if (!r.ok) throw new Error(`refused: ${r.refusal}`);
    expect(r.problems.map((p) => [p.row, p.text])).toEqual([[2, expect.stringMatching(SAID)]]);
    expect(r.units.map((u) => u.name)).toEqual(['县公安局']);
  });
});
