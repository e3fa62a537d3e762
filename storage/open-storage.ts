/**
 * The one place that picks the storage: PostgreSQL when DATABASE_URL is set, else lowdb files in the data
 * directory (the default: `npm start` needs no database). The bot and the command line both open it here.
 */
import { LowdbStorage } from './lowdb-storage.js';
import { PostgresStorage } from './postgres-storage.js';
import type { CopyableStorage } from './store.js';

/** Where data lives: the data directory, and the database when one is configured. */
export interface StorageConfig {
  dataDir: string;
  /** postgres://… ; null or empty = lowdb files in dataDir */
  databaseUrl?: string | null;
  /** DATABASE_POOL_MAX (default 10) */
  databasePoolMax?: number;
}

/** Opens the configured storage (PostgreSQL migrations run first). */
export async function openStorage(config: StorageConfig): Promise<CopyableStorage> {
  if (config.databaseUrl) {
    return PostgresStorage.open({
      url: config.databaseUrl,
      ...(config.databasePoolMax ? { poolMax: config.databasePoolMax } : {}),
    });
  }
  return new LowdbStorage(config.dataDir);
}

/** The storage settings from the environment, for the command line (the bot reads them through loadConfig). */
export function storageConfigFromEnv(dataDir: string, env = process.env): StorageConfig {
  const max = Number(env.DATABASE_POOL_MAX);
  return {
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    ...(Number.isInteger(max) && max > 0 ? { databasePoolMax: max } : {}),
  };
}
