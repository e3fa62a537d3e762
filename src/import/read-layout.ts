/**
 * pdftotext -layout output and one-row-a-line PDF extraction: a row's numbers stand at the end of a line,
 * the label before them; long labels wrap onto the lines above and below, and merged left-hand cells
 * (「（三）不予公开」, 「三、本年度办理结果」) are printed a few characters per line in between. Lines that
 * carry cells (tab- or pipe-separated) are read as cells, since real extractions mix both. A browser's copy of
 * a web page's table prints a row's cells with nothing between them; such a row is marked `joined`.
 */
import { isNumberToken, labelCore, nfkc, printedValue } from './normalize.js';
import { readCells } from './read-cells.js';
import type { PrintedValue, RawRow, SourceLine } from './types.js';

interface Found {
  line: number;
  label: string;
  values: PrintedValue[];
  spareBlanks: number;
  cellsKnown: boolean;
  joined?: 'glued' | 'alone';
}

/** Digits and blank marks with nothing between them at the end of a token: 「…数量452000047」, 「…数量26-----26」. */
const GLUED = /^(.*?)((?:\d+(?:\.\d+)?|[-—–−])+)$/u;
const PIECE = /\d+(?:\.\d+)?|[-—–−]/gu;

/**
 * The values glued to the end of a token, when they can be told from the label: at least one digit (or three
 * blank marks), and a label with no number of its own (in 「规章22（其中修订16件）235」 the digits after the
 * remark are not the whole row) that does not end in a word standing for a value (「无」).
 */
function gluedValues(token: string): { label: string; values: PrintedValue[] } | undefined {
  const m = GLUED.exec(nfkc(token));
  if (!m) return undefined;
  const [, label, tail] = m;
  const pieces = tail.match(PIECE)!;
  if (!/\d/.test(tail) && pieces.length < 3) return undefined;
  if (label === '' && pieces.length === 1) return undefined;
  if (/\d/.test(labelCore(label)) || /[无空否略]$/.test(label)) return undefined;
  return { label, values: pieces.map(printedValue) };
}

function readLine(line: SourceLine): Omit<Found, 'line'> {
  if (line.cells) return { ...readCells(line.cells), cellsKnown: true };
  const tokens = line.text.split(/\s+/).filter((t) => t !== '');
  let first = tokens.length;
  while (first > 0 && isNumberToken(tokens[first - 1])) first--;
  const spaced = {
    label: tokens.slice(0, first).join(' '),
    values: tokens.slice(first).map(printedValue),
    spareBlanks: 0,
    cellsKnown: false,
  };
  // One digit run standing alone may be several cells printed with nothing between them.
  if (first === tokens.length - 1 && /^\d{2,}$/.test(nfkc(tokens[first])))
    return { ...spaced, joined: 'alone' };
  const glued = first === tokens.length && tokens.length ? gluedValues(tokens[first - 1]) : undefined;
  if (!glued) return spaced;
  const label = [...tokens.slice(0, -1), glued.label].filter((t) => t !== '').join(' ');
  return { label, values: glued.values, spareBlanks: 0, cellsKnown: false, joined: 'glued' };
}

/** How many cells a row's values may stand for: a joined digit run one per digit. */
function capacity(read: Omit<Found, 'line'>): number {
  const cells = (v: PrintedValue) => (read.joined && /^\d+$/.test(nfkc(v.printed)) ? v.printed.length : 1);
  return read.values.reduce((n, v) => n + cells(v), 0) + read.spareBlanks;
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
      if (capacity(read) >= minValues && read.values.some((v) => v.kind !== 'text'))
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
      ...(row.joined ? { joined: row.joined } : {}),
    };
  });
}

function splitPairs(line: SourceLine): SourceLine[] {
  const parts = nfkc(line.text).split(';');
  if (parts.length < 2) return [line];
  return parts.map((p) => ({ text: p.trim(), indent: line.indent }));
}
