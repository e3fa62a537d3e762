/**
 * Issue 12's whole story through the real bot and the emulator: a round of five units, each filled by its own
 * person. Four submit from their summary cards, 王芳 approves three with 通过, 赵磊 taps the 进度 card's export
 * and gets the workbook and the zip in his chat, then starts the 本级政府's consolidated report from the round
 * card. Each file is read back as the person who opens it would: the workbook with exceljs, the zip with jszip and
 * each Word file's table 三, the consolidated report's draft against the cell-wise sum of the approved answers.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { DEMO_USERS } from '../../src/emulator/demo-tenant.js';
import type { EmulatorUser } from '../../src/emulator/types.js';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { checkReport } from '../../src/report/check.js';
import { cellValue, parseAnswers } from '../../src/report/compute.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import type { Round } from '../../src/rounds/round.js';
import type { Answers } from '../../src/report/template.js';
import { startPair, type Pair } from '../server/harness.js';
import { sendMessage } from '../support/control-api.js';
import {
  APPROVED,
  everySection,
  fiveUnitRound,
  threeReports,
  UNIT_NAMES,
} from '../consolidated/five-units.js';
import { textAnswers } from '../consolidated/valid-reports.js';
import { tableColumns } from '../../src/rounds/export/table-columns.js';
import {
  columnOf,
  docxTables,
  readWorkbook,
  readZip,
  rowsOf,
  sheetOf,
} from '../rounds/export/read-export.js';
import { lastCard as lastChatCard, tap, waitChat } from './admin-helpers.js';
import { download, fileMessages, settled, storeFilledReport, waitCard, ZHAO } from './approval-helpers.js';
import { buttonsOf, by, cardText, Person, WANG, type CardJson } from './fill-helpers.js';

const UNITS = UNIT_NAMES;
const IDS = fiveUnitRound().units.map((u) => u.id);

/** One filler per unit, so each person's 填报 opens their own unit. */
const FILLERS: EmulatorUser[] = IDS.map((id, i) => ({
  open_id: `ou_round12_${id}`,
  user_id: `filler_${id}`,
  union_id: `on_round12_${id}`,
  name: ['陈静', '刘洋', '黄磊', '周婷', '吴刚'][i],
}));

// The consolidated tests' five units (王芳 approves, 赵磊 runs it), each filled by its own person.
const base = fiveUnitRound();
const ROUND: Round = {
  ...base,
  units: base.units.map((u, i) => ({ ...u, fillers: everySection([FILLERS[i].open_id]) })),
};

/** A table cell's number as the report computes it (totals included). */
const number = (answers: Answers, key: string) => cellValue(parseAnswers(answers), key) ?? 0;

