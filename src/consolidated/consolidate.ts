/**
 * Starting the 本级政府's consolidated report (条例 art. 49): a round of its own with one unit, the 本级政府,
 * whose tables are the sums of the chosen units' approved reports, frozen now, and whose texts the office writes
 * through the ordinary filling cards. It has its own deadline (31 March), reminders, approver chain and checks,
 * because it is an ordinary round in every other respect.
 */
import type { Storage } from '../../storage/store.js';
import { draftRepo } from '../filling/draft-repo.js';
import { unprintable } from '../report/printable.js';
import { SECTIONS, type SectionId } from '../report/template.js';
import { consolidatedDeadline } from '../rounds/deadline.js';
import type { RoundEffect } from '../rounds/round-changes.js';
import { roundRepo } from '../rounds/round-repo.js';
import { roundService, type Actor } from '../rounds/round-service.js';
import type { Round } from '../rounds/round.js';
import { lastYearConsolidated } from './previous.js';
import { consolidationScope, type ConsolidationScope } from './scope.js';
import { seededDraft } from './seed.js';
import { sumAnswers } from './sum.js';

/** The one unit of a consolidated round. */
export const GOVERNMENT_UNIT_ID = 'benji';

/** The consolidated round of a source round: one per source round, so starting it twice finds the first. */
export function consolidatedRoundId(sourceRoundId: string): string {
  return `${sourceRoundId}-hz`;
}

export interface ConsolidateInput {
  sourceRoundId: string;
  /** the 本级政府's full name, printed in the report's title: 「云溪县人民政府」 */
  governmentName: string;
  /** the units to sum; absent: every approved unit */
  unitIds?: string[];
  /** who writes the texts; absent or empty: the source round's admins */
  fillers?: string[];
  /** the approval chain, first to last */
  approvers: string[];
}

export type ConsolidateResult =
  | { ok: true; round: Round; effects: RoundEffect[]; scope: ConsolidationScope }
  | { ok: false; message: string; existing?: Round };

/**
 * One start of the same consolidated report at a time, in any process on the storage (a double tap, or its
 * redelivery to another process, must not seed and open it twice).
 */
function oneAtATime<T>(storage: Storage, key: string, work: () => Promise<T>): Promise<T> {
  return storage.lock(`consolidated/${key}`, work);
}

/** Why a chosen set of units cannot be summed, in the admin's words; undefined when it can. */
export function refusalOf(scope: ConsolidationScope, unitIds: string[]): string | undefined {
  if (!unitIds.length) return '请至少选择一个已审核通过的单位';
  const notApproved = scope.missing.filter((m) => unitIds.includes(m.unitId));
  if (notApproved.length)
    return (
      `${notApproved.map((m) => `「${m.name}」（${m.state}）`).join('、')}还没有审核通过，不能汇总。` +
      '请等审核通过后再汇总，或不选这些单位'
    );
  const known = new Set(scope.approved.map((a) => a.unitId));
  if (unitIds.some((id) => !known.has(id))) return '选择的单位有的已不在本轮中，请重新打开本轮的管理卡片再选';
  return undefined;
}

function nameProblem(name: string): string | undefined {
  if (!name) return '请写上本级政府的全称（报告标题里的机关名称），例如「云溪县人民政府」';
  if (name.length > 60) return '本级政府名称太长了（最多 60 个字）';
  return unprintable(name, '本级政府名称');
}

/**
 * Freezes the sums of the chosen approved units into a new consolidated round and opens it: its fillers get
 * their first card through the returned effects (handlers/round-notices.ts). Refuses in Chinese and stores
 * nothing when a chosen unit is not approved, the name is missing, or the report was started already.
 */
export async function consolidate(
  storage: Storage,
  input: ConsolidateInput,
  actor: Actor,
): Promise<ConsolidateResult> {
  const id = consolidatedRoundId(input.sourceRoundId);
  return oneAtATime(storage, id, async () => {
    const rounds = roundRepo(storage);
    const source = await rounds.get(input.sourceRoundId);
    if (!source) return { ok: false, message: '找不到这一轮（可能是很早以前的卡片），发送「轮次」查看' };
    if (source.source) return { ok: false, message: '这已经是汇总报告，不能再汇总' };
    const existing = await rounds.get(id);
    if (existing)
      return {
        ok: false,
        message: `本轮的本级汇总报告已经开始了（${existing.units[0]?.name ?? ''}），不能重复汇总`,
        existing,
      };
    const name = input.governmentName.trim().replace(/\s+/g, ' ');
    const problem = nameProblem(name);
    if (problem) return { ok: false, message: problem };
    if (!input.approvers.length) return { ok: false, message: '请至少选择一名审核人（第一级）' };
    const scope = await consolidationScope(storage, source);
    const chosen = input.unitIds ?? scope.approved.map((a) => a.unitId);
    const refusal = refusalOf(scope, chosen);
    if (refusal) return { ok: false, message: refusal };

    const included = scope.approved.filter((a) => chosen.includes(a.unitId));
    const fillers = input.fillers?.length ? input.fillers : source.admins;
    const round = consolidatedRound(source, id, name, included, fillers, input.approvers, actor);
    const drafts = draftRepo(storage);
    const previous = await lastYearConsolidated(storage, name, source.year);
    if (previous) await drafts.setPrevious(id, GOVERNMENT_UNIT_ID, previous);
    const sums = sumAnswers(included.map((a) => a.answers));
    await drafts.update(id, GOVERNMENT_UNIT_ID, ({ draft }) => ({
      draft: seededDraft(draft, sums),
      changed: true,
    }));
    const opened = await roundService(storage).open(round, actor);
    return { ok: true, round: opened.round, effects: opened.effects, scope };
  });
}

function consolidatedRound(
  source: Round,
  id: string,
  name: string,
  included: ConsolidationScope['approved'],
  fillers: string[],
  approvers: string[],
  actor: Actor,
): Round {
  return {
    id,
    year: source.year,
    name: `${source.year} 年度本级政府年报（汇总 ${included.length} 个单位）`,
    deadline: consolidatedDeadline(source.year),
    units: [
      {
        id: GOVERNMENT_UNIT_ID,
        name,
        fillers: Object.fromEntries(SECTIONS.map((s) => [s.id, [...fillers]])) as Record<SectionId, string[]>,
        approvers: [...approvers],
      },
    ],
    admins: [...source.admins],
    ...(source.reminders ? { reminders: structuredClone(source.reminders) } : {}),
    source: {
      roundId: source.id,
      unitIds: included.map((a) => a.unitId),
      versions: Object.fromEntries(included.map((a) => [a.unitId, a.version])),
      at: new Date(actor.now).toISOString(),
      by: actor.by,
    },
  };
}
