/** `nianbao render FILE --format md|docx --out PATH` */
import { writeFile } from 'node:fs/promises';
import { checkReport } from '../report/check.js';
import { BrokenWordFileError } from '../render/docx-check.js';
import { renderDocx } from '../render/docx.js';
import { renderMarkdown } from '../render/markdown.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';
import { loadReport } from './load-report.js';

/** Writes the report as Markdown or Word; 2 when the input cannot be used or the output cannot be written. */
export async function runRender(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string' },
    out: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('render 需要一个年报数据文件');
  if (values.format !== 'md' && values.format !== 'docx') throw new UsageError('--format 只能是 md 或 docx');
  if (typeof values.out !== 'string') throw new UsageError('请用 --out 指定输出文件');
  const report = await loadReport(positionals[0], io);
  if (!report) return 2;

  let content: string | Buffer;
  try {
    content =
      values.format === 'md'
        ? renderMarkdown(report, { findings: checkReport(report.answers) })
        : await renderDocx(report);
  } catch (error) {
    if (!(error instanceof BrokenWordFileError)) throw error;
    io.err(
      `Word 文件没有生成：文件检查未通过（${error.part}：${error.reason}），多半是文字里有无法保存的字符\n`,
    );
    return 2;
  }
  try {
    await writeFile(values.out, content);
  } catch (error) {
    io.err(`无法写入 ${values.out}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  io.out(`已生成 ${values.out}\n`);
  return 0;
}
