import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { COLLECTION_NAME, type CollectionSchema, type Storage, type Store } from './store.js';

/** The on-disk shape of every collection file: versioned so migrations are possible. */
export interface CollectionFile<T> {
  version: number;
  items: Record<string, T>;
}

/** Data was written by a newer nianbao than the one running: refuse rather than misread it. */
export class StorageVersionError extends Error {}

class LowStore<T> implements Store<T> {
  private flushing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly db: Low<CollectionFile<T>>) {}

  /**
   * Resolves once a write that started after this call is on disk. lowdb stringifies the whole document on
   * every write() before steno coalesces the file writes, so 500 concurrent saves would serialize the file 500
   * times; instead every save made while a write runs joins the single next one.
   */
  flush(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.flushing) return this.startFlush();
    this.queued = this.flushing
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.startFlush();
      });
    return this.queued;
  }

  private startFlush(): Promise<void> {
    const p: Promise<void> = this.db.write().finally(() => {
      if (this.flushing === p) this.flushing = null;
    });
    this.flushing = p;
    return p;
  }

  async read(key: string) {
    return Object.hasOwn(this.db.data.items, key) ? this.db.data.items[key] : undefined;
  }
  async write(key: string, value: T) {
    this.db.data.items[key] = value;
    // lowdb (steno) writes a temp file then renames it: the file is never left half-written.
    await this.flush();
  }
  async delete(key: string) {
    if (!Object.hasOwn(this.db.data.items, key)) return;
    delete this.db.data.items[key];
    await this.flush();
  }
  async entries() {
    return Object.entries(this.db.data.items);
  }
}

/** Storage as a directory of lowdb files, one JSON file per collection. */
export class LowdbStorage implements Storage {
  private readonly open_ = new Map<string, Promise<LowStore<unknown>>>();

  constructor(private readonly dir: string) {}

  private file(name: string) {
    if (!COLLECTION_NAME.test(name)) throw new Error(`invalid collection name: ${name}`);
    return path.join(this.dir, `${name}.json`);
  }

  open<T>(name: string, schema: CollectionSchema<T> = { version: 1 }): Promise<Store<T>> {
    let p = this.open_.get(name);
    if (!p) {
      p = this.load(name, schema as CollectionSchema<unknown>);
      this.open_.set(name, p);
      p.catch(() => this.open_.delete(name));
    }
    return p as Promise<Store<T>>;
  }

  private async load(name: string, schema: CollectionSchema<unknown>) {
    const file = this.file(name);
    await mkdir(path.dirname(file), { recursive: true });
    // Compact JSON: these files are read by programs, and smaller files are rewritten faster.
    const adapter = new DataFile<CollectionFile<unknown>>(file, {
      parse: JSON.parse,
      stringify: JSON.stringify,
    });
    const db = new Low(adapter, { version: schema.version, items: {} });
    await db.read();
    const stored = db.data;
    if (stored.version > schema.version) {
      throw new StorageVersionError(
        `${file} was written by a newer nianbao (data version ${stored.version}, this one knows ${schema.version})`,
      );
    }
    if (stored.version < schema.version) {
      if (!schema.migrate)
        throw new StorageVersionError(`${file}: no migration from version ${stored.version}`);
      db.data = { version: schema.version, items: schema.migrate(stored.items, stored.version) };
      await db.write();
    }
    return new LowStore<unknown>(db);
  }

  async list(prefix: string): Promise<string[]> {
    const dir = path.join(this.dir, path.dirname(`${prefix}x`));
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const base = path.dirname(`${prefix}x`);
    return names
      .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
      .map((n) => (base === '.' ? '' : `${base}/`) + n.slice(0, -'.json'.length))
      .filter((n) => n.startsWith(prefix))
      .sort();
  }

  async drop(name: string): Promise<void> {
    const p = this.open_.get(name);
    this.open_.delete(name);
    if (p) await (await p.catch(() => undefined))?.flush();
    await rm(this.file(name), { force: true });
  }

  async close(): Promise<void> {
    const stores = await Promise.allSettled([...this.open_.values()]);
    await Promise.all(stores.map((s) => (s.status === 'fulfilled' ? s.value.flush() : undefined)));
  }
}
