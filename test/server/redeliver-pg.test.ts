/**
 * Two bot processes' worth of bots on one PostgreSQL and the emulator (issue 13 item 2): a card tap Feishu
 * redelivers to the other process is handled once and answered the same there, from the claims the database
 * keeps; a claim left in flight by a process that died is taken over.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { startBot, type Bot } from '../../src/server/bot.js';
import { cardPush } from '../protocol/events.js';
import { postgresForTests } from '../support/postgres.js';
import {
  botMessages,
  feishuPush,
  memoryLogger,
  messageEvent,
  post,
  startPair,
  type Pair,
} from './harness.js';

const cluster = postgresForTests();
let url: string;
let pair: Pair;
let bot2: Bot;
let dir2: string;
const logs2 = memoryLogger();

/** The handler's own log line: one per time a card action is really handled, in whichever process. */
const handled = (lines: Array<Record<string, unknown>>, eventId: string) =>
  lines.filter((l) => l.msg === 'card action' && l.event_id === eventId).length;

/** A 刷新帮助 tap as Feishu signs and encrypts it: its answer is the person's help card. */
function helpTap() {
  const plain = cardPush(pair.settings, { value: { action: 'help' } }, { openId: DEMO.admin.open_id });
  return { eventId: plain.header.event_id, push: feishuPush(plain, pair.settings.encryptKey) };
}

beforeAll(async () => {
  url = await cluster.fresh();
  pair = await startPair({ bot: { databaseUrl: url, startReminders: false } });
  dir2 = await mkdtemp(path.join(tmpdir(), 'nianbao-bot2-'));
  bot2 = await startBot({
    feishu: pair.settings,
    dataDir: dir2,
    databaseUrl: url,
    port: 0,
    log: logs2.log,
    outbox: { baseDelayMs: 20, maxDelayMs: 200 },
    callbackDeadlineMs: 8_000,
    startReminders: false,
    pdf: false,
  });
});
afterAll(async () => {
  await bot2?.close();
  await pair?.close();
  if (dir2) await rm(dir2, { recursive: true, force: true });
});

describe('a card tap redelivered to another bot process on the same PostgreSQL', () => {
  it('is handled once, and the second process answers with the first answer', async () => {
    const { eventId, push } = helpTap();
    const first = await post(pair.bot.webhookUrl, push);
    const again = await post(bot2.webhookUrl, push);
    expect(first.status).toBe(200);
    const answer = JSON.parse(first.text) as { card?: { data?: unknown } };
    expect(JSON.stringify(answer.card?.data)).toContain('年报助手');
    expect(JSON.parse(again.text)).toEqual(answer);
    expect(handled(pair.lines, eventId) + handled(logs2.lines, eventId)).toBe(1);
    expect(logs2.lines.some((l) => l.msg === 'duplicate delivery answered with the stored answer')).toBe(
      true,
    );
  });

  it('is handled once when both processes get it at the same time, both answering alike', async () => {
    const { eventId, push } = helpTap();
    const [one, two] = await Promise.all([post(pair.bot.webhookUrl, push), post(bot2.webhookUrl, push)]);
    expect(JSON.parse(two.text)).toEqual(JSON.parse(one.text));
    expect(JSON.stringify(JSON.parse(one.text))).toContain('年报助手');
    expect(handled(pair.lines, eventId) + handled(logs2.lines, eventId)).toBe(1);
  });

  it('is handled at once when the process that claimed it died before answering', async () => {
    const { eventId, push } = helpTap();
    // What a kill -9 leaves: the claim in flight, owned by a process no connection of the database names.
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO event_claims (event_id, state, owner, at) VALUES ($1, 'in-flight', 'nianbao-4242-deadbeef', now())`,
        [eventId],
      );
    } finally {
      await db.end();
    }
    const started = Date.now();
    const r = await post(bot2.webhookUrl, push);
    // Not the 8 s a live owner is waited for, nor its 「正在处理」 toast: the tap itself is handled.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(JSON.stringify(JSON.parse(r.text))).toContain('年报助手');
    expect(handled(logs2.lines, eventId)).toBe(1);
  });
});

describe('a chat message redelivered to another bot process while the first is handling it', () => {
  it('waits for that process, and handles the message itself when that process dies meanwhile', async () => {
    const user = DEMO.filler.open_id;
    const event = messageEvent(pair.settings, user, '帮助');
    const eventId = event.header.event_id;
    // A live first process: its claim in flight, its presence connection open.
    const first = new pg.Client({ connectionString: url });
    await first.connect();
    await first.query("SELECT set_config('application_name', 'nianbao-4243-c0ffee', false)");
    await first.query(
      `INSERT INTO event_claims (event_id, state, owner, at) VALUES ($1, 'in-flight', 'nianbao-4243-c0ffee', now())`,
      [eventId],
    );
    const answered = post(bot2.webhookUrl, feishuPush(event, pair.settings.encryptKey));
    await new Promise((r) => setTimeout(r, 150));
    // Still waiting: acknowledged now, the message would be lost with the first process.
    expect(botMessages(pair.emu.messages(user))).toHaveLength(0);
    await first.end(); // what kill -9 does to its connection
    expect((await answered).status).toBe(200);
    const msgs = await pair.emu.waitForMessages(user, (m) => botMessages(m).length === 1, 10_000);
    expect(JSON.stringify(botMessages(msgs)[0].content)).toContain('年报助手');
    expect(
      logs2.lines.filter((l) => l.event_id === eventId && l.msg === 'duplicate delivery ignored'),
    ).toEqual([]);
  });
});
