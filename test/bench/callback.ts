/**
 * Card-callback latency at 1, 50 and 500 concurrent callbacks, p50/p99 of three columns: the bot answering the
 * cheap `help` button, the bot answering the real filling submit (表二 step of a round of 500 units, each
 * submit by that unit's own filler: checked, saved to that report's lowdb file, next card built), and a bare
 * express route behind the same SDK verification that returns a constant card. Feishu gives a callback 3 s
 * (design.md target: far inside it, also when 500 people submit at once on 31 January). Every submit must come
 * back with a success toast; a stale-version toast would mean the bench lost track of a report's version.
 * Loopback only, bounded rounds, every request has a timeout.
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
import { DEMO, DEMO_USERS } from '../../src/emulator/demo-tenant.js';
import { startBot } from '../../src/server/bot.js';
import { sdkLogger } from '../../src/logger.js';
import { APP_ID, feishuPush } from '../server/harness.js';
import { benchRound, seedRound, submitValue, table2Form, type BenchRound } from './callback-round.js';

/** units in the seeded round = the most concurrent submits (one per report, as on the deadline day) */
const UNITS = 500;
/** a callback slower than this counts as failed (Feishu gives up at 3 s; the bench must not hang) */
const REQUEST_TIMEOUT_MS = 10_000;
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

interface Tap {
  openId: string;
  value: Record<string, unknown>;
  form?: Record<string, string>;
}

const HELP: Tap = { openId: DEMO.filler.open_id, value: { action: 'help' } };

function callbackPush(tap: Tap) {
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
        operator: { open_id: tap.openId, tenant_key: '736588c9260f175d' },
        token: 'c-' + randomBytes(20).toString('hex'),
        action: tap.form
          ? { tag: 'button', name: 'submit', value: tap.value, form_value: tap.form }
          : { tag: 'button', value: tap.value },
        host: 'im_message',
        context: { open_message_id: 'om_' + randomBytes(16).toString('hex'), open_chat_id: 'oc_bench' },
      },
    },
    keys.encryptKey,
  );
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface Answer {
  ok: boolean;
  toast?: { type?: string; content?: string };
}

interface Result {
  p50: number;
  p99: number;
  n: number;
  /** no answer in time, HTTP error, or no card */
  failed: number;
  /** answers whose toast is not the expected success (only counted when `expectSuccess`) */
  unexpected: number;
  toasts: Map<string, number>;
}

/**
 * `concurrency` callbacks at once, `rounds` times; `tapOf(round, i)` says who taps what. `settle` hears each
 * answer (the submit bench advances the filler's version on success).
 */
async function measure(
  url: string,
  concurrency: number,
  rounds: number,
  tapOf: (round: number, i: number) => Tap = () => HELP,
  o: { expectSuccess?: boolean; settle?: (tap: Tap, answer: Answer) => void } = {},
): Promise<Result> {
  const times: number[] = [];
  const toasts = new Map<string, number>();
  let failed = 0;
  let unexpected = 0;
  for (let r = 0; r < rounds; r++) {
    const taps = Array.from({ length: concurrency }, (_, i) => tapOf(r, i));
    // Bodies are encrypted and signed before the clock starts: that is Feishu's work, not the bot's.
    const pushes = taps.map(callbackPush);
    await Promise.all(
      pushes.map(async (push, i) => {
        const t0 = performance.now();
        let answer: Answer = { ok: false };
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: push.headers,
            body: push.body,
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const body = (await res.json()) as { card?: unknown; toast?: Answer['toast'] };
          answer = { ok: res.ok && !!body.card, ...(body.toast ? { toast: body.toast } : {}) };
        } catch {
          // a timeout or a dropped connection: counted below
        }
        times.push(performance.now() - t0);
        if (!answer.ok) failed++;
        if (answer.toast) {
          const key = `${answer.toast.type}: ${answer.toast.content}`;
          toasts.set(key, (toasts.get(key) ?? 0) + 1);
        }
        if (o.expectSuccess && answer.ok && answer.toast?.type !== 'success') unexpected++;
        o.settle?.(taps[i], answer);
      }),
    );
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99), n: times.length, failed, unexpected, toasts };
}

/**
 * The real submits: fillers in turn, each submitting their 表二 step at the version their last answered card
 * showed. Within a round every tap is a different filler (concurrency ≤ UNITS), so no two race on one report.
 */
