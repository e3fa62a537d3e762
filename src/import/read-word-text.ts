/**
 * Word's 「save as text」 export: one table cell a line, each indented by a tab, an empty line after each
 * table row. A row is its label cells followed by its value cells; a cell that is only a tab is blank.
 */
import { printedValue } from './normalize.js';
import type { PrintedValue, RawRow, SourceLine } from './types.js';

/** The rows of lines [from, to) with at least `minValues` values. */
export function readWordTextRows(lines: SourceLine[], from: number, to: number, minValues: number): RawRow[] {
  const rows: RawRow[] = [];
  let labels: string[] = [];
  let values: PrintedValue[] = [];
  let spareBlanks = 0;
  let start = from;
  const flush = () => {
    if (values.length + spareBlanks >= minValues && values.some((v) => v.kind === 'number')) {
      const label = labels.join(' ');
      rows.push({ label, context: label, values, spareBlanks, cellsKnown: true, line: start });
    }
    labels = [];
    values = [];
    spareBlanks = 0;
  };
  for (let i = from; i < to; i++) {
    const { text, indent, cells } = lines[i];
    if (cells) {
      flush();
      continue;
    }
    // An empty line with no indent ends a row; an indented empty line is an empty cell.
    if (text === '' && indent === 0) {
      flush();
      continue;
    }
    const value = printedValue(text);
    if (text === '') {
      if (values.length) values.push(value);
      else spareBlanks++;
    } else if (value.kind === 'text') {
      // A label after values starts the next row (exports without empty lines between rows).
      if (values.length) flush();
      if (!labels.length) start = i;
      labels.push(text);
      spareBlanks = 0;
    } else {
      values.push(value);
    }
  }
  flush();
  return rows;
}
