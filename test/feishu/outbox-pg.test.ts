/**
 * The outbox shared through PostgreSQL: two Outbox instances on two PostgresStorages (each with its own pool,
 * as two processes have) against the emulator with the real SDK and Feishu's limits enforced.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import { startEmulator, type Emulator, type EmulatorUser } from '../../src/emulator/index.js';
import { createFeishuApi, createLarkClient, type FeishuApi } from '../../src/feishu/client.js';
import { Outbox, openOutboxStore } from '../../src/feishu/outbox.js';
import { postgresForTests } from '../support/postgres.js';
import { APP_ID, memoryLogger } from '../server/harness.js';

const cluster = postgresForTests();
const users: EmulatorUser[] = Array.from({ length: 45 }, (_, i) => ({
  open_id: `ou_pg${String(i).padStart(2, '0')}aaaaaaaaaaaaaaaaaaaaaaaaaaa`,
  user_id: `pg${i}`,
  union_id: `on_pg${i}`,
  name: `用户${i}`,
}));

/** Polls `ok` every 20 ms for at most `ms`. */
async function until(ok: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  for (let i = 0; i < ms / 20; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}

/** The bot texts each person got that match `which`, and how often. */
function received(emu: Emulator, people: EmulatorUser[], which: RegExp): Map<string, number> {
  const seen = new Map<string, number>();
  for (const u of people)
    for (const m of emu.messages(u.open_id).filter((x) => x.sender === 'bot')) {
      const text = String((m.content as { text?: string }).text);
      if (which.test(text)) seen.set(`${u.open_id}:${text}`, (seen.get(`${u.open_id}:${text}`) ?? 0) + 1);
    }
  return seen;
}

describe('the outbox shared by two processes on one PostgreSQL', () => {
  let emu: Emulator;
  let url: string;
  let admin: pg.Pool;
  const opened: Array<{ box: Outbox; storage: PostgresStorage }> = [];
  /** sends held forever by a "dead" process, failed at the end so its worker can be stopped */
  const gates: Array<(e: Error) => void> = [];
  beforeAll(async () => {
    url = await cluster.fresh();
    // migrated once here: each case's storages then open as a restarted process does
    await (await PostgresStorage.open({ url })).close();
    admin = new pg.Pool({ connectionString: url, max: 2 });
    emu = await startEmulator({
      appId: APP_ID,
      appSecret: 's3cret',
      verificationToken: 'vt',
      users,
      port: 0,
    });
  });
  afterAll(async () => {
    await emu.close();
    await admin.end();
  });
  beforeEach(async () => {
    emu.setFaults({ enforceRateLimits: true });
  });
  afterEach(async () => {
    for (const no of gates.splice(0)) no(new Error('the process is gone'));
    for (const { box, storage } of opened.splice(0)) {
      await box.stop();
      if (!storage.pool.ending) await storage.close();
    }
    await admin.query('DELETE FROM outbox_jobs');
  });

  /** A process: its own storage (pool), SDK client and outbox; `wrap` sees its Feishu calls. */
  async function startProcess(wrap: (api: FeishuApi) => FeishuApi = (a) => a) {
    const storage = await PostgresStorage.open({ url, poolMax: 4 });
    const { log } = memoryLogger();
    const settings = { appId: APP_ID, appSecret: 's3cret', verificationToken: 'vt', encryptKey: '' };
    const real = createFeishuApi(createLarkClient({ ...settings, domain: emu.url, mode: 'webhook' }, log));
    let calls = 0;
    const api = wrap({
      sendMessage: (m) => (calls++, real.sendMessage(m)),
      patchMessage: (id, c) => (calls++, real.patchMessage(id, c)),
      uploadFile: (f) => (calls++, real.uploadFile(f)),
    });
    const box = await Outbox.open(storage, api, {
      log,
      baseDelayMs: 20,
      maxDelayMs: 200,
      leaseMs: 600,
      senderRetryMs: 100,
    });
    opened.push({ box, storage });
    return { box, storage, calls: () => calls };
  }

  it('sends jobs queued in either process once, by one of them, and a key queued again later not at all', async () => {
    const a = await startProcess();
    const b = await startProcess();
    a.box.start();
    b.box.start();
    const people = users.slice(0, 20);
    const queue = (first: typeof a, second: typeof a) =>
      Promise.all(
        people.map((u, i) => (i % 2 ? first : second).box.sendText(u.open_id, `第 ${i} 条`, `t1:${i}`)),
      );
    await queue(a, b);
    await a.box.drained();
    const got = received(emu, people, /^第/);
    expect(got.size).toBe(20);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
    expect([a.box.sending(), b.box.sending()].filter(Boolean)).toHaveLength(1);
    expect(Math.min(a.calls(), b.calls())).toBe(0);

    // The same keys again, each from the other process (an event handled twice, a reminder re-queued): no-ops.
    await queue(b, a);
    await b.box.drained();
    expect(received(emu, people, /^第/)).toEqual(got);
    expect(a.calls() + b.calls()).toBe(20);
  });

  it('loses nothing when the sender dies with calls in flight, and the two stay within 50/s together', async () => {
    // The first sender's last 5 calls reach Feishu, then their answers never come back: it "died" with them.
    const a = await startProcess((api) => ({
      ...api,
      sendMessage: async (m) => {
        const r = await api.sendMessage(m);
        if (/^甲 2[5-9]$/.test(JSON.parse(m.content).text))
          await new Promise<void>((_, no) => gates.push(no));
        return r;
      },
    }));
    const b = await startProcess();
    const people = users.slice(0, 30);
    const rejected = emu.stats().rejected429;
    // Queued before it sends, so its two batches (20 and 10) go at once (a worker waits for its whole batch).
    for (let i = 0; i < 30; i++) await a.box.sendText(users[i].open_id, `甲 ${i}`, `t2:a${i}`);
    a.box.start();
    await until(() => a.box.sending());
    b.box.start();
    await until(() => gates.length === 5);
    // Death: its connections go (the lock with them); its hanging sends never finish.
    await a.storage.pool.end();
    await until(() => b.box.sending());
    // 30 calls landed a moment ago: without counting them the new sender would send 5 + 30 more at once
    // (and 6 to each of 6 people, counting A's).
    await Promise.all(people.map((_, i) => b.box.sendText(people[i % 6].open_id, `乙 ${i}`, `t2:b${i}`)));
    await b.box.drained();
    const got = received(emu, users, /^[甲乙]/);
    expect(got.size).toBe(60);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
    expect(emu.stats().rejected429 - rejected).toBe(0);
    // the 30 new ones and at least the 5 whose answers were lost, again under their uuids (a call answered as
    // it died but not yet marked sent goes again too: Feishu's uuid makes it one message)
    expect(b.calls()).toBeGreaterThanOrEqual(35);
  });

  it('sends a job queued inside a locked section only once the section commits, and never if it fails', async () => {
    const a = await startProcess();
    a.box.start();
    await until(() => a.box.sending());
    const to = users[2].open_id;
    const sent = () => received(emu, [users[2]], /^事务/);
    await expect(
      a.storage.lock('report/r1/u1', async () => {
        await a.box.sendText(to, '事务回滚');
        throw new Error('the draft could not be saved');
      }),
    ).rejects.toThrow('the draft could not be saved');
    await new Promise((r) => setTimeout(r, 100)); // the worker woken by it has gone idle again
    await a.storage.lock('report/r1/u1', async () => {
      await a.box.sendText(to, '事务提交');
      // The sender (this very process) must not see it before the commit: its worker runs outside the section.
      await new Promise((r) => setTimeout(r, 100));
      expect(sent().size).toBe(0);
    });
    await a.box.drained();
    expect([...sent().keys()]).toEqual([`${to}:事务提交`]);
  });

  it('sends the jobs a data directory queued, copied into the database as collections by nianbao migrate', async () => {
    const copied = await PostgresStorage.open({ url });
    const job = {
      kind: 'send',
      receiveId: users[1].open_id,
      receiveIdType: 'open_id',
      msgType: 'text',
    } as const;
    const at = Date.now();
    await (
      await openOutboxStore(copied)
    ).write('5e2c8a4e-0000-4000-8000-000000000001', {
      id: '5e2c8a4e-0000-4000-8000-000000000001',
      job: { ...job, content: JSON.stringify({ text: '迁移前排队的通知' }) },
      createdAt: at,
      attempts: 0,
      nextAt: at,
    });
    await copied.close();
    const a = await startProcess();
    a.box.start();
    await a.box.drained();
    expect([...received(emu, [users[1]], /^迁移前/).values()]).toEqual([1]);
    expect(await a.storage.list('outbox/')).toEqual([]);
  });

  it('delivers a file queued by a process that is not the sender, from the bytes in the database', async () => {
    const a = await startProcess();
    a.box.start();
    await until(() => a.box.sending());
    const b = await startProcess();
    b.box.start();
    const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-pg-file-'));
    const file = path.join(dir, 'report.doc');
    const bytes = Buffer.from('PK\u0003\u0004 年度报告 bytes');
    await writeFile(file, bytes);
    await b.box.enqueue({
      kind: 'send-file',
      receiveId: users[0].open_id,
      receiveIdType: 'open_id',
      filePath: file,
      fileName: '2026年政府信息公开工作年度报告.doc',
      fileType: 'doc',
    });
    // The sender has no access to this folder (another machine): only the database's copy can be sent.
    await rm(dir, { recursive: true, force: true });
    await b.box.drained();
    const [msg] = emu.messages(users[0].open_id).filter((m) => m.msg_type === 'file');
    const key = (msg.content as { file_key: string }).file_key;
    const got = Buffer.from(await (await fetch(`${emu.url}/api/files/${key}`)).arrayBuffer());
    expect(got.equals(bytes)).toBe(true);
    expect(b.calls()).toBe(0);
    const left = await admin.query('SELECT count(*)::int AS n FROM outbox_files');
    expect(left.rows[0].n).toBe(0);
  });
});
