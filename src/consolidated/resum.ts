/**
 * 重新汇总: after a unit's report was corrected (reopened, fixed, approved again), the consolidated report's
 * tables are summed again from the same units' approved versions, while the consolidated report is still with
 * its writers; its texts stay. Kept in the round's history with the units whose numbers changed.
 */
import type { Storage } from '../../storage/store.js';
import { changeReport } from '../filling/report-change.js';
import { roundRepo } from '../rounds/round-repo.js';
import { roundService, type Actor } from '../rounds/round-service.js';
import type { RoundEffect } from '../rounds/round-changes.js';
import type { Round } from '../rounds/round.js';
import { GOVERNMENT_UNIT_ID, refusalOf } from './consolidate.js';
import { consolidationScope } from './scope.js';
import { seededDraft } from './seed.js';
import { sumAnswers } from './sum.js';

/** A summed unit whose approved version is not the one summed (corrected since), or no longer approved. */
export interface ChangedUnit {
  unitId: string;
  name: string;
  /** the version summed */
  summed: number;
  /** the version approved now; absent while it is being corrected */
  approved?: number;
  /** where it stands when not approved (「填报中（5/6 个部分已填完）」) */
  state?: string;
}

/** The summed units that changed since the sums were frozen, in the source round's order. */
export async function changedSinceSummed(storage: Storage, round: Round): Promise<ChangedUnit[]> {
  const src = round.source;
  const source = src && (await roundRepo(storage).get(src.roundId));
  if (!src || !source) return [];
  const scope = await consolidationScope(storage, source);
  const out: ChangedUnit[] = [];
  for (const unitId of src.unitIds) {
    const summed = src.versions[unitId] ?? 0;
    const approved = scope.approved.find((a) => a.unitId === unitId);
    const missing = scope.missing.find((m) => m.unitId === unitId);
    if (approved && approved.version !== summed)
      out.push({ unitId, name: approved.name, summed, approved: approved.version });
    if (missing) out.push({ unitId, name: missing.name, summed, state: missing.state });
  }
  return out;
}

export type ResumResult =
  { ok: true; round: Round; changed: ChangedUnit[]; effects: RoundEffect[] } | { ok: false; message: string };

const UNDER_REVIEW = '汇总报告已提交审核，不能重新汇总；请先撤回，或由审核人驳回后再汇总';
const APPROVED = '汇总报告已审核通过，不能重新汇总；如需更正，请先重新打开汇总报告';

/**
 * Sums the consolidated report's tables again from its units' approved versions. Refuses (nothing stored) while
 * the report is under review or approved, or while one of its units is not approved; answers with no change
 * when no unit changed.
 */
export async function resumConsolidated(
  storage: Storage,
  roundId: string,
  actor: Actor,
): Promise<ResumResult> {
  const round = await roundRepo(storage).get(roundId);
  const source = round?.source && (await roundRepo(storage).get(round.source.roundId));
  if (!round?.source || !source) return { ok: false, message: '找不到这份汇总报告（可能是很早以前的卡片）' };
  if (round.closedAt) return { ok: false, message: '这一轮已经关闭，不能再修改' };
  const from = round.source;
  const scope = await consolidationScope(storage, source);
  const refusal = refusalOf(scope, from.unitIds);
  if (refusal) return { ok: false, message: refusal };
  const changed = await changedSinceSummed(storage, round);
  if (!changed.length) return { ok: true, round, changed, effects: [] };
  const included = scope.approved.filter((a) => from.unitIds.includes(a.unitId));
  // In the report's critical section, so a submission cannot freeze the draft while the sums change under it.
  const refused = await changeReport<string | undefined>(storage, round.id, GOVERNMENT_UNIT_ID, (now) => {
    if (now.approval.status === 'submitted') return { result: UNDER_REVIEW };
    if (now.approval.status === 'approved') return { result: APPROVED };
    return { draft: seededDraft(now.draft, sumAnswers(included.map((a) => a.answers))), result: undefined };
  });
  if (refused) return { ok: false, message: refused };
  const names = changed.map((c) => `${c.name}（第 ${c.summed} 版 → 第 ${c.approved} 版）`).join('、');
  const result = await roundService(storage).change(
    round.id,
    {
      kind: 'set_source',
      source: {
        ...from,
        versions: Object.fromEntries(included.map((a) => [a.unitId, a.version])),
        at: new Date(actor.now).toISOString(),
        by: actor.by,
      },
      summary: `重新汇总：${names}`,
    },
    actor,
  );
  return result.ok
    ? { ok: true, round: result.round, changed, effects: result.effects }
    : { ok: false, message: result.message };
}
