/**
 * `nianbao migrate --from DATA_DIR --to postgres://…` (and back, `--from postgres://… --to DIR`): copies every
 * round, report, version, approval, history entry, claim, queued message and reminder record, generically
 * (storage/copy-storage.ts), plus what a bot on PostgreSQL keeps in tables of their own, jobs and handled events
 * (migrate-tables.ts), and prints a count per kind before and after. A non-empty target is refused unless
 * --force (which empties it first); different counts afterwards exit 1.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  clearStorage,
  copyStorage,
  isEmpty,
  sameCounts,
  type Counts,
  type KindCount,
} from '../../storage/copy-storage.js';
import { openStorage } from '../../storage/open-storage.js';
import type { CopyableStorage } from '../../storage/store.js';
import { runningBot } from '../server/bot-presence.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';
import { clearTables, countAll, exportTables, tablesEmpty } from './migrate-tables.js';

const USAGE =
  '用法：nianbao migrate --from DATA_DIR|postgres://… --to postgres://…|DATA_DIR [--force]\n' +
  '  把数据目录中的全部数据复制到 PostgreSQL 数据库（或反过来）；目标不是空的时需加 --force（先清空目标）';

const isUrl = (where: string) => /^postgres(ql)?:\/\//.test(where);

/** The place as it may be printed: a URL without its password. */
function shown(where: string): string {
  if (!isUrl(where)) return where;
  try {
    const u = new URL(where);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** The counts as a table; a kind `besides` holds and `counts` lacks shows as 0, so a loss stands out. */
function countTable(title: string, counts: Counts, besides: Counts = new Map()): string {
  // A kind counted by content has no collections or logs worth showing: they differ between the two stores.
  const n = (c: { byContent?: true }, v: number) => (c.byContent ? '—' : String(v));
  const none: KindCount = { collections: 0, items: 0, logs: 0, records: 0 };
  const shownCounts = new Map<string, KindCount>(
    [...new Set([...counts.keys(), ...besides.keys()])]
      .sort((a, b) => a.localeCompare(b))
      .map((k) => [
        k,
        counts.get(k) ?? { ...none, ...(besides.get(k)?.byContent ? { byContent: true } : {}) },
      ]),
  );
  const rows = [...shownCounts].map(
    ([kind, c]) =>
      `  ${kind.padEnd(14)} ${n(c, c.collections).padStart(8)} ${String(c.items).padStart(8)} ` +
      `${n(c, c.logs).padStart(6)} ${n(c, c.records).padStart(8)}`,
  );
  const head = `  ${'类别'.padEnd(12)} ${'集合'.padStart(6)} ${'条目'.padStart(6)} ${'日志'.padStart(4)} ${'日志记录'.padStart(4)}`;
  const note = [...shownCounts.values()].some((c) => c.byContent)
    ? [
        '  （outbox、outbox-dead、claims 的条目是待发送的消息、发送失败的消息、已处理的事件，不论存为集合、日志还是数据库表）',
      ]
    : [];
  return [title, head, ...(rows.length ? rows : ['  （空）']), ...note].join('\n') + '\n';
}

/** Word files waiting to be sent stay in the data directory: they are not in the storage. */
async function filesLeft(dataDir: string): Promise<number> {
  try {
    return (await readdir(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true })).filter(
      (e) => e.isFile(),
    ).length;
  } catch {
    return 0;
  }
}

/** 0 copied with equal counts, 1 counts differ, 2 refused or used wrongly (nothing changed). */
export async function runMigrate(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    force: { type: 'boolean' },
  });
  const { from, to } = values;
  if (!from || !to || positionals.length) throw new UsageError(USAGE);
  if (isUrl(from) === isUrl(to))
    throw new UsageError('--from 和 --to 应一个是数据目录、一个是 postgres:// 地址\n' + USAGE);
  if (!isUrl(from) && !existsSync(from)) {
    io.err(`数据目录 ${from} 不存在，什么也没有复制\n`);
    return 2;
  }
  for (const dir of [from, to].filter((w) => !isUrl(w))) {
    const bot = await runningBot(dir);
    if (bot) {
      io.err(
        `数据目录 ${dir} 正由运行中的 nianbao 使用（进程号 ${bot.pid}）：复制时数据还在变化。请先停止机器人再迁移，什么也没有复制\n`,
      );
      return 2;
    }
  }
  const open = (where: string) =>
    openStorage(isUrl(where) ? { dataDir: '', databaseUrl: where } : { dataDir: where });
  let source: CopyableStorage | undefined;
  let target: CopyableStorage | undefined;
  try {
    for (const where of [from, to]) {
      try {
        const opened = await open(where);
        if (where === from) source = opened;
        else target = opened;
      } catch (e) {
        io.err(`无法打开 ${shown(where)}：${(e as Error).message}。什么也没有复制\n`);
        return 2;
      }
    }
    if (!source || !target) return 2;
    return await migrateBetween(source, target, io, { from, to, force: values.force === true });
  } finally {
    await Promise.all([source?.close(), target?.close()]);
  }
}

/** What migrateBetween prints about the two places, and whether it may empty a target holding data. */
export interface MigrateOptions {
  from: string;
  to: string;
  force: boolean;
}

/**
 * Copies `source` into `target` with the counts per kind before and after; 0 equal, 1 counts differ, 2 the
 * target holds data and `force` is not set (nothing changed).
 */
export async function migrateBetween(
  source: CopyableStorage,
  target: CopyableStorage,
  io: CommandIO,
  { from, to, force }: MigrateOptions,
): Promise<number> {
  const before = await countAll(source);
  io.out(countTable(`源 ${shown(from)}（迁移前）：`, before));
  if (!(await isEmpty(target)) || !(await tablesEmpty(target))) {
    if (!force) {
      io.err(
        `目标 ${shown(to)} 已有数据（${countTotal(await countAll(target))}）。为免覆盖，什么也没有复制；` +
          '确定要用源数据替换它，请加 --force\n',
      );
      return 2;
    }
    io.out(`目标 ${shown(to)} 已有数据：按 --force 先清空\n`);
    await clearStorage(target);
    await clearTables(target);
  }
  const t0 = Date.now();
  await copyStorage(source, target);
  // Into a data directory: the files of queued Word files go next to its data, where its bot looks.
  const migrated = path.resolve(to, 'files', 'migrated');
  const written = isUrl(to) ? 0 : await exportTables(source, target, migrated);
  const after = await countAll(target);
  io.out(countTable(`目标 ${shown(to)}（迁移后）：`, after, before));
  const left = isUrl(from) ? 0 : await filesLeft(from);
  if (left)
    io.out(`另有 ${from}/files 中的 ${left} 个待发送文件不在数据库中：请保留这个目录，用 DATA_DIR 指向它\n`);
  if (written) io.out(`数据库中待发送的 ${written} 个文件已写入 ${migrated}\n`);
  if (!sameCounts(before, after)) {
    io.err('迁移前后数量不一致：请检查上面两张表，目标中的数据可能不完整\n');
    return 1;
  }
  io.out(`已复制，数量一致（${countTotal(after)}，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒）\n`);
  return 0;
}

function countTotal(c: Counts): string {
  let collections = 0;
  let items = 0;
  let records = 0;
  for (const k of c.values()) {
    collections += k.collections;
    items += k.items;
    records += k.records;
  }
  return `${collections} 个集合、${items} 个条目、${records} 条日志记录`;
}
