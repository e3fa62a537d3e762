/**
 * The real bot in a child process for the chaos suite (test/reliability/bot-child.ts is the program): its pid
 * for RSS, every byte it logs counted, SIGTERM to stop and SIGKILL as a last resort.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeishuSettings } from '../../src/config.js';

const CHILD = fileURLToPath(new URL('../reliability/bot-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A bot child as the chaos suite watches it. */
export interface ChaosBot {
  pid: number;
  webhookUrl: string;
  url: string;
  /** bytes the bot has logged so far (info level, as in production) */
  logBytes(): number;
  /** the last log lines, for a failure message */
  logTail(): string;
  /** resident memory of the process in MB */
  rssMb(): number;
  stop(): Promise<void>;
}

/** Starts the bot on `dataDir` talking to the emulator; resolves once it listens. */
export function startChaosBot(o: { feishu: FeishuSettings; dataDir: string }): Promise<ChaosBot> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NIANBAO_CHILD: JSON.stringify(o),
    NIANBAO_CHILD_LOG: 'info',
  };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env,
    // The child exits when its stdin ends (its parent died): keep the pipe open for as long as it should run.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let logged = 0;
  let tail = '';
  child.stderr!.on('data', (b: Buffer) => {
    logged += b.length;
    tail = (tail + b.toString()).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot child did not start: ${tail}`));
    }, 30_000);
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^WEBHOOK (\S+)$/m.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.resume();
      resolve({
        pid: child.pid!,
        webhookUrl: m[1],
        url: new URL(m[1]).origin,
        logBytes: () => logged,
        logTail: () => tail,
        rssMb: () => {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
        },
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(t);
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bot child exited (${code}) before listening: ${tail}`));
    });
  });
}
