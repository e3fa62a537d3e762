/**
 * Reads the HTML page back without regular expressions: parsed by xmldom, each <table> walked into a grid where
 * a merged cell (colspan across, rowspan down) is the same object at every position it covers, the same shape
 * docx-reader.ts gives the Word tables, so one set of checks reads both.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { ReadCell, ReadTable } from './docx-reader.js';

export interface HtmlCell extends ReadCell {
  tag: string;
  colSpan: number;
  rowSpan: number;
}

export interface ReadHtml {
  document: ReturnType<DOMParser['parseFromString']>;
  tables: ReadTable[];
  /** the origin cells of each table, row by row, with their tags and spans as written */
  cells: HtmlCell[][][];
}

const elements = (root: Element | ReturnType<DOMParser['parseFromString']>, tag: string): Element[] =>
  Array.from(root.getElementsByTagName(tag));

function readTable(table: Element): { grid: ReadTable; origins: HtmlCell[][] } {
  const grid: HtmlCell[][] = [];
  const origins: HtmlCell[][] = [];
  elements(table, 'tr').forEach((tr, r) => {
    grid[r] ??= [];
    origins[r] = [];
    let col = 0;
    const cells = Array.from(tr.childNodes).filter(
      (n): n is Element => n.nodeType === 1 && ['td', 'th'].includes((n as Element).tagName.toLowerCase()),
    );
    for (const el of cells) {
      while (grid[r][col]) col++;
      const cell: HtmlCell = {
        text: el.textContent ?? '',
        tag: el.tagName.toLowerCase(),
        colSpan: Number(el.getAttribute('colspan') ?? 1),
        rowSpan: Number(el.getAttribute('rowspan') ?? 1),
      };
      origins[r].push(cell);
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) {
          grid[r + dr] ??= [];
          if (grid[r + dr][col + dc]) throw new Error(`row ${r + dr} column ${col + dc} is covered twice`);
          grid[r + dr][col + dc] = cell;
        }
      col += cell.colSpan;
    }
  });
  return { grid, origins };
}

/** Parses the page and reads its tables. */
export function readHtml(html: string): ReadHtml {
  const document = new DOMParser().parseFromString(html, 'text/html');
  const read = elements(document, 'table').map(readTable);
  return { document, tables: read.map((t) => t.grid), cells: read.map((t) => t.origins) };
}
