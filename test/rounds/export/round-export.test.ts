/**
 * The round's export over real lowdb files: five units at every stage (two approved under the same name, one with
 * the approver, one being filled, one not started), read back as a person would — the workbook with exceljs
 * (each unit's cells, the 合计 formulas and their values, the findings, who did what), the zip with jszip and its
 * Word files' table 三. A round with no approved unit still gets its workbook, and nothing is written to storage.
 * Then `nianbao export ROUND --out DIR` on a data directory with no bot running (one file: the spreadsheet and
 * Word libraries load once).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { LowdbStorage } from '../../../storage/lowdb-storage.js';
import { approveSubmission, confirmReject } from '../../../src/approval/decide.js';
import { submitForReview } from '../../../src/approval/submit.js';
import { main } from '../../../src/cli/main.js';
import { draftRepo } from '../../../src/filling/draft-repo.js';
import { cellValue, parseAnswers } from '../../../src/report/compute.js';
import { TABLE_CELLS, type Answers } from '../../../src/report/template.js';
import { buildApprovedZip } from '../../../src/rounds/export/approved-zip.js';
import { exportRound, type RoundExport } from '../../../src/rounds/export/export-round.js';
import { each, exportFormats, type ExportFormat } from '../../../src/rounds/export/formats.js';
import { loadUnitReports } from '../../../src/rounds/export/unit-reports.js';
import { roundRepo } from '../../../src/rounds/round-repo.js';
import type { Round, Unit } from '../../../src/rounds/round.js';
import { columnOf, docxTables, readWorkbook, readZip, rowsOf, sheetOf } from './read-export.js';
import { bufferIO } from '../../support/buffer-io.js';
import {
  chainRound,
  fixtureAnswers,
  storedFiles,
  storeFilledReport,
} from '../../integration/approval-helpers.js';

const ZHANG = 'ou_zhang';
const LI = 'ou_li';
const WANG = 'ou_wang';
const ZHAO = 'ou_zhao';
const NAMES: Record<string, string> = { [ZHANG]: '张敏', [WANG]: '王芳', [ZHAO]: '赵磊' };
const names = async (ids: string[]) =>
  Object.fromEntries(ids.filter((id) => NAMES[id]).map((id) => [id, NAMES[id]]));

const unit = (id: string, name: string, approvers = [WANG]): Unit => ({
  id,
  name,
  fillers: { s1: [ZHANG], s2: [ZHANG], s3: [ZHANG], s4: [LI], s5: [LI], s6: [LI] },
  approvers,
});

const ROUND: Round = {
  id: '2024-rexport',
  year: 2024,
  name: '2024 年度政府信息公开工作年度报告',
  deadline: '2025-01-31T23:59:00+08:00',
  admins: [ZHAO],
  units: [
    unit('edu', '县教育局', [WANG, ZHAO]),
    unit('edu2', '县教育局'),
    unit('health', '县卫健委'),
    unit('finance', '县财政局'),
    unit('culture', '县文旅局'),
  ],
};

// 20 January 2025, 10:00 Beijing time, one minute later per step.
let clock = Date.UTC(2025, 0, 20, 2, 0);
const deps = (storage: LowdbStorage) => ({ storage, now: () => (clock += 60_000), names });

async function submitAndApprove(storage: LowdbStorage, unitId: string, chain: string[]): Promise<void> {
  const ids = { round_id: ROUND.id, unit_id: unitId };
  await submitForReview(deps(storage), ZHANG, ids);
  for (const [step, by] of chain.entries())
    await approveSubmission(deps(storage), by, { ...ids, submission: 1, step });
}

describe('exporting a round', () => {
  let dir: string;
  let storage: LowdbStorage;
  let out: RoundExport;
  let wb: ExcelJS.Workbook;
  const shown: Record<string, Answers> = {};
  // Table 二 has no sums: each unit's own counts there, so a sum that mixed units up would show.
  const answersFor = (base: Answers, i: number): Answers => ({
    ...base,
    't2.reg.issued': i + 1,
    't2.license': 100 * (i + 1),
  });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-export-'));
    storage = new LowdbStorage(dir);
    await roundRepo(storage).save(ROUND);
    const { answers } = await fixtureAnswers();
    for (const [i, id] of ['edu', 'edu2', 'health'].entries()) {
      shown[id] = answersFor(answers, i);
      await storeFilledReport(storage, ROUND.id, id, shown[id]);
    }
    // 教育局: rejected once by 王芳 (table 二), resubmitted as it was, then passed by 王芳 and approved by 赵磊.
    const edu = { round_id: ROUND.id, unit_id: 'edu' };
    await submitForReview(deps(storage), ZHANG, edu);
    await confirmReject(
      deps(storage),
      WANG,
      { ...edu, submission: 1, step: 0 },
      { reason: '请核对规章件数', sections: ['s2'] },
    );
    await submitForReview(deps(storage), ZHANG, edu);
    await approveSubmission(deps(storage), WANG, { ...edu, submission: 2, step: 0 });
    await approveSubmission(deps(storage), ZHAO, { ...edu, submission: 2, step: 1 });
    await submitAndApprove(storage, 'edu2', [WANG]);
    await submitForReview(deps(storage), ZHANG, { round_id: ROUND.id, unit_id: 'health' });
    // 财政局 has typed part of table 二 only; 文旅局 has not started.
    shown.finance = { 't2.reg.issued': 7, 't2.license': 3 };
    await draftRepo(storage).update(ROUND.id, 'finance', ({ draft }) => ({
      draft: { ...draft, answers: shown.finance },
      changed: true,
    }));
    shown.culture = {};
    const before = await storedFiles(dir);
    // PDFs are left out here (LibreOffice takes seconds to start); the command line's test below covers them.
    out = (await exportRound(storage, ROUND.id, names, exportFormats({ pdf: false })))!;
    expect(await storedFiles(dir)).toEqual(before);
    wb = await readWorkbook(out.workbook.bytes);
  });
  afterAll(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  const sheet = (prefix: string) => sheetOf(wb, prefix);

  it('lists every unit with its state and where its figures come from, in the round’s order', () => {
    for (const prefix of ['二', '三', '四']) {
      const rows = rowsOf(sheet(prefix)).slice(2);
      expect(rows.map((r) => r.slice(0, 3))).toEqual([
        ['县教育局', '已通过', '第 2 版（审核通过）'],
        ['县教育局', '已通过', '第 1 版（审核通过）'],
        ['县卫健委', '待审核', '第 1 版送审稿'],
        ['县财政局', '填报中', '填报草稿'],
        ['县文旅局', '未开始', '填报草稿'],
        ['合计'],
        ['合计（已通过）'],
      ]);
    }
    expect(out.workbook.fileName).toBe('2024 年度政府信息公开工作年度报告-汇总表.xlsx');
  });

  it('has every canonical cell under its official row and column, with the computed totals', () => {
    const ws = sheet('三');
    const col = columnOf(ws, '（三）不予公开 3.危及“三安全一稳定”', '自然人');
    expect(ws.getRow(3).getCell(col).value).toBe(cellValue(parseAnswers(shown.edu), 't3.r3_3.np'));
    const total = columnOf(ws, '（七）总计', '总计（自动计算）');
    expect(ws.getRow(3).getCell(total).value).toBe(cellValue(parseAnswers(shown.edu), 't3.r7.tot'));
    expect(ws.getRow(3).getCell(total).value).toBeGreaterThan(0);
    const cells = TABLE_CELLS.filter((c) => c.table === 't3').length;
    expect(ws.getRow(2).cellCount).toBe(3 + cells);
    expect(columnOf(sheet('二'), '第二十条第（一）项 规章', '本年制发件数')).toBe(4);
    expect(columnOf(sheet('四'), '行政诉讼 复议后起诉', '总计（自动计算）')).toBe(3 + 15);
  });

  it('合计 is a SUM over the unit rows and 合计（已通过） a SUMIF on 已通过, each holding the sum of the answers', () => {
    const units = ['edu', 'edu2', 'health', 'finance', 'culture'];
    const approved = ['edu', 'edu2'];
    const sum = (ids: string[], key: string) =>
      ids.reduce((a, id) => a + (cellValue(parseAnswers(shown[id]), key) ?? 0), 0);
    for (const [prefix, group, label, key] of [
      ['二', '第二十条第（一）项 规章', '本年制发件数', 't2.reg.issued'],
      ['二', '第二十条第（五）项 行政许可', '本年处理决定数量', 't2.license'],
      ['三', '一、本年新收政府信息公开申请数量', '自然人', 't3.new.np'],
      ['三', '（七）总计', '总计（自动计算）', 't3.r7.tot'],
    ] as const) {
      const ws = sheet(prefix);
      const col = columnOf(ws, group, label);
      const letter = ws.getColumn(col).letter;
      const total = ws.getRow(8).getCell(col).value as ExcelJS.CellFormulaValue;
      expect(total.formula).toBe(`SUM(${letter}3:${letter}7)`);
      expect(total.result).toBe(sum(units, key));
      const passed = ws.getRow(9).getCell(col).value as ExcelJS.CellFormulaValue;
      expect(passed.formula).toBe(`SUMIF($B$3:$B$7,"已通过",${letter}3:${letter}7)`);
      expect(passed.result).toBe(sum(approved, key));
    }
    // Table 二 differs per unit: 1+2+3+7 = 13 typed, 1+2 approved.
    const t2 = sheet('二');
    expect((t2.getRow(8).getCell(4).value as ExcelJS.CellFormulaValue).result).toBe(13);
    expect((t2.getRow(9).getCell(4).value as ExcelJS.CellFormulaValue).result).toBe(3);
  });

  it('lists every unit’s check findings: the unfinished ones’ missing cells as errors', () => {
    const rows = rowsOf(sheet('检查结果'));
    expect(rows[0]).toEqual(['单位', '状态', '级别', '规则', '部分', '位置', '说明']);
    const of = (name: string) => rows.filter((r) => r[0] === name);
    expect(of('县文旅局').map((r) => [r[2], r[3]])).toContainEqual(['错误', 'E1']);
    expect(of('县文旅局').map((r) => r[6])).toContainEqual(
      expect.stringMatching(
        /^第三部分（收到和处理政府信息公开申请情况）的表格还没有填写，共 \d+ 格，没有的填 0$/,
      ),
    );
    expect(of('县财政局').some((r) => r[2] === '错误' && r[4] === '二、主动公开政府信息情况')).toBe(true);
    // An approved report had no error, or it could not have been submitted.
    expect(of('县教育局').filter((r) => r[2] === '错误')).toEqual([]);
    expect(of('县教育局').length).toBeGreaterThan(0);
  });

  it('says who filled and who submitted, rejected, passed and approved which version, when, by name', () => {
    const rows = rowsOf(sheet('填报与审核记录')).filter((r) => r[0] === '县教育局' && r[2] !== '第 1 版');
    const history = rowsOf(sheet('填报与审核记录')).filter(
      (r) => r[0] === '县教育局' && String(r[3]).match(/提交|通过|驳回/),
    );
    expect(history.slice(0, 5).map((r) => r.slice(2, 7))).toEqual([
      ['第 1 版', '提交审核', '张敏', '2025-01-20 10:01', ''],
      [
        '第 1 版',
        '第 1 级审核驳回',
        '王芳',
        '2025-01-20 10:02',
        '退回：二、主动公开政府信息情况；理由：请核对规章件数',
      ],
      ['第 2 版', '提交审核', '张敏', '2025-01-20 10:03', ''],
      ['第 2 版', '第 1 级审核通过', '王芳', '2025-01-20 10:04', '转下一级审核'],
      ['第 2 版', '第 2 级审核通过', '赵磊', '2025-01-20 10:05', '审核通过，定稿'],
    ]);
    expect(rows).toContainEqual(['县教育局', '已通过', '第 2 版', '填报 一、总体情况', '张敏', '', '']);
    // 李强 is not in the contact list: named as unknown, never by his open_id.
    expect(rows).toContainEqual([
      '县教育局',
      '已通过',
      '第 2 版',
      '填报 六、其他需要报告的事项',
      '未查到姓名',
      '',
      '',
    ]);
    const everything = wb.worksheets.flatMap((ws) => rowsOf(ws).flat().map(String));
    expect(everything.filter((t) => t.includes('ou_'))).toEqual([]);
  });

  it('zips the approved reports, one Word file per unit named by its title, unique, with the approved answers', async () => {
    if (!out.zip.ok) throw new Error(out.zip.message);
    expect(out.zip.fileName).toBe('2024 年度政府信息公开工作年度报告-审核通过的报告.zip');
    const zip = await readZip(out.zip.bytes);
    const files = [...zip.keys()];
    expect(files).toEqual([
      '县教育局2024年政府信息公开工作年度报告.docx',
      '县教育局2024年政府信息公开工作年度报告.html',
      '县教育局2024年政府信息公开工作年度报告（2）.docx',
      '县教育局2024年政府信息公开工作年度报告（2）.html',
    ]);
    // The page a 政府网站 CMS takes holds the same unit's figures as its Word file.
    expect(zip.get(files[1])!.toString('utf8')).toContain(`>${String(shown.edu['t2.license'])}<`);
    for (const [file, id] of [
      [files[0], 'edu'],
      [files[2], 'edu2'],
    ]) {
      const [t2, t3] = await docxTables(zip.get(file)!);
      // Table 三's first value row (本年新收, 自然人) and table 二's 规章 本年制发件数 are this unit's.
      expect(t3[3][3].text).toBe(String(cellValue(parseAnswers(shown[id]), 't3.new.np')));
      expect(t2.flat().some((c) => c.text === String(shown[id]['t2.license']))).toBe(true);
    }
    expect(out.approved).toBe(2);
  });

  it('packs whatever the list of formats holds, and says which files this machine could not make', async () => {
    const html: ExportFormat = {
      ext: 'html',
      render: each(async (f) => Buffer.from(`<h1>${f.unit}</h1><td>${f.answers['t2.license']}</td>`)),
    };
    const pdf: ExportFormat = {
      ext: 'pdf',
      render: async (files) => files.map(() => ({ missing: '服务器未安装 LibreOffice，暂不能生成 PDF' })),
    };
    const zip = await buildApprovedZip(ROUND, await loadUnitReports(storage, ROUND), [html, pdf]);
    if (!zip.ok) throw new Error(zip.message);
    expect(zip.files).toEqual([
      '县教育局2024年政府信息公开工作年度报告.html',
      '县教育局2024年政府信息公开工作年度报告（2）.html',
    ]);
    expect(zip.missing).toEqual(['服务器未安装 LibreOffice，暂不能生成 PDF']);
    const files = await readZip(zip.bytes);
    expect(files.get(zip.files[1])!.toString()).toBe('<h1>县教育局</h1><td>200</td>');
  });

  it('refuses the zip but still makes the workbook when no unit is approved; an unknown round is undefined', async () => {
    await roundRepo(storage).save({ ...ROUND, id: '2024-rnone', units: ROUND.units.slice(2) });
    const before = await storedFiles(dir);
    const fresh = (await exportRound(storage, '2024-rnone', names))!;
    expect(fresh.zip).toEqual({ ok: false, message: '还没有单位审核通过，暂无可打包的报告' });
    const book = await readWorkbook(fresh.workbook.bytes);
    expect(
      rowsOf(book.worksheets[0])
        .slice(2)
        .map((r) => r[1]),
    ).toEqual(['未开始', '未开始', '未开始', undefined, undefined]);
    expect(await exportRound(storage, '2024-rmissing', names)).toBeUndefined();
    expect(await storedFiles(dir)).toEqual(before);
  });
});

async function nianbao(...args: string[]) {
  const io = bufferIO();
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('nianbao export', () => {
  let dataDir: string;
  let out: string;
  const round: Round = chainRound(['ou_wang'], 2024, '县教育局');
  round.units.push({ ...round.units[0], id: 'health', name: '县卫健委' });
  const waiting: Round = { ...round, id: '2024-rwaiting', name: '2024 年度乡镇年报' };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-export-cli-'));
    out = await mkdtemp(path.join(tmpdir(), 'nianbao-export-out-'));
    const storage = new LowdbStorage(dataDir);
    const d = { storage, now: () => Date.UTC(2025, 0, 20), names: async () => ({}) };
    await roundRepo(storage).save(round);
    await roundRepo(storage).save(waiting);
    await storeFilledReport(storage, round.id, 'city');
    const ids = { round_id: round.id, unit_id: 'city' };
    await submitForReview(d, round.units[0].fillers.s1[0], ids);
    await approveSubmission(d, 'ou_wang', { ...ids, submission: 1, step: 0 });
    await storage.close();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  it('writes the workbook and the zip of approved reports into DIR and says what it wrote', async () => {
    const before = await storedFiles(dataDir);
    const dir = path.join(out, 'round');
    // A machine without LibreOffice: the Word file and the page are packed, the PDF is said to be missing.
    const soffice = process.env.SOFFICE;
    process.env.SOFFICE = path.join(out, 'no-libreoffice-here');
    const r = await nianbao('export', round.id, '--out', dir, '--data-dir', dataDir).finally(() => {
      if (soffice === undefined) delete process.env.SOFFICE;
      else process.env.SOFFICE = soffice;
    });
    expect(r.code).toBe(0);
    const book = path.join(dir, '2024 年度政府信息公开工作年度报告-汇总表.xlsx');
    const zip = path.join(dir, '2024 年度政府信息公开工作年度报告-审核通过的报告.zip');
    expect(r.stdout).toBe(
      `已写出汇总表 ${book}（2 个单位，其中 1 个审核通过）\n` +
        `已写出报告压缩包 ${zip}（2 个文件）：\n    县教育局2024年政府信息公开工作年度报告.docx\n` +
        `    县教育局2024年政府信息公开工作年度报告.html\n`,
    );
    expect(r.stderr).toContain('服务器未安装 LibreOffice，暂不能生成 PDF');
    // Without the bot there is no contact list: said, and no open_id is written instead of a name.
    expect(r.stderr).toContain('查不到通讯录');
    const wb = await readWorkbook(await readFile(book));
    expect(rowsOf(sheetOf(wb, '二')).map((row) => row.slice(0, 2))).toEqual([
      ['单位', '状态'],
      ['单位', '状态'],
      ['县教育局', '已通过'],
      ['县卫健委', '未开始'],
      ['合计'],
      ['合计（已通过）'],
    ]);
    expect(JSON.stringify(rowsOf(sheetOf(wb, '填报与审核记录')))).not.toContain('ou_');
    expect([...(await readZip(await readFile(zip))).keys()]).toEqual([
      '县教育局2024年政府信息公开工作年度报告.docx',
      '县教育局2024年政府信息公开工作年度报告.html',
    ]);
    expect(await storedFiles(dataDir)).toEqual(before);
  });

  it('writes only the workbook when no unit is approved, and says why', async () => {
    const dir = path.join(out, 'waiting');
    const r = await nianbao('export', waiting.id, '--out', dir, '--data-dir', dataDir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('还没有单位审核通过，暂无可打包的报告，没有写出报告压缩包');
    expect(await readdir(dir)).toEqual(['2024 年度乡镇年报-汇总表.xlsx']);
  });

  it('refuses an unknown round, naming the rounds there are, and writes nothing', async () => {
    const before = await storedFiles(dataDir);
    const dir = path.join(out, 'none');
    const r = await nianbao('export', '2024-rnosuch', '--out', dir, '--data-dir', dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `找不到轮次 2024-rnosuch。已有的轮次：${round.id}（city、health）；${waiting.id}（city、health）\n`,
    );
    await expect(readdir(dir)).rejects.toThrow();
    expect(await storedFiles(dataDir)).toEqual(before);
    expect((await nianbao('export', round.id, '--data-dir', dataDir)).code).toBe(2);
  });
});
