/**
 * The PDF of a real published report (淮安市 2024, imported from its pdftotext text), made the way the bot and
 * the command line make it (render/pdf.ts: the Word file through LibreOffice): the title, the six headings and
 * table 三 whole on one page with its figures; the pages of tables 二 and 三 are saved as PNGs
 * (test/screenshots/docx-table2.png and docx-table3.png, the README's pictures, when UPDATE_SCREENSHOTS=1).
 * LibreOffice runs once in this file. Without it the test fails saying what to install: CI installs it, and a
 * skipped PDF test would hide a broken PDF.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importText } from '../../src/import/index.js';
import { PDF_UNAVAILABLE, findSoffice, pdfProblemText, renderPdf, renderPdfs } from '../../src/render/pdf.js';
import { SECTIONS, TABLE2, TABLE3, reportTitle } from '../../src/report/template.js';
import { fixturePath } from '../support/fixtures.js';
import { screenshotPath } from '../support/screenshots.js';
import { expectedText } from './expected.js';

const FIXTURE = fixturePath('huaian-city-2024.pdftotext.txt');
const squash = (text: string) => text.replace(/\s+/g, '');

describe('the PDF of a report (LibreOffice)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-render-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('without LibreOffice the result says so, typed, with the sentence people read', async () => {
    const file = importText(readFileSync(FIXTURE, 'utf8')).file;
    const result = await renderPdf(file, { env: { PATH: dir } });
    expect(result).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(!result.ok && pdfProblemText(result)).toBe(PDF_UNAVAILABLE);
    const batch = await renderPdfs([file, file], { env: { PATH: dir } });
    expect(batch.map((r) => r.ok || r.reason)).toEqual(['unavailable', 'unavailable']);
  });

  test('has the title, the six headings and table 三 whole on one page; its pages are saved as PNGs; a batch makes one PDF per report', async () => {
    if (!findSoffice())
      throw new Error(
        'LibreOffice (soffice) is not installed, so no PDF can be made: apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk',
      );
    const file = importText(readFileSync(FIXTURE, 'utf8')).file;
    // Two reports in one LibreOffice run, as the round's zip makes them (the second a short blank one, cheap to
    // convert): each PDF is its own report's.
    const other = { year: file.year, unit: '淮安市某某局', answers: {} };
    const results = await renderPdfs([file, other]);
    const [result, second] = results;
    if (!result.ok) throw new Error(`no PDF: ${result.reason}: ${result.detail}`);
    if (!second.ok) throw new Error(`no second PDF: ${second.reason}: ${second.detail}`);
    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, result.pdf);
    writeFileSync(join(dir, 'other.pdf'), second.pdf);
    const otherText = squash(
      execFileSync('pdftotext', ['-l', '1', join(dir, 'other.pdf'), '-'], { encoding: 'utf8' }),
    );
    expect(otherText).toContain(squash(reportTitle(other.unit, other.year)));

    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThan(1);
    const pageText = Array.from({ length: pages }, (_, i) =>
      squash(execFileSync('pdftotext', ['-f', `${i + 1}`, '-l', `${i + 1}`, pdf, '-'], { encoding: 'utf8' })),
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
    // The whole of table 三 (in 五号) is kept on one page: its first and last rows' figures are both there.
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
  }, 120_000);
});
