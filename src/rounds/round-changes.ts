/**
 * What an admin may change in a running round, as data, and what each change means: the new round, the line
 * its history keeps, and who must be told. Pure (round-service.ts loads, saves and delivers), so every rule is
 * a plain function call in the tests.
 */
import type { ReminderPlanInput } from '../reminders/plan-config.js';
import { SECTION_BY_ID, SECTIONS, type SectionId } from '../report/template.js';
import { formatDeadline } from './deadline.js';
import { fillersOf, type ConsolidationSource, type Round, type RoundEvent, type Unit } from './round.js';

export type RoundChange =
  | { kind: 'add_unit'; unit: Unit }
  | { kind: 'remove_unit'; unitId: string }
  /** the fillers of these sections become exactly `openIds` */
  | { kind: 'set_fillers'; unitId: string; sections: SectionId[]; openIds: string[] }
  /** the approval chain becomes `openIds`, first to last */
  | { kind: 'set_approvers'; unitId: string; openIds: string[] }
  /** ISO 8601 with offset (deadline.ts normalizeDeadline) */
  | { kind: 'move_deadline'; deadline: string }
  | { kind: 'add_admins'; openIds: string[] }
  | { kind: 'set_group'; chatId: string }
  | { kind: 'set_plan'; plan: ReminderPlanInput }
  /** a consolidated report summed again (src/consolidated/resum.ts); `summary` names the units that changed */
  | { kind: 'set_source'; source: ConsolidationSource; summary: string }
  | { kind: 'close' };

/** Someone to tell about a change (round-notices.ts words it; the group gets its own line). */
export type RoundEffect =
  /** a new filler: their first card for the unit */
  | { kind: 'filler_added'; to: string; unitId: string; sections: SectionId[] }
  | { kind: 'filler_removed'; to: string; unitId: string; unitName: string; sections: SectionId[] }
  | { kind: 'approver_added'; to: string; unitId: string; step: number; of: number }
  | { kind: 'approver_removed'; to: string; unitId: string; unitName: string }
  | { kind: 'unit_removed'; to: string; unitName: string }
  | { kind: 'deadline_moved'; to: string; from: string; deadline: string }
  | { kind: 'admin_added'; to: string }
  | { kind: 'round_closed'; to: string }
  /** a consolidated report's tables were summed again (重新汇总): its writers check their texts still fit */
  | { kind: 'tables_resummed'; to: string; summary: string }
  /** a line of round news for the working group */
  | { kind: 'group_post'; chatId: string; text: string };

/** What the service knows around a change: who made it, when, names, and which units are approved. */
export interface ChangeContext {
  /** open_id of the admin, or `cli` */
  by: string;
  /** ms since epoch */
  now: number;
  /** display name of an open_id (the open_id itself when unknown) */
  name: (openId: string) => string;
  /** units whose report is approved: nobody there needs to hear of a new deadline */
  approvedUnits?: ReadonlySet<string>;
}

export type ChangeResult =
  { ok: true; round: Round; effects: RoundEffect[]; event: RoundEvent } | { ok: false; message: string };

const refuse = (message: string): ChangeResult => ({ ok: false, message });
/** 一 … 六: a section as the history writes it. */
const numeral = (s: SectionId) => SECTION_BY_ID.get(s)!.heading.split('、')[0];
const names = (ids: string[], ctx: ChangeContext) => ids.map(ctx.name).join('、') || '（无）';

/** The line a round's history keeps for a change. */
function eventOf(ctx: ChangeContext, kind: string, summary: string): RoundEvent {
  return { at: new Date(ctx.now).toISOString(), by: ctx.by, kind, summary };
}

/** Everyone who takes part in the round: fillers and approvers of every unit. */
export function peopleOf(round: Round, units: Unit[] = round.units): string[] {
  return [...new Set(units.flatMap((u) => [...fillersOf(u), ...u.approvers]))];
}

/** The first cards of a new round: every filler gets the unit card, every approver is told their place. */
export function openingEffects(round: Round): RoundEffect[] {
  return round.units.flatMap((unit) => unitArrival(unit));
}

/** What the people of a unit that joins a round hear. */
function unitArrival(unit: Unit): RoundEffect[] {
  const fillers = fillersOf(unit).map((to): RoundEffect => ({
    kind: 'filler_added',
    to,
    unitId: unit.id,
    sections: SECTIONS.map((s) => s.id).filter((s) => unit.fillers[s].includes(to)),
  }));
  const approvers = unit.approvers.map((to, i): RoundEffect => ({
    kind: 'approver_added',
    to,
    unitId: unit.id,
    step: i + 1,
    of: unit.approvers.length,
  }));
  return [...fillers, ...approvers];
}

/** The history line of a round being opened. */
export function openingEvent(round: Round, ctx: ChangeContext): RoundEvent {
  return eventOf(
    ctx,
    'create',
    `开启轮次「${round.name}」：${round.units.length} 个单位，截止 ${formatDeadline(round.deadline)}`,
  );
}

