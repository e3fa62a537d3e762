/**
 * The command line against a running bot (issue 9: 「已保存」 and then lost must never happen). The CLI runs as a
 * real child process, as an admin types it; the bot runs with the emulator; people act through the control API.
 */
import { execFile, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { demoRound } from '../../src/rounds/seed-demo.js';
import { roundIdFor } from '../../src/rounds/round.js';
import { readSheet } from '../../src/rounds/sheet/read-sheet.js';
import { PRESENCE_FILE } from '../../src/server/bot-presence.js';
import { startBot } from '../../src/server/bot.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { cardText } from './fill-helpers.js';
import { botMessages, startPair, type Pair } from '../server/harness.js';
import { sendMessage } from '../support/control-api.js';

const run = promisify(execFile);

/** `npx nianbao …` as a child process: exit code and both streams. */
async function nianbao(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['src/cli/nianbao.js', ...args], {
      timeout: 60_000,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: x.code ?? -1, out: x.stdout ?? '', err: x.stderr ?? '' };
  }
}

/** The same commands in this process (the same path to the bot: its presence file, then HTTP), faster. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

/** The demo round as a round file in `dir`, with a name of its own. */
async function roundFile(dir: string, name: string): Promise<{ file: string; id: string }> {
  const round = demoRound(Date.now());
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify({ year: round.year, name, admins: round.admins, units: round.units }));
  return { file, id: roundIdFor(round.year, name) };
}

describe('nianbao round create while the bot runs', () => {
  let pair: Pair;
  beforeEach(async () => {
    pair = await startPair();
  });
  afterEach(async () => {
    await pair.close();
  });

  it('takes effect at once, the fillers get their first card, and a restart finds every change', async () => {
    const { file, id } = await roundFile(pair.dataDir, '2026 年度政府信息公开工作年度报告（县档案馆）');
    const created = await nianbao('round', 'create', file, '--data-dir', pair.dataDir);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toContain(`已保存轮次 ${id}（已由运行中的机器人保存，立即生效）`);

    // 张敏 is told without asking, and 填报 opens the new round's unit card at once.
    const zhang = await pair.emu.waitForMessages(
      DEMO.filler.open_id,
      (m) => botMessages(m).some((x) => x.msg_type === 'interactive'),
      10_000,
    );
    expect(cardText(botMessages(zhang)[0].content)).toContain('请你填写上高县机关事务管理中心');
    await sendMessage(pair.emu.url, DEMO.filler.open_id, '填报');
    const after = await pair.emu.waitForMessages(
      DEMO.filler.open_id,
      (m) => botMessages(m).length >= 3,
      10_000,
    );
    expect(cardText(botMessages(after).at(-1)!.content)).toContain('上高县机关事务管理中心');

    // A second command changes the same round inside the bot: neither change overwrites the other.
    const set = await cli('reminders', 'set', id, '--days-before', '5,1', '--data-dir', pair.dataDir);
    expect(set.code).toBe(0);
    expect((await roundRepo(pair.bot.storage).get(id))?.reminders?.plan?.daysBefore).toEqual([5, 1]);

    const listed = await cli('round', 'list', '--json', '--data-dir', pair.dataDir);
    expect(JSON.parse(listed.out).map((r: { id: string }) => r.id)).toEqual([id]);

    // The round's people back as the spreadsheet an admin edits: names and mobiles from the running bot.
    const out = path.join(pair.dataDir, 'round.xlsx');
    const sheet = await cli('round', 'sheet', id, '--out', out, '--data-dir', pair.dataDir);
    expect(sheet).toMatchObject({ code: 0, err: '' });
    const read = await readSheet(await readFile(out), 'round.xlsx');
    if (!read.ok) throw new Error(read.refusal);
    expect(read.sheet.rows[0].unitName).toBe('上高县机关事务管理中心');
    expect(read.sheet.rows[0].approvers[0]).toMatchObject({ kind: 'mobile', name: '王芳' });

    await pair.bot.close();
    const storage = new LowdbStorage(pair.dataDir);
    const stored = await roundRepo(storage).get(id);
    await storage.close();
    expect(stored?.units).toHaveLength(1);
    expect(stored?.reminders?.plan?.daysBefore).toEqual([5, 1]);
    expect(stored?.history?.map((e) => e.kind)).toEqual(['create', 'set_plan']);
    pair.bot = await startBot({ feishu: pair.settings, dataDir: pair.dataDir, port: 0, log: pair.log });
  }, 60_000);

  it('refuses, naming the bot, when the running bot does not answer; nothing is written', async () => {
    const { file } = await roundFile(pair.dataDir, '无法送达的轮次');
    // A live process (this test) that says it serves the directory at an address where nobody listens.
    const presence = path.join(pair.dataDir, PRESENCE_FILE);
    await writeFile(
      presence,
      JSON.stringify({
        pid: process.pid,
        url: 'http://127.0.0.1:9',
        token: 'x',
        startedAt: '2026-12-01T09:00:00Z',
      }),
    );
    const r = await cli('round', 'create', file, '--data-dir', pair.dataDir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`正由运行中的 nianbao 使用（进程号 ${process.pid}`);
    expect(r.err).toContain('什么也没有改动');
    expect(r.out).not.toContain('已保存');
    expect(await roundRepo(pair.bot.storage).list()).toEqual([]);
  }, 60_000);

  it('a second bot on the same data directory refuses to start and names the first', async () => {
    // Another live process owns the directory: a child that sleeps, named in the presence file.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      await writeFile(
        path.join(pair.dataDir, PRESENCE_FILE),
        JSON.stringify({
          pid: other.pid,
          url: 'http://127.0.0.1:9',
          token: 'x',
          startedAt: '2026-12-01T09:00:00Z',
        }),
      );
      await expect(
        startBot({ feishu: pair.settings, dataDir: pair.dataDir, port: 0, log: pair.log }),
      ).rejects.toThrow(`正由另一个 nianbao 进程使用（进程号 ${other.pid}`);
    } finally {
      other.kill();
    }
  });
});
