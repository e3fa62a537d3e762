/**
 * The report a command works on: an answers file, or a published report (.txt/.docx) imported on the fly,
 * so `nianbao check 去年的年报.docx` works without an extra import step.
 */
import { extname } from 'node:path';
import { AnswersFileError, readAnswersFile } from '../report/answers-file.js';
import type { AnswersFile } from '../report/template.js';
import { importReport } from '../import/index.js';
import type { CommandIO } from './io.js';

const REPORT_EXTENSIONS = new Set(['.txt', '.docx', '.md']);

/** Loads FILE; on failure writes the reason and returns undefined (the caller exits with 2). */
export async function loadReport(path: string, io: CommandIO): Promise<AnswersFile | undefined> {
  try {
    if (!REPORT_EXTENSIONS.has(extname(path).toLowerCase())) return await readAnswersFile(path);
    const imported = await importReport(path);
    for (const note of imported.notes) io.err(`说明：${note}\n`);
    if (imported.unread.length)
      io.err(`有 ${imported.unread.length} 个表格单元格没能读出，见 nianbao import 的输出\n`);
    return imported.file;
  } catch (error) {
    if (error instanceof AnswersFileError) io.err(`${error.message}\n`);
    else io.err(`无法读取 ${path}：${(error as Error).message}\n`);
    return undefined;
  }
}
