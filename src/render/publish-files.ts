/**
 * The files a 政务公开 office publishes besides the Word file: the HTML page and, where LibreOffice is on the
 * machine, the PDF. As single files (for the round's zip of approved reports) and as one zip per report, so
 * the chat gets one message for both instead of two more files.
 */
import type { AnswersFile } from '../report/template.js';
import { renderHtml } from './html.js';
import { pdfProblemText, renderPdf, type PdfResult } from './pdf.js';

/** The HTML page as bytes (UTF-8), shaped like a zip entry renderer. */
export async function htmlBytes(file: AnswersFile): Promise<Uint8Array> {
  return Buffer.from(renderHtml(file), 'utf8');
}

/** The PDF as bytes, or undefined when this machine cannot make it (no LibreOffice, or it failed). */
export async function pdfBytes(file: AnswersFile): Promise<Uint8Array | undefined> {
  const result = await renderPdf(file);
  return result.ok ? result.pdf : undefined;
}

/** Makes a report's PDF; the bot's is renderPdf, or none where PDFs are switched off. */
export type PdfMaker = (file: AnswersFile) => Promise<PdfResult>;

/** Why a bot that makes no PDFs sent none. */
export const PDF_SWITCHED_OFF = '本服务器未开启 PDF 生成，暂不能提供 PDF';

/** The note put in the zip when the PDF is missing, so whoever opens it knows why. */
export const NO_PDF_NOTE_NAME = '说明.txt';

export interface PublishBundle {
  /** the zip: `<base>.html`, and `<base>.pdf` or 说明.txt saying why there is none */
  bytes: Buffer;
  /** the zip's name people see: 「<base>（网页版和PDF）.zip」 or 「<base>（网页版）.zip」 */
  fileName: string;
  /** why there is no PDF, in Chinese; undefined when the PDF is in the zip */
  pdfProblem?: string;
}

/** The report's HTML page and PDF in one zip named after `base` (the Word file's name without .docx). */
export async function publishBundle(
  file: AnswersFile,
  base: string,
  makePdf: PdfMaker | undefined,
): Promise<PublishBundle> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  zip.file(`${base}.html`, renderHtml(file));
  const pdf = makePdf ? await makePdf(file) : undefined;
  let pdfProblem: string | undefined;
  if (pdf?.ok) zip.file(`${base}.pdf`, pdf.pdf);
  else {
    pdfProblem = pdf ? pdfProblemText(pdf) : PDF_SWITCHED_OFF;
    zip.file(NO_PDF_NOTE_NAME, `${pdfProblem}。请用 Word 文件另存为 PDF。\r\n`);
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const fileName = `${base}（${pdfProblem ? '网页版' : '网页版和PDF'}）.zip`;
  return { bytes, fileName, ...(pdfProblem ? { pdfProblem } : {}) };
}
