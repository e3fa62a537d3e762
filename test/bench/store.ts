/**
 * Cost of saving one filling step as the number of stored reports grows (issue 4, design.md "Storage that
 * stays fast"): median and p99 of a real 表二 step submit (service.fillCardAction → draftRepo → LowdbStorage)
 * with 10, 1,000 and 5,000 reports stored, against a raw fs.writeFile + rename of one file the size of one
 * report file (what an atomic save cannot go below), and, for contrast, the single-file layout (every report
 * in one lowdb collection) that design.md measured at 0.6 s per write for 5,000 reports.
 *
 * Reports are real: the fixture reports imported, then walked step by step through submitStep like a filler,
 * with last year's answers stored beside them. The 5,000 collection files are written once per count directly
 * in LowdbStorage's own format (compact JSON {version, items}), 64 at a time; one is read back through
 * draftRepo to prove the format. Temp dirs only, every loop bounded, everything removed at the end.
 *
 * PostgreSQL beside it (issue 13): the same folder is moved into a throwaway cluster (test/support/postgres.ts)
 * with the migration's own copy, and back into a new folder (counts and content compared: the 5,000-report
 * round trip), then the same save is timed on PostgresStorage; ratios are against lowdb in the same run.
 *
 *   npm run bench:store
 */
import { mkdtemp, readdir, readFile, rename, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { newDraft, type ReportDraft } from '../../src/filling/draft.js';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { activeSteps, sectionState } from '../../src/filling/progress.js';
import { answerQuestion } from '../../src/filling/question.js';
import { fillCardAction } from '../../src/filling/service.js';
import { STEP_BY_ID } from '../../src/filling/steps.js';
import { submitStep } from '../../src/filling/submit-step.js';
import { importReport } from '../../src/import/index.js';
import { SECTIONS, TEXT_FIELDS, type Answers, type SectionId } from '../../src/report/template.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import type { Round, Unit } from '../../src/rounds/round.js';
import { isDeepStrictEqual } from 'node:util';
import { copyStorage, countByKind, sameCounts } from '../../storage/copy-storage.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import type { CopyableStorage, Storage } from '../../storage/store.js';
import { FIXTURES_DIR } from '../support/fixtures.js';
import { freshSchema, startPostgres } from '../support/postgres.js';

const COUNTS = [10, 5000];
/** saves measured per count (the single-file layout gets fewer at high counts: one write takes ~0.5 s) */
const SAVES = 200;
const SINGLE_FILE_BUDGET_MS = 15_000;
const WARMUP = 20;
const FIXTURES = FIXTURES_DIR;
const ZHANG = DEMO.filler.open_id;
const ROUND_ID = '2026-rbench';
const TEXT_KEYS = new Set(TEXT_FIELDS.map((f) => f.key));
const S2_KEYS = STEP_BY_ID.get('s2.table')!.keys;
const VALID_CONTACT: Record<string, string> = { 'meta.phone': '0517-83606185', 'meta.postcode': '223001' };

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

interface Stats {
  median: number;
  p99: number;
  n: number;
}
function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: pct(sorted, 50), p99: pct(sorted, 99), n: sorted.length };
}

/** Times `run` up to `max` times (after a short warm-up) or until the budget is spent. */
async function timeIt(run: (i: number) => Promise<void>, max: number, budgetMs = Infinity): Promise<Stats> {
  for (let i = 0; i < Math.min(WARMUP, max); i++) await run(-1 - i);
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < max && (i < 5 || performance.now() - start < budgetMs); i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  return stats(times);
}

/** Fills a draft from a real report's answers the way a person walks the cards, step by step. */
function filledDraft(answers: Answers, previous: Answers): ReportDraft {
  let draft = newDraft(previous);
  for (const { id: section } of SECTIONS) {
    for (let guard = 0; guard < 20; guard++) {
      const step = activeSteps(draft, section).find((s) => !draft.sections[section].done.includes(s.id));
      if (!step) break;
      if (step.kind === 'question') {
        const some = Object.entries(answers).some(([k, v]) => k.startsWith('t3.new.') && v !== 0);
        draft = answerQuestion(draft, some ? 'some' : 'none', previous).draft;
        continue;
      }
      const form = Object.fromEntries(
        step.keys.map((k) => [
          k,
          answers[k] === undefined ? (TEXT_KEYS.has(k) ? '无。' : '') : String(answers[k]),
        ]),
      );
      let r = submitStep(draft, { section, step: step.id, formValue: form, blankAsZero: true }, previous);
      // Contact details the checks of today refuse in an older published report: a valid one instead.
      if (r.outcome.status !== 'saved' && r.outcome.fieldErrors) {
        for (const k of Object.keys(r.outcome.fieldErrors)) form[k] = VALID_CONTACT[k] ?? form[k];
        r = submitStep(draft, { section, step: step.id, formValue: form, blankAsZero: true }, previous);
      }
      if (r.outcome.status !== 'saved')
        throw new Error(`${step.id}: ${JSON.stringify(r.outcome.fieldErrors)}`);
      draft = r.draft;
    }
  }
  return draft;
}

