import { ID_PATTERN } from '../../../src/rounds/round.js';
import { readSheet } from '../../../src/rounds/sheet/read-sheet.js';
import {
  roundFromSheet,
  roundFromSheetFile,
  sheetRefs,
  type SheetRound,
} from '../../../src/rounds/sheet/round-from-sheet.js';
import { resolvePeople } from '../../../src/people/resolve.js';
import { COUNTY, memoryDirectory } from '../../people/memory-directory.js';
import { csvOf, HEADER, unitRow, xlsxOf, type Cells } from './sheet-bytes.js';

const county = () => memoryDirectory(COUNTY.people, COUNTY.departments);

async function roundOf(rows: Cells[], dir = county()): Promise<SheetRound> {
  const result = await roundFromSheetFile(await xlsxOf({ rows }), '分工.xlsx', dir);
  if (!result.ok) throw new Error(`refused: ${result.refusal}`);
  return result;
}

const texts = (r: SheetRound) => r.problems.map((p) => p.text);

describe('a round from a spreadsheet', () => {
  it('gives each unit its people by section and its approval chain, with names for the preview', async () => {
    const round = await roundOf([
      HEADER,
      [
        '县教育局',
        '张敏',
        '张敏、138-0000-0002',
        '李强',
        '李强',
        '张敏',
        '张敏',
        '刘洋（13800000003）、wangfang@county.gov.cn',
      ],
      unitRow('县公安局', '陈 静', '赵磊'),
    ]);
    expect(round.problems).toEqual([]);
    expect(round.ready).toBe(true);
    const [edu, police] = round.units;
    expect(edu).toMatchObject({
      name: '县教育局',
      fillers: {
        s1: ['ou_zhangmin'],
        s2: ['ou_zhangmin', 'ou_liqiang'],
        s3: ['ou_liqiang'],
        s4: ['ou_liqiang'],
        s5: ['ou_zhangmin'],
        s6: ['ou_zhangmin'],
      },
      approvers: ['ou_liuyang1', 'ou_wangfang'],
    });
    expect(police.fillers.s4).toEqual(['ou_chenjing']);
    expect(police.approvers).toEqual(['ou_zhaolei']);
    expect(round.units.every((u) => ID_PATTERN.test(u.id))).toBe(true);
    expect(round.rowOf).toEqual({ [edu.id]: 2, [police.id]: 3 });
    expect(round.names).toEqual({
      ou_zhangmin: '张敏',
      ou_liqiang: '李强',
      ou_liuyang1: '刘洋',
      ou_wangfang: '王芳',
      ou_chenjing: '陈 静',
      ou_zhaolei: '赵磊',
    });
  });

  it('gives the same unit ids when the corrected sheet is sent again, rows moved and spaced differently', async () => {
    const first = await roundOf([
      HEADER,
      unitRow('县教育局', '张敏', '王芳'),
      unitRow('县公安局', '刘洋', '赵磊'),
    ]);
    const again = await roundOf([
      HEADER,
      unitRow(' 县公安局', '13800000004', '赵磊'),
      unitRow('县 教育局', '张敏', '王芳'),
    ]);
    const idOf = (r: SheetRound, name: string) => r.units.find((u) => u.name.replace(/\s/g, '') === name)!.id;
    expect(idOf(again, '县教育局')).toBe(idOf(first, '县教育局'));
    expect(idOf(again, '县公安局')).toBe(idOf(first, '县公安局'));
    expect(idOf(first, '县教育局')).not.toBe(idOf(first, '县公安局'));
  });

  it('fills every section whose own cell is empty from the 填报人 column', async () => {
    const round = await roundOf([
      ['单位名称', '填报人', '三', '审核人'],
      ['县教育局', '张敏、李强', '王芳', '赵磊'],
    ]);
    expect(round.problems).toEqual([]);
    expect(round.units[0].fillers).toEqual({
      s1: ['ou_zhangmin', 'ou_liqiang'],
      s2: ['ou_zhangmin', 'ou_liqiang'],
      s3: ['ou_wangfang'],
      s4: ['ou_zhangmin', 'ou_liqiang'],
      s5: ['ou_zhangmin', 'ou_liqiang'],
      s6: ['ou_zhangmin', 'ou_liqiang'],
    });
  });

  it('looks each person up once however many rows name them, and resolves no one for a refused file', async () => {
    const dir = county();
    const rows = Array.from({ length: 200 }, (_, i) =>
      unitRow(`单位${i}`, '张敏、13800000002', 'wangfang@county.gov.cn'),
    );
    const round = await roundOf([HEADER, ...rows], dir);
    expect(round.units).toHaveLength(200);
    expect(dir.calls.idsByContact).toBe(1);
    expect(dir.calls.people).toBe(1);
    expect(dir.calls.batchSizes).toEqual([1, 1]);

    const refusedDir = county();
    const huge = Buffer.from(
      csvOf([HEADER, ...Array.from({ length: 10_000 }, (_, i) => unitRow(`单位${i}`, '张敏', '李强'))]),
    );
    expect(await roundFromSheetFile(huge, '分工.csv', refusedDir)).toMatchObject({
      ok: false,
      kind: 'too-many-rows',
    });
    expect(refusedDir.calls).toMatchObject({ idsByContact: 0, people: 0, person: 0, departments: 0 });
  });
});

