/**
 * The Word file opens in a real office suite: LibreOffice converts it to PDF, table 三 is on a page, and that
 * page is saved as a PNG (test/screenshots/docx-table3.png, the README's picture, when UPDATE_SCREENSHOTS=1).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDocx } from '../../src/render/docx.js';
import { SECTIONS, TABLE3, reportTitle } from '../../src/report/template.js';
import { screenshotPath } from '../support/screenshots.js';
import { expectedText } from './expected.js';
import { distinctAnswers } from './sample-answers.js';

const which = (command: string): string | undefined => {
  try {
    return execFileSync('which', [command], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
};

const soffice = which('soffice');
const pdftools = which('pdftotext') && which('pdftoppm');
const missing = [soffice ? '' : 'soffice (LibreOffice)', pdftools ? '' : 'pdftotext/pdftoppm (poppler-utils)']
  .filter(Boolean)
  .join(', ');
if (missing) console.warn(`Skipping the LibreOffice check: ${missing} not installed.`);
const withOffice = missing ? test.skip : test;

const SCREENSHOT = screenshotPath('docx-table3.png');
const squash = (text: string) => text.replace(/\s+/g, '');

describe('the Word file in LibreOffice', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-render-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  withOffice(
    'converts to PDF with the title, the six headings and table 三; its page is saved as a PNG',
    async () => {
      const file = distinctAnswers();
      const docx = join(dir, 'report.docx');
      writeFileSync(docx, await renderDocx(file));
      // A private profile: another LibreOffice running on the machine would otherwise swallow the conversion.
      execFileSync(
        soffice!,
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          docx,
        ],
        { stdio: 'pipe', timeout: 120_000 },
      );
      const pdf = join(dir, 'report.pdf');
      expect(existsSync(pdf)).toBe(true);

      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
      expect(pages).toBeGreaterThan(1);
      const pageText = Array.from({ length: pages }, (_, i) =>
        squash(
          execFileSync('pdftotext', ['-f', `${i + 1}`, '-l', `${i + 1}`, pdf, '-'], { encoding: 'utf8' }),
        ),
      );
      const all = pageText.join('');
      expect(all).toContain(squash(reportTitle(file.unit, file.year)));
      let at = -1;
      for (const section of SECTIONS) {
        const next = all.indexOf(section.heading, at + 1);
        expect(next).toBeGreaterThan(at);
        at = next;
      }

      const tablePage = pageText.findIndex((text) => text.includes(TABLE3.applicantHeader));
      expect(tablePage).toBeGreaterThanOrEqual(0);
      // The whole of table 三 is kept on one page: its first and last rows' figures are both there.
      expect(pageText[tablePage]).toContain(expectedText(file, 't3.new.tot'));
      expect(pageText[tablePage]).toContain(expectedText(file, 't3.carry_out.tot'));

      const prefix = join(dir, 'table3');
      const n = `${tablePage + 1}`;
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', n, '-l', n, '-singlefile', pdf, prefix]);
      const png = readFileSync(`${prefix}.png`);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      writeFileSync(SCREENSHOT, png);
      expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    },
    180_000,
  );
});
