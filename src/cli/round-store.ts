/**
 * `nianbao round …` with the real data directory: `create` saves the round, `previous` stores last year's
 * report of a unit so its texts and 上年结转 row are prefilled. Both write the lowdb files the bot reads, so run
 * them while the bot is stopped (it keeps the files in memory) and start it afterwards.
 */
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { draftRepo } from '../filling/draft-repo.js';
import { roundRepo } from '../rounds/round-repo.js';
import type { Round } from '../rounds/round.js';
import { TEXT_FIELDS } from '../report/template.js';
import { CARRY_KEYS, lastYearCount } from '../filling/draft.js';
import { loadReport } from './load-report.js';
import { runRound } from './round-command.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';

const USAGE =
  '用法：nianbao round create FILE [--data-dir DIR]\n' +
  '      nianbao round previous ROUND_ID UNIT_ID LAST_YEAR_FILE [--data-dir DIR]';

/** The data directory of the bot: --data-dir, else DATA_DIR, else ./data (as the bot's config). */
export function dataDirOf(option: unknown): string {
  return typeof option === 'string' && option ? option : process.env.DATA_DIR || './data';
}

/** Runs `work` on the storage under `dataDir`, closing it afterwards (the writes are flushed by then). */
async function withStorage<T>(dataDir: string, work: (s: LowdbStorage) => Promise<T>): Promise<T> {
  const storage = new LowdbStorage(dataDir);
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

/** Saves a round where the bot finds it. */
export async function saveRound(round: Round, dataDir: string | undefined): Promise<void> {
  await withStorage(dataDirOf(dataDir), (s) => roundRepo(s).save(round));
}

/** `round previous`: 0 stored, 2 when the round, the unit or the file cannot be used. */
export async function runRoundPrevious(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' } });
  const [roundId, unitId, file, ...extra] = positionals;
  if (!roundId || !unitId || !file || extra.length) throw new UsageError(USAGE);
  const report = await loadReport(file, io);
  if (!report) return 2;
  return withStorage(dataDirOf(values['data-dir']), async (storage) => {
    const ref = await roundRepo(storage).unit(roundId, unitId);
    if (!ref) {
      const rounds = await roundRepo(storage).list();
      io.err(
        `找不到轮次 ${roundId} 的单位 ${unitId}。已有的轮次：` +
          (rounds.map((r) => `${r.id}（${r.units.map((u) => u.id).join('、')}）`).join('；') || '无') +
          '\n',
      );
      return 2;
    }
    if (report.year !== ref.round.year - 1)
      io.err(
        `提醒：这份报告是 ${report.year} 年度的，轮次是 ${ref.round.year} 年度，上年应是 ${ref.round.year - 1} 年度\n`,
      );
    const drafts = draftRepo(storage);
    const { draft } = await drafts.load(ref.round.id, ref.unit.id);
    await drafts.setPrevious(ref.round.id, ref.unit.id, report.answers);
    const texts = TEXT_FIELDS.filter((f) => String(report.answers[f.key] ?? '').trim()).length;
    const carry = CARRY_KEYS.filter(
      (k) => lastYearCount(report.answers, k.lastCarryOut) !== undefined,
    ).length;
    io.out(
      `已保存 ${ref.unit.name} 的上年报告（${report.year} 年度）：${texts} 段文字和上年结转（${carry}/6 格）将预填\n`,
    );
    if (draft.version > 0)
      io.err('提醒：这个单位已经开始填报，预填只用于新开始的报告；上年数据仍用于跨年检查\n');
    return 0;
  });
}

/** `nianbao round VERB …`. */
export async function runRoundCommand(args: string[], io: CommandIO): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'create') return runRound(args, io, { save: saveRound });
  if (verb === 'previous') return runRoundPrevious(rest, io);
  throw new UsageError(USAGE);
}
