/**
 * Card-callback latency, lowdb and PostgreSQL side by side (issue 13), at 10 and at 5,000 reports (units of the
 * seeded round), p50/p99 of three columns: the bot answering the cheap `help` button, the bot answering the
 * real filling submit (表二 step, each submit by that unit's own filler: checked, saved to that report, next
 * card built), and a bare express route behind the same SDK verification that returns a constant card,
 * measured in the same run at the same concurrency. Concurrency: 1 and 10 at 10 reports, 1, 50 and 500 at
 * 5,000; within a round every submit is a different report's filler (never two on one report). Feishu gives a
 * callback 3 s (design.md target: far inside it, also when 500 people submit at once on 31 January).
 *
 * Each bot runs in its own child process (with its emulator), the bare route in another, so the load
 * generator shares no event loop with them; for each count the lowdb and the PostgreSQL bot run side by side
 * and are measured in turn, row by row. PostgreSQL is one throwaway cluster for the whole run
 * (test/support/postgres.ts), a fresh schema per count, stopped at the end, also on failure or Ctrl-C; when it
 * cannot start or its bot fails, the lowdb column is still measured and the run exits 1 saying why.
 *
 * The round is seeded with one save; a report is created by its filler's first submit. The warm-up gives every
 * filler the measured submits use (the 500 first at 5,000 reports) a report, timing those first submits
 * apart, so every measured save rewrites an existing report (by 31 January every report has one). Every
 * submit must come back with a success toast, or with the bot's deadline answer 「已收到，正在处理」 (counted
 * apart, like answers later than Feishu's 3 s); a stale-version toast would mean the bench lost track of a
 * report's version. Loopback only, bounded rounds, every request and every child start has a timeout.
 *
 *   npm run bench:callback
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
import { freshSchema, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { benchRound, seedRound, submitValue, table2Form, type BenchRound } from './callback-round.js';

interface Level {
  concurrency: number;
  rounds: number;
}
/**
 * Reports in the seeded round, and the levels measured there. Rounds are fewer than the 500-unit bench had
 * (300 / 12 / 4) because each level is now measured five times (help and submit on two backends, and bare):
 * the whole run stays near 5 minutes on 2 shared cores.
 */
const COUNTS: Array<{ units: number; levels: Level[] }> = [
  {
    units: 10,
    levels: [
      { concurrency: 1, rounds: 200 },
      { concurrency: 10, rounds: 30 },
    ],
  },
  {
    units: 5000,
    levels: [
      { concurrency: 1, rounds: 200 },
      { concurrency: 50, rounds: 10 },
      { concurrency: 500, rounds: 3 },
    ],
  },
];
/** a callback slower than this counts as failed (Feishu gives up at 3 s; the bench must not hang) */
const REQUEST_TIMEOUT_MS = 10_000;
/** a server child that has not served by then (seeding 5,000 units included) fails its column */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const BACKENDS = ['lowdb', 'PostgreSQL'] as const;
type Backend = (typeof BACKENDS)[number];

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
  /** a card, or the deadline's toast */
  ok: boolean;
  /** the route was not done by the bot's callback deadline: 「已收到，正在处理」, its own answer follows later */
  deferred: boolean;
  toast?: { type?: string; content?: string };
}

/** Feishu shows 「机器人暂未响应」 to an answer slower than this */
const FEISHU_LIMIT_MS = 3000;
/** the start of the toast a card action answers with at the bot's deadline (handlers/answer-deadline.ts) */
const DEFERRED_TOAST = '已收到，正在处理';

interface Result {
  p50: number;
  p99: number;
  n: number;
  /** no answer in time, HTTP error, or neither a card nor the deadline's toast */
  failed: number;
  /** answered at the bot's deadline with 「已收到，正在处理」 (the route finishes afterwards) */
  deferred: number;
  /** answers later than Feishu's 3 s */
  late: number;
  /** answers, not deferred, whose toast is not the expected success (only counted when `expectSuccess`) */
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
  let deferred = 0;
  let late = 0;
  let unexpected = 0;
  for (let r = 0; r < rounds; r++) {
    const taps = Array.from({ length: concurrency }, (_, i) => tapOf(r, i));
    // Bodies are encrypted and signed before the clock starts: that is Feishu's work, not the bot's.
    const pushes = taps.map(callbackPush);
    await Promise.all(
      pushes.map(async (push, i) => {
        const t0 = performance.now();
        let answer: Answer = { ok: false, deferred: false };
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: push.headers,
            body: push.body,
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const body = (await res.json()) as { card?: unknown; toast?: Answer['toast'] };
          const isDeferred = !body.card && !!body.toast?.content?.startsWith(DEFERRED_TOAST);
          answer = {
            ok: res.ok && (!!body.card || isDeferred),
            deferred: res.ok && isDeferred,
            ...(body.toast ? { toast: body.toast } : {}),
          };
        } catch {
          // a timeout or a dropped connection: counted below
        }
        const took = performance.now() - t0;
        times.push(took);
        if (took > FEISHU_LIMIT_MS) late++;
        if (!answer.ok) failed++;
        if (answer.deferred) deferred++;
        if (answer.toast) {
          const key = `${answer.toast.type}: ${answer.toast.content}`;
          toasts.set(key, (toasts.get(key) ?? 0) + 1);
        }
        if (o.expectSuccess && answer.ok && !answer.deferred && answer.toast?.type !== 'success')
          unexpected++;
        o.settle?.(taps[i], answer);
      }),
    );
  }
  times.sort((a, b) => a - b);
  return {
    p50: pct(times, 50),
    p99: pct(times, 99),
    n: times.length,
    failed,
    deferred,
    late,
    unexpected,
    toasts,
  };
}

