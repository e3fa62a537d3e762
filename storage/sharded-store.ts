/**
 * One collection spread over several files (`name/0` … `name/15`) by a hash of the key. lowdb rewrites a whole
 * file on every save, so a collection that holds thousands of items at once costs a save in proportion to all of
 * them: the outbox during a 2,000-person reminder fan-out spent a third of its time re-encoding its own file.
 * Spread over 16 files, a save rewrites a sixteenth.
 */
import type { CollectionSchema, Storage, Store } from './store.js';

/** A Store whose pending writes can be awaited (every file of it). */
export interface ShardedStore<T> extends Store<T> {
  /** resolves once every write begun so far has ended (written or failed) */
  settle(): Promise<void>;
}

type Settling<T> = Store<T> & { settle?: () => Promise<void> };

export const DEFAULT_SHARDS = 16;

/** FNV-1a: cheap, and spreads uuids and hex ids evenly. */
function shardOf(key: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % count;
}

/**
 * Opens `name` as `count` shard collections. A single collection `name` left by an older nianbao is moved into
 * the shards first (written, then dropped: a crash in between moves the same items again, which is harmless).
 */
export async function openSharded<T>(
  storage: Storage,
  name: string,
  schema?: CollectionSchema<T>,
  count = DEFAULT_SHARDS,
): Promise<ShardedStore<T>> {
  const shards: Array<Settling<T>> = await Promise.all(
    Array.from({ length: count }, (_, i) => storage.open<T>(`${name}/${i}`, schema)),
  );
  const of = (key: string) => shards[shardOf(key, count)];
  if ((await storage.list(name)).includes(name)) {
    const legacy = await storage.open<T>(name, schema);
    await Promise.all((await legacy.entries()).map(([k, v]) => of(k).write(k, v)));
    await storage.drop(name);
  }
  return {
    read: (key) => of(key).read(key),
    write: (key, value) => of(key).write(key, value),
    delete: (key) => of(key).delete(key),
    async entries() {
      return (await Promise.all(shards.map((s) => s.entries()))).flat();
    },
    async settle() {
      await Promise.all(shards.map((s) => s.settle?.()));
    },
  };
}
