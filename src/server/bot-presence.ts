/**
 * Which bot process owns a data directory. lowdb keeps every collection in memory and rewrites whole files, so
 * two processes on one directory would overwrite each other's saves: a running bot leaves a small file there
 * naming itself, its address and a secret, and anything else that wants to change the data (the command line)
 * asks that bot to do it instead of writing the files itself (src/cli/bot-link.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The file, hidden so storage listings never take it for a collection. */
export const PRESENCE_FILE = '.nianbao-bot.json';

/** What a running bot says about itself. */
export interface Presence {
  pid: number;
  /** base URL of its HTTP server on this machine, e.g. http://127.0.0.1:3000 */
  url: string;
  /** bearer secret for its admin commands: only someone who can read the data directory has it */
  token: string;
  /** ISO 8601 */
  startedAt: string;
}

/** Another live process already owns the directory. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: Presence,
  ) {
    super(
      `数据目录 ${dataDir} 正由另一个 nianbao 进程使用（进程号 ${owner.pid}，${owner.startedAt} 启动，地址 ${owner.url}）。` +
        '同一个数据目录只能运行一个机器人：请先停止它，或用 DATA_DIR 换一个目录。',
    );
  }
}

const fileOf = (dataDir: string) => path.join(dataDir, PRESENCE_FILE);

/** A fresh secret for the admin commands. */
export const newAdminToken = (): string => randomBytes(24).toString('hex');

/** True when a process with this pid exists (signal 0 checks without signalling). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The bot that owns `dataDir` and is still running, if any (a file left by a killed bot is ignored). */
export async function runningBot(dataDir: string): Promise<Presence | undefined> {
  let text: string;
  try {
    text = await readFile(fileOf(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const p = JSON.parse(text) as Presence;
    if (typeof p.pid !== 'number' || typeof p.url !== 'string' || typeof p.token !== 'string')
      return undefined;
    return alive(p.pid) ? p : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records that this process serves `dataDir` at `url`; refuses when another live process does. The same
 * process may take it over (tests restart a bot in-process). Returns what it wrote and a release function.
 */
export async function announcePresence(
  dataDir: string,
  url: string,
  token: string = newAdminToken(),
): Promise<{ presence: Presence; release: () => Promise<void> }> {
  const owner = await runningBot(dataDir);
  if (owner && owner.pid !== process.pid) throw new DataDirBusyError(dataDir, owner);
  const presence: Presence = {
    pid: process.pid,
    url,
    token,
    startedAt: new Date().toISOString(),
  };
  await mkdir(dataDir, { recursive: true });
  // Owner-only: the token lets its holder change rounds.
  await writeFile(fileOf(dataDir), JSON.stringify(presence), { mode: 0o600 });
  return {
    presence,
    release: async () => {
      // Only our own file: a later bot in the same directory may have replaced it.
      const now = await readFile(fileOf(dataDir), 'utf8').catch(() => '');
      if (now.includes(presence.token)) await rm(fileOf(dataDir), { force: true });
    },
  };
}
