/**
 * `nianbao consolidate ROUND_ID`: which units of the round are approved (summed) and which are missing; with
 * `--name` and `--approvers` it starts the 本级政府's consolidated report (src/consolidated), inside the running
 * bot when there is one (bot-link.ts), so its writers get their first card at once.
 */
import type { ScopeLines } from '../consolidated/command.js';
import { formatDeadline } from '../rounds/deadline.js';
import type { Round } from '../rounds/round.js';
import { runInDataDir } from './bot-link.js';
import { dataDirOf } from './data-dir.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';

const USAGE =
  '用法：nianbao consolidate ROUND_ID [--name 本级政府全称 --approvers OPEN_ID,… [--units UNIT_ID,…] [--fillers OPEN_ID,…]] [--data-dir DIR]';

const list = (v: string | undefined) =>
  v
    ?.split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);

function scopeText(s: ScopeLines): string {
  const lines = [`${s.roundName}`, `已审核通过，可以汇总（${s.included.length} 个）：`];
  lines.push(...(s.included.length ? s.included.map((n) => `  ${n}`) : ['  （还没有）']));
  lines.push(`尚未审核通过，不能汇总（${s.missing.length} 个）：`);
  lines.push(...(s.missing.length ? s.missing.map((n) => `  ${n}`) : ['  （没有）']));
  return lines.join('\n') + '\n';
}

/** 0 shown or started, 2 refused (nothing changed) or used wrongly. */
export async function runConsolidate(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'data-dir': { type: 'string' },
    name: { type: 'string' },
    approvers: { type: 'string' },
    units: { type: 'string' },
    fillers: { type: 'string' },
  });
  const [roundId, ...extra] = positionals;
  if (!roundId || extra.length) throw new UsageError(USAGE);
  if ((values.name === undefined) !== (values.approvers === undefined))
    throw new UsageError('开始汇总需要同时写 --name（本级政府全称）和 --approvers（审核人）\n' + USAGE);
  const units = list(values.units);
  const fillers = list(values.fillers);
  const { answer } = await runInDataDir<{ scope: ScopeLines; round?: Round; queued?: number }>(
    dataDirOf(values['data-dir']),
    'round.consolidate',
    {
      roundId,
      ...(values.name !== undefined
        ? { governmentName: values.name, approvers: list(values.approvers) }
        : {}),
      ...(units ? { unitIds: units } : {}),
      ...(fillers ? { fillers } : {}),
    },
  );
  if (!answer.ok) {
    io.err(answer.message + '\n');
    return 2;
  }
  io.out(scopeText(answer.scope));
  if (!answer.round) {
    io.out('要开始汇总，请加上 --name 本级政府全称 --approvers 审核人（默认汇总全部已通过的单位）\n');
    return 0;
  }
  io.out(
    `已开始本级汇总报告 ${answer.round.id}：${answer.round.units[0].name}，` +
      `汇总 ${answer.round.source?.unitIds.length ?? 0} 个单位，截止时间 ${formatDeadline(answer.round.deadline)}（北京时间），` +
      `${answer.queued ?? 0} 条通知已排队\n`,
  );
  return 0;
}
