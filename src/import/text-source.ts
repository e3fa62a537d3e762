/**
 * A text export as source lines: tab- and `|`-separated lines keep their cells (Markdown rows, and cells
 * joined with ` | ` without a pipe in front), page numbers go.
 * Word's text export writes one cell a line, indented by a tab; an empty line ends a table row there,
 * so a line's indent is kept apart from its text.
 */
import { isPageNumber, printedValue } from './normalize.js';
import type { SourceLine } from './types.js';

const MARKDOWN_RULE = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/;

function cellsOf(trimmed: string): string[] | undefined {
  if (trimmed.startsWith('|')) {
    // A Markdown row is what lies between its first and last pipe; text after the last one is not a cell.
    const last = trimmed.lastIndexOf('|');
    if (last <= 0) return undefined;
    return trimmed
      .slice(1, last)
      .split('|')
      .map((c) => c.trim());
  }
  if (trimmed.includes('|') && !trimmed.includes('\t')) {
    // 「规章 | 0 | 0 | 0」: cells joined by pipes with none in front. A line of prose may hold a pipe too, so
    // only a line with a value cell (a number or 「-」) is taken as a row; a header line stays text.
    const cells = trimmed
      .replace(/\|\s*$/, '')
      .split('|')
      .map((c) => c.trim());
    const values = cells.slice(1).filter((c) => c !== '' && printedValue(c).kind !== 'text');
    return cells.filter((c) => c !== '').length >= 2 && values.length > 0 ? cells : undefined;
  }
  if (!trimmed.includes('\t')) return undefined;
  const cells = trimmed.split('\t').map((c) => c.trim());
  return cells.filter((c) => c !== '').length >= 2 ? cells : undefined;
}

/** Splits a text export into source lines. */
export function textSource(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const trimmed = raw.trim();
    if (isPageNumber(trimmed)) continue;
    if (MARKDOWN_RULE.test(trimmed) && trimmed.includes('-')) {
      lines.push({ text: '', indent: 0 });
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    const cells = cellsOf(trimmed);
    lines.push(cells ? { text: trimmed, indent, cells } : { text: trimmed, indent });
  }
  return lines;
}
