/**
 * Where tests save their screenshots. The PNGs under test/screenshots/ are the README's pictures and are
 * committed, so an ordinary test run must not rewrite them (every run would dirty the git tree): tests write to
 * test-output/screenshots/ (gitignored), and `UPDATE_SCREENSHOTS=1 npm test` refreshes the README's copies.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** true when this run should refresh the committed README pictures */
export const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

/** The directory screenshots go to in this run. */
export const SCREENSHOT_DIR = path.join(
  ROOT,
  UPDATE_SCREENSHOTS ? 'test/screenshots' : 'test-output/screenshots',
);

/** The path to save the screenshot `name` (e.g. 'help-card.png') to; the directory exists. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, name);
}
