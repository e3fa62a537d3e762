/**
 * A real LowdbStorage with one write held back until the test releases it: the way to force a write of one
 * report to land after another change of the same report (a slow disk, a busy event loop), deterministically.
 * Everything else goes straight through to lowdb.
 */
import type { CollectionSchema, Storage, Store } from '../../storage/store.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';

interface Gate {
  collection: string;
  key: string;
  /** resolves when the held write arrives */
  reached: Promise<void>;
  arrive: () => void;
  release: () => void;
  released: Promise<void>;
}

/** LowdbStorage in `dir` whose next write of (collection, key) waits for `release()`. */
export class HeldWriteStorage implements Storage {
  readonly inner: LowdbStorage;
  private gate: Gate | undefined;

  constructor(dir: string) {
    this.inner = new LowdbStorage(dir);
  }

  /**
   * Holds the next write of `key` in `collection` before it reaches lowdb (so no reader sees it yet).
   * Returns `reached` (the write is being held) and `release` (let it through).
   */
  holdNextWrite(collection: string, key: string): { reached: Promise<void>; release: () => void } {
    let arrive!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((r) => (arrive = r));
    const released = new Promise<void>((r) => (release = r));
    this.gate = { collection, key, reached, arrive, release, released };
    return { reached, release };
  }

  async open<T>(name: string, schema?: CollectionSchema<T>): Promise<Store<T>> {
    const store = await this.inner.open<T>(name, schema);
    return {
      read: (key) => store.read(key),
      entries: () => store.entries(),
      delete: (key) => store.delete(key),
      write: async (key, value) => {
        const gate = this.gate;
        if (gate && gate.collection === name && gate.key === key) {
          this.gate = undefined;
          gate.arrive();
          await gate.released;
        }
        await store.write(key, value);
      },
    };
  }

  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }

  drop(name: string): Promise<void> {
    return this.inner.drop(name);
  }

  lock<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.inner.lock(name, work);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
