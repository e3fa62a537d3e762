/**
 * Debian's chromium as the browser tests run it (never a browser a test tool downloads), and the jest globalSetup
 * that starts one for every browser test file of the run: they connect to it instead of launching their own (a
 * launch costs a couple of seconds of CPU). Started only when the run includes test/browser; a file run alone
 * without it launches its own (browser-helpers.ts). jest loads this file outside its module mapper: no static
 * relative imports here.
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserServer } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];
export const BROWSER_WS_ENV = 'NIANBAO_TEST_BROWSER_WS';

/** A clear message when chromium is not installed, undefined when it is. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing: install Debian's chromium package`;
}

declare global {
  var nianbaoBrowserServer: BrowserServer | undefined;
  var nianbaoPostgres: { stop(): Promise<void> } | undefined;
}

const runsBrowserTests = (args: string[]) =>
  args.length === 0 || args.some((a) => 'test/browser/'.includes(a) || a.includes('browser'));

/** The test files that store in PostgreSQL (test/support/postgres.ts). */
const POSTGRES_TESTS = [
  'test/storage/',
  'test/cli/migrate',
  'test/multiprocess/',
  'test/feishu/outbox-pg',
  'test/server/redeliver',
  'test/reminders/reminders-multi',
  'test/server/one-change',
];
const runsPostgresTests = (args: string[]) =>
  args.length === 0 || args.some((a) => POSTGRES_TESTS.some((p) => p.includes(a) || a.includes(p)));

/**
 * globalSetup: the shared chromium, its address in the environment the workers inherit; and, when the run
 * includes the files that need it, one throwaway PostgreSQL started in the background for all of them.
 */
export default async function startBrowserServer(globalConfig: { nonFlagArgs?: string[] }): Promise<void> {
  const args = globalConfig.nonFlagArgs ?? [];
  if (runsPostgresTests(args)) {
    // jest runs this file as CommonJS outside its module mapper: './postgres.js' is not found by that name,
    // and a name held in a variable is required as it is, which finds postgres.ts.
    const helper = './postgres';
    const pg = (await import(helper)) as typeof import('./postgres.js');
    globalThis.nianbaoPostgres = await pg.startSharedPostgres();
  }
  if (!runsBrowserTests(args) || chromiumMissing()) return;
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  globalThis.nianbaoBrowserServer = server;
  process.env[BROWSER_WS_ENV] = server.wsEndpoint();
}
