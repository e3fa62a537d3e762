/**
 * `nianbao migrate` round trip through what PostgreSQL keeps in tables: a data folder with a queued message, a
 * queued Word file, a dead-lettered message and handled events goes to PostgreSQL, where a bot starting takes
 * the jobs into outbox_jobs (the file's bytes into outbox_files) and the handled events into event_claims, and
 * back to a new folder. The counts agree at each step, the back folder's outbox sends the same jobs (the same
 * uuids, the same file bytes) and a redelivered event is still a duplicate there.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMigrate } from '../../src/cli/migrate-command.js';
import type { FeishuApi } from '../../src/feishu/client.js';
import { Outbox, openOutboxStore, type OutboxItem } from '../../src/feishu/outbox.js';
import { createLogger } from '../../src/logger.js';
import { EventClaims } from '../../storage/event-claims.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { PostgresClaims } from '../../storage/postgres-claims.js';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import { bufferIO } from '../support/buffer-io.js';
import { postgresForTests } from '../support/postgres.js';

const cluster = postgresForTests();
const log = createLogger('silent');
const T0 = Date.UTC(2027, 0, 20, 2, 0);
const now = () => T0 + 60_000;
const WORD = Buffer.from('PK\u0003\u0004 年度报告 docx bytes \u0000\u00ff', 'binary');

/** What a FeishuApi was asked to do; the file's bytes as uploaded. */
function recordingApi() {
  const calls: Array<{ uuid?: string; msgType: string; bytes?: Buffer }> = [];
  const api: FeishuApi = {
    async sendMessage(m) {
      calls.push({ uuid: m.uuid, msgType: m.msgType });
      return { messageId: `om_${calls.length}` };
    },
    patchMessage: () => Promise.reject(new Error('not here')),
    async uploadFile(f) {
      const bytes = f.bytes ?? (await readFile(f.filePath!));
      calls.push({ msgType: 'upload', bytes });
      return { fileKey: 'file_1' };
    },
  };
  return { api, calls };
}

async function migrate(from: string, to: string, ...more: string[]) {
  const io = bufferIO();
  const code = await runMigrate(['--from', from, '--to', to, ...more], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** The rows a count table prints for the kinds counted by content. */
const contentRows = (out: string, title: RegExp) => {
  const table = out.split(/\n(?=\S)/).find((t) => title.test(t)) ?? '';
  return table.split('\n').filter((l) => /^ {2}(outbox|outbox-dead|claims) /.test(l));
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'nianbao-migrate-tables-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

it('moves queued and dead jobs, a queued file and handled events to PostgreSQL tables and back', async () => {
  const from = path.join(root, 'from');
  const storage = new LowdbStorage(from);
  const outbox = await Outbox.open(storage, recordingApi().api, { log, now });
  const sendId = await outbox.sendText('ou_a', '请填写年度报告', 'k-send');
  const word = path.join(from, 'files', 'report.docx');
  await mkdir(path.dirname(word), { recursive: true });
  await writeFile(word, WORD);
  const fileId = await outbox.enqueue(
    {
      kind: 'send-file',
      receiveId: 'ou_b',
      receiveIdType: 'open_id',
      filePath: word,
      fileName: '2026年度报告.docx',
      fileType: 'doc',
    },
    { key: 'k-file' },
  );
  const dead: OutboxItem = {
    id: '00000000-0000-4000-8000-00000000dead',
    job: { kind: 'patch', messageId: 'om_gone', content: '{}' },
    createdAt: T0,
    attempts: 9,
    nextAt: T0,
    firstTriedAt: T0,
    lastError: 'message deleted',
  };
  await (await storage.open<OutboxItem>('outbox-dead')).write(dead.id, dead);
  const claims = await EventClaims.open(storage, { now });
  for (const e of ['ev-a', 'ev-b', 'ev-c']) await claims.claim(e);
  await claims.done('ev-a');
  await claims.done('ev-b');
  await storage.close();

  const url = await cluster.fresh();
  const there = await migrate(from, url);
  expect(there.stderr).toBe('');
  expect(there.code).toBe(0);
  // Counted by what they are: 2 events handled (3 claimed), 2 jobs waiting, 1 dead.
  const counted = contentRows(there.stdout, /迁移前/);
  expect(counted.map((l) => l.trim().split(/ +/))).toEqual([
    ['claims', '—', '2', '—', '—'],
    ['outbox', '—', '2', '—', '—'],
    ['outbox-dead', '—', '1', '—', '—'],
  ]);
  expect(contentRows(there.stdout, /迁移后/)).toEqual(counted);

  // A bot starting on the database takes the jobs and the handled events into its tables.
  const pg = await PostgresStorage.open({ url });
  try {
    await (await Outbox.open(pg, recordingApi().api, { log, now })).stop();
    await (await PostgresClaims.open(pg, { now })).close();
    expect((await pg.collectionNames()).filter((n) => n.startsWith('outbox'))).toEqual([]);
    expect(await pg.listLogs('claims/')).toEqual([]);
  } finally {
    await pg.close();
  }

  const back = path.join(root, 'back');
  const again = await migrate(url, back);
  expect(again.stderr).toBe('');
  expect(again.code).toBe(0);
  expect(contentRows(again.stdout, /迁移前/)).toEqual(counted);
  expect(contentRows(again.stdout, /迁移后/)).toEqual(counted);

  const target = new LowdbStorage(back);
  const queued = new Map(await (await openOutboxStore(target)).entries());
  expect([...queued.keys()].sort()).toEqual([sendId, fileId].sort());
  const fileJob = queued.get(fileId)!.job;
  expect(fileJob.kind === 'send-file' && fileJob.filePath.startsWith(back + path.sep)).toBe(true);
  expect((await (await target.open<OutboxItem>('outbox-dead')).entries()).map(([id]) => id)).toEqual([
    dead.id,
  ]);

  // The folder's outbox sends them: the same uuids (Feishu drops a repeat), the same bytes.
  const feishu = recordingApi();
  const sender = await Outbox.open(target, feishu.api, { log, now });
  await sender.runOnce();
  expect(
    feishu.calls
      .filter((c) => c.uuid)
      .map((c) => c.uuid)
      .sort(),
  ).toEqual([sendId, fileId].sort());
  expect(feishu.calls.find((c) => c.bytes)?.bytes?.equals(WORD)).toBe(true);

  // Handled events are still handled: their redelivery is a duplicate; the one left in flight is handled.
  const after = await EventClaims.open(target, { now });
  expect(await after.claim('ev-a')).toBe(false);
  expect(await after.claim('ev-b')).toBe(false);
  expect(await after.claim('ev-c')).toBe(true);
  await target.close();

  // The database holds jobs and handled events in its tables: data a move must not add to unasked, and that
  // --force replaces (else the jobs and events would be counted twice).
  const refused = await migrate(from, url);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/已有数据/);
  const forced = await migrate(from, url, '--force');
  expect(forced.code).toBe(0);
  expect(contentRows(forced.stdout, /迁移后/)).toEqual(counted);
});