/**
 * The real submits: the first `pool` fillers in turn, each submitting their 表二 step at the version their last
 * answered card showed. Within a round every tap is a different filler (concurrency ≤ pool), so no two race
 * on one report.
 */
function submitBench(url: string, seeded: BenchRound, pool: number) {
  const fillers = seeded.fillers.slice(0, pool);
  const version = new Map(fillers.map((f) => [f.unit_id, 0]));
  let turn = 0;
  const tapOf = (): Tap => {
    const f = fillers[turn++ % fillers.length];
    const v = version.get(f.unit_id)!;
    return { openId: f.open_id, value: submitValue(seeded.round_id, f.unit_id, v), form: table2Form(v) };
  };
  const settle = (tap: Tap, answer: Answer) => {
    // A save that changes an answer bumps section 二's version by one (submit-step.ts): the next card has it.
    // A deferred submit still saves once its route finishes (its card follows by the outbox): the filler's next
    // submit queues behind it on the report, so it too is counted as saved; were it not, the next submit would
    // meet a stale-version toast and show up as non-success.
    if (answer.deferred || (answer.ok && answer.toast?.type === 'success')) {
      const unit = tap.value.unit_id as string;
      version.set(unit, version.get(unit)! + 1);
    }
  };
  return (concurrency: number, rounds: number) =>
    measure(url, Math.min(concurrency, pool), rounds, tapOf, { expectSuccess: true, settle });
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

/** Serves until the parent closes stdin (it finished or died), then closes: nothing outlives the bench. */
function serveUntilStdinEnds(close: () => Promise<void>) {
  process.stdin.resume();
  process.stdin.on('end', () => {
    close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('bench server close failed:', e instanceof Error ? e.message : e);
        process.exit(1);
      },
    );
  });
}

/** What a bot child tells the load generator. */
interface BotInfo {
  url: string;
  seeded: BenchRound;
  seedMs: number;
}

