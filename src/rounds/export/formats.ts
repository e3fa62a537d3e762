/**
 * The files each approved report is packed as. Another format is one more line here — the zip, its file names
 * and the tests take whatever this list holds, e.g.
 *   { ext: 'html', render: each(async (f) => Buffer.from(renderHtml(f))) }
 *   { ext: 'pdf', render: async (fs) => (await renderPdfs(fs)).map((r) => (r.ok ? r.pdf : { missing: pdfProblemText(r) })) }
 */
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

/** The formats of the zip of approved reports, in the order they are written. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { ext: 'docx', render: each((file) => renderWord(file)) },
];