describe('after approval: the round’s workbook and zip, and the consolidated report', () => {
  let pair: Pair;
  let reports: Answers[];
  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-round12-'));
    const storage = new LowdbStorage(dataDir);
    await roundRepo(storage).save(ROUND);
    // Three different valid reports for the units approved, one for the unit left with the approver.
    reports = threeReports().map((r) => r.current);
    for (const [i, id] of IDS.slice(0, 4).entries())
      await storeFilledReport(storage, ROUND.id, id, reports[i % 3]);
    await storage.close();
    pair = await startPair({ dataDir, users: [...DEMO_USERS, ...FILLERS], bot: { startReminders: false } });
  });
  afterAll(async () => {
    await settled(pair);
    await pair.close();
  });

  it('five units, three approved through the chat; the export and the consolidated report hold their answers', async () => {
    const wang = new Person(pair, WANG);
    // Four fillers submit from their summary cards; 王芳 approves the first three.
    for (const [i, filler] of FILLERS.slice(0, 4).entries()) {
      const p = new Person(pair, filler.open_id);
      const unit = await p.fill();
      if (!buttonsOf(unit.card).some((b) => b.value.action === 'submit_for_review'))
        await p.tap(unit, by.action('summary'));
      expect((await p.tap(unit, by.action('submit_for_review'))).toast?.type).toBe('success');
      const review = await waitCard(
        pair,
        WANG,
        (c) => cardText(c).includes(UNITS[i]) && buttonsOf(c).some((b) => b.value.action === 'approve'),
      );
      if (i < 3) expect((await wang.tap(review, by.action('approve'))).toast?.type).toBe('success');
    }

    // 赵磊's 进度 card: the export button sends the workbook and the zip into his chat.
    const emu = pair.emu.url;
    await sendMessage(emu, ZHAO, '进度');
    const chat = await waitChat(emu, ZHAO, (m) => Boolean(lastChatCard(m, '年报进度')));
    const progress = lastChatCard(chat, '年报进度')!;
    const asked = await tap(emu, ZHAO, progress, '导出汇总表和审核通过的报告');
    expect(asked.toast?.content).toContain('正在生成');
    await settled(pair);
    const files = fileMessages(pair, ZHAO);
    const workbookMsg = files.find((m) => String(m.content.file_name).endsWith('.xlsx'))!;
    const zipMsg = files.find((m) => String(m.content.file_name).endsWith('.zip'))!;
    expect(workbookMsg).toBeDefined();
    expect(zipMsg).toBeDefined();

    // The workbook: each unit's table-三 cells, and 合计（已通过） holding the sum over the three approved.
    const wb: ExcelJS.Workbook = await readWorkbook(await download(pair, workbookMsg));
    const t3 = sheetOf(wb, '三');
    const rows = rowsOf(t3).slice(2);
    expect(rows.slice(0, 5).map((r) => r.slice(0, 2))).toEqual([
      [UNITS[0], '已通过'],
      [UNITS[1], '已通过'],
      [UNITS[2], '已通过'],
      [UNITS[3], '待审核'],
      [UNITS[4], '未开始'],
    ]);
    const approvedTotal = rows.find((r) => r[0] === '合计（已通过）')!;
    const approvedRow = rows.indexOf(approvedTotal);
    const t3Keys = tableColumns('t3');
    let checked = 0;
    for (const cell of t3Keys) {
      const col = columnOf(t3, cell.group, cell.computed ? `${cell.label}（自动计算）` : cell.label);
      for (const [i] of APPROVED.entries()) expect(rows[i][col - 1]).toBe(number(reports[i], cell.key));
      const total = rows[approvedRow][col - 1] as ExcelJS.CellFormulaValue;
      expect(total.formula).toMatch(/^SUMIF\(\$B\$3:\$B\$7,"已通过",/);
      // exceljs reads a stored result of 0 (<v>0</v> in the file) back as no result at all.
      expect(total.result ?? 0).toBe(reports.reduce((s, r) => s + number(r, cell.key), 0));
      checked++;
    }
    expect(checked).toBe(t3Keys.length);

    // The zip: the three approved Word files, each with its own unit's table 三, every number of it.
    const zip = await readZip(await download(pair, zipMsg));
    const words = [...zip.keys()].filter((n) => n.endsWith('.docx'));
    expect(words).toHaveLength(3);
    const numbersOf = (cells: string[]) => cells.filter((c) => /^\d+$/.test(c)).sort();
    for (const [i] of APPROVED.entries()) {
      const name = words.find((n) => n.startsWith(UNITS[i]))!;
      const [, table3] = await docxTables(zip.get(name)!);
      expect(numbersOf(table3.flat().map((c) => c.text))).toEqual(
        numbersOf(t3Keys.map((c) => String(number(reports[i], c.key)))),
      );
    }

    // The consolidated report from the round card: the three approved units in, two missing, then frozen.
    await sendMessage(emu, ZHAO, '轮次');
    const rounds = await waitChat(emu, ZHAO, (m) => Boolean(lastChatCard(m, '年报轮次')));
    const card = lastChatCard(rounds, '年报轮次')!;
    await tap(emu, ZHAO, card, '管理');
    await tap(emu, ZHAO, card, '汇总本级报告');
    expect(cardText(card.card)).toContain('已审核通过，可以汇总（3 个）');
    expect(cardText(card.card)).toContain('尚未审核通过，不能汇总（2 个）');
    const started = await tap(emu, ZHAO, card, '汇总并开始', {
      cons_government: '云溪县人民政府',
      unit_fillers: [ZHAO],
      chain_1: WANG,
    });
    expect(started.toast?.content).toContain('已汇总 3 个单位的数字');
    const consolidated = (await roundRepo(pair.bot.storage).list()).find(
      (r) => r.source?.roundId === ROUND.id,
    )!;
    const { draft } = await draftRepo(pair.bot.storage).load(consolidated.id, consolidated.units[0].id);
    // Table 三 is the cell-wise sum of the approved answers, and with the office's texts it passes every rule.
    for (const cell of t3Keys)
      expect(number(draft.answers, cell.key)).toBe(reports.reduce((s, r) => s + number(r, cell.key), 0));
    const written = { ...draft.answers, ...textAnswers(reports[0]) };
    const check = checkReport(written);
    expect([...check.errors, ...check.warnings]).toEqual([]);
    await waitCard(pair, ZHAO, (c: CardJson) => cardText(c).includes('云溪县人民政府'));
  }, 90_000);
});
