/**
 * pdftotext -layout output and one-row-a-line PDF extraction: a row's numbers stand at the end of a line,
 * the label before them; long labels wrap onto the lines above and below, and merged left-hand cells
 * (「（三）不予公开」, 「三、本年度办理结果」) are printed a few characters per line in between. Lines that
 * carry cells (tab- or pipe-separated) are read as cells, since real extractions mix both.
 */
import { isNumberToken, nfkc, printedValue } from './normalize.js';
import { readCells } from './read-cells.js';
import type { PrintedValue, RawRow, SourceLine } from './types.js';

interface Found {
  line: number;
  label: string;
  values: PrintedValue[];
  spareBlanks: number;
  cellsKnown: boolean;
}

function readLine(line: SourceLine): Omit<Found, 'line'> {
  if (line.cells) return { ...readCells(line.cells), cellsKnown: true };
  const tokens = line.text.split(/\s+/).filter((t) => t !== '');
  let first = tokens.length;
  while (first > 0 && isNumberToken(tokens[first - 1])) first--;
  return {
    label: tokens.slice(0, first).join(' '),
    values: tokens.slice(first).map(printedValue),
    spareBlanks: 0,
    cellsKnown: false,
  };
}

/**
 * The rows of lines [from, to) with at least `minValues` values. A row's context holds the label-only
 * lines between it and its neighbours; a row printed without label on its own line takes the label lines
 * right above it (no blank line between) as its label.
 */
export function readLayoutRows(lines: SourceLine[], from: number, to: number, minValues: number): RawRow[] {
  const found: Found[] = [];
  const labelOnly: { line: number; text: string }[] = [];
  for (let i = from; i < to; i++) {
    const text = lines[i].text;
    if (text === '') continue;
    // 「行政处罚 0；行政强制 0」: two rows on one line, as some extractions print table 二.
    const parts = lines[i].cells ? [lines[i]] : splitPairs(lines[i]);
    for (const part of parts) {
      const read = readLine(part);
      if (read.values.length + read.spareBlanks >= minValues && read.values.some((v) => v.kind !== 'text'))
        found.push({ line: i, ...read });
      else labelOnly.push({ line: i, text: part.text });
    }
  }
  const between = (a: number, b: number) =>
    labelOnly.filter((l) => l.line > a && l.line < b).map((l) => l.text);
  return found.map((row, k) => {
    const prev = k > 0 ? found[k - 1].line : from - 1;
    const next = k + 1 < found.length ? found[k + 1].line : to;
    let label = row.label;
    if (label === '' && !row.cellsKnown) {
      const above: string[] = [];
      for (let i = row.line - 1; i > prev && lines[i].text !== ''; i--) above.unshift(lines[i].text);
      label = above.join(' ');
    }
    const context = [...between(prev, row.line), row.label, ...between(row.line, next)].join(' ');
    return {
      label,
      context,
      values: row.values,
      spareBlanks: row.spareBlanks,
      cellsKnown: row.cellsKnown,
      line: row.line,
    };
  });
}

function splitPairs(line: SourceLine): SourceLine[] {
  const parts = nfkc(line.text).split(';');
  if (parts.length < 2) return [line];
  return parts.map((p) => ({ text: p.trim(), indent: line.indent }));
}