/** Child process: the emulator and one bot on lowdb or PostgreSQL, over a freshly seeded round. */
async function serveBot() {
  const { units, databaseUrl } = JSON.parse(process.env.BENCH_SERVE ?? '{}') as {
    units: number;
    databaseUrl: string | null;
  };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-bench-'));
  try {
    // Seeded before the bot opens the storage, like a round an admin created earlier: one save of the round.
    const { round, users } = benchRound(units);
    const t = performance.now();
    const seeded = await seedRound({ dataDir, databaseUrl }, round);
    const seedMs = performance.now() - t;
    // The tenant knows every filler, so no name lookup ever waits for a fallback.
    const emu = await startEmulator({ ...keys, port: 0, users: [...DEMO_USERS, ...users] });
    const bot = await startBot({
      feishu: { ...keys, domain: emu.url, mode: 'webhook' },
      dataDir,
      databaseUrl,
      port: 0,
      log,
      // Reminders to thousands of fillers would load the bot whenever they fall due; this run measures callbacks.
      startReminders: false,
      pdf: false,
    });
    const info: BotInfo = { url: bot.webhookUrl, seeded, seedMs };
    console.log(JSON.stringify(info));
    serveUntilStdinEnds(async () => {
      await bot.close();
      await emu.close();
      await rm(dataDir, { recursive: true, force: true });
    });
  } catch (e) {
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/** Child process: the bare route, the baseline of every row. */
async function serveBare() {
  const bare = await bareServer();
  console.log(JSON.stringify({ url: bare.url }));
  serveUntilStdinEnds(async () => {
    bare.server.closeAllConnections();
    await new Promise((r) => bare.server.close(r));
  });
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

interface Served<T> {
  info: T;
  alive(): boolean;
  stop(): Promise<void>;
}

/** Starts this file as a server child in `mode` and waits (bounded) for the line saying where it serves. */
async function startServer<T>(mode: '--serve-bot' | '--serve-bare', serve: object = {}): Promise<Served<T>> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), mode],
    {
      env: { ...process.env, BENCH_KEYS: JSON.stringify(keys), BENCH_SERVE: JSON.stringify(serve) },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  // Closing stdin of a child that already died must not crash the load generator.
  child.stdin!.on('error', () => undefined);
  let exited = false;
  let code: number | null = null;
  const exit = new Promise<void>((r) =>
    child.once('exit', (c) => {
      exited = true;
      code = c;
      r();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.stdin!.end();
    await within(exit, STOP_TIMEOUT_MS, 'server stop').catch(() => {
      child.kill('SIGKILL');
      return exit;
    });
  };
  try {
    const line = await within(
      Promise.race([
        new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)),
        exit.then(() => Promise.reject(new Error(`server process exited (${code}) before serving`))),
      ]),
      START_TIMEOUT_MS,
      'server start',
    );
    return { info: JSON.parse(line) as T, alive: () => !exited, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

interface Row {
  units: number;
  concurrency: number;
  n: number;
  bare: Result;
  by: Map<Backend, { help: Result; submit: Result }>;
}

const ms = (x: number) => x.toFixed(1);
const pair = (r?: Result) => (r ? `${ms(r.p50)} / ${ms(r.p99)}` : '—');
const ratio = (a?: Result, b?: Result) =>
  a && b ? `${(a.p50 / b.p50).toFixed(2)} / ${(a.p99 / b.p99).toFixed(2)}` : '—';

function printTable(rows: Row[]) {
  console.log(
    '\n| reports | concurrency | n | bare | help lowdb | help PG | help PG÷lowdb | help÷bare lowdb | help÷bare PG ' +
      '| submit_step lowdb | submit_step PG | submit PG÷lowdb | submit÷bare lowdb | submit÷bare PG ' +
      '| over 3 s | deferred | failed | non-success |',
  );
  console.log('|' + ' --- |'.repeat(18));
  const count = (pick: (r: Result) => number, x?: { help: Result; submit: Result }) =>
    x ? String(pick(x.help) + pick(x.submit)) : '—';
  for (const row of rows) {
    const low = row.by.get('lowdb');
    const pgs = row.by.get('PostgreSQL');
    const each = (pick: (r: Result) => number) =>
      `lowdb ${count(pick, low)} · PG ${count(pick, pgs)} · bare ${pick(row.bare)}`;
    const nonSuccess = `lowdb ${low?.submit.unexpected ?? '—'} · PG ${pgs?.submit.unexpected ?? '—'}`;
    console.log(
      `| ${row.units} | ${row.concurrency} | ${row.n} | ${pair(row.bare)} | ${pair(low?.help)} | ${pair(pgs?.help)} ` +
        `| ${ratio(pgs?.help, low?.help)} | ${ratio(low?.help, row.bare)} | ${ratio(pgs?.help, row.bare)} ` +
        `| ${pair(low?.submit)} | ${pair(pgs?.submit)} | ${ratio(pgs?.submit, low?.submit)} ` +
        `| ${ratio(low?.submit, row.bare)} | ${ratio(pgs?.submit, row.bare)} ` +
        `| ${each((r) => r.late)} | lowdb ${count((r) => r.deferred, low)} · PG ${count((r) => r.deferred, pgs)} ` +
        `| ${each((r) => r.failed)} | ${nonSuccess} |`,
    );
  }
  console.log(
    '\nms on 127.0.0.1, each cell p50 / p99, ratios p50 / p99 against the same run; n = callbacks per cell. ' +
      "Counts are help + submit_step (and bare): over 3 s = answered after Feishu's limit (Feishu would show " +
      "「机器人暂未响应」); deferred = answered at the bot's deadline with 「已收到，正在处理」, the card following by " +
      'message; failed = no answer in 10 s, HTTP error, or neither card nor that toast; non-success = submit_step ' +
      'answers (not deferred) whose toast is not a success.',
  );
}

/** A bot under measurement: its child and its submit generator. */
interface BenchBot {
  served: Served<BotInfo>;
  submit: (concurrency: number, rounds: number) => Promise<Result>;
}

async function main() {
  const t0 = performance.now();
  const progress = (line: string) =>
    console.error(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  let cluster: PostgresCluster | undefined;
  const served: Array<Served<unknown>> = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const rows: Row[] = [];
  const toasts = new Map<string, number>();
  const addToasts = (backend: Backend, r: Result) =>
    r.toasts.forEach((n, k) => toasts.set(`${backend} ${k}`, (toasts.get(`${backend} ${k}`) ?? 0) + n));
  const cleanup = async () => {
    for (const s of served.splice(0)) await s.stop();
    const c = cluster;
    cluster = undefined;
    await c?.stop();
  };
  // Ctrl-C must not leave the cluster running: the children end by themselves when stdin closes.
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    try {
      const tc = performance.now();
      cluster = await startPostgres();
      notes.push(`throwaway PostgreSQL (fsync off) started in ${ms(performance.now() - tc)} ms`);
    } catch (e) {
      problems.push(`PostgreSQL column not measured: ${message(e)}`);
    }
    const bare = await startServer<{ url: string }>('--serve-bare');
    served.push(bare);
    for (const { units, levels } of COUNTS) {
      // The fillers the measured submits use: enough for the highest concurrency, one report each.
      const pool = Math.min(units, Math.max(...levels.map((l) => l.concurrency)));
      const bots = new Map<Backend, BenchBot>();
      for (const backend of BACKENDS) {
        try {
          let databaseUrl: string | null = null;
          if (backend === 'PostgreSQL') {
            if (!cluster) continue;
            databaseUrl = await freshSchema(cluster.url, `bench_callback_${units}`);
          }
          progress(`${backend}: seeding ${units} units and starting the bot`);
          const s = await startServer<BotInfo>('--serve-bot', { units, databaseUrl });
          served.push(s);
          bots.set(backend, { served: s, submit: submitBench(s.info.url, s.info.seeded, pool) });
          notes.push(
            `${units} reports, ${backend}: round of ${units} units seeded in ${ms(s.info.seedMs)} ms`,
          );
        } catch (e) {
          problems.push(`${backend} at ${units} reports: ${message(e)}`);
        }
      }
      // Warm-up: JIT, connection pools, and the first submit of every filler used, so each measured save
      // rewrites an existing report; those first submits (the report created) are timed apart.
      await measure(bare.info.url, 20, 3);
      for (const [backend, bot] of bots) {
        progress(`${backend} at ${units} reports: warm-up`);
        await measure(bot.served.info.url, 20, 3);
        const c = Math.min(50, pool);
        const first = await bot.submit(c, Math.ceil(pool / c));
        const again = await bot.submit(c, Math.ceil(100 / c));
        addToasts(backend, first);
        addToasts(backend, again);
        notes.push(
          `${units} reports, ${backend}: warm-up ${first.n} first submits (report created) at concurrency ${c} ` +
            `${pair(first)} ms, then ${again.n} more; deferred ${first.deferred + again.deferred}, ` +
            `failed ${first.failed + again.failed}, non-success ${first.unexpected + again.unexpected}`,
        );
      }
      for (const { concurrency, rounds } of levels) {
        progress(`${units} reports, concurrency ${concurrency}: ${rounds} rounds per column`);
        // The baseline first: a PostgreSQL route still finishing after its deadline answer must not slow it.
        const b = await measure(bare.info.url, concurrency, rounds);
        const by = new Map<Backend, { help: Result; submit: Result }>();
        for (const [backend, bot] of bots) {
          const help = await measure(bot.served.info.url, concurrency, rounds);
          const submit = await bot.submit(concurrency, rounds);
          addToasts(backend, submit);
          if (!bot.served.alive()) {
            problems.push(`${backend} bot at ${units} reports exited during concurrency ${concurrency}`);
            bots.delete(backend);
            continue;
          }
          by.set(backend, { help, submit });
        }
        rows.push({ units, concurrency, n: concurrency * rounds, bare: b, by });
      }
      for (const { served: s } of bots.values()) {
        await s.stop();
        served.splice(served.indexOf(s), 1);
      }
    }
    console.log('card callback latency, lowdb and PostgreSQL side by side');
    for (const note of notes) console.log(`  ${note}`);
    printTable(rows);
    console.log('toasts seen on submits (warm-up included):');
    for (const [toast, n] of [...toasts].sort((x, y) => y[1] - x[1])) console.log(`  ${n} × ${toast}`);
    const cells = rows.flatMap((r) => [...r.by.values()].flatMap((x) => [x.help, x.submit]));
    if (cells.some((c) => c.failed > 0 || c.unexpected > 0))
      problems.push('some callbacks failed or some submits did not answer with a success toast (see above)');
    const late = cells.reduce((n, c) => n + c.late, 0);
    if (late) console.log(`${late} bot answers came after Feishu's 3 s (column "over 3 s")`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
  console.log(`whole run ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (problems.length) {
    for (const p of problems) console.error(`PROBLEM: ${p}`);
    process.exitCode = 1;
  }
}

const modes: Record<string, () => Promise<void>> = { '--serve-bot': serveBot, '--serve-bare': serveBare };
const run = modes[process.argv.find((a) => a in modes) ?? ''] ?? main;
run().catch((e: unknown) => {
  console.error('bench failed:', message(e));
  process.exit(1);
});
