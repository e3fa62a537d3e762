/** The real parts a reminder integration test runs: lowdb in a temp dir, the outbox, the emulator. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFeishuApi, createLarkClient } from '../../src/feishu/client.js';
import { Outbox, type OutboxOptions } from '../../src/feishu/outbox.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { EmulatorUser } from '../../src/emulator/types.js';
import type { Logger } from '../../src/logger.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { APP_ID, memoryLogger } from '../server/harness.js';

/** One "process" of the bot: its storage and outbox over the data directory. */
export interface Side {
  storage: LowdbStorage;
  outbox: Outbox;
  log: Logger;
  lines: Array<Record<string, unknown>>;
  /** stops the outbox (unsent items stay stored) and closes storage, like a bot shutting down */
  close(): Promise<void>;
}

export interface Rig {
  emu: Emulator;
  dir: string;
  /** opens storage and outbox on the same data directory (a start or restart) */
  open(outbox?: Partial<OutboxOptions>): Promise<Side>;
  close(): Promise<void>;
}

/** Starts the emulator with `users` and a temp data directory; `now` is the emulator's clock (default real). */
export async function startRig(users: EmulatorUser[], opts: { now?: () => number } = {}): Promise<Rig> {
  const emu = await startEmulator({
    appId: APP_ID,
    appSecret: 's',
    verificationToken: 't',
    port: 0,
    users,
    now: opts.now,
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-reminders-'));
  const sides: Side[] = [];
  return {
    emu,
    dir,
    async open(extra = {}) {
      const { log, lines } = memoryLogger();
      const storage = new LowdbStorage(dir);
      const settings = {
        appId: APP_ID,
        appSecret: 's',
        verificationToken: 't',
        encryptKey: '',
        domain: emu.url,
        mode: 'webhook' as const,
      };
      const api = createFeishuApi(createLarkClient(settings, log));
      const outbox = await Outbox.open(storage, api, { log, baseDelayMs: 20, maxDelayMs: 200, ...extra });
      let closed: Promise<void> | undefined;
      const side: Side = {
        storage,
        outbox,
        log,
        lines,
        close: () =>
          (closed ??= (async () => {
            await outbox.stop();
            await storage.close();
          })()),
      };
      sides.push(side);
      return side;
    },
    async close() {
      for (const s of sides) await s.close();
      await emu.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The cards the bot sent to a user. */
export const botCards = (emu: Emulator, openId: string) =>
  emu.messages(openId).filter((m) => m.sender === 'bot');
