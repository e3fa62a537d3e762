/**
 * The admin's taps for the consolidated report: 汇总本级报告 on a round's card (who is in, who is missing, the
 * form) and its confirmation. Thin: the form is read with the round-creation people readers, the work is
 * consolidate.ts, and the notices go out through the admin handler like any round change.
 */
import { candidatesFor, refuse, type AdminContext, type AdminReply } from '../admin/context.js';
import { pickedPeople } from '../admin/picked-people.js';
import { roundAdminScreen } from '../admin/round-actions.js';
import { FIELDS, readChain } from '../admin/unit-form.js';
import { roundRepo } from '../rounds/round-repo.js';
import type { Round } from '../rounds/round.js';
import { consolidate, consolidatedRoundId } from './consolidate.js';
import { lastYearGovernmentName } from './previous.js';
import { consolidationScope } from './scope.js';
import { changedSinceSummed, resumConsolidated } from './resum.js';
import { consolidateView } from './start-view.js';

/** Input names of the 汇总本级报告 form (cards/consolidated-start.ts uses the same). */
export const CONSOLIDATE_FIELDS = { government: 'cons_government', units: 'cons_units' } as const;

type Action = (
  ctx: AdminContext,
  value: Record<string, unknown>,
  form: Record<string, unknown>,
) => Promise<AdminReply>;

/** The source round the admin runs, or the refusal. */
async function sourceOf(ctx: AdminContext, roundId: unknown): Promise<Round | AdminReply> {
  const round = typeof roundId === 'string' ? await roundRepo(ctx.storage).get(roundId) : undefined;
  if (!round) return refuse('找不到这一轮（可能是很早以前的卡片），发送「轮次」查看');
  if (!round.admins.includes(ctx.openId)) return refuse('只有这一轮的管理员可以汇总本级报告');
  if (round.source) return refuse('这已经是汇总报告，不能再汇总');
  return round;
}

const isRound = (r: Round | AdminReply): r is Round => 'units' in r;

async function startScreen(ctx: AdminContext, round: Round): Promise<AdminReply> {
  const existing = await roundRepo(ctx.storage).get(consolidatedRoundId(round.id));
  const scope = await consolidationScope(ctx.storage, round);
  const governmentName =
    existing?.units[0]?.name ?? (await lastYearGovernmentName(ctx.storage, round.year, ctx.openId));
  const view = consolidateView(round, scope, {
    ...(governmentName ? { governmentName } : {}),
    candidates: existing ? [] : await candidatesFor(ctx, round.admins),
    ...(existing ? { existing, changed: await changedSinceSummed(ctx.storage, existing) } : {}),
  });
  return { screen: { kind: 'consolidate', view } };
}

const listOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((s): s is string => typeof s === 'string');

export const consolidateActions: Record<string, Action> = {
  /** 汇总本级报告 on the round's card: who is in, who is missing, and the form (or the report that exists). */
  async consolidate_start(ctx, value) {
    const round = await sourceOf(ctx, value.round_id);
    return isRound(round) ? startScreen(ctx, round) : round;
  },

  /** 汇总并开始, confirmed: freezes the sums and opens the consolidated report; a refusal changes nothing. */
  async consolidate_confirm(ctx, value, form) {
    const round = await sourceOf(ctx, value.round_id);
    if (!isRound(round)) return round;
    const fillers = await pickedPeople([form[FIELDS.fillers]], form[FIELDS.fillersText], ctx.directory);
    if (fillers.problems.length) return refuse(fillers.problems.join('；'));
    const chain = await readChain(form, ctx.directory);
    if (!chain.ok) return refuse(chain.message);
    // Untouched, the selector may not be sent at all: its default is every approved unit.
    const picked = form[CONSOLIDATE_FIELDS.units];
    const result = await consolidate(
      ctx.storage,
      {
        sourceRoundId: round.id,
        governmentName: String(form[CONSOLIDATE_FIELDS.government] ?? ''),
        ...(picked === undefined ? {} : { unitIds: listOf(picked) }),
        fillers: fillers.ids,
        approvers: chain.value,
      },
      {
        by: ctx.openId,
        now: ctx.now,
        names: async (ids) => ({ ...(await ctx.names(ids)), ...fillers.names, ...chain.names }),
      },
    );
    if (!result.ok) {
      if (!result.existing) return refuse(result.message);
      return { ...(await startScreen(ctx, round)), toast: { type: 'warning', content: result.message } };
    }
    const n = result.round.source?.unitIds.length ?? 0;
    const told = new Set(result.effects.flatMap((e) => ('to' in e ? [e.to] : []))).size;
    const done = `已汇总 ${n} 个单位的数字，本级报告已开始`;
    return {
      screen: await roundAdminScreen(ctx, result.round, `${done}：文字部分请填报人发送「填报」撰写。`),
      toast: { type: 'success', content: told ? `${done}，已通知 ${told} 人` : done },
      changed: { round: result.round, effects: result.effects },
    };
  },

  /** 重新汇总, confirmed: the tables summed again from the units' approved versions; a refusal changes nothing. */
  async consolidate_resum(ctx, value) {
    const round = await sourceOf(ctx, value.round_id);
    if (!isRound(round)) return round;
    const id = consolidatedRoundId(round.id);
    const result = await resumConsolidated(ctx.storage, id, {
      by: ctx.openId,
      now: ctx.now,
      names: ctx.names,
    });
    if (!result.ok) return refuse(result.message);
    const content = result.changed.length
      ? `已重新汇总：${result.changed.map((c) => c.name).join('、')}的更正已计入`
      : '各单位的数字自汇总以来没有变化';
    return {
      ...(await startScreen(ctx, round)),
      toast: { type: 'success', content },
      ...(result.effects.length ? { changed: { round: result.round, effects: result.effects } } : {}),
    };
  },
};
