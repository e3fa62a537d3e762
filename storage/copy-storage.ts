/**
 * Copies everything one storage holds into another (lowdb files ⇄ PostgreSQL), generically: every collection
 * with its schema version and items in order, every log with its records, whatever their names. Used by
 * `nianbao migrate`; counts per kind (the first part of a name: rounds, reports, approvals, outbox, claims …)
 * tell whether anything was lost.
 */
import type { CopyableStorage } from './store.js';

/** What a storage holds of one kind. */
export interface KindCount {
  collections: number;
  items: number;
  logs: number;
  records: number;
  /**
   * `items` counts things (queued jobs, handled events) whichever way they are stored, in collections, logs or
   * tables of their own; the other numbers are then 0
   */
  byContent?: true;
}

/** kind → counts, kinds sorted */
export type Counts = Map<string, KindCount>;

const kindOf = (name: string) => name.split('/')[0];

/** Runs `work` over `list`, at most `limit` at a time. */
async function eachLimited<T>(list: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < list.length) await work(list[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
}

/** Counts collections, items, logs and log records per kind, leaving out the kinds in `skip`. */
export async function countByKind(
  s: CopyableStorage,
  limit = 16,
  skip: ReadonlySet<string> = new Set(),
): Promise<Counts> {
  const counts: Counts = new Map();
  const of = (name: string) => {
    const k = kindOf(name);
    let c = counts.get(k);
    if (!c) counts.set(k, (c = { collections: 0, items: 0, logs: 0, records: 0 }));
    return c;
  };
  const counted = (names: string[]) => names.filter((name) => !skip.has(kindOf(name)));
  await eachLimited(counted(await s.collectionNames()), limit, async (name) => {
    // Read before adding: `c.items += await …` would add to a count read before the wait.
    const items = (await s.readRaw(name)).entries.length;
    const c = of(name);
    c.collections++;
    c.items += items;
  });
  await eachLimited(counted(await s.logNames()), limit, async (name) => {
    const records = (await s.openLog(name)).records.length;
    const c = of(name);
    c.logs++;
    c.records += records;
  });
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

/** True when both hold the same numbers of every kind. */
export function sameCounts(a: Counts, b: Counts): boolean {
  const kinds = new Set([...a.keys(), ...b.keys()]);
  return [...kinds].every((k) => JSON.stringify(a.get(k)) === JSON.stringify(b.get(k)));
}

/** True when the storage holds no collection and no log. */
export async function isEmpty(s: CopyableStorage): Promise<boolean> {
  return (await s.collectionNames()).length === 0 && (await s.logNames()).length === 0;
}

/** Removes every collection and log. */
export async function clearStorage(s: CopyableStorage, limit = 16): Promise<void> {
  await eachLimited(await s.collectionNames(), limit, (name) => s.drop(name));
  await eachLimited(await s.logNames(), limit, (name) => s.dropLog(name));
}

/** Copies every collection and log of `from` into `to` (which should be empty), `limit` at a time. */
export async function copyStorage(from: CopyableStorage, to: CopyableStorage, limit = 16): Promise<void> {
  await eachLimited(await from.collectionNames(), limit, async (name) => {
    await to.writeRaw(name, await from.readRaw(name));
  });
  await eachLimited(await from.logNames(), limit, async (name) => {
    const { records } = await from.openLog(name);
    const { log } = await to.openLog(name);
    // Appended together: both stores join them into a few writes.
    await Promise.all(records.map((r) => log.append(r)));
    await log.settle();
  });
}
