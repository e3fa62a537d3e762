/**
 * The taps of a running round's admin: its card (units and where each stands), a unit's people (new fillers for
 * chosen sections, a new approval chain, removal), a new unit, the deadline, co-admins, the working group, the
 * spreadsheet, the history, closing. Every change goes through round-service.ts: one at a time, kept in the
 * history, and its notices returned for the handlers to deliver.
 */
import { followNewChain } from '../approval/reassign.js';
import { approvalRepo } from '../approval/repo.js';
import { storedApprovals } from '../reminders/approval-adapter.js';
import { unitStanding } from '../reminders/audience.js';
import { loadUnitFacts } from '../reminders/unit-facts.js';
import { SECTIONS } from '../report/template.js';
import { formatDeadline, normalizeDeadline } from '../rounds/deadline.js';
import type { RoundChange } from '../rounds/round-changes.js';
import { peopleOf } from '../rounds/round-changes.js';
import { roundRepo } from '../rounds/round-repo.js';
import { roundService } from '../rounds/round-service.js';
import type { Round, Unit } from '../rounds/round.js';
import { candidatesFor, nameOf, refuse, type AdminContext, type AdminReply } from './context.js';
import { pickedPeople } from './picked-people.js';
import { readChain, readFillers, readNewUnit, readSections } from './unit-form.js';
import {
  deadlineInput,
  roundAdminView,
  roundHistoryView,
  roundsView,
  unitView,
  type AdminScreen,
} from './views.js';

/** Input names of the round cards' forms (cards/admin-round.ts uses the same). */
export const ROUND_FIELDS = {
  unit: 'round_unit',
  deadline: 'round_deadline',
  admins: 'round_admins',
  adminsText: 'round_admins_text',
} as const;

/** The running round's admin card. */
export async function roundAdminScreen(
  ctx: AdminContext,
  round: Round,
  notice?: string,
): Promise<AdminScreen> {
  const facts = await loadUnitFacts(ctx.storage, round, storedApprovals(ctx.storage));
  const name = await nameOf(ctx, [...round.admins, ...round.units.flatMap((u) => u.approvers)]);
  return { kind: 'round_admin', view: roundAdminView(round, facts.map(unitStanding), name, notice) };
}

/** A round the person administers, or the refusal to show. */
async function adminOf(
  ctx: AdminContext,
  roundId: unknown,
): Promise<{ ok: true; round: Round } | { ok: false; reply: AdminReply }> {
  const round = typeof roundId === 'string' ? await roundRepo(ctx.storage).get(roundId) : undefined;
  if (!round) return { ok: false, reply: refuse('找不到这一轮（可能是很早以前的卡片），发送「轮次」查看') };
  if (!round.admins.includes(ctx.openId)) return { ok: false, reply: refuse('只有这一轮的管理员可以操作') };
  return { ok: true, round };
}

async function unitScreen(
  ctx: AdminContext,
  round: Round,
  unit: Unit,
  notice?: string,
): Promise<AdminScreen> {
  const involved = peopleOf(round, [unit]);
  const name = await nameOf(ctx, involved);
  const facts = await loadUnitFacts(ctx.storage, { ...round, units: [unit] }, storedApprovals(ctx.storage));
  const approval = await approvalRepo(ctx.storage).load(round.id, unit.id);
  return {
    kind: 'unit',
    view: unitView({ round_id: round.id }, round.name, unit, name, await candidatesFor(ctx, involved), {
      standing: unitStanding(facts[0]),
      // An approved report can be reopened from here when an error turns up before it is published.
      ...(approval.status === 'approved' && !round.closedAt
        ? { reopen: { submission: approval.version } }
        : {}),
      ...(notice ? { notice } : {}),
    }),
  };
}

/** Applies a change; the answer shows `after(round)` and carries the notices. */
async function change(
  ctx: AdminContext,
  roundId: string,
  c: RoundChange,
  after: (round: Round) => Promise<AdminScreen>,
  done: string,
  extraNames: Record<string, string> = {},
): Promise<AdminReply> {
  const result = await roundService(ctx.storage).change(roundId, c, {
    by: ctx.openId,
    now: ctx.now,
    names: async (ids) => ({ ...(await ctx.names(ids)), ...extraNames }),
  });
  if (!result.ok) return refuse(result.message);
  const told = new Set(result.effects.flatMap((e) => ('to' in e ? [e.to] : []))).size;
  return {
    screen: await after(result.round),
    toast: { type: 'success', content: told ? `${done}，已通知 ${told} 人` : done },
    changed: { round: result.round, effects: result.effects },
  };
}

