import { createHash, createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { FeishuSettings } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import { startBot, type Bot, type BotOptions } from '../../src/server/bot.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { ChatMessage, EmulatorUser } from '../../src/emulator/types.js';

export const APP_ID = 'cli_a1b2c3d4e5f60718';

/** A pino logger that keeps its lines in memory, so tests can check what was logged. */
export function memoryLogger(): { log: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, lines };
}

export interface Pair {
  emu: Emulator;
  bot: Bot;
  dataDir: string;
  settings: FeishuSettings;
  lines: Array<Record<string, unknown>>;
  log: Logger;
  /** starts the bot again on the same data directory (a restart) */
  restart(extra?: Partial<BotOptions>): Promise<Bot>;
  close(): Promise<void>;
}

/** The real bot (real SDK, real lowdb in a temp dir) wired to the real emulator, on 127.0.0.1. */
export async function startPair(
  o: {
    encryptKey?: string;
    bot?: Partial<BotOptions>;
    dataDir?: string;
    users?: EmulatorUser[];
    /** the emulator's wait for a callback answer (Feishu: 3 s) */
    callbackTimeoutMs?: number;
  } = {},
): Promise<Pair> {
  const dataDir = o.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'nianbao-bot-')));
  const keys = {
    appId: APP_ID,
    appSecret: randomBytes(8).toString('hex'),
    verificationToken: 'vt-' + randomBytes(6).toString('hex'),
    encryptKey: o.encryptKey ?? 'ek-' + randomBytes(6).toString('hex'),
  };
  // Feishu's 3 s and the bot's 2 s answer deadline are kept by their own tests (test/protocol/answer-time,
  // test/server/answer-deadline, slow-contact); here they are generous, so a busy CI machine does not turn a
  // slow answer into 「已收到，正在处理」 or 「机器人暂未响应」 in tests about something else.
  const emu = await startEmulator({
    ...keys,
    port: 0,
    callbackTimeoutMs: o.callbackTimeoutMs ?? 10_000,
    ...(o.users ? { users: o.users } : {}),
  });
  const settings: FeishuSettings = { ...keys, domain: emu.url, mode: 'webhook' };
  const { log, lines } = memoryLogger();
  const options = (extra?: Partial<BotOptions>): BotOptions => ({
    feishu: settings,
    dataDir,
    port: 0,
    log,
    outbox: { baseDelayMs: 20, maxDelayMs: 200 },
    callbackDeadlineMs: 8_000,
    // LibreOffice takes seconds of CPU per approved report; the PDF has its own test (test/render).
    pdf: false,
    ...o.bot,
    ...extra,
  });
  const pair: Pair = {
    emu,
    bot: await startBot(options()),
    dataDir,
    settings,
    lines,
    log,
    async restart(extra) {
      await pair.bot.close();
      pair.bot = await startBot(options(extra));
      emu.setWebhook(pair.bot.webhookUrl);
      return pair.bot;
    },
    async close() {
      await pair.bot.close();
      await emu.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  emu.setWebhook(pair.bot.webhookUrl);
  return pair;
}

export const botMessages = (msgs: ChatMessage[]) => msgs.filter((m) => m.sender === 'bot');

/** Builds a push exactly as Feishu does (mirrors Feishu's own signing, as in the feishu-sign.mjs sample script). */
export function feishuPush(
  plain: object,
  encryptKey: string,
  opts: { nowMs?: number } = {},
): { body: string; headers: Record<string, string> } {
  let body = JSON.stringify(plain);
  if (encryptKey) {
    const key = createHash('sha256').update(encryptKey).digest();
    const iv = randomBytes(16);
    const c = createCipheriv('aes-256-cbc', key, iv);
    const encrypt = Buffer.concat([iv, c.update(JSON.stringify(plain), 'utf8'), c.final()]).toString(
      'base64',
    );
    body = JSON.stringify({ encrypt });
  }
  const timestamp = String(Math.floor((opts.nowMs ?? Date.now()) / 1000));
  const nonce = randomBytes(8).toString('hex');
  const signature = createHash('sha256')
    .update(timestamp + nonce + encryptKey + body)
    .digest('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signature,
    },
  };
}

/** A v2 `im.message.receive_v1` event from a user, like the one Feishu pushes. */
export function messageEvent(
  s: FeishuSettings,
  openId: string,
  text: string,
  eventId = 'ev-' + randomBytes(8).toString('hex'),
) {
  const now = String(Date.now());
  return {
    schema: '2.0',
    header: {
      event_id: eventId,
      event_type: 'im.message.receive_v1',
      create_time: now,
      token: s.verificationToken,
      app_id: s.appId,
      tenant_key: '736588c9260f175d',
    },
    event: {
      sender: { sender_id: { open_id: openId }, sender_type: 'user', tenant_key: '736588c9260f175d' },
      message: {
        message_id: 'om_' + randomBytes(8).toString('hex'),
        create_time: now,
        chat_id: 'oc_' + randomBytes(8).toString('hex'),
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text }),
      },
    },
  };
}

/** POSTs a push to the bot's webhook. */
export async function post(url: string, push: { body: string; headers: Record<string, string> }) {
  const r = await fetch(url, { method: 'POST', headers: push.headers, body: push.body });
  return { status: r.status, text: await r.text() };
}
