/**
 * A published report's own numbers written out again in the table layouts people meet beyond the fixtures:
 * the official tables with their rows and columns, each row's cells joined by ` | ` (no pipe in front) or by
 * nothing at all, as a browser gives a web page's table copied as text. Numbers are written as the report
 * printed them (its printed totals too, even where they are wrong); a cell the report does not give is written
 * 「-」, as web pages print a blank cell.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { importText, type ImportResult } from '../../src/import/index.js';
import {
  SECTIONS,
  TABLE2,
  TABLE3,
  TABLE4,
  reportTitle,
  table2Key,
  table3Key,
  table4Key,
  type Answers,
} from '../../src/report/template.js';
import { FIXTURES_DIR } from '../support/fixtures.js';

/** Every published report of test/fixtures, by its path under that folder. */
export const FIXTURE_NAMES: string[] = [
  ...readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.txt')),
  ...readdirSync(`${FIXTURES_DIR}/real-reports`)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => `real-reports/${f}`),
].sort();

/** The fixture's text. */
export const fixtureText = (name: string): string => readFileSync(`${FIXTURES_DIR}/${name}`, 'utf8');

/**
 * The report's own numbers: the fixture as the importer reads it in its published layout, which
 * fixtures.test.ts and real-reports.test.ts hold to the printed numbers.
 */
export const published = (name: string): ImportResult => importText(fixtureText(name));

/** One printed row of a written table: its cells' canonical keys and their printed texts, in order. */
export interface WrittenRow {
  keys: string[];
  printed: string[];
}

/** The report written in a layout, and its value rows as written. */
export interface Written {
  text: string;
  rows: WrittenRow[];
}

/** Writes the report with each table row's cells joined by `joiner` (' | ' or ''). */
export function writeInLayout(unit: string, year: number, answers: Answers, joiner: string): Written {
  const cell = (key: string) => (typeof answers[key] === 'number' ? String(answers[key]) : '-');
  const texts = (keys: string[]) => keys.flatMap((k) => (typeof answers[k] === 'string' ? [answers[k]] : []));
  const rows: WrittenRow[] = [];
  const lines: string[] = [reportTitle(unit, year), ''];
  const line = (cells: string[]) => lines.push(cells.join(joiner));
  const valueRow = (label: string[], keys: string[]) => {
    const printed = keys.map(cell);
    rows.push({ keys, printed });
    line([...label, ...printed]);
  };
  const [s1, s2, s3, s4, s5, s6] = SECTIONS;

  lines.push(s1.heading, ...texts(s1.texts.map((t) => t.key)));
  lines.push(s2.heading);
  for (const block of TABLE2.blocks) {
    lines.push(block.heading);
    line([TABLE2.contentHeader, ...block.columns.map((c) => c.label)]);
    for (const r of block.rows)
      valueRow(
        [r.label],
        block.columns.map((c) => table2Key(r.id, c.id)),
      );
  }

  lines.push(s3.heading, TABLE3.note, TABLE3.applicantHeader);
  const groupOf = TABLE3.columns.find((c) => c.group)!.group!;
  line([TABLE3.columns[0].label, groupOf, TABLE3.columns.find((c) => c.computed)!.label]);
  line(TABLE3.columns.filter((c) => c.group).map((c) => c.label));
  // A merged heading (「三、本年度办理结果」, 「（三）不予公开」) is printed in the first row under it only.
  const printedParents = new Set<string>();
  for (const r of TABLE3.rows) {
    const parents = r.parents.filter((p) => !printedParents.has(p));
    parents.forEach((p) => printedParents.add(p));
    valueRow(
      [...parents, r.label],
      TABLE3.columns.map((c) => table3Key(r.id, c.id)),
    );
  }

  lines.push(s4.heading);
  line([TABLE4.groups[0].label, TABLE4.groups[1].parent]);
  line(TABLE4.groups.slice(1).map((g) => g.label));
  line(TABLE4.groups.flatMap(() => TABLE4.columns.map((c) => c.label)));
  valueRow(
    [],
    TABLE4.groups.flatMap((g) => TABLE4.columns.map((c) => table4Key(g.id, c.id))),
  );

  lines.push(s5.heading, ...texts(s5.texts.map((t) => t.key)), s6.heading, ...texts(['s6.text']));
  return { text: lines.join('\n') + '\n', rows };
}

/**
 * Every way to read a printed run of digits and 「-」 as `cells` cells: each 「-」 one blank cell, each number
 * without a leading 0 (unless it is 0). Counted plainly, without the importer's search.
 */
export function readingsOf(run: string, cells: number, limit = 100_000): (number | undefined)[][] {
  const out: (number | undefined)[][] = [];
  const walk = (rest: string, acc: (number | undefined)[]) => {
    if (out.length >= limit) return;
    if (rest === '') {
      if (acc.length === cells) out.push(acc);
      return;
    }
    if (acc.length === cells) return;
    if (rest[0] === '-') return walk(rest.slice(1), [...acc, undefined]);
    const digits = /^\d+/.exec(rest)![0];
    for (let l = 1; l <= digits.length; l++) {
      if (l > 1 && digits[0] === '0') break;
      walk(rest.slice(l), [...acc, Number(digits.slice(0, l))]);
    }
  };
  walk(run, []);
  return out;
}