describe('every problem at once, by row, naming the unit', () => {
  it('lists unknown and ambiguous people, missing approvers and fillers, duplicates and repeated approvers', async () => {
    const round = await roundOf([
      HEADER,
      unitRow('县教育局', '张敏', '王芳'),
      ['县公安局', '刘洋', '刘洋', '张敏', '', '张敏', '张敏', '13800000099'],
      unitRow('县财政局', '李强', ''),
      unitRow('县教育局', '李强', '王芳'),
      unitRow('县审计局', '陈静', '张敏、李强、13800000001'),
      ['', '张敏', '', '', '', '', '', ''],
    ]);
    expect(round.ready).toBe(false);
    expect(round.problems.map((p) => p.row)).toEqual([3, 3, 3, 4, 5, 6, 7]);
    expect(texts(round)).toEqual([
      '第 3 行「县公安局」第一部分、第二部分的填报人：有 2 位同事叫「刘洋」（县教育局、县公安局），请改写成手机号或邮箱，例如「刘洋（138…）」',
      '第 3 行「县公安局」审核人：手机号 13800000099 没有找到：可能写错了，或者此人不在年报助手的可用范围内（请在飞书管理后台把他加入应用的可用范围）',
      '第 3 行「县公安局」：第四部分（政府信息公开行政复议、行政诉讼情况）还没有填报人',
      '第 4 行「县财政局」：没有审核人，每个单位至少要有一名（按审核顺序写，多人用「、」隔开）',
      '第 5 行「县教育局」：单位名称与第 2 行重复（每个单位只能写一行）',
      '第 6 行「县审计局」：审核人「张敏」写了不止一次，审核顺序里每人只能出现一次',
      '第 7 行：没有单位名称（这一行写了人员，却没有写是哪个单位）',
    ]);
    // the preview still shows what resolved; the duplicate row is not a second unit
    expect(round.units.map((u) => u.name)).toEqual(['县教育局', '县公安局', '县财政局', '县审计局']);
    expect(round.units[3].approvers).toEqual(['ou_zhangmin', 'ou_liqiang']);
  });

  it('reports a missing column once for the sheet, not once per row', async () => {
    const round = await roundOf([
      ['单位名称', '一', '二'],
      ['县教育局', '张敏', '张敏'],
      ['县公安局', '陈静', ''],
    ]);
    expect(texts(round)).toEqual([
      '表格没有「三、收到和处理政府信息公开申请情况」「四、政府信息公开行政复议、行政诉讼情况」「五、存在的主要问题及改进情况」「六、其他需要报告的事项」列，也没有「填报人」列：请加上这些列，每个单位写上这一部分的填报人；或者加一列「填报人」，由他们填写所有部分',
      '表格没有「审核人」列：每个单位至少要有一名审核人，请加一列「审核人」（按审核顺序写，多人用「、」隔开）',
      '第 3 行「县公安局」：第二部分（主动公开政府信息情况）还没有填报人',
    ]);
    expect(round.problems[0].row).toBeUndefined();
  });

  it('names a person unreadable or whose name disagrees with the mobile, once per row', async () => {
    const round = await roundOf([
      ['单位名称', '填报人', '一', '审核人'],
      ['县教育局', '张敏（科长）', '李强（13800000001）', '李强（13800000001）'],
    ]);
    expect(texts(round)).toEqual([
      '第 2 行「县教育局」填报人：找不到叫「张敏（科长）」的同事：请核对姓名与飞书里显示的是否一致，或改写成手机号或邮箱；如果此人不在年报助手的可用范围内，请在飞书管理后台把他加入应用的可用范围；括号里应是此人的手机号或邮箱，例如「张敏（13800000001）」，备注请删掉',
      '第 2 行「县教育局」第一部分的填报人和审核人：「李强（13800000001）」：手机号 13800000001 是「张敏」的，不是「李强」：请核对手机号或姓名',
    ]);
  });

  it('says the template’s example rows are to be replaced', async () => {
    const round = await roundOf([HEADER, unitRow('示例：县教育局', '张敏（13800000001）', '李强')]);
    expect(texts(round)).toEqual([
      '第 2 行「示例：县教育局」是模板里的示例：请删掉这一行，或改成真实的单位和人员',
    ]);
    expect(round.units).toEqual([]);
  });

  it('keeps the ids of a sheet written from a round, and refuses edited or copied ones', async () => {
    const round = await roundOf([
      [...HEADER, '编号'],
      [...unitRow('县教育局（改名）', '张敏', '王芳'), 'u-edu'],
      [...unitRow('县公安局', '张敏', '王芳'), 'bad id!'],
      [...unitRow('县财政局', '张敏', '王芳'), 'u-edu'],
      [...unitRow('县审计局', '张敏', '王芳'), ''],
    ]);
    expect(round.units.map((u) => u.id)).toEqual([
      'u-edu',
      expect.stringMatching(/^u-/),
      expect.stringMatching(/^u-/),
      expect.stringMatching(/^u-/),
    ]);
    expect(texts(round)).toEqual([
      '第 3 行「县公安局」：编号「bad id!」无效（编号由年报助手生成，请不要修改；新增的单位请留空）',
      '第 4 行「县财政局」：编号「u-edu」与第 2 行重复（复制的行请清空编号）',
    ]);
  });
});

describe('the pieces, for a caller that wants them apart', () => {
  it('reads, collects the refs, resolves and builds the same as the one-call helper', async () => {
    const bytes = await xlsxOf({ rows: [HEADER, unitRow('县教育局', '张敏', '王芳、李强')] });
    const read = await readSheet(bytes, '分工.xlsx');
    if (!read.ok) throw new Error(read.refusal);
    expect(sheetRefs(read.sheet).map((r) => r.text)).toEqual([...Array(6).fill('张敏'), '王芳', '李强']);
    const built = roundFromSheet(read.sheet, await resolvePeople(sheetRefs(read.sheet), county()));
    const helper = await roundFromSheetFile(bytes, '分工.xlsx', county());
    expect(helper).toEqual({ ok: true, ...built });
  });
});
