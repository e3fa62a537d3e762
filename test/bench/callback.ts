/**
 * Card-callback latency of the bot vs a bare express route behind the same SDK verification that returns a
 * constant card: p50/p99 at 1, 50 and 500 concurrent callbacks. Feishu gives a callback 3 s (design.md target:
 * far inside it, also when 500 people submit at once). Loopback only, bounded rounds.
 *
 *   npm run bench:callback
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import express from 'express';
import { pino } from 'pino';
import { cardResponse } from '../../cards/callback-response.js';
import { helpCard } from '../../cards/help.js';
import { startEmulator } from '../../src/emulator/index.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { startBot } from '../../src/server/bot.js';
import { sdkLogger } from '../../src/logger.js';
import { APP_ID, feishuPush } from '../server/harness.js';

const LEVELS: Array<{ concurrency: number; rounds: number }> = [
  { concurrency: 1, rounds: 300 },
  { concurrency: 50, rounds: 12 },
  { concurrency: 500, rounds: 4 },
];

type Keys = { appId: string; appSecret: string; verificationToken: string; encryptKey: string };
const keys: Keys = process.env.BENCH_KEYS
  ? (JSON.parse(process.env.BENCH_KEYS) as Keys)
  : {
      appId: APP_ID,
      appSecret: randomBytes(8).toString('hex'),
      verificationToken: randomBytes(8).toString('hex'),
      encryptKey: randomBytes(16).toString('hex'),
    };
// Real logging cost (info level), written nowhere.
const log = pino({ level: 'info' }, { write: () => undefined });

function callbackPush() {
  const now = Date.now();
  return feishuPush(
    {
      schema: '2.0',
      header: {
        event_id: randomBytes(16).toString('hex'),
        event_type: 'card.action.trigger',
        create_time: String(now * 1000),
        token: keys.verificationToken,
        app_id: keys.appId,
        tenant_key: '736588c9260f175d',
      },
      event: {
        operator: {
          open_id: DEMO.filler.open_id,
          user_id: DEMO.filler.user_id,
          tenant_key: '736588c9260f175d',
        },
        token: 'c-' + randomBytes(20).toString('hex'),
        action: { tag: 'button', value: { action: 'help' } },
        host: 'im_message',
        context: { open_message_id: 'om_' + randomBytes(16).toString('hex'), open_chat_id: 'oc_bench' },
      },
    },
    keys.encryptKey,
  );
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(url: string, concurrency: number, rounds: number) {
  const times: number[] = [];
  let failed = 0;
  for (let r = 0; r < rounds; r++) {
    // Bodies are encrypted and signed before the clock starts: that is Feishu's work, not the bot's.
    const pushes = Array.from({ length: concurrency }, callbackPush);
    await Promise.all(
      pushes.map(async (push) => {
        const t0 = performance.now();
        const res = await fetch(url, { method: 'POST', headers: push.headers, body: push.body });
        const body = (await res.json()) as { card?: unknown };
        times.push(performance.now() - t0);
        if (!res.ok || !body.card) failed++;
      }),
    );
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99), n: times.length, failed };
}

async function bareServer(): Promise<{ url: string; server: Server }> {
  const constant = cardResponse(helpCard());
  const dispatcher = new lark.EventDispatcher({
    encryptKey: keys.encryptKey,
    verificationToken: keys.verificationToken,
    logger: sdkLogger(log),
  }).register({ 'card.action.trigger': async () => constant } as Record<string, () => Promise<unknown>>);
  const app = express();
  app.post(
    '/feishu/events',
    express.json({ limit: '1mb' }),
    lark.adaptExpress(dispatcher, { autoChallenge: true }),
  );
  const server = await new Promise<Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feishu/events`, server };
}

/** Child process: both servers, so the load generator does not share their event loop. */
async function serve() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-bench-'));
  const emu = await startEmulator({ ...keys, port: 0 });
  const bot = await startBot({
    feishu: { ...keys, domain: emu.url, mode: 'webhook' },
    dataDir,
    port: 0,
    log,
  });
  const bare = await bareServer();
  console.log(JSON.stringify({ bot: bot.webhookUrl, bare: bare.url }));
  // stdin closing (the parent finished or died) stops the servers: nothing outlives the bench
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await bot.close();
    await emu.close();
    bare.server.closeAllConnections();
    await new Promise((r) => bare.server.close(r));
    await rm(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
}

async function main() {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], {
    env: { ...process.env, BENCH_KEYS: JSON.stringify(keys) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (c) => reject(new Error(`server process exited (${c})`)));
  });
  const urls = JSON.parse(first) as { bot: string; bare: string };
  const bot = { webhookUrl: urls.bot };
  const bare = { url: urls.bare };
  try {
    // warm-up: JIT, first lowdb files, connection pool
    await measure(bot.webhookUrl, 20, 3);
    await measure(bare.url, 20, 3);
    console.log('card callback latency on 127.0.0.1 (ms): nianbao vs bare express + SDK verification');
    console.log('concurrency  n      nianbao p50/p99      bare p50/p99        ratio p50/p99  failed');
    for (const { concurrency, rounds } of LEVELS) {
      const a = await measure(bot.webhookUrl, concurrency, rounds);
      const b = await measure(bare.url, concurrency, rounds);
      const f = (x: number) => x.toFixed(1).padStart(7);
      console.log(
        `${String(concurrency).padStart(11)}  ${String(a.n).padEnd(5)}  ${f(a.p50)} / ${f(a.p99)}   ${f(b.p50)} / ${f(b.p99)}   ` +
          `${(a.p50 / b.p50).toFixed(2).padStart(5)} / ${(a.p99 / b.p99).toFixed(2).padEnd(5)}  ${a.failed + b.failed}`,
      );
    }
  } finally {
    child.stdin!.end();
    await new Promise((r) => child.once('exit', r));
  }
}

(process.argv.includes('--serve') ? serve() : main()).catch((e: unknown) => {
  console.error('bench failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
