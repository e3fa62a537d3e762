/** `nianbao import REPORT.txt|REPORT.docx --out FILE.json` */
import { writeFile } from 'node:fs/promises';
import { formatAnswersFile } from '../report/answers-file.js';
import { TABLE_CELL_BY_KEY } from '../report/template.js';
import { importReport } from '../import/index.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';

/** Reads a published report into an answers file and says what it could not read; 2 when it cannot read it at all. */
export async function runImport(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('import 需要一个年报原文文件（.txt 或 .docx）');
  if (typeof values.out !== 'string') throw new UsageError('请用 --out 指定输出的数据文件');
  let result;
  try {
    result = await importReport(positionals[0]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(
      code === 'ENOENT'
        ? `找不到文件 ${positionals[0]}\n`
        : `无法读取 ${positionals[0]}：${(error as Error).message}\n`,
    );
    return 2;
  }
  try {
    await writeFile(values.out, formatAnswersFile(result.file));
  } catch (error) {
    io.err(`无法写入 ${values.out}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  const cells = Object.keys(result.file.answers).filter((k) => TABLE_CELL_BY_KEY.has(k)).length;
  io.out(
    `已导入 ${result.file.unit} ${result.file.year} 年年报：读出 ${cells} 个表格单元格，写入 ${values.out}\n`,
  );
  for (const note of result.notes) io.out(`说明：${note}\n`);
  if (result.unread.length) {
    io.out(`没能读出 ${result.unread.length} 个单元格：\n`);
    for (const { key, reason } of result.unread)
      io.out(`  ${key}（${TABLE_CELL_BY_KEY.get(key)?.label ?? key}）：${reason}\n`);
  }
  return 0;
}
