/**
 * The Word file of a real published report (淮安市 2024, imported from its pdftotext text) opens in a real office
 * suite: LibreOffice converts it to PDF with the report's figures in its tables, and the pages of tables 二 and 三
 * are saved as PNGs (test/screenshots/docx-table2.png and docx-table3.png, the README's pictures, when
 * UPDATE_SCREENSHOTS=1).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDocx } from '../../src/render/docx.js';
import { importText } from '../../src/import/index.js';
import { SECTIONS, TABLE2, TABLE3, reportTitle } from '../../src/report/template.js';
import { fixturePath } from '../support/fixtures.js';
import { screenshotPath } from '../support/screenshots.js';
import { expectedText } from './expected.js';

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

const FIXTURE = fixturePath('huaian-city-2024.pdftotext.txt');
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
      const file = importText(readFileSync(FIXTURE, 'utf8')).file;
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

      const table2Page = pageText.findIndex((text) => text.includes(squash(TABLE2.blocks[0].heading)));
      expect(table2Page).toBeGreaterThanOrEqual(0);
      expect(pageText[table2Page]).toContain(expectedText(file, 't2.penalty'));

      for (const [page, name] of [
        [table2Page, 'docx-table2.png'],
        [tablePage, 'docx-table3.png'],
      ] as const) {
        const prefix = join(dir, name.replace('.png', ''));
        const n = `${page + 1}`;
        execFileSync('pdftoppm', ['-png', '-r', '80', '-f', n, '-l', n, '-singlefile', pdf, prefix]);
        const png = readFileSync(`${prefix}.png`);
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        writeFileSync(screenshotPath(name), png);
        expect(statSync(screenshotPath(name)).size).toBeGreaterThan(10_000);
      }
    },
    180_000,
  );
});
