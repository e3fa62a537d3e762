// Shared plumbing of the browser tests: Debian's chromium through playwright-core (never a downloaded
// browser), and a static server for the web messenger's files when no emulator is needed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BROWSER_WS_ENV, CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from '../support/browser-server.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.join(ROOT, 'src/emulator/web');
// test-output/screenshots unless UPDATE_SCREENSHOTS=1 (see test/support/screenshots.ts)
export { SCREENSHOT_DIR, screenshotPath } from '../support/screenshots.js';

/**
 * The run's shared chromium (test/support/browser-server.ts) when jest started one, else Debian's chromium
 * launched headless for this file; fails with a clear message when it is not installed.
 */
export async function launchChromium(): Promise<Browser> {
  const shared = process.env[BROWSER_WS_ENV];
  if (shared) return chromium.connect(shared);
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Serves `dir` on 127.0.0.1 at a random port, plus a blank same-origin page at /__harness. */
export async function serveStatic(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  // A blank page of the same origin, so a test can import the page's ES modules and use its styles.
  app.get('/__harness', (_req, res) => {
    res
      .type('html')
      .send(
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="stylesheet" href="style.css">' +
          '<link rel="stylesheet" href="card.css"><link rel="stylesheet" href="card-controls.css"></head><body style="padding:16px"><div id="root"></div></body></html>',
      );
  });
  app.use(express.static(dir));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Takes the toasts of earlier taps off the page, so a screenshot shows the card alone; a person would wait the
 * three seconds a toast stays (test/browser/messenger.test.ts checks that it goes away by itself).
 */
export async function clearToasts(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('.toast').forEach((t) => t.remove()));
}
