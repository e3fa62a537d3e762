/**
 * `npm run chaos`: the attacks and faults of issue 14 against the real bot in a child process and the emulator,
 * on 127.0.0.1 only, every loop bounded by time and count (about 3 minutes on 2 cores). Prints one table.
 * Not part of `npm test`; each defect also has a regular test there (test/server, test/protocol, test/reliability).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeishuSettings } from '../../src/config.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { chainRound, fixtureAnswers, storeFilledReport } from '../integration/approval-helpers.js';
import { by, Person, WANG, ZHANG } from '../integration/fill-helpers.js';
import { botMessages, feishuPush, messageEvent, type Pair } from '../server/harness.js';
import { startChaosBot, type ChaosBot } from './bot-child.js';
import type { FloodBody } from './flood-worker.js';
import { percentile, rawPost, type Outcome } from './http.js';

const FLOOD_WORKER = fileURLToPath(new URL('./flood-worker.ts', import.meta.url));

const APP_ID = 'cli_a1b2c3d4e5f60718';
const TAPPER = DEMO.filler.open_id;
// Pushes forged for this user must never reach them: any bot message to them is a forgery processed.
const VICTIM = DEMO.approver.open_id;
const FLOOD_MS = 6_000;

interface Row {
  attack: string;
  tried: number;
  refused: number;
  wrong: number;
  ackLost: number | string;
  msgs: string;
  p50: number;
  p99: number;
  tapsFailed: number;
  rssBefore: number;
  rssAfter: number;
  logKb: number;
}

const rows: Row[] = [];
let slowlorisClosedMs = NaN;

interface Rig {
  emu: Emulator;
  bot: ChaosBot;
  feishu: FeishuSettings;
  dataDir: string;
  helpCard: string;
  close(): Promise<void>;
}

async function rig(o: { encryptKey: string; seed?: (dataDir: string) => Promise<void> }): Promise<Rig> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-chaos-'));
  if (o.seed) await o.seed(dataDir);
  const keys = {
    appId: APP_ID,
    appSecret: randomBytes(8).toString('hex'),
    verificationToken: 'vt-' + randomBytes(6).toString('hex'),
    encryptKey: o.encryptKey,
  };
  const emu = await startEmulator({ ...keys, port: 0 });
  const feishu: FeishuSettings = { ...keys, domain: emu.url, mode: 'webhook' };
  const bot = await startChaosBot({ feishu, dataDir });
  emu.setWebhook(bot.webhookUrl);
  await emu.sendText(TAPPER, '帮助');
  const [help] = botMessages(
    await emu
      .waitForMessages(TAPPER, (m) => botMessages(m).length >= 1, 20_000)
      .catch((e: unknown) => {
        throw new Error(`the bot did not answer 帮助: ${(e as Error).message}\nbot log: ${bot.logTail()}`);
      }),
  );
  return {
    emu,
    bot,
    feishu,
    dataDir,
    helpCard: help.message_id,
    async close() {
      await bot.stop();
      await emu.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Genuine 帮助 taps every 100 ms until `done` settles: their latencies and how many got no card. */
async function genuineTaps(r: Rig, done: Promise<unknown>) {
  const ms: number[] = [];
  let failed = 0;
  let over = false;
  const stop = () => void (over = true);
  done.then(stop, stop);
  for (let i = 0; i < 2_000 && !over; i++) {
    const t0 = Date.now();
    const a = await r.emu.act(r.helpCard, { open_id: TAPPER, value: { action: 'help' } });
    ms.push(Date.now() - t0);
    if (a.error || !JSON.stringify(a.card ?? '').includes('帮助')) failed++;
    await new Promise((res) => setTimeout(res, 100));
  }
  return { ms, failed };
}

const refusedStatus = (o: Outcome) => o === 413 || o === 401 || o === 400 || o === 'reset';

