/**
 * CSV as Chinese offices save it: Excel and WPS write GBK unless told otherwise, newer ones UTF-8 with a BOM,
 * "Unicode text" is UTF-16 with tabs; cells holding several people contain line breaks inside quotes.
 */

/** One line of the spreadsheet, numbered as Excel numbers it (a quoted line break does not start a row). */
export interface CsvRow {
  row: number;
  cells: string[];
}

/** The file's text, or undefined when it is not text in any encoding an office saves CSV in. */
export function decodeText(bytes: Uint8Array): string | undefined {
  const decode = (encoding: string, from = 0): string | undefined => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from));
    } catch {
      return undefined;
    }
  };
  let text: string | undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = decode('utf-8', 3);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decode('utf-16le', 2);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decode('utf-16be', 2);
  // GB 18030 is the superset of GBK that Node's ICU decodes; valid UTF-8 is almost never valid GBK by accident.
  else text = decode('utf-8') ?? decode('gb18030');
  // Control characters other than tab and line breaks mean binary data that happened to decode.
  if (text === undefined || hasBinaryControl(text)) return undefined;
  return text;
}

/** Comma-separated unless the first line has tabs and no commas (Excel's "Unicode text"). */
export function delimiterOf(text: string): ',' | '\t' {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

/** The rows that have any text (the file size cap bounds the work: 5 MB parse in well under a second). */
export function parseCsv(text: string): CsvRow[] {
  const delimiter = delimiterOf(text);
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let row = 1;
  let quoted = false;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ row, cells });
    cells = [];
    cell = '';
    row++;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

function hasBinaryControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
  }
  return false;
}