function submitBench(seeded: BenchRound) {
  const version = new Map(seeded.fillers.map((f) => [f.unit_id, 0]));
  let turn = 0;
  const tapOf = (): Tap => {
    const f = seeded.fillers[turn++ % seeded.fillers.length];
    const v = version.get(f.unit_id)!;
    return { openId: f.open_id, value: submitValue(seeded.round_id, f.unit_id, v), form: table2Form(v) };
  };
  const settle = (tap: Tap, answer: Answer) => {
    // A save that changes an answer bumps section 二's version by one (submit-step.ts): the next card has it.
    if (answer.ok && answer.toast?.type === 'success') {
      const unit = tap.value.unit_id as string;
      version.set(unit, version.get(unit)! + 1);
    }
  };
  return (url: string, concurrency: number, rounds: number) =>
    measure(url, concurrency, rounds, tapOf, { expectSuccess: true, settle });
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
  // Seeded before the bot opens the directory, like a round an admin created earlier.
  const { round, users } = benchRound(UNITS);
  const seeded = await seedRound(dataDir, round);
  // The tenant knows every filler, so no name lookup ever waits for a fallback.
  const emu = await startEmulator({ ...keys, port: 0, users: [...DEMO_USERS, ...users] });
  const bot = await startBot({
    feishu: { ...keys, domain: emu.url, mode: 'webhook' },
    dataDir,
    port: 0,
    log,
    // Reminders to 500 fillers would load the bot at whatever moment they fall due; this run measures callbacks.
    startReminders: false,
  });
  const bare = await bareServer();
  console.log(JSON.stringify({ bot: bot.webhookUrl, bare: bare.url, seeded }));
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

const f = (x: number) => x.toFixed(1).padStart(7);
const ratio = (a: number, b: number) => (a / b).toFixed(1).padStart(5);

async function main() {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], {
    env: { ...process.env, BENCH_KEYS: JSON.stringify(keys) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (c) => reject(new Error(`server process exited (${c})`)));
  });
  const { bot, bare, seeded } = JSON.parse(first) as { bot: string; bare: string; seeded: BenchRound };
  const submit = submitBench(seeded);
  const toasts = new Map<string, number>();
  const addToasts = (r: Result) => r.toasts.forEach((n, k) => toasts.set(k, (toasts.get(k) ?? 0) + n));
  try {
    // Warm-up: JIT, connection pool, and one submit per filler, so every measured save rewrites an existing
    // report file (by 31 January every report has a draft).
    await measure(bot, 20, 3);
    await measure(bare, 20, 3);
    const warm = await submit(bot, 50, UNITS / 50);
    addToasts(warm);
    console.log(
      `card callback latency on 127.0.0.1 (ms); ${UNITS} units seeded, warm-up submits: ${warm.n}, ` +
        `failed ${warm.failed}, non-success toasts ${warm.unexpected}`,
    );
    console.log(
      'concurrency  n     help p50/p99       submit_step p50/p99   bare p50/p99      submit/bare  help/bare   failed  non-success',
    );
    for (const { concurrency, rounds } of LEVELS) {
      const h = await measure(bot, concurrency, rounds);
      const s = await submit(bot, concurrency, rounds);
      const b = await measure(bare, concurrency, rounds);
      addToasts(s);
      console.log(
        `${String(concurrency).padStart(11)}  ${String(s.n).padEnd(4)}  ${f(h.p50)} / ${f(h.p99)}  ${f(s.p50)} / ${f(s.p99)}     ` +
          `${f(b.p50)} / ${f(b.p99)}  ${ratio(s.p50, b.p50)} /${ratio(s.p99, b.p99)}  ${ratio(h.p50, b.p50)} /${ratio(h.p99, b.p99)}  ` +
          `${String(h.failed + s.failed + b.failed).padStart(6)}  ${String(s.unexpected).padStart(11)}`,
      );
    }
    console.log('ratios: p50 / p99; failed: no answer in 10 s, HTTP error or no card (all three columns);');
    console.log('non-success: submit_step answers whose toast is not a success. Submit toasts seen:');
    for (const [toast, n] of [...toasts].sort((x, y) => y[1] - x[1])) console.log(`  ${n} × ${toast}`);
  } finally {
    child.stdin!.end();
    await new Promise((r) => child.once('exit', r));
  }
}

(process.argv.includes('--serve') ? serve() : main()).catch((e: unknown) => {
  console.error('bench failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
