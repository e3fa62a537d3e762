import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { startDemo } from './demo.js';
import { startBot } from './server/bot.js';

/** `npm start`: demo mode without FEISHU_APP_ID, the real Feishu with it. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      console.error('请对照 .env.example 检查环境变量。');
      process.exit(2);
    }
    throw e;
  }
  // In demo mode the one line to read is the web page's address: keep the JSON log quiet unless asked.
  const demoMode = config.feishu === null;
  const log = createLogger(demoMode && !process.env.LOG_LEVEL ? 'warn' : config.logLevel);
  let close: () => Promise<void>;
  if (config.feishu === null) {
    const demo = await startDemo({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      databasePoolMax: config.databasePoolMax,
      port: config.emulatorPort,
      botPort: config.port,
      log,
      ...(config.admins ? { admins: config.admins } : {}),
    });
    close = demo.close;
    console.log(`nianbao 演示模式已启动：请在浏览器打开 ${demo.url}`);
  } else {
    const bot = await startBot({
      feishu: config.feishu,
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      databasePoolMax: config.databasePoolMax,
      host: config.host,
      port: config.port,
      log,
      admins: config.admins,
    });
    close = bot.close;
    log.info(
      {
        webhook: config.feishu.mode === 'webhook' ? `${bot.url}/feishu/events` : undefined,
        mode: config.feishu.mode,
      },
      'nianbao started',
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') {
    console.error(`端口已被占用：${(err as Error).message}。请用 PORT / EMULATOR_PORT 换一个端口。`);
  } else {
    console.error('nianbao 启动失败：', err instanceof Error ? err.message : String(err));
  }
  process.exit(1);
});
