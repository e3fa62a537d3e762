import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { fileIo, StorageWriteError } from './file-io.js';
import { Journal } from './journal.js';
import { MemoryLock } from './memory-lock.js';
import {
  COLLECTION_NAME,
  type AppendLog,
  type CollectionSchema,
  type CopyableStorage,
  type RawCollection,
  type Store,
} from './store.js';

/** The on-disk shape of every collection file: versioned so migrations are possible. */
export interface CollectionFile<T> {
  version: number;
  items: Record<string, T>;
}

/** Data was written by a newer nianbao than the one running: refuse rather than misread it. */
export class StorageVersionError extends Error {}

/**
 * lowdb's adapter for one collection file, writing through fileIo: a temp file then a rename (as lowdb's steno
 * does), so the file is never left half-written. LowStore runs one write at a time per file.
 */
class JsonFile<T> implements Adapter<T> {
  private readonly temp: string;
  constructor(private readonly file: string) {
    this.temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  }
  async read(): Promise<T | null> {
    try {
      return JSON.parse(await fileIo.readFile(this.file)) as T;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
  async write(data: T): Promise<void> {
    // Compact JSON: these files are read by programs, and smaller files are rewritten faster.
    await fileIo.writeFile(this.temp, JSON.stringify(data));
    await fileIo.rename(this.temp, this.file);
  }
}

const same = <T>(a: Record<string, T>, b: Record<string, T>, key: string) =>
  Object.hasOwn(a, key) === Object.hasOwn(b, key) && a[key] === b[key];

class LowStore<T> implements Store<T> {
  private flushing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** the items as the file holds them: what memory goes back to when a write fails */
  private onDisk: Record<string, T>;

  constructor(
    private readonly db: Low<CollectionFile<T>>,
    private readonly name: string,
  ) {
    this.onDisk = { ...db.data.items };
  }

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

  /** Waits for every write begun or queued, without failing: each failed write was told to its caller. */
  async settle(): Promise<void> {
    for (let i = 0; i < 3 && (this.flushing || this.queued); i++) {
      await (this.queued ?? this.flushing)?.catch(() => undefined);
    }
  }

  private startFlush(): Promise<void> {
    const snapshot = { ...this.db.data.items };
    const p: Promise<void> = this.db
      .write()
      .then(
        () => void (this.onDisk = snapshot),
        (err: unknown) => {
          this.rollback(snapshot);
          throw new StorageWriteError(this.name, err);
        },
      )
      .finally(() => {
        if (this.flushing === p) this.flushing = null;
      });
    this.flushing = p;
    return p;
  }

  /**
   * A write that failed leaves memory as the file is, so nobody is shown a value that a restart would lose.
   * A key changed again since the write began is left: it belongs to the next write, which stands on its own.
   */
  private rollback(written: Record<string, T>) {
    const items = this.db.data.items;
    for (const key of new Set([
      ...Object.keys(this.onDisk),
      ...Object.keys(written),
      ...Object.keys(items),
    ])) {
      if (!same(items, written, key)) continue;
      if (Object.hasOwn(this.onDisk, key)) items[key] = this.onDisk[key];
      else delete items[key];
    }
  }

  async read(key: string) {
    return Object.hasOwn(this.db.data.items, key) ? this.db.data.items[key] : undefined;
  }
  async write(key: string, value: T) {
    this.db.data.items[key] = value;
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

/** Storage as a directory of lowdb files, one JSON file per collection, and append-only `.jsonl` logs. */
export class LowdbStorage implements CopyableStorage {
  private readonly open_ = new Map<string, Promise<LowStore<unknown>>>();
  private readonly logs = new Map<string, Journal<unknown>>();
  private readonly locks = new MemoryLock();

  constructor(private readonly dir: string) {}

  /** One process owns the data directory: its in-memory queue per name is the whole truth. */
  lock<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(name, work);
  }

  private file(name: string, ext = '.json') {
    if (!COLLECTION_NAME.test(name)) throw new Error(`invalid collection name: ${name}`);
    return path.join(this.dir, `${name}${ext}`);
  }

  async openLog<T>(
    name: string,
    keep?: (line: string) => boolean,
  ): Promise<{ log: AppendLog<T>; records: T[] }> {
    const file = this.file(name, '.jsonl');
    await mkdir(path.dirname(file), { recursive: true });
    const { records, endsClean } = await Journal.read<T>(file, keep);
    let log = this.logs.get(name) as Journal<T> | undefined;
    if (!log) {
      log = new Journal<T>(file, name, endsClean);
      this.logs.set(name, log as Journal<unknown>);
    }
    return { log, records };
  }

  listLogs(prefix: string): Promise<string[]> {
    return this.names(prefix, '.jsonl');
  }

  async dropLog(name: string): Promise<void> {
    const log = this.logs.get(name);
    this.logs.delete(name);
    await log?.settle();
    await rm(this.file(name, '.jsonl'), { force: true });
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
    const db = new Low(new JsonFile<CollectionFile<unknown>>(file), { version: schema.version, items: {} });
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
      await db.write().catch((e: unknown) => {
        throw new StorageWriteError(name, e);
      });
    }
    return new LowStore<unknown>(db, name);
  }

  list(prefix: string): Promise<string[]> {
    return this.names(prefix, '.json');
  }

  private async names(prefix: string, ext: string): Promise<string[]> {
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
      .filter((n) => n.endsWith(ext) && !n.startsWith('.'))
      .map((n) => (base === '.' ? '' : `${base}/`) + n.slice(0, -ext.length))
      .filter((n) => n.startsWith(prefix))
      .sort();
  }

  async drop(name: string): Promise<void> {
    const p = this.open_.get(name);
    this.open_.delete(name);
    if (p) await (await p.catch(() => undefined))?.settle();
    await rm(this.file(name), { force: true });
  }

  collectionNames(): Promise<string[]> {
    return this.walk('.json');
  }

  logNames(): Promise<string[]> {
    return this.walk('.jsonl');
  }

  /** Every file with this extension under the data directory, as collection names (hidden files left out). */
  private async walk(ext: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(this.dir, { recursive: true, withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return entries
      .filter((e) => e.isFile() && e.name.endsWith(ext) && !e.name.startsWith('.'))
      .map((e) => path.relative(this.dir, path.join(e.parentPath, e.name)).slice(0, -ext.length))
      .map((n) => n.split(path.sep).join('/'))
      .filter((n) => COLLECTION_NAME.test(n))
      .sort();
  }

  async readRaw(name: string): Promise<RawCollection> {
    const data = await new JsonFile<CollectionFile<unknown>>(this.file(name)).read();
    return { version: data?.version ?? 1, entries: Object.entries(data?.items ?? {}) };
  }

  async writeRaw(name: string, collection: RawCollection): Promise<void> {
    const file = this.file(name);
    await mkdir(path.dirname(file), { recursive: true });
    await new JsonFile<CollectionFile<unknown>>(file)
      .write({ version: collection.version, items: Object.fromEntries(collection.entries) })
      .catch((e: unknown) => {
        throw new StorageWriteError(name, e);
      });
  }

  async close(): Promise<void> {
    // Every save was written or failed (and was told so, memory rolled back): nothing is left to write here,
    // so a full or read-only disk does not stop a shutdown.
    const stores = await Promise.allSettled([...this.open_.values()]);
    await Promise.all(stores.map((s) => (s.status === 'fulfilled' ? s.value.settle() : undefined)));
    await Promise.all([...this.logs.values()].map((l) => l.settle()));
  }
}
