/**
 * `nianbao export ROUND --out DIR` on a data directory with no bot running: both files written and named, the
 * zip left out (and said so) when no unit is approved, an unknown round refused with the rounds there are; the
 * data directory is left exactly as it was.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LowdbStorage } from '../../../storage/lowdb-storage.js';
import { approveSubmission } from '../../../src/approval/decide.js';
import { submitForReview } from '../../../src/approval/submit.js';
import { main } from '../../../src/cli/main.js';
import { roundRepo } from '../../../src/rounds/round-repo.js';
import type { Round } from '../../../src/rounds/round.js';
import { bufferIO } from '../../support/buffer-io.js';
import { chainRound, storedFiles, storeFilledReport } from '../../integration/approval-helpers.js';
import { readWorkbook, readZip, rowsOf, sheetOf } from './read-export.js';

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
    const r = await nianbao('export', round.id, '--out', dir, '--data-dir', dataDir);
    expect(r.code).toBe(0);
    const book = path.join(dir, '2024 年度政府信息公开工作年度报告-汇总表.xlsx');
    const zip = path.join(dir, '2024 年度政府信息公开工作年度报告-审核通过的报告.zip');
    expect(r.stdout).toBe(
      `已写出汇总表 ${book}（2 个单位，其中 1 个审核通过）\n` +
        `已写出报告压缩包 ${zip}（1 个文件）：\n    县教育局2024年政府信息公开工作年度报告.docx\n`,
    );
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
