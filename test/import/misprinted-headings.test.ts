/**
 * A table's section heading misprinted in the published report — a character stray, missing or wrong, a wrong
 * numeral, garbled beyond recognition, or lost — for every published report in test/fixtures: the report
 * reads exactly as with its heading intact, and a note says what was assumed.
 */
import { importText, type ImportResult } from '../../src/import/index.js';
import { SECTION_BY_ID, type SectionId } from '../../src/report/template.js';
import { FIXTURE_NAMES, fixtureText, published } from './layouts.js';

/** The index of the line that prints section `id`'s heading (some reports number the sections differently). */
function headingLine(lines: string[], id: SectionId): number {
  const { title } = SECTION_BY_ID.get(id)!;
  return lines.findIndex(
    (l) => /^\s*#*\s*[一二三四五六七八九十]\s*、/.test(l) && l.includes(title) && l.trim().length < 40,
  );
}

/** The heading line with its title changed around its middle character. */
function misprint(line: string, title: string, edit: (head: string, tail: string) => string): string {
  const start = line.indexOf(title);
  const middle = Math.floor(title.length / 2);
  return (
    line.slice(0, start) +
    edit(title.slice(0, middle), title.slice(middle)) +
    line.slice(start + title.length)
  );
}

type Variant = [name: string, change: (line: string, title: string) => string, note: RegExp];
const NOTE_MISPRINT = /原文标题「.+」与格式的「.+」略有出入/;
const NOTE_COLUMNS = /没有找到「.+」标题，按表格的栏目从「.+」起读取/;
const VARIANTS: Variant[] = [
  ['a stray character', (l, t) => misprint(l, t, (a, b) => `${a}的${b}`), NOTE_MISPRINT],
  ['a missing character', (l, t) => misprint(l, t, (a, b) => a + b.slice(1)), NOTE_MISPRINT],
  ['a wrong character', (l, t) => misprint(l, t, (a, b) => `${a}囗${b.slice(1)}`), NOTE_MISPRINT],
  ['a wrong numeral', (l) => l.replace(/[一二三四五六七八九十](\s*、)/, '囗$1'), NOTE_MISPRINT],
  ['no 、 after its numeral', (l) => l.replace(/([一二三四五六七八九十])\s*、/, '$1'), NOTE_MISPRINT],
  [
    'its second half garbled beyond recognition',
    (l, t) => misprint(l, t, (a, b) => a + b.slice(0, 2) + '□□□'),
    NOTE_COLUMNS,
  ],
  ['no heading line at all', () => '', NOTE_COLUMNS],
];

const tableKeys = (r: ImportResult) => r.unread.map((u) => u.key).sort();

describe.each(FIXTURE_NAMES)('%s with a misprinted table heading', (name) => {
  const text = fixtureText(name);
  const report = published(name);
  const lines = text.split('\n');

  describe.each(['s2', 's3', 's4'] as SectionId[])('section %s', (id) => {
    const at = headingLine(lines, id);
    const { heading, title } = SECTION_BY_ID.get(id)!;
    // Every kind of misprint on 四's heading; one misprint and a lost heading on 二's and 三's, to keep the suite short.
    const variants =
      id === 's4'
        ? VARIANTS
        : VARIANTS.filter(([n]) => n === 'a wrong character' || n === 'no heading line at all');

    it.each(variants)('reads the report as published when the heading has %s', (_n, change, note) => {
      expect(at).toBeGreaterThan(0);
      const changed = change(lines[at], title);
      expect(changed).not.toBe(lines[at]);
      const result = importText([...lines.slice(0, at), changed, ...lines.slice(at + 1)].join('\n'));
      expect(result.file).toEqual(report.file);
      expect(tableKeys(result)).toEqual(tableKeys(report));
      const said = result.notes.find((n) => note.test(n));
      expect(said).toContain(heading);
    });
  });
});
