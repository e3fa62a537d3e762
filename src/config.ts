import { z } from 'zod';

/** How the bot receives events: an HTTP webhook (Feishu pushes to us) or the SDK's long connection. */
export type FeishuMode = 'webhook' | 'ws';

/** Settings for talking to a real Feishu/Lark tenant. */
export interface FeishuSettings {
  appId: string;
  appSecret: string;
  verificationToken: string;
  /** empty when the app has no encrypt key (then the verification token is compared instead) */
  encryptKey: string;
  /** `feishu`, `lark` or a base URL such as http://127.0.0.1:3100 (the local emulator) */
  domain: string;
  mode: FeishuMode;
}

/** The validated configuration of one bot process. */
export interface Config {
  /** null = demo mode: no FEISHU_APP_ID, the bot runs against the local emulator */
  feishu: FeishuSettings | null;
  host: string;
  port: number;
  emulatorPort: number;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** who may open rounds: mobiles, e-mails or open_ids separated by commas (resolved through the directory) */
  admins: string;
  /** DATABASE_URL: postgres://… stores everything in PostgreSQL; null = lowdb files in dataDir (the default) */
  databaseUrl: string | null;
  /** DATABASE_POOL_MAX: connections to the database at most (default 10) */
  databasePoolMax: number;
}

/** A configuration problem, with one Chinese sentence per wrong variable (never a stack trace). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误，nianbao 无法启动：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Feishu app ids look like cli_ + 16 hex digits; the SDK's WSClient silently refuses anything else.
const APP_ID = /^cli_[0-9a-zA-Z]{16}$/;

const port = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 65535, {
      message: `${name} 必须是 0–65535 之间的整数端口号`,
    });

const domain = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? 'feishu' : v.replace(/\/+$/, '')))
  .refine((v) => v === 'feishu' || v === 'lark' || /^https?:\/\/[^\s/]+$/.test(v), {
    message: 'FEISHU_DOMAIN 只能是 feishu、lark 或形如 http://127.0.0.1:3100 的地址（不含路径）',
  });

const common = z.object({
  HOST: z.string().optional(),
  PORT: port('PORT', 3000),
  EMULATOR_PORT: port('EMULATOR_PORT', 3100),
  DATA_DIR: z
    .string()
    .optional()
    .transform((v) => v || './data'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'LOG_LEVEL 只能是 fatal、error、warn、info、debug、trace 或 silent',
    })
    .optional()
    .transform((v) => v ?? 'info'),
  ADMINS: z.string().optional(),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^postgres(ql)?:\/\/\S+$/.test(v), {
      message: 'DATABASE_URL 应形如 postgres://用户:密码@主机:5432/数据库（留空则数据存于 DATA_DIR 的文件）',
    }),
  DATABASE_POOL_MAX: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 10 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= 1000, {
      message: 'DATABASE_POOL_MAX 必须是 1–1000 之间的整数（默认 10）',
    }),
});

const required = (name: string, what: string) =>
  z.string({ message: `缺少 ${name}（${what}）` }).min(1, { message: `${name} 不能为空（${what}）` });

const feishu = z.object({
  FEISHU_APP_ID: required('FEISHU_APP_ID', '飞书开放平台「凭证与基础信息」中的 App ID').regex(APP_ID, {
    message: 'FEISHU_APP_ID 格式不对：应为 cli_ 加 16 位字母或数字，请从飞书开放平台「凭证与基础信息」复制',
  }),
  FEISHU_APP_SECRET: required('FEISHU_APP_SECRET', '飞书开放平台「凭证与基础信息」中的 App Secret'),
  FEISHU_VERIFICATION_TOKEN: required(
    'FEISHU_VERIFICATION_TOKEN',
    '飞书开放平台「事件与回调 → 加密策略」中的 Verification Token',
  ),
  FEISHU_ENCRYPT_KEY: z.string().optional(),
  FEISHU_DOMAIN: domain,
  FEISHU_MODE: z
    .enum(['webhook', 'ws'], { message: 'FEISHU_MODE 只能是 webhook（默认）或 ws（长连接）' })
    .optional()
    .transform((v) => v ?? 'webhook'),
});

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const name = String(i.path[0] ?? '');
    return i.message.includes(name) ? i.message : `${name}：${i.message}`;
  });
}

/** Validates the environment; throws ConfigError listing every wrong variable. No FEISHU_APP_ID = demo mode. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const base = common.safeParse(env);
  if (!base.success) problems.push(...problemsOf(base.error));
  let settings: FeishuSettings | null = null;
  if (env.FEISHU_APP_ID !== undefined && env.FEISHU_APP_ID !== '') {
    const f = feishu.safeParse(env);
    if (!f.success) problems.push(...problemsOf(f.error));
    else
      settings = {
        appId: f.data.FEISHU_APP_ID,
        appSecret: f.data.FEISHU_APP_SECRET,
        verificationToken: f.data.FEISHU_VERIFICATION_TOKEN,
        encryptKey: f.data.FEISHU_ENCRYPT_KEY ?? '',
        domain: f.data.FEISHU_DOMAIN,
        mode: f.data.FEISHU_MODE,
      };
  }
  if (problems.length > 0 || !base.success) throw new ConfigError(problems);
  return {
    feishu: settings,
    // A webhook must be reachable by Feishu; demo mode stays on loopback (set in demo.ts).
    host: base.data.HOST || '0.0.0.0',
    port: base.data.PORT,
    emulatorPort: base.data.EMULATOR_PORT,
    dataDir: base.data.DATA_DIR,
    logLevel: base.data.LOG_LEVEL,
    admins: base.data.ADMINS ?? '',
    databaseUrl: base.data.DATABASE_URL || null,
    databasePoolMax: base.data.DATABASE_POOL_MAX,
  };
}
