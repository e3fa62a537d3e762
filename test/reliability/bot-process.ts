/**
 * Starts bot-child.ts as a separate Node process (the real bot, the real lowdb files) and kills it like a
 * crash or an OOM killer would: SIGKILL, no chance to flush anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FeishuSettings } from '../../src/config.js';

const CHILD = fileURLToPath(new URL('./bot-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A bot running in a child process. */
export interface BotProcess {
  pid: number;
  webhookUrl: string;
  /** what the child wrote on stderr (its warn/error log lines), for failure messages */
  stderr(): string;
  /** SIGKILL, resolved once the process is gone */
  kill9(): Promise<void>;
  /** SIGTERM (graceful close), then SIGKILL if it has not exited within `ms`; how it ended */
  stop(ms?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGUSR2: the child's disk turns full (every write fails with ENOSPC), or works again */
  toggleFullDisk(): void;
  /** one reminder tick at `ms` (a fake clock's instant); how many reminders it queued */
  tick(ms: number): Promise<{ sent?: number; error?: string }>;
  /** whether this process is the one sending to Feishu (on PostgreSQL: the elected sender) */
  sending(): Promise<boolean>;
}

/** What a bot child is started with (bot-child.ts reads it). */
export interface BotChildSettings {
  feishu: FeishuSettings;
  dataDir: string;
  /** PostgreSQL instead of lowdb files in dataDir */
  databaseUrl?: string;
  /** outbox timings (ms) over the child's defaults */
  outbox?: Record<string, number>;
}

const live = new Set<ChildProcess>();

/** Starts the bot in a child process; resolves once it listens (it printed its webhook URL). */
export function startBotProcess(o: BotChildSettings, timeoutMs = 20_000) {
  const env: NodeJS.ProcessEnv = { ...process.env, NIANBAO_CHILD: JSON.stringify(o) };
  // jest's --experimental-vm-modules is for the test process only.
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env,
    // stdin stays open for the child's life: its end tells the child that this process is gone (bot-child.ts).
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  void exited.then(() => live.delete(child));
  let err = '';
  child.stderr!.on('data', (b: Buffer) => void (err = (err + b.toString()).slice(-20_000)));
  return new Promise<BotProcess>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot child did not start in ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`bot child exited (${code ?? signal}) before listening: ${err}`));
    });
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^WEBHOOK (\S+)$/m.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      const replies = new Map<number, (json: string) => void>();
      let rest = out.slice(m.index + m[0].length);
      child.stdout!.on('data', (b: Buffer) => {
        rest += b.toString();
        let nl: number;
        while ((nl = rest.indexOf('\n')) >= 0) {
          const r = /^REPLY (\d+) (.*)$/.exec(rest.slice(0, nl));
          rest = rest.slice(nl + 1);
          if (r) replies.get(Number(r[1]))?.(r[2]);
        }
      });
      let asked = 0;
      /** One command on the child's stdin, answered by its REPLY line (or by its death). */
      const ask = (command: string) => {
        const id = ++asked;
        return new Promise<Record<string, unknown>>((done) => {
          void exited.then(() => done({ error: 'the bot process is gone' }));
          replies.set(id, (json) => {
            replies.delete(id);
            done(JSON.parse(json) as Record<string, unknown>);
          });
          child.stdin!.write(`${id} ${command}\n`);
        });
      };
      resolve({
        pid: child.pid!,
        webhookUrl: m[1],
        stderr: () => err,
        async kill9() {
          if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
          await exited;
        },
        async stop(ms = 5000) {
          if (child.exitCode !== null || child.signalCode !== null) return exited;
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), ms);
          const how = await exited;
          clearTimeout(t);
          return how;
        },
        toggleFullDisk() {
          child.kill('SIGUSR2');
        },
        tick: (ms) => ask(`TICK ${ms}`) as Promise<{ sent?: number; error?: string }>,
        sending: async () => (await ask('SENDING')).sending === true,
      });
    });
  });
}

/** SIGKILLs every bot child still running (afterAll, also after a failed test). */
export async function killAllBotProcesses(): Promise<void> {
  await Promise.all(
    [...live].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
}
