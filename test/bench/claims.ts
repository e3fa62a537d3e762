/**
 * Cost of claiming an event as the hour's traffic grows (issue 14 item 6): one claim + done, timed with 100
 * and with 50,000 events already claimed this hour, for the claim logs EventClaims writes now and, for
 * contrast, the layout before (the hour's claims in one lowdb collection, rewritten whole per write). Also the
 * bytes handed to the kernel per event (/proc/self/io wchar) and the time to reopen the claims after a restart.
 * Temp dirs only, every loop bounded.
 *
 *   npm run bench:claims
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventClaims } from '../../storage/event-claims.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';

const COUNTS = [100, 50_000];
const EVENTS = 200;
const BATCH = 1000;
const t = Date.UTC(2027, 0, 29, 9, 30);
const wchar = () =>
  existsSync('/proc/self/io')
    ? Number(/wchar:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1])
    : NaN;
const id = (prefix: string, i: number) => prefix + String(i).padStart(32 - prefix.length, '0');
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface Result {
  median: number;
  p99: number;
  bytes: number;
  reopenMs: number;
}

/** Times EVENTS claim+done pairs after `existing` ones, through `claim` / `done`. */
async function measure(
  existing: number,
  claim: (id: string) => Promise<unknown>,
  done: (id: string) => Promise<unknown>,
): Promise<Omit<Result, 'reopenMs'>> {
  for (let i = 0; i < existing; i += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, existing - i) }, (_, j) => id('seed', i + j));
    await Promise.all(ids.map(claim));
    await Promise.all(ids.map(done));
  }
  const times: number[] = [];
  const before = wchar();
  for (let i = 0; i < EVENTS; i++) {
    const e = id('event', i);
    const t0 = performance.now();
    await claim(e);
    await done(e);
    times.push(performance.now() - t0);
  }
  const bytes = (wchar() - before) / EVENTS;
  times.sort((a, b) => a - b);
  return { median: pct(times, 50), p99: pct(times, 99), bytes };
}

async function logs(existing: number): Promise<Result> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-bench-claims-'));
  try {
    const c = await EventClaims.open(new LowdbStorage(dir), { now: () => t });
    const r = await measure(
      existing,
      (e) => c.claim(e),
      (e) => c.done(e),
    );
    const t0 = performance.now();
    await EventClaims.open(new LowdbStorage(dir), { now: () => t });
    return { ...r, reopenMs: performance.now() - t0 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The layout before: one lowdb collection per hour, every claim and done rewrites it. */
async function oneFile(existing: number): Promise<Result> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-bench-claims-'));
  try {
    const store = await new LowdbStorage(dir).open<{ state: string; at: number }>('claims/2027012909');
    const r = await measure(
      existing,
      (e) => store.write(e, { state: 'in-flight', at: t }),
      (e) => store.write(e, { state: 'done', at: t }),
    );
    const t0 = performance.now();
    await (await new LowdbStorage(dir).open('claims/2027012909')).entries();
    return { ...r, reopenMs: performance.now() - t0 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const f = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0));
const rows: string[] = [];
const results: Record<string, Result[]> = { 'claim logs (now)': [], 'one file per hour (before)': [] };
for (const n of COUNTS) {
  results['claim logs (now)'].push(await logs(n));
  results['one file per hour (before)'].push(await oneFile(n));
}
for (const [name, [few, many]] of Object.entries(results)) {
  rows.push(
    `| ${name} | ${f(few.median)} / ${f(few.p99)} | ${f(many.median)} / ${f(many.p99)} | ` +
      `${(many.median / few.median).toFixed(1)}× | ${f(few.bytes)} → ${f(many.bytes)} | ${f(many.reopenMs)} |`,
  );
}
console.log(
  `claim + done of one event, ${EVENTS} events timed after ${COUNTS.join(' and ')} already claimed this hour\n`,
);
console.log(
  `| layout | ${COUNTS[0]}: median / p99 ms | ${COUNTS[1]}: median / p99 ms | ratio of medians | bytes written per event | reopen after restart at ${COUNTS[1]}, ms |`,
);
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
