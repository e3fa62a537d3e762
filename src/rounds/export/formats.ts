/**
 * The files each approved report is packed as: the Word file, the HTML page a 政府网站 CMS takes, and the PDF where
 * LibreOffice is on the machine. Another format is one more line in exportFormats: the zip, its file names and
 * the tests take whatever the list holds.
 */
import { htmlBytes } from '../../render/publish-files.js';
import { pdfProblemText, renderPdfs } from '../../render/pdf.js';
import { renderWord } from '../../render/word.js';
import type { AnswersFile } from '../../report/template.js';

/** A file this machine could not make, and the sentence saying why (「服务器未安装 LibreOffice…」). */
export interface MissingFile {
  missing: string;
}

/** One way to render reports to files. */
export interface ExportFormat {
  /** the file extension, without the dot */
  ext: string;
  /**
   * Every report's bytes, in the order given; all at once, so a converter that starts a program (LibreOffice)
   * starts it once for the round.
   */
  render: (files: AnswersFile[]) => Promise<Array<Uint8Array | MissingFile>>;
}

/** A renderer of one report, applied to each in turn. */
export function each(one: (file: AnswersFile) => Promise<Uint8Array | MissingFile>): ExportFormat['render'] {
  return async (files) => {
    const out: Array<Uint8Array | MissingFile> = [];
    for (const file of files) out.push(await one(file));
    return out;
  };
}

const WORD: ExportFormat = { ext: 'docx', render: each((file) => renderWord(file)) };
const HTML: ExportFormat = { ext: 'html', render: each(htmlBytes) };
// Every report in one LibreOffice run: it takes seconds to start, once per round instead of once per unit.
const PDF: ExportFormat = {
  ext: 'pdf',
  render: async (files) =>
    (await renderPdfs(files)).map((r) => (r.ok ? r.pdf : { missing: pdfProblemText(r) })),
};

/** The formats of the zip, in the order they are written; without PDFs where the bot makes none (tests). */
export function exportFormats(o: { pdf: boolean }): readonly ExportFormat[] {
  return o.pdf ? [WORD, HTML, PDF] : [WORD, HTML];
}

/** Every format this machine can make. */
export const EXPORT_FORMATS: readonly ExportFormat[] = exportFormats({ pdf: true });
