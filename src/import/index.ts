/**
 * Import of a published 政府信息公开工作年度报告 into an answers file: .docx files as real tables,
 * anything else as text (Word text export, pdftotext -layout, tab- or pipe-separated copies).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { importLines } from './assemble.js';
import { docxSource } from './docx-source.js';
import { textSource } from './text-source.js';
import type { ImportResult } from './types.js';

export type { ImportResult } from './types.js';

/** Imports the report in a file: by extension, .docx as a Word file, anything else as UTF-8 text. */
export async function importReport(path: string): Promise<ImportResult> {
  const bytes = await readFile(path);
  if (extname(path).toLowerCase() === '.docx') return importDocx(bytes);
  return importText(bytes.toString('utf8'));
}

/** Imports a report given as text. */
export function importText(text: string): ImportResult {
  return importLines(textSource(text), false);
}

/** Imports a report given as the bytes of a .docx file. */
export async function importDocx(bytes: Buffer): Promise<ImportResult> {
  return importLines(await docxSource(bytes), true);
}
