/**
 * The last look at a Word file before anyone gets it: every XML part must be well-formed XML 1.0, or Word
 * refuses to open the file. A text holding U+FFFE once produced such a file (issue 14); input is checked now
 * (report/printable.ts), and this catches whatever slips past (an old draft, an imported report, a library bug).
 */
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';

/** A Word file that did not pass the check: it is never sent; `part` and `reason` are for the log. */
export class BrokenWordFileError extends Error {
  constructor(
    readonly part: string,
    readonly reason: string,
  ) {
    super(`Word file not well-formed: ${part}: ${reason}`);
    this.name = 'BrokenWordFileError';
  }
}

/** Characters outside XML 1.0's Char production; xmldom's parser lets them through. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function checkPart(part: string, bytes: Uint8Array): void {
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BrokenWordFileError(part, 'not UTF-8');
  }
  const bad = NOT_XML_CHAR.exec(xml);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new BrokenWordFileError(part, `character U+${code} at offset ${bad.index}`);
  }
  // xmldom wraps an error thrown from onError into its own: note the first problem, decide after the parse.
  let problem: string | undefined;
  let root: unknown;
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problem ??= message;
      },
    });
    root = parser.parseFromString(xml, 'text/xml').documentElement;
  } catch (err) {
    problem ??= err instanceof Error ? err.message : String(err);
  }
  if (problem) throw new BrokenWordFileError(part, problem);
  if (!root) throw new BrokenWordFileError(part, 'no root element');
}

/** Throws BrokenWordFileError unless the .docx opens and each of its XML parts (document.xml first) parses. */
export async function checkWordFile(bytes: Buffer | Uint8Array): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (err) {
    throw new BrokenWordFileError('(zip)', err instanceof Error ? err.message : String(err));
  }
  const document = zip.file('word/document.xml');
  if (!document) throw new BrokenWordFileError('word/document.xml', 'missing');
  const parts = Object.values(zip.files).filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name));
  for (const f of [document, ...parts.filter((p) => p !== document)])
    checkPart(f.name, await f.async('uint8array'));
}
