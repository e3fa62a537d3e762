/**
 * `nianbao export ROUND_ID --out DIR`: the round's workbook and the zip of its approved reports, written to DIR.
 * Made inside the running bot when there is one (it holds the data and knows people's names), else from the data
 * directory's files; either way nothing in the data directory changes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RoundExportLine } from '../admin/commands.js';
import { BotUnreachableError, runInDataDir } from './bot-link.js';
import { dataDirOf } from './data-dir.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';

const USAGE = '用法：nianbao export ROUND_ID --out DIR [--data-dir DIR]';

async function write(file: string, base64: string, io: CommandIO): Promise<boolean> {
  try {
    await writeFile(file, Buffer.from(base64, 'base64'));
    return true;
  } catch (error) {
    io.err(`无法写入 ${file}（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）\n`);
    return false;
  }
}

/** 0 written (the zip left out when no unit is approved, said on stderr), 2 when the round or DIR cannot be used. */
export async function runExport(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'data-dir': { type: 'string' },
    out: { type: 'string' },
  });
  const [roundId, ...extra] = positionals;
  if (!roundId || extra.length || typeof values.out !== 'string' || !values.out) throw new UsageError(USAGE);
  let answer;
  try {
    ({ answer } = await runInDataDir<{ export: RoundExportLine; named: boolean }>(
      dataDirOf(values['data-dir']),
      'round.export',
      { roundId },
    ));
  } catch (error) {
    if (!(error instanceof BotUnreachableError)) throw error;
    io.err(error.message + '\n');
    return 2;
  }
  if (!answer.ok) {
    io.err(answer.message + '\n');
    return 2;
  }
  const made = answer.export;
  try {
    await mkdir(values.out, { recursive: true });
  } catch (error) {
    io.err(
      `无法建立目录 ${values.out}（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）\n`,
    );
    return 2;
  }
  const book = path.join(values.out, made.workbook.fileName);
  if (!(await write(book, made.workbook.base64, io))) return 2;
  io.out(`已写出汇总表 ${book}（${made.units} 个单位，其中 ${made.approved} 个审核通过）\n`);
  if (made.zip.ok) {
    const zip = path.join(values.out, made.zip.fileName);
    if (!(await write(zip, made.zip.base64, io))) return 2;
    io.out(
      `已写出报告压缩包 ${zip}（${made.zip.files.length} 个文件）：\n${made.zip.files.map((f) => `    ${f}\n`).join('')}`,
    );
    for (const m of made.zip.missing) io.err(`提醒：${m}，压缩包里没有这种文件\n`);
  } else io.err(`${made.zip.message}，没有写出报告压缩包\n`);
  if (!answer.named)
    io.err(
      '提醒：机器人没有运行，查不到通讯录，「填报与审核记录」中的人员写成了「未查到姓名」；启动机器人后再导出可得到姓名\n',
    );
  return 0;
}
