/**
 * The report as PDF through LibreOffice: the Word file converted by `soffice --headless --convert-to pdf`, in a
 * fresh temp directory with its own LibreOffice profile (two conversions at once, or a LibreOffice already open
 * on the machine, would otherwise share one profile and one of them would silently convert nothing), killed
 * after a timeout. A machine without LibreOffice gets a typed 'unavailable' result, never an exception, so each
 * caller can say so in Chinese.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnswersFile } from '../report/template.js';
import { renderWord } from './word.js';

export type PdfResult =
  | { ok: true; pdf: Buffer }
  /** unavailable: no LibreOffice on this machine; failed: it ran and made no PDF; timeout: it was killed */
  | { ok: false; reason: 'unavailable' | 'failed' | 'timeout'; detail: string };

/** What a person reads when the server has no LibreOffice. */
export const PDF_UNAVAILABLE = '服务器未安装 LibreOffice，暂不能生成 PDF';

/** The Chinese sentence for a PDF that was not made. */
export function pdfProblemText(result: Extract<PdfResult, { ok: false }>): string {
  if (result.reason === 'unavailable') return PDF_UNAVAILABLE;
  if (result.reason === 'timeout') return 'PDF 生成超时，暂不能提供 PDF，请稍后再试';
  return 'PDF 没有生成成功，暂不能提供 PDF，请稍后再试';
}

export const PDF_TIMEOUT_MS = 60_000;

/** The soffice executable: $SOFFICE when set, else the first `soffice` on PATH; undefined when there is none. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.SOFFICE
    ? [env.SOFFICE]
    : (env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, 'soffice'));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

interface ConvertOptions {
  /** the soffice to run; default findSoffice(env) */
  soffice?: string;
  /** where to look for soffice (its PATH and $SOFFICE); default process.env */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs soffice in its own process group, so a timeout kills soffice.bin too, not only the wrapper script. */
function runSoffice(
  soffice: string,
  args: string[],
  timeoutMs: number,
): Promise<'done' | 'timeout' | string> {
  return new Promise((resolve) => {
    const child = spawn(soffice, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 2000) stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      resolve('timeout');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve(err.message);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? 'done' : `exit ${code}: ${stderr.trim()}`);
    });
  });
}

/** Converts a .docx to PDF with LibreOffice; a typed result, never a throw for a missing or failing soffice. */
export async function convertDocxToPdf(docx: Buffer, options: ConvertOptions = {}): Promise<PdfResult> {
  const [result] = await convertDocxesToPdf([docx], options);
  return result;
}

/** Extra time per document after the first of a batch (LibreOffice's start is most of a single conversion). */
const PER_EXTRA_DOCUMENT_MS = 10_000;

/**
 * Converts several .docx files to PDF in ONE LibreOffice run (its start, 5–15 s on a busy machine, is paid
 * once, not per report), one result per file in order.
 */
export async function convertDocxesToPdf(
  docxs: Buffer[],
  options: ConvertOptions = {},
): Promise<PdfResult[]> {
  return convertToPdf(docxs, 'docx', options);
}

/**
 * Converts office files of one kind to PDF in one LibreOffice run, one result per file in order; `ext` (docx,
 * xlsx) names the input files, which is how LibreOffice picks the application that opens them.
 */
export async function convertToPdf(
  documents: Buffer[],
  ext: string,
  options: ConvertOptions = {},
): Promise<PdfResult[]> {
  const soffice = options.soffice ?? findSoffice(options.env);
  if (!soffice)
    return documents.map(() => ({ ok: false, reason: 'unavailable', detail: 'soffice not found on PATH' }));
  if (!documents.length) return [];
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-pdf-'));
  try {
    const inputs = documents.map((_, i) => path.join(dir, `document-${i}.${ext}`));
    await Promise.all(inputs.map((input, i) => writeFile(input, documents[i])));
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const args = [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...inputs,
    ];
    const timeoutMs = (options.timeoutMs ?? PDF_TIMEOUT_MS) + (documents.length - 1) * PER_EXTRA_DOCUMENT_MS;
    const outcome = await runSoffice(soffice, args, timeoutMs);
    return Promise.all(
      inputs.map(async (input): Promise<PdfResult> => {
        try {
          const pdf = await readFile(`${input.slice(0, -ext.length)}pdf`);
          if (pdf.subarray(0, 5).toString() === '%PDF-') return { ok: true, pdf };
        } catch {
          // no PDF: said below with what soffice reported
        }
        if (outcome === 'timeout')
          return { ok: false, reason: 'timeout', detail: `soffice ran over ${timeoutMs} ms` };
        return { ok: false, reason: 'failed', detail: outcome === 'done' ? 'soffice wrote no PDF' : outcome };
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Renders the report's Word file and converts it to PDF (same layout, same fonts as the Word file). */
export async function renderPdf(file: AnswersFile, options: ConvertOptions = {}): Promise<PdfResult> {
  const soffice = options.soffice ?? findSoffice(options.env);
  if (!soffice) return { ok: false, reason: 'unavailable', detail: 'soffice not found on PATH' };
  return convertDocxToPdf(await renderWord(file), { ...options, soffice });
}

/** Renders several reports to PDF with one LibreOffice run (the round's zip of approved reports). */
export async function renderPdfs(files: AnswersFile[], options: ConvertOptions = {}): Promise<PdfResult[]> {
  const soffice = options.soffice ?? findSoffice(options.env);
  if (!soffice)
    return files.map(() => ({ ok: false, reason: 'unavailable', detail: 'soffice not found on PATH' }));
  const docxs: Buffer[] = [];
  for (const file of files) docxs.push(await renderWord(file));
  return convertDocxesToPdf(docxs, { ...options, soffice });
}
