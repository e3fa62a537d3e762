/**
 * `nianbao consolidate` as an admin command (src/admin/commands.ts): without a name and approvers it only
 * says which units are in and which are missing; with them it freezes the sums and opens the consolidated
 * report, its notices queued like any round's. People are open_ids, as in a round file.
 */
import type { AdminAnswer, AdminDeps } from '../admin/commands.js';
import { roundRepo } from '../rounds/round-repo.js';
import type { Round } from '../rounds/round.js';
import { consolidate } from './consolidate.js';
import { consolidationScope } from './scope.js';

export interface ScopeLines {
  roundName: string;
  included: string[];
  /** 「云溪县财政局：审核中」 */
  missing: string[];
}

const ids = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s !== '') : undefined;

/** The 'round.consolidate' command: the scope, and with `governmentName` and `approvers` the new report. */
export async function consolidateCommand(
  d: AdminDeps,
  input: {
    roundId?: unknown;
    governmentName?: unknown;
    unitIds?: unknown;
    fillers?: unknown;
    approvers?: unknown;
  },
): Promise<AdminAnswer<{ scope: ScopeLines; round?: Round; queued?: number }>> {
  if (typeof input.roundId !== 'string') return { ok: false, message: '缺少轮次编号' };
  const source = await roundRepo(d.storage).get(input.roundId);
  if (!source)
    return { ok: false, message: `找不到轮次 ${input.roundId}，用 nianbao round list 查看已有的轮次` };
  const s = await consolidationScope(d.storage, source);
  const scope = {
    roundName: source.name,
    included: s.approved.map((a) => a.name),
    missing: s.missing.map((m) => `${m.name}：${m.state}`),
  };
  const approvers = ids(input.approvers);
  if (typeof input.governmentName !== 'string' || !approvers) return { ok: true, scope };
  const unitIds = ids(input.unitIds);
  const fillers = ids(input.fillers);
  const now = d.now();
  const result = await consolidate(
    d.storage,
    {
      sourceRoundId: source.id,
      governmentName: input.governmentName,
      approvers,
      ...(unitIds ? { unitIds } : {}),
      ...(fillers ? { fillers } : {}),
    },
    { by: 'cli', now },
  );
  if (!result.ok) return { ok: false, message: result.message };
  const queued = await d.deliver(result.round, result.effects, `cli:consolidate:${result.round.id}:${now}`);
  return { ok: true, scope, round: result.round, queued };
}
