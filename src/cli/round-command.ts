/**
 * `nianbao round …`: `create` opens a round from a JSON round file, `previous` stores last year's report of a
 * unit, `list` shows the rounds. They run inside the bot when it is up (bot-link.ts), so they take effect at
 * once and never race it; with the bot stopped they write the data directory, and the first cards they queue
 * go out when it starts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { formatAnswersFile } from '../report/answers-file.js';
import { SECTIONS } from '../report/template.js';
import { formatDeadline } from '../rounds/deadline.js';
import { fillersOf, type Round } from '../rounds/round.js';
import type { RoundLine } from '../admin/commands.js';
import { BotUnreachableError, runInDataDir, type RanIn } from './bot-link.js';
import { dataDirOf } from './data-dir.js';
import { loadReport } from './load-report.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';

const USAGE =
  '用法：nianbao round create FILE [--data-dir DIR]\n' +
  '      nianbao round previous ROUND_ID UNIT_ID LAST_YEAR_FILE [--data-dir DIR]\n' +
  '      nianbao round list [--json] [--data-dir DIR]\n' +
  '      nianbao round sheet ROUND_ID --out FILE.xlsx [--data-dir DIR]';

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

const WHERE: Record<RanIn, string> = {
  bot: '（已由运行中的机器人保存，立即生效）',
  files: '（机器人未运行，已写入数据目录；通知在机器人启动后发出）',
};

async function readText(file: string, io: CommandIO): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(code === 'ENOENT' ? `找不到文件 ${file}\n` : `无法读取文件 ${file}（${code ?? '未知错误'}）\n`);
    return undefined;
  }
}

/** `round create FILE`: 0 saved, 2 when the file cannot be used or the running bot cannot be reached. */
async function create(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' } });
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new UsageError(USAGE);
  const text = await readText(file, io);
  if (text === undefined) return 2;
  const dataDir = dataDirOf(values['data-dir']);
  const { answer, ranIn } = await runInDataDir<{ round: Round; replaced: boolean; queued: number }>(
    dataDir,
    'round.create',
    { text, source: file },
  );
  if (!answer.ok) {
    io.err(answer.message + '\n');
    return 2;
  }
  io.out(formatRoundSummary(answer.round));
  io.out(
    `已${answer.replaced ? '重建' : '保存'}轮次 ${answer.round.id}${WHERE[ranIn]}，` +
      `${answer.queued} 条通知${ranIn === 'bot' ? '已排队发送' : '待发送'}（数据目录 ${dataDir}）\n`,
  );
  return 0;
}

/** `round previous ROUND_ID UNIT_ID FILE`: 0 stored, 2 when the round, the unit or the file cannot be used. */
async function previous(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' } });
  const [roundId, unitId, file, ...extra] = positionals;
  if (!roundId || !unitId || !file || extra.length) throw new UsageError(USAGE);
  const report = await loadReport(file, io);
  if (!report) return 2;
  const { answer, ranIn } = await runInDataDir<{
    unitName: string;
    texts: number;
    carry: number;
    started: boolean;
    yearMismatch?: string;
  }>(dataDirOf(values['data-dir']), 'round.previous', {
    roundId,
    unitId,
    answersFile: formatAnswersFile(report),
  });
  if (!answer.ok) {
    io.err(answer.message + '\n');
    return 2;
  }
  if (answer.yearMismatch) io.err(`提醒：${answer.yearMismatch}\n`);
  io.out(
    `已保存 ${answer.unitName} 的上年报告（${report.year} 年度）：${answer.texts} 段文字和上年结转` +
      `（${answer.carry}/6 格）将预填${WHERE[ranIn]}\n`,
  );
  if (answer.started) io.err('提醒：这个单位已经开始填报，预填只用于新开始的报告；上年数据仍用于跨年检查\n');
  return 0;
}

/** `round list [--json]`: every round with its id, units and state. */
async function list(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(USAGE);
  const { answer } = await runInDataDir<{ rounds: RoundLine[] }>(dataDirOf(values['data-dir']), 'round.list');
  if (!answer.ok) {
    io.err(answer.message + '\n');
    return 2;
  }
  if (values.json) {
    io.out(JSON.stringify(answer.rounds, null, 2) + '\n');
    return 0;
  }
  if (!answer.rounds.length)
    io.out('还没有轮次。用 nianbao round create FILE 创建，或在飞书里给机器人发送「新建年报」。\n');
  for (const r of answer.rounds)
    io.out(
      `${r.id}  ${r.name}  截止 ${formatDeadline(r.deadline)}  ${r.units.length} 个单位${r.closed ? '  已关闭' : ''}\n` +
        r.units.map((u) => `    ${u.id}  ${u.name}\n`).join(''),
    );
  return 0;
}

/** `round sheet ROUND_ID --out FILE.xlsx`: the round's units and people, to edit and send to the bot again. */
async function sheet(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'data-dir': { type: 'string' },
    out: { type: 'string' },
  });
  const [roundId, ...extra] = positionals;
  if (!roundId || extra.length || typeof values.out !== 'string') throw new UsageError(USAGE);
  const { answer } = await runInDataDir<{ xlsx: string; named: boolean; units: number }>(
    dataDirOf(values['data-dir']),
    'round.sheet',
    { roundId },
  );
  if (!answer.ok) {
    io.err(answer.message + '\n');
    return 2;
  }
  try {
    await writeFile(values.out, Buffer.from(answer.xlsx, 'base64'));
  } catch (error) {
    io.err(
      `无法写入 ${values.out}（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）\n`,
    );
    return 2;
  }
  io.out(`已写出 ${answer.units} 个单位到 ${values.out}\n`);
  if (!answer.named)
    io.err(
      '提醒：机器人没有运行，查不到通讯录，表格里的人员写成了 open_id；启动机器人后再导出可得到姓名和手机号\n',
    );
  return 0;
}

const VERBS: Record<string, (args: string[], io: CommandIO) => Promise<number>> = {
  create,
  previous,
  list,
  sheet,
};

/** `nianbao round VERB …`. */
export async function runRoundCommand(args: string[], io: CommandIO): Promise<number> {
  const [verb, ...rest] = args;
  const run = verb ? VERBS[verb] : undefined;
  if (!run) throw new UsageError(USAGE);
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof BotUnreachableError) {
      io.err(error.message + '\n');
      return 2;
    }
    throw error;
  }
}
