import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import type { FeishuSettings } from '../../src/config.js';
import { startBot, type Bot, type BotOptions } from '../../src/server/bot.js';
import { memoryLogger } from '../server/harness.js';

/** One Open API call the bot made, as the fake server saw it. */
export interface ApiCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
}

/**
 * A recording Open API on 127.0.0.1: unlike the emulator it knows any open_id and group chat, so pushes built
 * from Feishu's own samples (users the emulator has never heard of, group chats) can be answered and inspected.
 */
export async function startFakeOpenApi() {
  const calls: ApiCall[] = [];
  let seq = 0;
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  app.post('/open-apis/auth/v3/tenant_access_token/internal', (_req, res) => {
    res.json({ code: 0, msg: 'ok', tenant_access_token: 't-fake', expire: 7200 });
  });
  app.use('/open-apis', (req, res) => {
    calls.push({ method: req.method, path: req.path, query: req.query, body: req.body ?? {} });
    if (req.path.startsWith('/contact/'))
      return res.json({ code: 0, msg: 'success', data: { user: { name: '测试用户' } } });
    res.json({ code: 0, msg: 'success', data: { message_id: `om_fake_${++seq}` } });
  });
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const messageCalls = () => calls.filter((c) => c.path.startsWith('/im/v1/messages'));
  return {
    url,
    calls,
    messageCalls,
    /** bounded wait until `n` message calls were made */
    async waitForMessages(n: number, timeoutMs = 10_000): Promise<ApiCall[]> {
      const end = Date.now() + timeoutMs;
      while (messageCalls().length < n) {
        if (Date.now() > end)
          throw new Error(`expected ${n} message calls, got ${JSON.stringify(messageCalls())}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messageCalls();
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export type FakeOpenApi = Awaited<ReturnType<typeof startFakeOpenApi>>;

/** The real bot (startBot) in a temp data dir, talking to a fake Open API. */
export async function startProtocolBot(
  keys: { appId: string; verificationToken: string; encryptKey: string },
  extra: Partial<BotOptions> = {},
) {
  const api = await startFakeOpenApi();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-protocol-'));
  const settings: FeishuSettings = { ...keys, appSecret: 'secret', domain: api.url, mode: 'webhook' };
  const { log, lines } = memoryLogger();
  const bot: Bot = await startBot({
    feishu: settings,
    dataDir,
    port: 0,
    log,
    startReminders: false,
    outbox: { baseDelayMs: 20, maxDelayMs: 200 },
    ...extra,
  });
  return {
    api,
    bot,
    settings,
    lines,
    async close() {
      await bot.close();
      await api.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type ProtocolBot = Awaited<ReturnType<typeof startProtocolBot>>;

/** POSTs raw bytes with the given headers to the bot's webhook; the parsed answer (or text) comes back. */
export async function push(url: string, body: string, headers: Record<string, string>) {
  const r = await fetch(url, { method: 'POST', headers, body });
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, text, json };
}
