/**
 * A .docx file as source lines: paragraphs as text lines, table rows as lines whose cells are known.
 * Cells are walked as Word stores them: a cell spanning columns (gridSpan) is one cell, and a cell that
 * continues a vertical merge from above (vMerge without 「restart」) is left out — in the official tables
 * only label columns merge downwards, so the label cells stay in front of the value cells.
 */
import JSZip from 'jszip';
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import type { SourceLine } from './types.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const children = (node: Node, name: string): Element[] =>
  Array.from(node.childNodes as unknown as ArrayLike<Node>).filter(
    (c): c is Element =>
      c.nodeType === 1 && (c as Element).localName === name && (c as Element).namespaceURI === W,
  );

/** The text of a paragraph; a line break (w:br) or tab keeps its meaning. */
function paragraphText(p: Element): string {
  let text = '';
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes as unknown as ArrayLike<Node>)) {
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      if (el.namespaceURI === W && el.localName === 't') text += el.textContent ?? '';
      else if (el.namespaceURI === W && el.localName === 'tab') text += '\t';
      else if (el.namespaceURI === W && (el.localName === 'br' || el.localName === 'cr')) text += '\n';
      else walk(el);
    }
  };
  walk(p);
  return text;
}

function isMergeContinuation(tc: Element): boolean {
  const props = children(tc, 'tcPr')[0];
  const merge = props && children(props, 'vMerge')[0];
  if (!merge) return false;
  const val = merge.getAttributeNS(W, 'val') || merge.getAttribute('w:val');
  return val !== 'restart';
}

function cellText(tc: Element): string {
  return children(tc, 'p').map(paragraphText).join('').replace(/\s+/g, ' ').trim();
}

function walkBody(node: Node, out: SourceLine[]): void {
  for (const child of Array.from(node.childNodes as unknown as ArrayLike<Node>)) {
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    if (el.namespaceURI !== W) continue;
    if (el.localName === 'p') {
      for (const line of paragraphText(el).split('\n')) out.push({ text: line.trim(), indent: 0 });
    } else if (el.localName === 'tbl') {
      for (const tr of children(el, 'tr')) {
        const cells = children(tr, 'tc')
          .filter((tc) => !isMergeContinuation(tc))
          .map(cellText);
        out.push({ text: cells.join('\t'), indent: 0, cells });
      }
      out.push({ text: '', indent: 0 });
    } else if (el.localName === 'sdt') {
      for (const content of children(el, 'sdtContent')) walkBody(content, out);
    }
  }
}

/** Reads the main document part of a .docx into source lines. */
export async function docxSource(bytes: Buffer): Promise<SourceLine[]> {
  const zip = await JSZip.loadAsync(bytes);
  const part = zip.file('word/document.xml');
  if (!part) throw new Error('不是 Word 文档（.docx 中没有 word/document.xml）');
  const xml = await part.async('string');
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const body = doc.getElementsByTagNameNS(W, 'body')[0];
  if (!body) throw new Error('Word 文档中没有正文');
  const lines: SourceLine[] = [];
  walkBody(body, lines);
  return lines;
}