/** Runs one attack while genuine taps go on; adds its row. */
async function attack(
  r: Rig,
  name: string,
  run: () => Promise<{ tried: number; refused: number; wrong: number; msgs?: string }>,
  /** false when this attack's genuine traffic goes to VICTIM (their answers are not forgeries) */
  watchVictim = true,
) {
  const victimBefore = botMessages(r.emu.messages(VICTIM)).length;
  const rssBefore = r.bot.rssMb();
  const logBefore = r.bot.logBytes();
  const work = run();
  const taps = await genuineTaps(r, work);
  const res = await work.catch((e: unknown) => {
    // One attack going wrong is a finding for the table, not the end of the run.
    process.stderr.write(`  FAILED: ${name}: ${(e as Error).message}\n`);
    return { tried: 1, refused: 0, wrong: 1, msgs: 'run failed' };
  });
  const forgedAnswered = watchVictim ? botMessages(r.emu.messages(VICTIM)).length - victimBefore : 0;
  rows.push({
    attack: name,
    tried: res.tried,
    refused: res.refused,
    wrong: res.wrong + forgedAnswered,
    // Only the kill -9 row acknowledges answers that could then be lost.
    ackLost: '—',
    msgs: res.msgs ?? '0 / 0',
    p50: percentile(taps.ms, 50),
    p99: percentile(taps.ms, 99),
    tapsFailed: taps.failed,
    rssBefore,
    rssAfter: r.bot.rssMb(),
    logKb: Math.round((r.bot.logBytes() - logBefore) / 1024),
  });
  process.stderr.write(`  done: ${name}\n`);
}

