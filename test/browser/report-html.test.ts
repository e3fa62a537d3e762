// The HTML page of the published 淮安 report (render/html.ts) in a real browser: every number of table 三 read
// back from the rendered table by its row labels and column headings equals the report's answers, and on a
// 390 px phone the page does not overflow while the wide tables scroll sideways inside their wrappers.
// Screenshots: report-html.png (table 三 at desktop width) and report-html-phone.png (390 px).
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { importText } from '../../src/import/index.js';
import { renderHtml } from '../../src/render/html.js';
import { TABLE3, table3Key, type AnswersFile } from '../../src/report/template.js';
import type { ReadCell, ReadTable } from '../render/docx-reader.js';
import { expectedText } from '../render/expected.js';
import { columnsByHeaders, rowByLabels } from '../render/table-paths.js';
import { fixturePath } from '../support/fixtures.js';
import { launchChromium, screenshotPath } from './browser-helpers.js';

let browser: Browser;
let page: Page;
let file: AnswersFile;

beforeAll(async () => {
  file = importText(readFileSync(fixturePath('huaian-city-2024.pdftotext.txt'), 'utf8')).file;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.setContent(renderHtml(file), { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
});

/**
 * The n-th table as the browser laid it out: each grid position with the visible text of the cell covering
 * it and that cell's index, from the DOM's own rowSpan / colSpan, so a merged cell is one object everywhere.
 */
async function tableInBrowser(n: number): Promise<ReadTable> {
  const grid = await page.evaluate((index) => {
    const table = document.querySelectorAll('table')[index];
    const out: { id: number; text: string }[][] = [];
    let id = 0;
    Array.from(table.rows).forEach((tr, r) => {
      out[r] ??= [];
      let col = 0;
      for (const cell of Array.from(tr.cells)) {
        while (out[r][col]) col++;
        const origin = { id: id++, text: cell.innerText.replace(/\s+/g, '') };
        for (let dr = 0; dr < cell.rowSpan; dr++)
          for (let dc = 0; dc < cell.colSpan; dc++) (out[r + dr] ??= [])[col + dc] = origin;
        col += cell.colSpan;
      }
    });
    return out;
  }, n);
  const cells = new Map<number, ReadCell>();
  return grid.map((row) =>
    row.map(({ id, text }) => {
      if (!cells.has(id)) cells.set(id, { text });
      return cells.get(id)!;
    }),
  );
}

const squash = (text: string) => text.replace(/\s+/g, '');

describe('the report as an HTML page in the browser', () => {
  test('every number of table 三, read by its row labels and column headings, equals the answers', async () => {
    const t3 = await tableInBrowser(1);
    let compared = 0;
    for (const row of TABLE3.rows) {
      const r = rowByLabels(t3, 3, [...row.parents, row.label].map(squash), 3);
      for (const col of TABLE3.columns) {
        const path = [TABLE3.applicantHeader, ...('group' in col && col.group ? [col.group] : []), col.label];
        const cols = columnsByHeaders(t3, 3, path);
        expect(cols).toHaveLength(1);
        expect([row.id, col.id, t3[r][cols[0]].text]).toEqual([
          row.id,
          col.id,
          expectedText(file, table3Key(row.id, col.id)),
        ]);
        compared++;
      }
    }
    expect(compared).toBe(25 * 7);
    await page
      .locator('section')
      .nth(2)
      .screenshot({ path: screenshotPath('report-html.png') });
  });

  test('on a 390 px phone the page keeps its width and the wide tables scroll sideways in their wrappers', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      wraps: Array.from(document.querySelectorAll('.table-wrap'), (w) => ({
        client: w.clientWidth,
        scroll: w.scrollWidth,
      })),
    }));
    expect(widths.page).toBeLessThanOrEqual(390);
    const [t2, t3, t4] = widths.wraps;
    expect(t2.scroll).toBeLessThanOrEqual(t2.client);
    for (const wide of [t3, t4]) expect(wide.scroll).toBeGreaterThan(wide.client);
    await page.evaluate(() => document.querySelectorAll('section')[2].scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath('report-html-phone.png') });
  });
});
