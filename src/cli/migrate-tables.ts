/**
 * What `nianbao migrate` moves besides collections and logs: the outbox's jobs and the event claims. On lowdb
 * they are collections (`outbox/<shard>`, `outbox-dead`) and logs (`claims/<hour>`); on PostgreSQL they become
 * rows of tables of their own (outbox_jobs and outbox_files, event_claims) once a bot has started there. They are
 * counted by content whichever way they are stored, so the counts before and after a move compare like with
 * like, and the rows go back to a data directory in the form its bot reads. The SQL stays with the code that
 * owns each table (outbox-pg-queue.ts, postgres-claims.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countByKind, type Counts, type KindCount } from '../../storage/copy-storage.js';
import { clearClaims, countDoneClaims, exportDoneClaims } from '../../storage/postgres-claims.js';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import type { CopyableStorage } from '../../storage/store.js';
import type { OutboxItem } from '../feishu/outbox-item.js';
import { clearOutboxRows, countOutboxRows, exportOutboxRows } from '../feishu/outbox-pg-queue.js';
import { openOutboxStore } from '../feishu/outbox-queue.js';

const DEAD = 'outbox-dead';
/** The kinds counted by content: jobs waiting to be sent, dead-lettered jobs, handled events. */
export const CONTENT_KINDS: ReadonlySet<string> = new Set(['outbox', DEAD, 'claims']);
const CLAIMS = /^claims\/\d{10}$/;
/** how storage/event-claims.ts's done lines are told apart without parsing the others */
const DONE_MARK = '"s":"d"';

/** Jobs and handled events per kind of CONTENT_KINDS (kinds holding none left out). */
export async function countContents(s: CopyableStorage): Promise<Counts> {
  const collections = await s.collectionNames();
  const itemsOf = async (names: string[]) => {
    let n = 0;
    for (const name of names) n += (await s.readRaw(name)).entries.length;
    return n;
  };
  let pending = await itemsOf(collections.filter((n) => n === 'outbox' || n.startsWith('outbox/')));
  let dead = await itemsOf(collections.filter((n) => n === DEAD));
  // An event claimed and done in the same hour has both lines; one claimed by an older nianbao is an item of
  // an hour's collection.
  const done = new Set<string>();
  for (const name of (await s.logNames()).filter((n) => CLAIMS.test(n))) {
    const { records } = await s.openLog<{ e?: unknown; s?: unknown }>(name, (l) => l.includes(DONE_MARK));
    for (const r of records) if (typeof r?.e === 'string' && r.s === 'd') done.add(r.e);
  }
  for (const name of collections.filter((n) => CLAIMS.test(n)))
    for (const [e, c] of (await s.readRaw(name)).entries)
      if ((c as { state?: unknown } | null)?.state === 'done') done.add(e);
  let claims = done.size;
  if (s instanceof PostgresStorage) {
    const rows = await countOutboxRows(s);
    pending += rows.pending;
    dead += rows.dead;
    claims += await countDoneClaims(s);
  }
  const counted = (items: number): KindCount => ({
    collections: 0,
    items,
    logs: 0,
    records: 0,
    byContent: true,
  });
  const all: Array<[string, number]> = [
    ['claims', claims],
    ['outbox', pending],
    [DEAD, dead],
  ];
  return new Map(all.filter(([, n]) => n > 0).map(([k, n]) => [k, counted(n)]));
}

/** Every kind: collections and logs counted as stored, CONTENT_KINDS by content; kinds sorted. */
export async function countAll(s: CopyableStorage): Promise<Counts> {
  // copy-storage.ts is generic storage code: it knows nothing of the kinds counted here.
  const [stored, contents] = await Promise.all([countByKind(s, 16, CONTENT_KINDS), countContents(s)]);
  return new Map([...stored, ...contents].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Writes the jobs and handled events `source` keeps in PostgreSQL tables into the data directory `target`
 * (after copyStorage): jobs into its outbox (a file job's bytes into `filesDir`, the job pointing at them),
 * done claims into its claim logs. Returns how many files were written; nothing to do from lowdb.
 */
export async function exportTables(
  source: CopyableStorage,
  target: CopyableStorage,
  filesDir: string,
): Promise<number> {
  if (!(source instanceof PostgresStorage)) return 0;
  let files = 0;
  const writes: Promise<void>[] = [];
  // Opened at the first job: a database without jobs leaves the folder without outbox files.
  let stores: ReturnType<typeof openStores> | undefined;
  for await (const { item, state, bytes } of exportOutboxRows(source)) {
    const { queued, dead } = await (stores ??= openStores(target));
    if (bytes && item.job.kind === 'send-file') {
      await mkdir(filesDir, { recursive: true });
      const file = path.join(filesDir, item.id);
      await writeFile(file, bytes);
      item.job.filePath = file;
      files += 1;
    }
    // Written together: a store joins the writes made while one runs.
    writes.push(state === 'dead' ? dead.write(item.id, item) : queued.write(item.id, item));
  }
  await Promise.all(writes);
  await exportDoneClaims(source, target);
  return files;
}

/** The data directory's outbox as LocalOutboxQueue reads it: queued jobs and dead letters. */
async function openStores(target: CopyableStorage) {
  const [queued, dead] = await Promise.all([
    openOutboxStore(target),
    target.open<OutboxItem>(DEAD, { version: 1 }),
  ]);
  return { queued, dead };
}

/** Whether `s` keeps no job and no handled event in tables of their own (lowdb never does). */
export async function tablesEmpty(s: CopyableStorage): Promise<boolean> {
  if (!(s instanceof PostgresStorage)) return true;
  const rows = await countOutboxRows(s);
  return rows.pending + rows.dead === 0 && (await countDoneClaims(s)) === 0;
}

/** Empties the tables of the jobs and the claims (`--force` replacing a database's data). */
export async function clearTables(s: CopyableStorage): Promise<void> {
  if (!(s instanceof PostgresStorage)) return;
  await clearOutboxRows(s);
  await clearClaims(s);
}
