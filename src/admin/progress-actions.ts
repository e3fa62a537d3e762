/**
 * The admin's 进度 card as a lever: its pages, and 催办 per unit, which reminds the unit's people now — the
 * fillers who owe sections (or a submission) get the fill reminder card, the approver it waits for the 催办
 * card — at most once a day per person and unit, whoever sent the day's reminder (the scheduler or another
 * 催办): the same keys and records as the scheduler's, so a retried or repeated tap sends nothing twice.
 */
import { storedApprovals } from '../reminders/approval-adapter.js';
import { reminderCalendar } from '../reminders/calendar-config.js';
import { reminderRecords } from '../reminders/records.js';
import { queueReminder, type ReminderOutbox } from '../reminders/send.js';
import { loadUnitFacts } from '../reminders/unit-facts.js';
import { urgeReminders } from '../reminders/urge.js';
import type { WorkdayCalendar } from '../reminders/workdays.js';
import { roundProgress, type RoundProgressView } from '../rounds/round-progress.js';
import { roundRepo } from '../rounds/round-repo.js';
import type { Round } from '../rounds/round.js';
import type { AdminContext } from './context.js';

/** What a tap on the progress card answers: a toast, and the page again (fresh) unless refused. */
export interface ProgressReply {
  toast?: { type: 'info' | 'success' | 'warning'; content: string };
  view?: RoundProgressView;
}

const warn = (content: string): ProgressReply => ({ toast: { type: 'warning', content } });

const pageOf = (value: Record<string, unknown>) => {
  const n = Number(value.page ?? 0);
  return Number.isFinite(n) ? n : 0;
};

/** The round of a card's value if the person administers it, else the refusal. */
async function administered(
  ctx: AdminContext,
  value: Record<string, unknown>,
): Promise<{ round: Round } | { refused: ProgressReply }> {
  const id = value.round_id;
  // Without a round (the 进度 button of the help card): the newest running round the person administers.
  const round =
    typeof id === 'string'
      ? await roundRepo(ctx.storage).get(id)
      : (await roundRepo(ctx.storage).list())
          .filter((x) => x.admins.includes(ctx.openId))
          .sort((a, b) => Number(Boolean(a.closedAt)) - Number(Boolean(b.closedAt)) || b.year - a.year)[0];
  if (!round && id === undefined) return { refused: warn('你还没有管理的轮次：发送「新建年报」开启一轮') };
  if (!round) return { refused: warn('找不到这一轮（可能是很早以前的卡片），发送「进度」查看') };
  if (!round.admins.includes(ctx.openId)) return { refused: warn('只有这一轮的管理员可以查看进度和催办') };
  return { round };
}

/** One page of a round's progress card, as its admin sees it. */
export async function progressPage(
  ctx: AdminContext,
  round: Round,
  page: number,
  calendar?: WorkdayCalendar,
): Promise<RoundProgressView> {
  const names = async (id: string) => (await ctx.names([id]))[id] ?? id;
  return roundProgress(ctx.storage, round, {
    now: ctx.now,
    names,
    page,
    admin: true,
    ...(calendar ? { calendar } : {}),
  });
}

/** 上一页 / 下一页 on the progress card. */
export async function showProgressPage(
  ctx: AdminContext,
  value: Record<string, unknown>,
): Promise<ProgressReply> {
  const r = await administered(ctx, value);
  if ('refused' in r) return r.refused;
  return { view: await progressPage(ctx, r.round, pageOf(value)) };
}

/** 催办 on a unit of the progress card: reminds who owes something now, once a day each. */
export async function urgeUnit(
  ctx: AdminContext,
  outbox: ReminderOutbox,
  value: Record<string, unknown>,
  calendar: WorkdayCalendar = reminderCalendar(),
): Promise<ProgressReply> {
  const r = await administered(ctx, value);
  if ('refused' in r) return r.refused;
  const { round } = r;
  if (round.closedAt) return warn('这一轮已经关闭，不再催办');
  const unit = round.units.find((u) => u.id === value.unit_id);
  if (!unit) return warn('这个单位已不在这一轮里（可能已被移除）');
  const [facts] = await loadUnitFacts(ctx.storage, { ...round, units: [unit] }, storedApprovals(ctx.storage));
  const byName = (await ctx.names([ctx.openId]))[ctx.openId] ?? '管理员';
  const owed = urgeReminders({ round, facts, now: ctx.now, calendar, by: byName });
  const view = () => progressPage(ctx, round, pageOf(value), calendar);
  if (!owed.length)
    return { toast: { type: 'info', content: `${unit.name}的年报已审核通过，不用催办` }, view: await view() };
  const records = reminderRecords(ctx.storage);
  const fresh = [];
  const already = [];
  for (const reminder of owed)
    if (await records.sent(round.id, reminder.date, reminder.key)) already.push(reminder.to);
    else fresh.push(reminder);
  for (const reminder of fresh) await queueReminder(records, outbox, round.id, reminder, ctx.now);
  const names = await ctx.names(owed.map((o) => o.to));
  const list = (ids: string[]) => ids.map((id) => names[id] ?? id).join('、');
  const parts = [
    ...(fresh.length ? [`已提醒 ${list(fresh.map((f) => f.to))}`] : []),
    ...(already.length ? [`今天已经提醒过 ${list(already)}`] : []),
  ];
  return {
    toast: { type: fresh.length ? 'success' : 'info', content: parts.join('；') },
    view: await view(),
  };
}
