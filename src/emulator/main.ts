// `npm run emulator`: the emulator alone, for a bot started separately (set its FEISHU_DOMAIN to the printed URL).
import { startEmulator } from './index.js';

const env = process.env;
const port = Number(env.EMULATOR_PORT ?? 3100);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('EMULATOR_PORT 必须是 0–65535 之间的整数端口号');
  process.exit(2);
}

startEmulator({
  port,
  host: env.EMULATOR_HOST || '127.0.0.1',
  appId: env.FEISHU_APP_ID || 'cli_a1b2c3d4e5f60718',
  appSecret: env.FEISHU_APP_SECRET || 'emulator-demo-secret',
  verificationToken: env.FEISHU_VERIFICATION_TOKEN || 'emulator-demo-token',
  encryptKey: env.FEISHU_ENCRYPT_KEY || '',
  webhookUrl: env.BOT_WEBHOOK_URL || undefined,
}).then(
  (emu) => {
    console.log(`飞书模拟器已启动：${emu.url}`);
    console.log(
      `机器人的 FEISHU_DOMAIN 请设为 ${emu.url}；事件推送地址用 BOT_WEBHOOK_URL 或 POST ${emu.url}/api/webhook 设置。`,
    );
    const stop = () => {
      emu.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (err: unknown) => {
    const code = (err as NodeJS.ErrnoException)?.code;
    console.error(
      code === 'EADDRINUSE'
        ? `端口 ${port} 已被占用，请用 EMULATOR_PORT 换一个端口。`
        : `模拟器启动失败：${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(1);
  },
);
