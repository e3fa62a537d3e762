/**
 * The files each approved report is packed as. Another format (HTML, PDF) is one more line here: the zip, its
 * file names and the tests take whatever this list holds.
 */
import { renderWord } from '../../render/word.js';
import type { AnswersFile } from '../../report/template.js';

/** One way to render a report to a file. */
export interface ExportFormat {
  /** the file extension, without the dot */
  ext: string;
  /** the file's bytes; undefined when this machine cannot make it (a PDF without LibreOffice): then left out */
  render: (file: AnswersFile) => Promise<Uint8Array | undefined>;
}

/** The formats of the zip of approved reports, in the order they are written. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [{ ext: 'docx', render: (file) => renderWord(file) }];
