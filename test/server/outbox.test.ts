import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { startEmulator, type Emulator, type EmulatorUser } from '../../src/emulator/index.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { createFeishuApi, createLarkClient } from '../../src/feishu/client.js';
import { Outbox, type OutboxItem } from '../../src/feishu/outbox.js';
import { Pacer } from '../../src/feishu/pacer.js';
import { APP_ID, memoryLogger, startPair } from './harness.js';

const texts = (emu: Emulator, openId: string) =>
  emu
    .messages(openId)
    .filter((m) => m.sender === 'bot' && m.msg_type === 'text')
    .map((m) => String((m.content as { text?: string }).text));

/** How often each text arrived in the user's chat. */
const counts = (list: string[]) =>
  list.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>());

describe('the outbox against the emulator', () => {
  let emu: Emulator;
  let dir: string;
  const users: EmulatorUser[] = Array.from({ length: 12 }, (_, i) => ({
    open_id: `ou_test${String(i).padStart(2, '0')}aaaaaaaaaaaaaaaaaaaaaaaaa`,
    user_id: `u${i}`,
    union_id: `on_test${i}`,
    name: `用户${i}`,
  }));
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-outbox-'));
    emu = await startEmulator({
      appId: APP_ID,
      appSecret: 's3cret',
      verificationToken: 'vt',
      users,
      port: 0,
    });
  });
  afterEach(async () => {
    await emu.close();
    await rm(dir, { recursive: true, force: true });
  });

  const open = async (now: () => number, log = memoryLogger().log) => {
    const settings = { appId: APP_ID, appSecret: 's3cret', verificationToken: 'vt', encryptKey: '' };
    const api = createFeishuApi(createLarkClient({ ...settings, domain: emu.url, mode: 'webhook' }, log));
    const pacer = new Pacer({ now });
    return Outbox.open(new LowdbStorage(dir), api, { log, now, pacer, random: () => 0.5 });
  };

  it('rides out 60 s of 5xx, 429 and lost answers: every message arrives once, none lost or doubled', async () => {
    let clock = Date.now();
    const box = await open(() => clock);
    const sent: string[] = [];
    for (let i = 0; i < 30; i++) {
      const text = `提醒 ${i}`;
      sent.push(text);
      await box.sendText(users[i % 3].open_id, text);
    }
    emu.setFaults({ error5xxRate: 0.4, rateLimitRate: 0.3, lostResponseRate: 0.2, seed: 42 });
    const start = clock;
    // fake clock: each round jumps to when the next retry is due, so a minute of outage is a few hundred calls
    for (let i = 0; i < 5000 && clock - start < 60_000; i++)
      clock += Math.max(1, (await box.runOnce()) ?? 1000);
    const stillQueued = box.pending();
    emu.setFaults({});
    for (let i = 0; i < 5000 && box.pending() > 0; i++) clock += Math.max(1, (await box.runOnce()) ?? 1);

    expect(stillQueued).toBeGreaterThan(0); // the outage really delayed messages
    expect(box.pending()).toBe(0);
    const got = users.slice(0, 3).flatMap((u) => texts(emu, u.open_id));
    expect(got.sort()).toEqual([...sent].sort());
    expect([...counts(got).values()].every((n) => n === 1)).toBe(true);
    const s = emu.stats();
    expect(s.rejected5xx).toBeGreaterThan(0);
    expect(s.rejected429).toBeGreaterThan(0);
  });

  it('fans out 120 messages to 12 people under Feishu-enforced limits without a single 429', async () => {
    emu.setFaults({ enforceRateLimits: true });
    const box = await open(Date.now);
    for (let i = 0; i < 120; i++) await box.sendText(users[i % 12].open_id, `第 ${i} 条`);
    box.start();
    await box.drained();
    await box.stop();
    expect(emu.stats().rejected429).toBe(0);
    expect(users.reduce((n, u) => n + texts(emu, u.open_id).length, 0)).toBe(120);
  });

  it('dead-letters a permanent error (a person outside the app) and keeps sending the rest', async () => {
    const { log, lines } = memoryLogger();
    const box = await open(Date.now, log);
    await box.sendText('ou_nobody', '发不出去');
    await box.sendText(users[0].open_id, '能收到');
    box.start();
    await box.drained();
    await box.stop();
    expect(texts(emu, users[0].open_id)).toEqual(['能收到']);
    const dead = await (await new LowdbStorage(dir).open<OutboxItem>('outbox-dead')).entries();
    expect(dead).toHaveLength(1);
    expect(dead[0][1].lastError).toContain('230013');
    expect(lines.some((l) => l.msg === 'outbox item dead-lettered')).toBe(true);
  });
});

describe('the outbox across a restart', () => {
  it('sends each queued message exactly once, also those sent just before a crash', async () => {
    const p = await startPair({ bot: { startOutbox: false } });
    try {
      const user = DEMO.filler.open_id;
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await p.bot.outbox.sendText(user, `待发 ${i}`));
      // the crash case: two were sent, but the process died before marking them done
      for (const id of ids.slice(0, 2)) {
        const i = ids.indexOf(id);
        await p.bot.api.sendMessage({
          receiveId: user,
          receiveIdType: 'open_id',
          msgType: 'text',
          content: JSON.stringify({ text: `待发 ${i}` }),
          uuid: id,
        });
      }
      expect(p.bot.outbox.pending()).toBe(6);
      const bot = await p.restart({ startOutbox: true });
      await bot.outbox.drained();
      const got = texts(p.emu, user);
      expect(got.sort()).toEqual(ids.map((_, i) => `待发 ${i}`));
    } finally {
      await p.close();
    }
  });
});

describe('the whole bot while Feishu misbehaves', () => {
  it('answers every chat message exactly once through 5xx, 429 and lost answers', async () => {
    const p = await startPair();
    try {
      const people = [DEMO.filler.open_id, DEMO.filler2.open_id];
      p.emu.setFaults({ error5xxRate: 0.3, rateLimitRate: 0.2, lostResponseRate: 0.3, seed: 3 });
      for (let i = 0; i < 4; i++)
        for (const u of people) await p.emu.sendText(u, i % 2 ? '帮助' : `问题 ${i}`);
      for (const u of people) {
        await p.emu.waitForMessages(u, (m) => m.filter((x) => x.sender === 'bot').length >= 4, 20_000);
      }
      await p.bot.outbox.drained();
      p.emu.setFaults({});
      const s = p.emu.stats();
      expect(s.rejected5xx + s.rejected429).toBeGreaterThan(0);
      for (const u of people) {
        const answers = p.emu.messages(u).filter((m) => m.sender === 'bot');
        expect(answers).toHaveLength(4);
        // each answer replies to a different message (a lost answer retried with its uuid is not sent again)
        expect(new Set(answers.map((a) => JSON.stringify(a.content))).size).toBe(3);
      }
    } finally {
      await p.close();
    }
  });
});
