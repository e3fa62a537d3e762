/**
 * Rows whose cells are known: a .docx table row, a tab-separated line (web page copy), a Markdown table row.
 * The leading cells that are not numbers are the label; everything from the first number (or 「-」) on is a
 * value, so a blank or garbled value cell keeps its column.
 */
import { printedValue } from './normalize.js';
import type { PrintedValue } from './types.js';

export interface CellsRow {
  label: string;
  values: PrintedValue[];
  spareBlanks: number;
}

/** Splits a row's cells into its label and its values. */
export function readCells(cells: string[]): CellsRow {
  const parsed = cells.map(printedValue);
  let first = parsed.findIndex((p) => p.kind === 'number' || (p.kind === 'blank' && p.printed !== ''));
  if (first < 0) first = parsed.length;
  const labels = cells.slice(0, first);
  let spareBlanks = 0;
  for (let i = labels.length - 1; i >= 0 && labels[i].trim() === ''; i--) spareBlanks++;
  return {
    label: labels.filter((l) => l.trim() !== '').join(' '),
    values: parsed.slice(first),
    spareBlanks,
  };
}