type Action = (
  ctx: AdminContext,
  value: Record<string, unknown>,
  form: Record<string, unknown>,
) => Promise<AdminReply>;

export const roundActions: Record<string, Action> = {
  /** 轮次 on a card: the rounds the person administers. */
  async rounds(ctx) {
    return { screen: await roundsScreen(ctx) };
  },

  async round_admin(ctx, value) {
    const r = await adminOf(ctx, value.round_id);
    return r.ok ? { screen: await roundAdminScreen(ctx, r.round) } : r.reply;
  },

  async round_unit(ctx, value, form) {
    const r = await adminOf(ctx, value.round_id);
    if (!r.ok) return r.reply;
    const unit = r.round.units.find((u) => u.id === (value.unit_id ?? form[ROUND_FIELDS.unit]));
    if (!unit) return refuse('请先在「选择单位」里选一个单位');
    return { screen: await unitScreen(ctx, r.round, unit) };
  },

  async round_unit_new(ctx, value) {
    const r = await adminOf(ctx, value.round_id);
    if (!r.ok) return r.reply;
    return {
      screen: {
        kind: 'new_unit',
        view: {
          owner: { round_id: r.round.id },
          title: r.round.name,
          candidates: await candidatesFor(ctx, []),
        },
      },
    };
  },

  async round_deadline(ctx, value) {
    const r = await adminOf(ctx, value.round_id);
    if (!r.ok) return r.reply;
    const { round } = r;
    return {
      screen: {
        kind: 'round_deadline',
        view: {
          roundId: round.id,
          name: round.name,
          deadlineInput: deadlineInput(round.deadline),
          deadlineText: formatDeadline(round.deadline),
        },
      },
    };
  },

  async round_deadline_save(ctx, value, form) {
    const r = await adminOf(ctx, value.round_id);
    if (!r.ok) return r.reply;
    const typed = String(form[ROUND_FIELDS.deadline] ?? '')
      .trim()
      .replace(/\//g, '-');
    const iso = normalizeDeadline(typed);
    if (!iso)
      return refuse(
        `截止时间「${typed}」看不懂：请写成 ${r.round.year + 1}-01-31 或 ${r.round.year + 1}-01-31 18:00`,
      );
    return change(
      ctx,
      r.round.id,
      { kind: 'move_deadline', deadline: iso },
      (round) => roundAdminScreen(ctx, round),
      '截止时间已修改，提醒随之调整',
    );
  },

  async round_admins(ctx, value) {
    const r = await adminOf(ctx, value.round_id);
    if (!r.ok) return r.reply;
    const name = await nameOf(ctx, r.round.admins);
    return {
      screen: {
        kind: 'round_admins',
        view: {
          roundId: r.round.id,
          name: r.round.name,
          admins: r.round.admins.map(name),
          candidates: await candidatesFor(ctx, []),
        },
      },
    };
  },

  async round_admins_save(ctx, value, form) {
    const r = await adminOf(ctx, value.round_id);
    if (!r.ok) return r.reply;
    const picked = await pickedPeople(
      [form[ROUND_FIELDS.admins]],
      form[ROUND_FIELDS.adminsText],
      ctx.directory,
    );
    if (picked.problems.length) return refuse(picked.problems.join('；'));
    if (!picked.ids.length) return refuse('请选择要加为管理员的人');
    return change(
      ctx,
      r.round.id,
      { kind: 'add_admins', openIds: picked.ids },
      (round) => roundAdminScreen(ctx, round),
      '已添加管理员',
      picked.names,
    );
  },

  async round_group(ctx, value) {
    const r = await adminOf(ctx, value.round_id);
    if (!r.ok) return r.reply;
    if (r.round.groupChatId) return refuse('这一轮已经有工作群了');
    if (!ctx.groups) return refuse('现在无法建群，请稍后再试');
    return { toast: { type: 'info', content: '正在建立工作群，建好后群里会有通知' }, openGroup: r.round.id };
  },

  async round_sheet(ctx, value) {
    const r = await adminOf(ctx, value.round_id);
    if (!r.ok) return r.reply;
    return {
      toast: { type: 'info', content: '表格已发到聊天里：修改后发给我即可按表格新建' },
      files: [{ kind: 'round_sheet', roundId: r.round.id }],
    };
  },

  async round_history(ctx, value) {
    const r = await adminOf(ctx, value.round_id);
    if (!r.ok) return r.reply;
    const name = await nameOf(
      ctx,
      (r.round.history ?? []).map((e) => e.by),
    );
    return { screen: { kind: 'round_history', view: roundHistoryView(r.round, name) } };
  },

  async round_close(ctx, value) {
    const r = await adminOf(ctx, value.round_id);
    if (!r.ok) return r.reply;
    return change(ctx, r.round.id, { kind: 'close' }, (round) => roundAdminScreen(ctx, round), '本轮已关闭');
  },
};

type UnitChange =
  | { ok: true; change: RoundChange; names: Record<string, string>; done: string }
  | { ok: false; message: string };

/** A change of one unit's people read from its card's form; the answer shows the unit card again. */
async function changeUnit(
  ctx: AdminContext,
  roundId: unknown,
  unitId: unknown,
  read: (unitId: string) => Promise<UnitChange>,
): Promise<AdminReply> {
  const r = await adminOf(ctx, roundId);
  if (!r.ok) return r.reply;
  const id = String(unitId);
  const c = await read(id);
  if (!c.ok) return refuse(c.message);
  return change(
    ctx,
    r.round.id,
    c.change,
    async (round) =>
      unitScreen(
        ctx,
        round,
        round.units.find((u) => u.id === id)!,
      ),
    c.done,
    c.names,
  );
}

/** Unit taps whose owner is a running round. */
export const roundUnitActions = {
  async add(ctx: AdminContext, roundId: unknown, form: Record<string, unknown>): Promise<AdminReply> {
    const r = await adminOf(ctx, roundId);
    if (!r.ok) return r.reply;
    const unit = await readNewUnit(form, ctx.directory);
    if (!unit.ok) return refuse(unit.message);
    return change(
      ctx,
      r.round.id,
      { kind: 'add_unit', unit: unit.value },
      (round) => roundAdminScreen(ctx, round),
      `已添加「${unit.value.name}」`,
      unit.names,
    );
  },

  async fillers(ctx: AdminContext, roundId: unknown, unitId: unknown, form: Record<string, unknown>) {
    const sections = readSections(form);
    return changeUnit(ctx, roundId, unitId, async (id) => {
      const people = await readFillers(form, ctx.directory);
      if (!people.ok) return people;
      return {
        ok: true,
        change: { kind: 'set_fillers', unitId: id, sections, openIds: people.value },
        names: people.names,
        done: sections.length === SECTIONS.length ? '填报人已更换' : '这些部分的填报人已更换',
      };
    });
  },

  async chain(
    ctx: AdminContext,
    roundId: unknown,
    unitId: unknown,
    form: Record<string, unknown>,
  ): Promise<AdminReply> {
    const id = String(unitId);
    const reply = await changeUnit(ctx, roundId, unitId, async () => {
      const chain = await readChain(form, ctx.directory);
      if (!chain.ok) return chain;
      return {
        ok: true,
        change: { kind: 'set_approvers', unitId: id, openIds: chain.value },
        names: chain.names,
        done: '审核人已更换',
      };
    });
    // A report waiting for someone taken out of the chain would wait forever: it follows the new chain.
    const round = reply.changed?.round;
    const unit = round?.units.find((u) => u.id === id);
    if (!round || !unit) return reply;
    const deps = { storage: ctx.storage, now: () => ctx.now, names: ctx.names };
    const handover = await followNewChain(deps, { round, unit }, ctx.openId);
    if (!handover) return reply;
    const toast = [reply.toast?.content, handover.toast?.content].filter(Boolean).join('；');
    return { ...reply, toast: { type: 'success', content: toast }, approval: handover };
  },

  async remove(ctx: AdminContext, roundId: unknown, unitId: unknown): Promise<AdminReply> {
    const r = await adminOf(ctx, roundId);
    if (!r.ok) return r.reply;
    return change(
      ctx,
      r.round.id,
      { kind: 'remove_unit', unitId: String(unitId) },
      (round) => roundAdminScreen(ctx, round),
      '已移出本轮',
    );
  },

  async back(ctx: AdminContext, roundId: unknown): Promise<AdminReply> {
    const r = await adminOf(ctx, roundId);
    return r.ok ? { screen: await roundAdminScreen(ctx, r.round) } : r.reply;
  },
};

/** The rounds a person administers, newest first. */
export async function roundsScreen(ctx: AdminContext): Promise<AdminScreen> {
  const rounds = (await roundRepo(ctx.storage).list())
    .filter((r) => r.admins.includes(ctx.openId))
    .sort((a, b) => b.year - a.year || a.name.localeCompare(b.name));
  return { kind: 'rounds', view: roundsView(rounds, await ctx.mayOpen(ctx.openId)) };
}
