/**
 * Debian's chromium as the browser tests run it (never a browser a test tool downloads), and the jest globalSetup
 * that starts one for every browser test file of the run: they connect to it instead of launching their own (a
 * launch costs a couple of seconds of CPU). Started only when the run includes test/browser; a file run alone
 * without it launches its own (browser-helpers.ts). jest loads this file outside its module mapper: no relative
 * imports here.
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
}

const runsBrowserTests = (args: string[]) =>
  args.length === 0 || args.some((a) => 'test/browser/'.includes(a) || a.includes('browser'));

/** globalSetup: the shared chromium, its address in the environment the workers inherit. */
export default async function startBrowserServer(globalConfig: { nonFlagArgs?: string[] }): Promise<void> {
  if (!runsBrowserTests(globalConfig.nonFlagArgs ?? []) || chromiumMissing()) return;
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  globalThis.nianbaoBrowserServer = server;
  process.env[BROWSER_WS_ENV] = server.wsEndpoint();
}
