import { spawn } from 'node:child_process';
import { ConfigError, loadConfig } from '../../src/config.js';

const good = {
  FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718',
  FEISHU_APP_SECRET: 'secret',
  FEISHU_VERIFICATION_TOKEN: 'vt',
};

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('loadConfig', () => {
  it('runs in demo mode without FEISHU_APP_ID, with the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      feishu: null,
      host: '0.0.0.0',
      port: 3000,
      emulatorPort: 3100,
      dataDir: './data',
      logLevel: 'info',
      admins: '',
      databaseUrl: null,
      databasePoolMax: 10,
    });
    expect(loadConfig({ ADMINS: '13800000004,zhaolei@example.gov.cn' }).admins).toBe(
      '13800000004,zhaolei@example.gov.cn',
    );
  });

  it('reads a real app, defaulting to the Feishu cloud and the webhook', () => {
    expect(loadConfig({ ...good, FEISHU_ENCRYPT_KEY: 'ek', PORT: '8080' })).toMatchObject({
      port: 8080,
      feishu: { appId: good.FEISHU_APP_ID, encryptKey: 'ek', domain: 'feishu', mode: 'webhook' },
    });
    expect(
      loadConfig({ ...good, FEISHU_DOMAIN: 'http://127.0.0.1:3100/', FEISHU_MODE: 'ws' }).feishu,
    ).toMatchObject({
      domain: 'http://127.0.0.1:3100',
      mode: 'ws',
    });
  });

  it('names every missing or wrong variable in Chinese', () => {
    const list = problems({
      FEISHU_APP_ID: 'my-app',
      FEISHU_DOMAIN: 'ftp://x',
      FEISHU_MODE: 'poll',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
    });
    const text = list.join('\n');
    for (const name of [
      'FEISHU_APP_ID',
      'FEISHU_APP_SECRET',
      'FEISHU_VERIFICATION_TOKEN',
      'FEISHU_DOMAIN',
      'FEISHU_MODE',
      'PORT',
      'LOG_LEVEL',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('缺少 FEISHU_APP_SECRET');
    expect(list).toHaveLength(7);
  });

  it('stores in PostgreSQL only when DATABASE_URL is set, and refuses a URL that is not one', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://nb:pw@db:5432/nianbao', DATABASE_POOL_MAX: '4' }),
    ).toMatchObject({
      databaseUrl: 'postgres://nb:pw@db:5432/nianbao',
      databasePoolMax: 4,
    });
    const list = problems({ DATABASE_URL: 'mysql://db/nianbao', DATABASE_POOL_MAX: '0' });
    expect(list.join('\n')).toMatch(/DATABASE_URL[\s\S]*DATABASE_POOL_MAX/);
    expect(list).toHaveLength(2);
  });

  it('makes `npm start` print the clear message and exit 2, without a stack trace', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: { PATH: process.env.PATH, FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', PORT: '99999' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve({ code: c, stderr: err });
      });
    });
    expect(code).toBe(2);
    expect(stderr).toContain('配置有误');
    expect(stderr).toContain('缺少 FEISHU_APP_SECRET');
    expect(stderr).toContain('PORT 必须是 0–65535 之间的整数端口号');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
