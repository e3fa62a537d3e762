/**
 * Cells joined with ` | ` and no pipe in front — as chat tools and some converters copy a table — for every
 * published report in test/fixtures: its own numbers in that layout read back cell for cell.
 */
import { importText } from '../../src/import/index.js';
import { TABLE_CELLS } from '../../src/report/template.js';
import { FIXTURE_NAMES, published, writeInLayout } from './layouts.js';

describe.each(FIXTURE_NAMES)('%s with cells joined by " | "', (name) => {
  const report = published(name);
  const { text, rows } = writeInLayout(report.file.unit, report.file.year, report.file.answers, ' | ');
  const result = importText(text);

  it('is written with no pipe in front of any row', () => {
    const lines = text.split('\n');
    expect(rows.length).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes(' | '))).toBe(true);
    expect(lines.every((l) => !l.trimStart().startsWith('|'))).toBe(true);
  });

  it('reads every table cell the report gives, as published, and names the others unread', () => {
    for (const cell of TABLE_CELLS)
      expect([cell.key, result.file.answers[cell.key]]).toEqual([cell.key, report.file.answers[cell.key]]);
    expect(result.unread.map((u) => u.key).sort()).toEqual(report.unread.map((u) => u.key).sort());
    expect([result.file.unit, result.file.year]).toEqual([report.file.unit, report.file.year]);
  });
});
