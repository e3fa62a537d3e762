/**
 * Storage behind a small interface (grammY's read/write/delete idea): lowdb is one implementation, a server
 * database can be another. A Storage holds named collections; each collection is a key → value Store.
 *
 * Why collections: lowdb rewrites a whole file per write, so the cost of one save must not grow with the number
 * of reports (design.md "Storage that stays fast as rounds grow"). Callers keep collections small: one per
 * report, one for the outbox; claimed event ids go to an append-only log per hour (LogStorage).
 */

/** One collection of values by string key. Every write is durable (atomic temp file + rename) when it resolves. */
export interface Store<T> {
  /** the value under key, or undefined */
  read(key: string): Promise<T | undefined>;
  /** sets key to value and persists the collection */
  write(key: string, value: T): Promise<void>;
  /** removes key (no-op if absent) and persists the collection */
  delete(key: string): Promise<void>;
  /** every [key, value] pair, in insertion order */
  entries(): Promise<Array<[string, T]>>;
}

/** How a collection's stored data is versioned; `migrate` upgrades older files when they are opened. */
export interface CollectionSchema<T> {
  /** the version this code writes; stored in the file so later code never misreads old data */
  version: number;
  /** turns the items of a file written at an older version into items of `version` */
  migrate?: (items: Record<string, unknown>, fromVersion: number) => Record<string, T>;
}

/** A set of named collections ("outbox", "claims/2026112909", later "reports/<id>"). */
export interface Storage {
  /** opens (creating if needed) the collection `name`; the same name gives the same Store */
  open<T>(name: string, schema?: CollectionSchema<T>): Promise<Store<T>>;
  /** names of existing collections under a prefix such as "claims/" */
  list(prefix: string): Promise<string[]>;
  /** removes a whole collection (used to expire old claim buckets at once) */
  drop(name: string): Promise<void>;
  /**
   * Runs `work` when no other work holding the lock `name` is running (in this process or, with a database,
   * in any process on it) and resolves with its result. With PostgreSQL the section is one transaction: the
   * writes made from inside it commit together when work resolves, and none is kept when it rejects; lowdb
   * keeps the writes made before a failure. A lock asked for again inside its own section is held already
   * (re-entrant). A lock of another name taken inside is freed when its work ends on lowdb (whose writes are
   * seen at once), when the outer transaction ends on PostgreSQL (whose writes are seen only then).
   */
  lock<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** waits for pending writes */
  close(): Promise<void>;
}

/** An append-only log of records ("claims/2026112909"): an append costs the same however long the log is. */
export interface AppendLog<T> {
  /** appends one record and resolves once it is stored */
  append(record: T): Promise<void>;
  /** waits for appends in flight */
  settle(): Promise<void>;
}

/** Storage that also keeps append-only logs, beside its collections. */
export interface LogStorage {
  /**
   * opens (creating if needed) the log `name` and returns its records so far, oldest first; with `keep`, only
   * those whose stored line passes it (a cheap test that spares parsing the others)
   */
  openLog<T>(name: string, keep?: (line: string) => boolean): Promise<{ log: AppendLog<T>; records: T[] }>;
  /** names of existing logs under a prefix */
  listLogs(prefix: string): Promise<string[]>;
  /** removes a whole log */
  dropLog(name: string): Promise<void>;
}

/** Collection names are path-like but never escape the data directory. */
export const COLLECTION_NAME = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

/** A collection as stored, without a schema applied: what `nianbao migrate` copies. */
export interface RawCollection {
  /** the schema version its items were written at */
  version: number;
  /** every [key, value] pair, in insertion order */
  entries: Array<[string, unknown]>;
}

/** Storage that can name and copy everything it holds (`nianbao migrate` between lowdb and PostgreSQL). */
export interface CopyableStorage extends Storage, LogStorage {
  /** every collection, whatever its prefix, sorted */
  collectionNames(): Promise<string[]>;
  /** every log, whatever its prefix, sorted */
  logNames(): Promise<string[]>;
  /** a collection's version and items as stored (no migration applied) */
  readRaw(name: string): Promise<RawCollection>;
  /** replaces a collection (creating it, even empty) with these items at this version; not for open stores */
  writeRaw(name: string, collection: RawCollection): Promise<void>;
}