function problemsOfChain(openIds: string[]): string | undefined {
  if (!openIds.length) return '至少要有一名审核人';
  if (new Set(openIds).size < openIds.length) return '同一个人不能在审核顺序里出现两次';
  return undefined;
}

function withUnit(round: Round, unit: Unit): Round {
  return { ...round, units: round.units.map((u) => (u.id === unit.id ? unit : u)) };
}

/** A reminder plan in the admin's words: 「截止前第 5、3、1 个工作日，10:00，逾期后提醒 3 个工作日」. */
export function describePlan(plan: ReminderPlanInput): string {
  const parts: string[] = [];
  if (plan.daysBefore) parts.push(`截止前第 ${plan.daysBefore.join('、')} 个工作日`);
  if (plan.onDeadlineDay !== undefined) parts.push(plan.onDeadlineDay ? '截止日提醒' : '截止日不提醒');
  if (plan.time) parts.push(plan.time);
  if (plan.overdueDays !== undefined) parts.push(`逾期后提醒 ${plan.overdueDays} 个工作日`);
  return parts.join('，') || '默认';
}

/** Applies one change; refuses (nothing changes) with a Chinese sentence when it cannot be made. */
export function applyRoundChange(round: Round, change: RoundChange, ctx: ChangeContext): ChangeResult {
  if (round.closedAt) return refuse('这一轮已经关闭，不能再修改');
  const post = (text: string): RoundEffect[] =>
    round.groupChatId ? [{ kind: 'group_post', chatId: round.groupChatId, text }] : [];
  const done = (next: Round, effects: RoundEffect[], kind: string, summary: string): ChangeResult => {
    const event = eventOf(ctx, kind, summary);
    return { ok: true, round: { ...next, history: [...(next.history ?? []), event] }, effects, event };
  };
  const unitOf = (id: string) => round.units.find((u) => u.id === id);

  switch (change.kind) {
    case 'add_unit': {
      const { unit } = change;
      // Its one unit is the 本级政府, whose tables are the chosen units' sums: another unit has no place in it.
      if (round.source)
        return refuse('汇总报告只有本级政府一个单位，不能添加单位；要汇总的单位在原来的轮次里');
      if (round.units.some((u) => u.id === unit.id || u.name === unit.name))
        return refuse(`「${unit.name}」已经在这一轮里了`);
      const missing = SECTIONS.filter((s) => !unit.fillers[s.id]?.length).map((s) => s.heading);
      if (missing.length) return refuse(`「${unit.name}」的这些部分还没有填报人：${missing.join('、')}`);
      const chain = problemsOfChain(unit.approvers);
      if (chain) return refuse(`「${unit.name}」：${chain}`);
      return done(
        { ...round, units: [...round.units, unit] },
        [...unitArrival(unit), ...post(`新增单位「${unit.name}」`)],
        'add_unit',
        `新增单位「${unit.name}」：填报人 ${names(fillersOf(unit), ctx)}，审核人 ${names(unit.approvers, ctx)}`,
      );
    }
    case 'remove_unit': {
      const unit = unitOf(change.unitId);
      if (!unit) return refuse('这一轮里没有这个单位（可能已被移除）');
      if (round.units.length === 1) return refuse('这是这一轮唯一的单位，不能移除；不再需要这一轮时请关闭它');
      const told = [...new Set([...fillersOf(unit), ...unit.approvers])];
      return done(
        { ...round, units: round.units.filter((u) => u.id !== unit.id) },
        [
          ...told.map((to): RoundEffect => ({ kind: 'unit_removed', to, unitName: unit.name })),
          ...post(`单位「${unit.name}」已移出本轮`),
        ],
        'remove_unit',
        `移除单位「${unit.name}」（已填写的内容保留，重新加入时恢复）`,
      );
    }
    case 'set_fillers': {
      const unit = unitOf(change.unitId);
      if (!unit) return refuse('这一轮里没有这个单位（可能已被移除）');
      if (!change.sections.length) return refuse('请选择要更换填报人的部分');
      const chosen = [...new Set(change.openIds)];
      if (!chosen.length) return refuse('每一部分至少要有一名填报人');
      const fillers = { ...unit.fillers };
      for (const s of change.sections) fillers[s] = chosen;
      const next: Unit = { ...unit, fillers };
      const before = (id: string) => SECTIONS.map((s) => s.id).filter((s) => unit.fillers[s].includes(id));
      const after = (id: string) => SECTIONS.map((s) => s.id).filter((s) => fillers[s].includes(id));
      const effects: RoundEffect[] = [];
      for (const id of new Set([...fillersOf(unit), ...fillersOf(next)])) {
        const gained = after(id).filter((s) => !before(id).includes(s));
        const lost = before(id).filter((s) => !after(id).includes(s));
        if (gained.length) effects.push({ kind: 'filler_added', to: id, unitId: unit.id, sections: gained });
        if (lost.length)
          effects.push({
            kind: 'filler_removed',
            to: id,
            unitId: unit.id,
            unitName: unit.name,
            sections: lost,
          });
      }
      if (!effects.length) return refuse('填报人没有变化');
      const what =
        change.sections.length === SECTIONS.length ? '全部部分' : change.sections.map(numeral).join('、');
      const was = [...new Set(change.sections.flatMap((s) => unit.fillers[s]))];
      return done(
        withUnit(round, next),
        effects,
        'set_fillers',
        `${unit.name}：${what} 的填报人 ${names(was, ctx)} → ${names(chosen, ctx)}`,
      );
    }
    case 'set_approvers': {
      const unit = unitOf(change.unitId);
      if (!unit) return refuse('这一轮里没有这个单位（可能已被移除）');
      const chain = problemsOfChain(change.openIds);
      if (chain) return refuse(chain);
      if (change.openIds.join() === unit.approvers.join()) return refuse('审核人没有变化');
      const next: Unit = { ...unit, approvers: [...change.openIds] };
      const effects: RoundEffect[] = [
        ...next.approvers.flatMap((to, i): RoundEffect[] =>
          unit.approvers[i] === to
            ? []
            : [{ kind: 'approver_added', to, unitId: unit.id, step: i + 1, of: next.approvers.length }],
        ),
        ...unit.approvers
          .filter((id) => !next.approvers.includes(id))
          .map((to): RoundEffect => ({ kind: 'approver_removed', to, unitId: unit.id, unitName: unit.name })),
      ];
      return done(
        withUnit(round, next),
        effects,
        'set_approvers',
        `${unit.name}：审核顺序由「${unit.approvers.map(ctx.name).join(' → ')}」改为「${next.approvers.map(ctx.name).join(' → ')}」`,
      );
    }
    case 'move_deadline': {
      const ms = Date.parse(change.deadline);
      if (Number.isNaN(ms)) return refuse('截止时间无法识别，请写成 2027-01-31 或 2027-01-31 18:00');
      if (ms <= Date.parse(`${round.year}-12-31T23:59:59+08:00`))
        return refuse(`${round.year} 年度的年报要在该年结束后填报，截止时间应在 ${round.year + 1} 年`);
      if (ms === Date.parse(round.deadline)) return refuse('截止时间没有变化');
      const from = formatDeadline(round.deadline);
      const to = formatDeadline(change.deadline);
      const pending = round.units.filter((u) => !ctx.approvedUnits?.has(u.id));
      return done(
        { ...round, deadline: change.deadline },
        [
          ...peopleOf(round, pending).map((id): RoundEffect => ({
            kind: 'deadline_moved',
            to: id,
            from,
            deadline: to,
          })),
          ...post(`截止时间由 ${from} 改为 ${to}，提醒按新的截止时间发送`),
        ],
        'move_deadline',
        `截止时间 ${from} → ${to}`,
      );
    }
    case 'add_admins': {
      const fresh = [...new Set(change.openIds)].filter((id) => !round.admins.includes(id));
      if (!fresh.length) return refuse('这些人已经是这一轮的管理员');
      return done(
        { ...round, admins: [...round.admins, ...fresh] },
        fresh.map((to): RoundEffect => ({ kind: 'admin_added', to })),
        'add_admins',
        `新增管理员 ${names(fresh, ctx)}`,
      );
    }
    case 'set_group':
      return done(
        { ...round, groupChatId: change.chatId },
        [
          {
            kind: 'group_post',
            chatId: change.chatId,
            text: `这是「${round.name}」的工作群，截止时间 ${formatDeadline(round.deadline)}`,
          },
        ],
        'set_group',
        '建立工作群',
      );
    case 'set_plan':
      return done(
        { ...round, reminders: { ...round.reminders, plan: change.plan } },
        [],
        'set_plan',
        `提醒计划：${describePlan(change.plan)}`,
      );
    case 'set_source': {
      // Summed again (the report had its sums already): whoever writes its texts hears which units changed.
      const writers = round.source
        ? [...new Set(round.units.flatMap((u) => Object.values(u.fillers).flat()))]
        : [];
      return done(
        { ...round, source: change.source },
        [
          ...writers.map((to): RoundEffect => ({ kind: 'tables_resummed', to, summary: change.summary })),
          ...(writers.length ? post(change.summary) : []),
        ],
        'set_source',
        change.summary,
      );
    }
    case 'close': {
      const pending = round.units.filter((u) => !ctx.approvedUnits?.has(u.id));
      return done(
        { ...round, closedAt: new Date(ctx.now).toISOString() },
        [
          ...peopleOf(round, pending).map((to): RoundEffect => ({ kind: 'round_closed', to })),
          ...post('本轮已关闭：不再提醒，也不能再填报'),
        ],
        'close',
        `关闭轮次（${round.units.length - pending.length}/${round.units.length} 个单位已通过审核）`,
      );
    }
  }
}
