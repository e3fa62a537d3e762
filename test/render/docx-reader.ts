/**
 * Reads a .docx back the way a person sees it: the body's paragraphs and tables in order, each table as a grid
 * where a merged cell (gridSpan across, vMerge down) is the same object at every position it covers.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';

export interface ReadCell {
  text: string;
}

export type ReadTable = ReadCell[][];

export type BodyItem = { kind: 'p'; text: string; element: Element } | { kind: 'tbl'; table: ReadTable };

export interface ReadDocument {
  body: BodyItem[];
  documentXml: string;
}

const children = (el: Element, name: string): Element[] =>
  Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === name);

const child = (el: Element | undefined, name: string): Element | undefined =>
  el ? children(el, name)[0] : undefined;

/** The visible text of a paragraph or cell: its w:t runs; paragraphs of a cell joined by newlines. */
export function textOf(el: Element): string {
  const paragraphs = el.tagName === 'w:p' ? [el] : Array.from(el.getElementsByTagName('w:p'));
  return paragraphs
    .map((p) => Array.from(p.getElementsByTagName('w:t'), (t) => t.textContent ?? '').join(''))
    .join('\n');
}

function readTable(tbl: Element): ReadTable {
  const grid: ReadTable = [];
  children(tbl, 'w:tr').forEach((tr, r) => {
    grid[r] = [];
    let col = 0;
    for (const tc of children(tr, 'w:tc')) {
      const props = child(tc, 'w:tcPr');
      const span = Number(child(props, 'w:gridSpan')?.getAttribute('w:val') ?? 1);
      const vMerge = child(props, 'w:vMerge');
      const continues = vMerge !== undefined && vMerge.getAttribute('w:val') !== 'restart';
      const cell = continues ? grid[r - 1]?.[col] : { text: textOf(tc) };
      if (!cell) throw new Error(`row ${r} column ${col}: vMerge continues nothing`);
      if (continues && textOf(tc) !== '')
        throw new Error(`row ${r} column ${col}: a continued cell holds text`);
      for (let k = 0; k < span; k++) grid[r][col + k] = cell;
      col += span;
    }
  });
  return grid;
}

/** Opens a .docx and reads its body. */
export async function readDocx(buffer: Buffer): Promise<ReadDocument> {
  const zip = await JSZip.loadAsync(buffer);
  const documentXml = await zip.file('word/document.xml')!.async('string');
  const doc = new DOMParser().parseFromString(documentXml, 'text/xml');
  const body = doc.getElementsByTagName('w:body')[0];
  const items: BodyItem[] = [];
  for (const el of Array.from(body.childNodes).filter((n): n is Element => n.nodeType === 1)) {
    const element = el as Element;
    if (element.tagName === 'w:p') items.push({ kind: 'p', text: textOf(element), element });
    if (element.tagName === 'w:tbl') items.push({ kind: 'tbl', table: readTable(element) });
  }
  return { body: items, documentXml };
}

/** The distinct merged cells a grid position sits under, top to bottom (or left to right), as texts. */
export function pathOf(cells: ReadCell[]): string[] {
  return [...new Set(cells)].map((c) => c.text);
}
