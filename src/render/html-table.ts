/**
 * A TableGrid (table-grid.ts, the same description the Word file is made from) as an HTML <table>: each origin
 * cell one <th>/<td> with its rowspan/colspan, every number in its own <td>. The table's look is inline
 * (border, padding, alignment on the table and on each cell) because a 政府网站 CMS keeps inline styles when
 * the table is pasted into its editor and drops the page's <style>.
 */
import { escapeHtml } from './html-escape.js';
import type { GridCell, TableGrid } from './table-grid.js';

const BORDER = 'border:1px solid #000;';
const CELL = `${BORDER}padding:4px 6px;vertical-align:middle;`;

/** Narrow phones scroll the wide tables sideways (html.ts wraps them) rather than squeeze their columns. */
const MIN_WIDTH_PX: Record<TableGrid['table'], number> = { t2: 0, t3: 640, t4: 760 };

function attributes(cell: GridCell): string {
  const spans =
    (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '') +
    (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '');
  // Row labels read left to right like the official table; headings, group cells and numbers are centred.
  const left = cell.role === 'label' && cell.rowSpan === 1;
  const style =
    CELL +
    `text-align:${left ? 'left' : 'center'};` +
    (cell.role === 'header' ? 'font-weight:bold;' : '') +
    (cell.role === 'value' ? 'white-space:nowrap;' : '');
  const scope = cell.role === 'header' ? ` scope="${cell.colSpan > 1 ? 'colgroup' : 'col'}"` : '';
  return `${spans}${scope} style="${style}"`;
}

function cellHtml(cell: GridCell): string {
  const tag = cell.role === 'header' ? 'th' : 'td';
  return `<${tag}${attributes(cell)}>${escapeHtml(cell.text)}</${tag}>`;
}

/** The official table as an HTML <table> with inline styles (no caption: the section heading above names it). */
export function htmlTable(grid: TableGrid): string {
  const total = grid.columnWidths.reduce((a, b) => a + b, 0);
  const cols = grid.columnWidths
    .map((w) => `<col style="width:${((100 * w) / total).toFixed(2)}%" />`)
    .join('');
  const minWidth = MIN_WIDTH_PX[grid.table] ? `min-width:${MIN_WIDTH_PX[grid.table]}px;` : '';
  const head = grid.rows.slice(0, grid.headerRows);
  const body = grid.rows.slice(grid.headerRows);
  const rows = (rs: GridCell[][]) => rs.map((r) => `<tr>${r.map(cellHtml).join('')}</tr>`).join('\n');
  return (
    `<table class="report-table" border="1" cellspacing="0" cellpadding="4" ` +
    `style="border-collapse:collapse;${BORDER}width:100%;${minWidth}font-size:14px;line-height:1.5;">\n` +
    `<colgroup>${cols}</colgroup>\n` +
    (head.length ? `<thead>\n${rows(head)}\n</thead>\n` : '') +
    `<tbody>\n${rows(body)}\n</tbody>\n</table>`
  );
}