/** `senders` loops posting one kind of body for `ms`, in a process of its own (flood-worker.ts). */
function floodApart(o: { url: string; body: FloodBody; senders: number; ms: number; signed: boolean }) {
  return new Promise<Outcome[]>((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const p = spawn(process.execPath, ['--import', 'tsx', FLOOD_WORKER, JSON.stringify(o)], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout!.on('data', (b: Buffer) => void (out += b.toString()));
    const kill = setTimeout(() => p.kill('SIGKILL'), o.ms + 60_000);
    p.once('exit', (code) => {
      clearTimeout(kill);
      if (code === 0) resolve(JSON.parse(out) as Outcome[]);
      else reject(new Error(`flood process exited with ${code}`));
    });
  });
}

const tally = (outs: Outcome[]) => ({
  tried: outs.length,
  refused: outs.filter(refusedStatus).length,
  wrong: outs.filter((o) => !refusedStatus(o)).length,
});

async function baseline(r: Rig) {
  await attack(r, 'none (baseline: genuine taps only)', async () => {
    await new Promise((res) => setTimeout(res, 3000));
    return { tried: 0, refused: 0, wrong: 0 };
  });
}

async function encryptedAttacks() {
  const r = await rig({ encryptKey: 'ek-' + randomBytes(6).toString('hex') });
  try {
    await baseline(r);
    // The floods: what each sender posts, how many senders, for how long, with signature headers or not.
    const floods: Array<[label: string, body: FloodBody, senders: number, ms: number, signed: boolean]> = [
      ['1 MB bodies, fake signature, 20 senders', 'mb', 20, FLOOD_MS, true],
      ['60,000-key bodies, fake signature, 20 senders', 'keys60k', 20, FLOOD_MS, true],
      ['45,000-key bodies under the limit, fake sig, 20 senders', 'keysUnder', 20, FLOOD_MS, true],
      ['legacy callbacks 900 KB, unsigned, 20 senders', 'legacy900k', 20, FLOOD_MS, false],
      ['nested 100,000 deep, signature headers, 5 senders', 'deep', 5, 3000, true],
    ];
    for (const [label, body, senders, ms, signed] of floods)
      await attack(r, label, async () =>
        tally(await floodApart({ url: r.bot.webhookUrl, body, senders, ms, signed })),
      );
    await attack(r, 'forged 帮助: bad sig, other key, unsigned, replayed', async () => {
      const outs: Outcome[] = [];
      for (let i = 0; i < 50; i++) {
        const ev = messageEvent(r.feishu, VICTIM, '帮助');
        const wrongSig = feishuPush(ev, r.feishu.encryptKey);
        wrongSig.headers['x-lark-signature'] = '0'.repeat(64);
        const otherKey = feishuPush(ev, 'someone-elses-key');
        const unsigned = feishuPush(ev, r.feishu.encryptKey);
        delete unsigned.headers['x-lark-signature'];
        const replay = feishuPush(ev, r.feishu.encryptKey, { nowMs: Date.now() - 3_600_000 });
        for (const p of [wrongSig, otherKey, unsigned, replay])
          outs.push(await rawPost(r.bot.webhookUrl, p.body, p.headers));
      }
      return tally(outs);
    });
    await attack(
      r,
      'every genuine message delivered 3 times',
      async () => {
        const before = botMessages(r.emu.messages(VICTIM)).length;
        r.emu.setFaults({ duplicateDeliveries: 2 });
        const n = 30;
        for (let i = 0; i < n; i++) await r.emu.sendText(VICTIM, '帮助');
        r.emu.setFaults({});
        // Bounded wait for the answers, then a moment for any duplicate to show.
        await r.emu
          .waitForMessages(VICTIM, (m) => botMessages(m).length - before >= n, 20_000)
          .catch(() => undefined);
        await new Promise((res) => setTimeout(res, 1000));
        const answered = botMessages(r.emu.messages(VICTIM)).length - before;
        return {
          tried: n * 3,
          refused: n * 2,
          wrong: 0,
          msgs: `${Math.max(0, n - answered)} / ${Math.max(0, answered - n)}`,
        };
      },
      false,
    );
    await attack(r, 'slowloris: 1,000 slow-body connections', async () => {
      const { port } = new URL(r.bot.url);
      const sockets: Socket[] = [];
      let closed = 0;
      for (let i = 0; i < 1000; i++) {
        const s = connect(Number(port), '127.0.0.1');
        s.on('error', () => undefined);
        s.on('close', () => closed++);
        s.write(
          'POST /feishu/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
        );
        sockets.push(s);
      }
      const drip = setInterval(() => sockets.forEach((s) => s.writable && s.write(' ')), 1000);
      const started = Date.now();
      // The issue found them all still open after 12 s: closed by then is what counts.
      while (closed < sockets.length && Date.now() - started < 12_000)
        await new Promise((res) => setTimeout(res, 100));
      clearInterval(drip);
      slowlorisClosedMs = closed === sockets.length ? Date.now() - started : NaN;
      const open = sockets.length - closed;
      sockets.forEach((s) => s.destroy());
      return { tried: sockets.length, refused: sockets.length - open, wrong: open };
    });
  } finally {
    await r.close();
  }
}

async function tokenOnlyAttacks() {
  const r = await rig({ encryptKey: '' });
  try {
    await attack(r, 'token-only: 7 h old push, timestamps stripped', async () => {
      const outs: Outcome[] = [];
      for (let i = 0; i < 100; i++) {
        const ev = messageEvent(r.feishu, VICTIM, '帮助');
        ev.header.create_time = String(Date.now() - 7 * 3_600_000);
        outs.push(
          await rawPost(r.bot.webhookUrl, JSON.stringify(ev), { 'content-type': 'application/json' }),
        );
      }
      return tally(outs);
    });
    await attack(r, 'token-only: right token + encrypt field', async () => {
      const body = JSON.stringify({ encrypt: 'AAAA', token: r.feishu.verificationToken });
      const outs: Outcome[] = [];
      for (let i = 0; i < 100; i++)
        outs.push(await rawPost(r.bot.webhookUrl, body, { 'content-type': 'application/json' }));
      return tally(outs);
    });
    await attack(r, 'token-only: nested 100,000 deep with the token', async () => {
      const deep = `{"token":"${r.feishu.verificationToken}","a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      const outs: Outcome[] = [];
      for (let i = 0; i < 100; i++)
        outs.push(await rawPost(r.bot.webhookUrl, deep, { 'content-type': 'application/json' }));
      return tally(outs);
    });
  } finally {
    await r.close();
  }
}

/** A unit whose report is filled, waiting for 提交审核 (as startApproval in the integration helpers). */
async function seedApproval(dataDir: string) {
  const file = await fixtureAnswers();
  const round = chainRound([WANG, DEMO.admin.open_id], file.year, file.unit);
  const storage = new LowdbStorage(dataDir);
  await roundRepo(storage).save(round);
  await storeFilledReport(storage, round.id, 'city', file.answers);
  await storage.close();
}

async function slowContact() {
  const r = await rig({ encryptKey: 'ek-' + randomBytes(6).toString('hex'), seed: seedApproval });
  try {
    await attack(
      r,
      'contact API 2 s slow: 提交审核 and 通过',
      async () => {
        const pair = { emu: r.emu } as unknown as Pair;
        const z = new Person(pair, ZHANG);
        const unit = await z.fill();
        await z.tap(unit, by.action('summary'));
        r.emu.setFaults({ delayMs: 2000 });
        let wrong = 0;
        let tried = 0;
        const t0 = Date.now();
        const submitted = await z.tap(unit, by.action('submit_for_review'));
        tried++;
        const tookSubmit = Date.now() - t0;
        process.stderr.write(`  提交审核 answered in ${tookSubmit} ms: ${submitted.toast?.content}\n`);
        if (tookSubmit > 3000 || /ou_[0-9a-z]/.test(JSON.stringify(submitted))) wrong++;
        r.emu.setFaults({});
        const [card] = botMessages(
          // The Word file comes last: once it is there, its rendering (which holds the event loop for a
          // moment, seconds on a loaded machine) is over and the tap measures the callback alone.
          await r.emu.waitForMessages(
            WANG,
            (m) =>
              botMessages(m).some((x) => x.msg_type === 'interactive') &&
              botMessages(m).some((x) => x.msg_type === 'file'),
            30_000,
          ),
        ).filter((x) => x.msg_type === 'interactive');
        r.emu.setFaults({ delayMs: 2000 });
        const w = new Person(pair, WANG);
        const t1 = Date.now();
        const approved = await w.tap(
          { owner: WANG, messageId: card.message_id, card: card.content as never },
          by.action('approve'),
        );
        tried++;
        const tookApprove = Date.now() - t1;
        process.stderr.write(`  通过 answered in ${tookApprove} ms: ${approved.toast?.content}\n`);
        if (tookApprove > 3000 || /ou_[0-9a-z]/.test(JSON.stringify(approved))) wrong++;
        r.emu.setFaults({});
        return { tried, refused: tried - wrong, wrong };
      },
      false,
    );
  } finally {
    await r.close();
  }
}

async function killDuringSubmits() {
  let mod: typeof import('../reliability/kill-redeliver.js') | undefined;
  try {
    mod = await import('../reliability/kill-redeliver.js');
  } catch {
    mod = undefined;
  }
  if (!mod) {
    rows.push({
      attack: 'kill -9 during 500 submits: NOT IN YET',
      tried: 0,
      refused: 0,
      wrong: 0,
      ackLost: '?',
      msgs: '?',
      p50: NaN,
      p99: NaN,
      tapsFailed: 0,
      rssBefore: 0,
      rssAfter: 0,
      logKb: 0,
    });
    return;
  }
  const k = await mod.killDuringSubmitsAndRedeliver({ submits: 500, killAfter: 50 });
  rows.push({
    attack: 'kill -9 during 500 submits, all redelivered',
    tried: k.submits,
    refused: 0,
    wrong: k.droppedAsDuplicateUnsaved,
    ackLost: k.acknowledgedLost,
    msgs: `${k.submits - k.storedAtEnd} / 0`,
    p50: NaN,
    p99: NaN,
    tapsFailed: k.redeliveriesUnanswered,
    rssBefore: 0,
    rssAfter: 0,
    logKb: 0,
  });
  process.stderr.write(`  done: kill -9 (${k.acknowledged} acknowledged before the kill, ${k.ms} ms)\n`);
}

function print() {
  const head = [
    'attack / fault',
    'tried',
    'refused/handled ok',
    'processed wrongly',
    'acked lost',
    'msgs lost/dup',
    'tap p50 ms',
    'tap p99 ms',
    'taps failed',
    'RSS MB before→after',
    'log KB',
  ];
  const cells = rows.map((r) => [
    r.attack,
    String(r.tried),
    String(r.refused),
    String(r.wrong),
    String(r.ackLost),
    r.msgs,
    Number.isNaN(r.p50) ? '—' : String(r.p50),
    Number.isNaN(r.p99) ? '—' : String(r.p99),
    String(r.tapsFailed),
    r.rssBefore ? `${r.rssBefore}→${r.rssAfter}` : '—',
    String(r.logKb),
  ]);
  const width = (s: string) => [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]))));
  const line = (c: string[]) =>
    '| ' + c.map((s, i) => s + ' '.repeat(widths[i] - width(s))).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const c of cells) console.log(line(c));
}

const t0 = Date.now();
// The whole suite is bounded: a hung step ends the run with what was measured.
const guard = setTimeout(() => {
  print();
  console.error('chaos: stopped after 9 minutes');
  process.exit(1);
}, 9 * 60_000);
try {
  const only = process.env.CHAOS_ONLY;
  if (!only || only === 'webhook') await encryptedAttacks();
  if (!only || only === 'token') await tokenOnlyAttacks();
  if (!only || only === 'contact') await slowContact();
  if (!only || only === 'kill') await killDuringSubmits();
} finally {
  clearTimeout(guard);
  print();
  console.log(
    `slowloris: all connections closed ${Math.round(slowlorisClosedMs / 100) / 10} s after they started`,
  );
  console.log(`(${Math.round((Date.now() - t0) / 1000)} s)`);
}
process.exit(0);