/** Realistic stored reports: each fixture report filled as this year, the next one stored as last year. */
async function sampleReports(): Promise<Array<{ draft: ReportDraft; previous: Answers }>> {
  const dir = path.join(FIXTURES, 'real-reports');
  const files = (await readdir(dir)).filter((f) => /^\d+_.*\.txt$/.test(f) && !f.includes('OLDFORMAT'));
  const all: Answers[] = [];
  for (const f of [...files.map((f) => path.join(dir, f)), path.join(FIXTURES, 'shanggao-jiguan-2022.txt')]) {
    all.push((await importReport(f)).file.answers);
  }
  return all.map((answers, i) => {
    const previous = all[(i + 1) % all.length];
    return { draft: filledDraft(answers, previous), previous };
  });
}

function unitOf(i: number): Unit {
  const filler = i === 0 ? ZHANG : `ou_bench${String(i).padStart(27, '0')}`;
  const fillers = Object.fromEntries(SECTIONS.map((s) => [s.id, [filler]])) as Record<SectionId, string[]>;
  return { id: `u${i}`, name: `基准测试单位${i}`, fillers, approvers: [DEMO.approver.open_id] };
}

function roundOf(n: number): Round {
  return {
    id: ROUND_ID,
    year: 2026,
    name: '2026 年度政府信息公开工作年度报告（基准）',
    deadline: '2027-01-31T23:59:00+08:00',
    units: Array.from({ length: n }, (_, i) => unitOf(i)),
    admins: [DEMO.admin.open_id],
  };
}

/** Writes n report collections in LowdbStorage's file format, 64 files at a time. */
async function writeReports(
  dir: string,
  n: number,
  samples: Array<{ draft: ReportDraft; previous: Answers }>,
) {
  const base = path.join(dir, 'reports', ROUND_ID);
  await mkdir(base, { recursive: true });
  const bodies = samples.map((s) =>
    JSON.stringify({ version: 1, items: { previous: s.previous, draft: s.draft } }),
  );
  for (let i = 0; i < n; i += 64) {
    const batch = Array.from({ length: Math.min(64, n - i) }, (_, j) => i + j);
    await Promise.all(batch.map((k) => writeFile(path.join(base, `u${k}.json`), bodies[k % bodies.length])));
  }
}

/** One real save: 张敏 submits 表二 on unit u0 with one number changed, through the filling service. */
async function saveStep(storage: Storage, i: number) {
  const { draft } = await draftRepo(storage).load(ROUND_ID, 'u0');
  const form = Object.fromEntries(S2_KEYS.map((k) => [k, String(draft.answers[k] ?? 0)]));
  form['t2.reg.issued'] = String(1000 + (i & 1023));
  const value = {
    action: 'submit_step',
    round_id: ROUND_ID,
    unit_id: 'u0',
    section: 's2',
    step: 's2.table',
    version: draft.sections.s2.version,
    blank: 'zero',
  };
  const reply = await fillCardAction(storage, ZHANG, value, form);
  if (reply?.toast?.type === 'error' || reply?.toast?.type === 'warning')
    throw new Error(`save refused: ${reply.toast.content}`);
}

/** Every collection's version and items, for comparing two stores (jsonb reorders object keys: deep equality). */
async function sameContent(a: CopyableStorage, b: CopyableStorage): Promise<boolean> {
  const names = await a.collectionNames();
  if (!isDeepStrictEqual(names, await b.collectionNames())) return false;
  for (let i = 0; i < names.length; i += 64) {
    const batch = names.slice(i, i + 64);
    const [x, y] = await Promise.all([
      Promise.all(batch.map((n) => a.readRaw(n))),
      Promise.all(batch.map((n) => b.readRaw(n))),
    ]);
    if (!isDeepStrictEqual(x, y)) return false;
  }
  return true;
}

