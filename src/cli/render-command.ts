/** `nianbao render FILE --format md|docx|word|html|pdf --out PATH` */
import { writeFile } from 'node:fs/promises';
import { checkReport } from '../report/check.js';
import type { AnswersFile } from '../report/template.js';
import { BrokenWordFileError } from '../render/docx-check.js';
import { renderDocx } from '../render/docx.js';
import { renderHtml } from '../render/html.js';
import { renderMarkdown } from '../render/markdown.js';
import { pdfProblemText, renderPdf } from '../render/pdf.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';
import { loadReport } from './load-report.js';

const FORMATS = ['md', 'docx', 'word', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (value: unknown): value is Format => FORMATS.includes(value as Format);

/** The file's bytes, or the sentence saying why it cannot be made (a PDF without LibreOffice). */
async function content(format: Format, report: AnswersFile): Promise<string | Buffer | { problem: string }> {
  if (format === 'md') return renderMarkdown(report, { findings: checkReport(report.answers) });
  if (format === 'html') return renderHtml(report);
  if (format === 'pdf') {
    const pdf = await renderPdf(report);
    return pdf.ok ? pdf.pdf : { problem: pdfProblemText(pdf) };
  }
  return renderDocx(report);
}

/** Writes the report as Markdown, Word, HTML or PDF; 2 when the input cannot be used or the file not made. */
export async function runRender(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string' },
    out: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('render 需要一个年报数据文件');
  if (!isFormat(values.format)) throw new UsageError('--format 只能是 md、docx（或 word）、html 或 pdf');
  if (typeof values.out !== 'string') throw new UsageError('请用 --out 指定输出文件');
  const report = await loadReport(positionals[0], io);
  if (!report) return 2;

  let made: Awaited<ReturnType<typeof content>>;
  try {
    made = await content(values.format, report);
  } catch (error) {
    if (!(error instanceof BrokenWordFileError)) throw error;
    io.err(
      `Word 文件没有生成：文件检查未通过（${error.part}：${error.reason}），多半是文字里有无法保存的字符\n`,
    );
    return 2;
  }
  if (typeof made === 'object' && 'problem' in made) {
    io.err(`${made.problem}\n`);
    return 2;
  }
  try {
    await writeFile(values.out, made);
  } catch (error) {
    io.err(`无法写入 ${values.out}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  io.out(`已生成 ${values.out}\n`);
  return 0;
}
