import { randomBytes } from 'node:crypto';
import type { FeishuSettings } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { startBot } from './server/bot.js';
import { startEmulator } from './emulator/index.js';
import { DEMO } from './emulator/demo-tenant.js';
import { DEMO_DIRECTORY_USERS } from './emulator/demo-directory.js';
import { seedDemoRound } from './rounds/seed-demo.js';

export interface DemoOptions {
  dataDir: string;
  /** DATABASE_URL: the demo's data in PostgreSQL instead of dataDir */
  databaseUrl?: string | null;
  databasePoolMax?: number;
  /** the emulator's port (its web page); 0 = random */
  port?: number;
  /** the bot's port; 0 = random */
  botPort?: number;
  log?: Logger;
  /** who may open rounds (ADMINS); default: the demo's admin 赵磊, by his mobile */
  admins?: string;
}

/** A running demo: the emulator's web page, the bot's base URL, and one way to stop both. */
export interface Demo {
  url: string;
  botUrl: string;
  close(): Promise<void>;
}

// Any id of the form cli_ + 16 hex digits: the SDK's WSClient and the emulator check the shape.
const DEMO_APP_ID = 'cli_a1b2c3d4e5f60718';

/**
 * Starts what `npm start` starts without credentials: the local Feishu emulator and the bot wired to each
 * other, on loopback only. A random encrypt key and token per run, so the real signing path is exercised.
 */
export async function startDemo(o: DemoOptions): Promise<Demo> {
  const log = o.log ?? createLogger('info');
  const secret = () => randomBytes(16).toString('hex');
  const keys = { appId: DEMO_APP_ID, appSecret: secret(), verificationToken: secret(), encryptKey: secret() };
  const emu = await startEmulator({ ...keys, port: o.port ?? 0 });
  try {
    const feishu: FeishuSettings = { ...keys, domain: emu.url, mode: 'webhook' };
    const admins =
      o.admins ??
      DEMO_DIRECTORY_USERS.find((u) => u.open_id === DEMO.admin.open_id)?.mobile ??
      DEMO.admin.open_id;
    const bot = await startBot({
      feishu,
      dataDir: o.dataDir,
      databaseUrl: o.databaseUrl ?? null,
      ...(o.databasePoolMax ? { databasePoolMax: o.databasePoolMax } : {}),
      host: '127.0.0.1',
      port: o.botPort ?? 0,
      log,
      admins,
    });
    emu.setWebhook(bot.webhookUrl);
    const seeded = await seedDemoRound(bot.storage, Date.now());
    if (seeded) log.info({ round: seeded.id }, 'demo round created: 张敏 can write 填报');
    return {
      url: emu.url,
      botUrl: bot.url,
      close: async () => {
        await bot.close();
        await emu.close();
      },
    };
  } catch (e) {
    await emu.close();
    throw e;
  }
}
