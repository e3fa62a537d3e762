/** `nianbao round create FILE [--data-dir DIR]`: validates a round file, saves the round, prints its summary. */
import { readFile } from 'node:fs/promises';
import { SECTIONS } from '../report/template.js';
import { formatDeadline } from '../rounds/deadline.js';
import { fillersOf, type Round } from '../rounds/round.js';
import { parseRoundFile, RoundFileError } from '../rounds/round-file.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';

/** What the command needs from storage; the lead wires it to the real store (see the filling report). */
export interface RoundCommandDeps {
  /** persists the round under `dataDir` (the default data directory when undefined) */
  save?: (round: Round, dataDir: string | undefined) => Promise<void>;
}

/** A round's summary as the admin reads it after creating it. */
export function formatRoundSummary(round: Round): string {
  const lines = [
    `轮次 ${round.id}：${round.name}`,
    `报告年度 ${round.year} 年，截止时间 ${formatDeadline(round.deadline)}（北京时间）`,
    `${round.units.length} 个单位，管理员 ${round.admins.length} 人`,
  ];
  for (const unit of round.units) {
    lines.push(
      `- ${unit.name}（${unit.id}）：填报人 ${fillersOf(unit).length} 人，审核人 ${unit.approvers.length} 级`,
    );
    for (const s of SECTIONS) lines.push(`    ${s.heading}：${unit.fillers[s.id].join('、')}`);
    lines.push(`    审核顺序：${unit.approvers.join(' → ')}`);
  }
  return lines.join('\n') + '\n';
}

/** 0 saved (or validated when no store is wired), 2 when the file cannot be used. */
export async function runRound(args: string[], io: CommandIO, deps: RoundCommandDeps = {}): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' } });
  const [verb, file, ...extra] = positionals;
  if (verb !== 'create' || !file || extra.length)
    throw new UsageError('用法：nianbao round create FILE [--data-dir DIR]');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(code === 'ENOENT' ? `找不到文件 ${file}\n` : `无法读取文件 ${file}（${code ?? '未知错误'}）\n`);
    return 2;
  }
  let round: Round;
  try {
    round = parseRoundFile(text, file);
  } catch (error) {
    if (error instanceof RoundFileError) {
      io.err(error.message + '\n');
      return 2;
    }
    throw error;
  }
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  io.out(formatRoundSummary(round));
  if (deps.save) {
    await deps.save(round, dataDir);
    io.out(`已保存轮次 ${round.id}${dataDir ? `（数据目录 ${dataDir}）` : ''}\n`);
  } else io.out('轮次文件检查通过（未保存：尚未连接数据存储）\n');
  return 0;
}
