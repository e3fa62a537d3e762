/**
 * `nianbao migrate` on the demo data: the demo round, 张敏's report filled and approved by 王芳 (drafts,
 * approvals, history), a queued message, claimed event ids and reminder records go lowdb → PostgreSQL → lowdb
 * with a count per kind printed before and after, and come back equal, item for item; the bot's own reading of
 * the report in the database and in the copied folder is the same. A target holding data is left alone without
 * --force.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../../src/cli/io.js';
import { migrateBetween, runMigrate } from '../../src/cli/migrate-command.js';
import { approveSubmission } from '../../src/approval/decide.js';
import { submitForReview } from '../../src/approval/submit.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { Outbox } from '../../src/feishu/outbox.js';
import type { FeishuApi } from '../../src/feishu/client.js';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { activeSteps } from '../../src/filling/progress.js';
import { importText } from '../../src/import/index.js';
import { createLogger } from '../../src/logger.js';
import { reminderRecords } from '../../src/reminders/records.js';
import { SECTIONS } from '../../src/report/template.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { seedDemoRound } from '../../src/rounds/seed-demo.js';
import { EventClaims } from '../../storage/event-claims.js';
import { PRESENCE_FILE } from '../../src/server/bot-presence.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import type { AppendLog, CopyableStorage, Storage } from '../../storage/store.js';
import { bufferIO } from '../support/buffer-io.js';
import { fixturePath } from '../support/fixtures.js';
import { postgresForTests } from '../support/postgres.js';

const cluster = postgresForTests();
const UNIT = 'jgswzx';
const NO_FEISHU: FeishuApi = {
  sendMessage: () => Promise.reject(new Error('not here')),
  patchMessage: () => Promise.reject(new Error('not here')),
  uploadFile: () => Promise.reject(new Error('not here')),
};

/** `nianbao migrate ARGS` as main() runs it (without loading the whole command line for this file). */
async function nianbao(_command: 'migrate', ...args: string[]) {
  const io = bufferIO();
  let code: number;
  try {
    code = await runMigrate(args, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(e.message);
    code = 2;
  }
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Everything a storage holds: each collection's version and items in order, each log's records. */
async function everything(s: CopyableStorage) {
  const collections: Record<string, unknown> = {};
  for (const name of await s.collectionNames()) collections[name] = await s.readRaw(name);
  const logs: Record<string, unknown> = {};
  for (const name of await s.logNames()) logs[name] = (await s.openLog(name)).records;
  return { collections, logs };
}

/** 张敏 and 李强 have typed the whole 淮安市 2024 report (as test/integration/approval-helpers.ts stores it). */
async function storeFilledReport(storage: Storage, roundId: string, unitId: string): Promise<void> {
  const { file } = importText(await readFile(fixturePath('huaian-city-2024.pdftotext.txt'), 'utf8'));
  await draftRepo(storage).update(roundId, unitId, ({ draft }) => {
    const next = structuredClone(draft);
    next.answers = structuredClone(file.answers);
    next.s3Answer = 'some';
    for (const s of SECTIONS) {
      next.sections[s.id].done = activeSteps(next, s.id).map((step) => step.id);
      next.sections[s.id].version = 1;
    }
    return { draft: next, changed: true };
  });
}

let root: string;
let demo: string;
let roundId: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'nianbao-migrate-'));
  demo = path.join(root, 'demo');
  let clock = Date.UTC(2027, 0, 20, 2, 0);
  const now = () => (clock += 60_000);
  const storage = new LowdbStorage(demo);
  const round = (await seedDemoRound(storage, clock))!;
  roundId = round.id;
  await storeFilledReport(storage, roundId, UNIT);
  const deps = { storage, now, names: async () => ({}) };
  const ids = { round_id: roundId, unit_id: UNIT };
  expect((await submitForReview(deps, DEMO.filler.open_id, ids)).toast?.type).not.toBe('error');
  await approveSubmission(deps, DEMO.approver.open_id, { ...ids, submission: 1, step: 0 });
  const outbox = await Outbox.open(storage, NO_FEISHU, { log: createLogger('silent'), now });
  await outbox.enqueue({
    kind: 'send',
    receiveId: DEMO.filler.open_id,
    receiveIdType: 'open_id',
    msgType: 'text',
    content: JSON.stringify({ text: '已审核通过' }),
  });
  const claims = await EventClaims.open(storage, { now: () => clock });
  for (const e of ['ev1', 'ev2', 'ev3']) {
    await claims.claim(e);
    if (e !== 'ev3') await claims.done(e);
  }
  const records = reminderRecords(storage);
  // A season of reminders: 12 slots in one collection, 3 days of sent reminders in 3 more.
  for (let day = 10; day < 22; day++) {
    const date = `2027-01-${day}`;
    await records.markSlot(roundId, { date, at: '09:30', status: 'sent', reminders: 1, decidedAt: date });
    if (day >= 19)
      await records.recordSent(roundId, {
        key: `r-${day}`,
        kind: 'fill',
        to: DEMO.filler.open_id,
        unitId: UNIT,
        date,
        at: '09:30',
        outboxId: `o-${day}`,
        queuedAt: date,
      });
  }
  await storage.close();
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('nianbao migrate', () => {
  it('moves the demo data lowdb → PostgreSQL → lowdb with equal counts and equal content', async () => {
    const url = await cluster.fresh();
    const there = await nianbao('migrate', '--from', demo, '--to', url);
    expect(there.stderr).toBe('');
    expect(there.code).toBe(0);
    // A count per kind, before and after, for every kind the demo holds.
    for (const kind of ['rounds', 'reports', 'approvals', 'outbox', 'claims', 'reminders'])
      expect(there.stdout.match(new RegExp(`^  ${kind} `, 'gm'))).toHaveLength(2);
    // reminders: 4 collections holding 15 items; claims: the 2 events handled (3 claimed), whatever the log.
    expect(there.stdout.match(/^ {2}reminders +4 +15 +0 +0$/gm)).toHaveLength(2);
    expect(there.stdout.match(/^ {2}claims +— +2 +— +—$/gm)).toHaveLength(2);
    expect(there.stdout).toMatch(/数量一致/);

    // The bot reading the database sees the round and the approved report.
    const pg = await PostgresStorage.open({ url });
    try {
      expect((await roundRepo(pg).list()).map((r) => r.id)).toEqual([roundId]);
      const inDb = await draftRepo(pg).load(roundId, UNIT);
      const inFiles = await draftRepo(new LowdbStorage(demo)).load(roundId, UNIT);
      expect(inDb.draft).toEqual(inFiles.draft);
    } finally {
      await pg.close();
    }

    const back = path.join(root, 'back');
    const again = await nianbao('migrate', '--from', url, '--to', back);
    expect(again.code).toBe(0);
    expect(await everything(new LowdbStorage(back))).toEqual(await everything(new LowdbStorage(demo)));
    // Every claim came along: the done ones stay done in a restarted process.
    const claims = await EventClaims.open(new LowdbStorage(back), { now: () => Date.UTC(2027, 0, 20, 3, 0) });
    expect([claims.stateOf('ev1'), claims.stateOf('ev2')]).toEqual(['done', 'done']);
  });

  it('leaves a target that holds data alone without --force, and replaces it with it', async () => {
    const url = await cluster.fresh();
    const pg = await PostgresStorage.open({ url });
    try {
      await (await pg.open<string>('rounds')).write('someone-elses', 'keep me');
      const refused = await nianbao('migrate', '--from', demo, '--to', url);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/已有数据.*--force/);
      expect(await pg.collectionNames()).toEqual(['rounds']);
      expect(await (await pg.open<string>('rounds')).read('someone-elses')).toBe('keep me');

      const forced = await nianbao('migrate', '--from', demo, '--to', url, '--force');
      expect(forced.code).toBe(0);
      expect(await (await pg.open<string>('rounds')).read('someone-elses')).toBeUndefined();
      expect(await everything(pg)).toEqual(await everything(new LowdbStorage(demo)));
    } finally {
      await pg.close();
    }
  });

  it('refuses a folder that does not exist and two folders, and changes nothing', async () => {
    expect((await nianbao('migrate', '--from', path.join(root, 'nope'), '--to', 'postgres://x/y')).code).toBe(
      2,
    );
    const two = await nianbao('migrate', '--from', demo, '--to', path.join(root, 'other'));
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/一个是数据目录、一个是 postgres/);
  });

  it('exits 1 and says so when the target holds fewer than the source after the copy', async () => {
    /** A target that acknowledges every log record but keeps only every other one. */
    class Lossy extends LowdbStorage {
      override async openLog<T>(name: string, keep?: (line: string) => boolean) {
        const opened = await super.openLog<T>(name, keep);
        let n = 0;
        const log: AppendLog<T> = {
          append: (r) => (n++ % 2 ? Promise.resolve() : opened.log.append(r)),
          settle: () => opened.log.settle(),
        };
        return { log, records: opened.records };
      }
    }
    const io = bufferIO();
    const to = path.join(root, 'lossy');
    const code = await migrateBetween(new LowdbStorage(demo), new Lossy(to), io, {
      from: demo,
      to,
      force: false,
    });
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/数量不一致/);
    // The copy kept the 3 claimed lines and lost both done ones: no handled event came along.
    expect(io.stdout).toMatch(/迁移后[^]*^ {2}claims +— +0 +— +—$/m);
  });

  it('refuses a data folder a running bot owns: its data would change during the copy', async () => {
    const owned = path.join(root, 'owned');
    await mkdir(owned);
    const presence = {
      pid: process.pid,
      url: 'http://127.0.0.1:1',
      token: 't',
      startedAt: new Date().toISOString(),
    };
    await writeFile(path.join(owned, PRESENCE_FILE), JSON.stringify(presence));
    const r = await nianbao('migrate', '--from', owned, '--to', 'postgres://127.0.0.1:1/none');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/正由运行中的 nianbao 使用.*请先停止机器人/);
  });
});