/** The save and its storage write timed on one storage, after a check that the last report is readable. */
async function timeSaves(storage: Storage, n: number): Promise<{ save: Stats; write: Stats }> {
  const check = await draftRepo(storage).load(ROUND_ID, `u${n - 1}`);
  if (sectionState(check.draft, 's2', check.previous) !== 'complete') throw new Error('reports not readable');
  const save = await timeIt((i) => saveStep(storage, i), SAVES);
  // The storage part of that save alone: the report collection rewritten with the draft.
  const reportStore = await storage.open<unknown>(`reports/${ROUND_ID}/u0`, { version: 1 });
  const current = (await draftRepo(storage).load(ROUND_ID, 'u0')).draft;
  const write = await timeIt(
    (i) => reportStore.write('draft', { ...current, version: current.version + i }),
    SAVES,
  );
  return { save, write };
}

async function main() {
  const root = await mkdtemp(path.join(tmpdir(), 'nianbao-bench-store-'));
  const rows: string[] = [];
  const pgRows: string[] = [];
  const tc = performance.now();
  const cluster = await startPostgres();
  console.log(`throwaway PostgreSQL started in ${ms(performance.now() - tc)} ms (${cluster.url}, fsync off)`);
  try {
    const t0 = performance.now();
    const samples = await sampleReports();
    const sizes = samples.map(
      (s) => JSON.stringify({ version: 1, items: { previous: s.previous, draft: s.draft } }).length,
    );
    const answersPer = samples.map(
      (s) => Object.keys(s.draft.answers).length + Object.keys(s.previous).length,
    );
    console.log(
      `${samples.length} sample reports from the fixtures: ${Math.min(...answersPer)}–${Math.max(...answersPer)} ` +
        `stored answers each (this year + last year), ${Math.min(...sizes)}–${Math.max(...sizes)} bytes per file ` +
        `(${ms(performance.now() - t0)} ms to build)`,
    );

    for (const n of COUNTS) {
      const dir = path.join(root, `per-report-${n}`);
      await mkdir(dir);
      const tw = performance.now();
      await writeReports(dir, n, samples);
      const setup = new LowdbStorage(dir);
      await roundRepo(setup).save(roundOf(n));
      await setup.close();
      const written = performance.now() - tw;

      // The same reports in PostgreSQL, moved there by the migration's copy, and back into a new folder.
      const url = await freshSchema(cluster.url, `bench_${n}`);
      const lowdbSource = new LowdbStorage(dir);
      const db = await PostgresStorage.open({ url });
      const tm = performance.now();
      await copyStorage(lowdbSource, db);
      const migrated = performance.now() - tm;
      const backDir = path.join(root, `back-${n}`);
      const back = new LowdbStorage(backDir);
      const tb = performance.now();
      await copyStorage(db, back);
      const returned = performance.now() - tb;
      const [cFrom, cDb, cBack] = await Promise.all([
        countByKind(lowdbSource),
        countByKind(db),
        countByKind(back),
      ]);
      const counted = sameCounts(cFrom, cDb) && sameCounts(cFrom, cBack);
      const equal = counted && (await sameContent(lowdbSource, back));
      if (!equal)
        throw new Error(`${n} reports: the round trip lowdb → PostgreSQL → lowdb lost or changed data`);
      await rm(backDir, { recursive: true, force: true });

      // A fresh storage on the directory, as after a restart.
      const storage = new LowdbStorage(dir);
      const { save, write } = await timeSaves(storage, n);
      await storage.close();
      const onPg = await timeSaves(db, n);
      await db.close();
      const file = path.join(dir, 'reports', ROUND_ID, 'u0.json');
      const size = (await stat(file)).size;
      const files = (await readdir(path.join(dir, 'reports', ROUND_ID))).length;
      if (files !== n) throw new Error(`expected ${n} report files, found ${files}`);

      // Baseline: the same bytes written atomically by hand, next to the reports.
      const bytes = await readFile(file);
      const target = path.join(dir, 'baseline.json');
      const tmp = path.join(dir, '.baseline.json.tmp');
      const raw = await timeIt(async () => {
        await writeFile(tmp, bytes);
        await rename(tmp, target);
      }, SAVES);

      // Contrast: every report in one lowdb collection, one report changed per write.
      const single = new LowdbStorage(path.join(root, `single-${n}`));
      const all = await single.open<unknown>('reports', { version: 1 });
      for (let i = 0; i < n; i++) {
        const s = samples[i % samples.length];
        // Only the last write of the loop reaches the disk: LowStore joins writes made while one runs.
        void all.write(`u${i}`, { previous: s.previous, draft: s.draft });
      }
      await single.close();
      const singleSize = (await stat(path.join(root, `single-${n}`, 'reports.json'))).size;
      const one = samples[0];
      const singleStats = await timeIt(
        async (i) => all.write('u0', { previous: one.previous, draft: { ...one.draft, version: i } }),
        SAVES,
        SINGLE_FILE_BUDGET_MS,
      );
      await single.close();
      await rm(path.join(root, `single-${n}`), { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });

      const ratio = (s: Stats) => `${(s.median / raw.median).toFixed(1)}× / ${(s.p99 / raw.p99).toFixed(1)}×`;
      const vsLowdb = (p: Stats, l: Stats) =>
        `${(p.median / l.median).toFixed(1)}× / ${(p.p99 / l.p99).toFixed(1)}×`;
      console.log(
        `\n${n} reports (${files} files written directly in ${ms(written)} ms, report file ${size} bytes; ` +
          `single file ${(singleSize / 1e6).toFixed(1)} MB)`,
      );
      console.log(
        `  save one step (fillCardAction, file per report)  median ${ms(save.median)} ms  p99 ${ms(save.p99)} ms  (n=${save.n})  vs raw ${ratio(save)}`,
      );
      console.log(
        `    of which the storage write (Store.write)       median ${ms(write.median)} ms  p99 ${ms(write.p99)} ms  (n=${write.n})  vs raw ${ratio(write)}`,
      );
      console.log(
        `  raw fs.writeFile + rename, ${size} bytes          median ${ms(raw.median)} ms  p99 ${ms(raw.p99)} ms  (n=${raw.n})`,
      );
      console.log(
        `  single-file layout, one report changed           median ${ms(singleStats.median)} ms  p99 ${ms(singleStats.p99)} ms  (n=${singleStats.n})  vs raw ${ratio(singleStats)}`,
      );
      console.log(
        `  PostgreSQL: save one step                        median ${ms(onPg.save.median)} ms  p99 ${ms(onPg.save.p99)} ms  (n=${onPg.save.n})  vs lowdb ${vsLowdb(onPg.save, save)}`,
      );
      console.log(
        `    of which the storage write (Store.write)       median ${ms(onPg.write.median)} ms  p99 ${ms(onPg.write.p99)} ms  (n=${onPg.write.n})  vs lowdb ${vsLowdb(onPg.write, write)}`,
      );
      console.log(
        `  migration: lowdb → PostgreSQL ${ms(migrated)} ms, back to a new folder ${ms(returned)} ms; ` +
          `counts and content equal (${[...cFrom.values()].reduce((t, c) => t + c.items, 0)} items)`,
      );
      rows.push(
        `| ${n} | ${ms(save.median)} / ${ms(save.p99)} | ${ms(write.median)} / ${ms(write.p99)} | ${ms(raw.median)} / ${ms(raw.p99)} | ${ratio(save)} | ${ms(singleStats.median)} / ${ms(singleStats.p99)} |`,
      );
      pgRows.push(
        `| ${n} | ${ms(save.median)} / ${ms(save.p99)} | ${ms(onPg.save.median)} / ${ms(onPg.save.p99)} | ${vsLowdb(onPg.save, save)} | ${ms(write.median)} / ${ms(write.p99)} | ${ms(onPg.write.median)} / ${ms(onPg.write.p99)} | ${vsLowdb(onPg.write, write)} | ${ms(migrated)} / ${ms(returned)} |`,
      );
    }
    console.log(
      '\n| reports | save one step, median / p99 ms | its storage write | raw write+rename | save ÷ raw (median / p99) | single file |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const r of rows) console.log(r);
    console.log(
      '\n| reports | lowdb save, median / p99 ms | PostgreSQL save | PG ÷ lowdb | lowdb Store.write | PG Store.write | PG ÷ lowdb | migrate there / back, ms |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of pgRows) console.log(r);
  } finally {
    await cluster.stop();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
