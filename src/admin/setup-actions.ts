/**
 * The taps of a round being set up (新建年报 → units → 创建). Every button of the setup card sits in its form, so
 * the settings typed there travel with any tap and are kept before the tap's own work.
 */
import { SECTIONS } from '../report/template.js';
import type { Unit } from '../rounds/round.js';
import { candidatesFor, nameOf, refuse, type AdminContext, type AdminReply } from './context.js';
import { roundSetups } from './setup.js';
import type { RoundSetup } from './setup-store.js';
import { readChain, readFillers, readNewUnit, readSections } from './unit-form.js';
import { departmentsView, setupView, unitView, type AdminScreen } from './views.js';
import { roundAdminScreen } from './round-actions.js';

/** Input names of the setup card's form (cards/admin-setup.ts uses the same). */
export const SETUP_FIELDS = {
  year: 'setup_year',
  deadline: 'setup_deadline',
  name: 'setup_name',
  group: 'setup_group',
  unit: 'setup_unit',
  departments: 'setup_departments',
} as const;

export type AdminAction = (
  ctx: AdminContext,
  value: Record<string, unknown>,
  form: Record<string, unknown>,
) => Promise<AdminReply>;

const settingsOf = (form: Record<string, unknown>) => ({
  year: form[SETUP_FIELDS.year],
  deadline: form[SETUP_FIELDS.deadline],
  name: form[SETUP_FIELDS.name],
  group: form[SETUP_FIELDS.group],
});

const setupScreen = (setup: RoundSetup): AdminScreen => ({ kind: 'setup', view: setupView(setup) });

/** The setup card after a change, with a toast. */
const shown = (setup: RoundSetup, content?: string, type: 'success' | 'info' = 'success'): AdminReply => ({
  screen: setupScreen(setup),
  ...(content ? { toast: { type, content } } : {}),
});

/** Keeps the typed settings first (a wrong one is said, and the tap goes no further). */
async function withTypedSettings(
  ctx: AdminContext,
  value: Record<string, unknown>,
  form: Record<string, unknown>,
): Promise<{ ok: true; setup: RoundSetup } | { ok: false; reply: AdminReply }> {
  const setups = roundSetups(ctx.storage, ctx.directory);
  const found = await setups.mine(value.setup_id, ctx.openId, value.version);
  if (!found.ok) return { ok: false, reply: refuse(found.message) };
  const s = settingsOf(form);
  if (s.year === undefined && s.deadline === undefined && s.name === undefined && s.group === undefined)
    return found;
  const saved = await setups.settings(found.setup.id, ctx.openId, s);
  return saved.ok ? saved : { ok: false, reply: refuse(saved.message) };
}

/** A unit of the setup by id (value) or by the card's unit selector (form). */
function chosenUnit(
  setup: RoundSetup,
  value: Record<string, unknown>,
  form: Record<string, unknown>,
): Unit | undefined {
  const id = value.unit_id ?? form[SETUP_FIELDS.unit];
  return setup.units.find((u) => u.id === id);
}

async function unitScreen(
  ctx: AdminContext,
  setup: RoundSetup,
  unit: Unit,
  notice?: string,
): Promise<AdminScreen> {
  const involved = [...new Set([...SECTIONS.flatMap((s) => unit.fillers[s.id]), ...unit.approvers])];
  const name = (id: string) => setup.names[id] ?? id;
  return {
    kind: 'unit',
    view: unitView(
      { setup_id: setup.id, version: setup.version },
      setup.name,
      unit,
      name,
      await candidatesFor(ctx, involved),
      notice ? { notice } : {},
    ),
  };
}

export const setupActions: Record<string, AdminAction> = {
  /** 新建年报 on a card (the help card, the rounds list). */
  async setup_start(ctx) {
    if (!(await ctx.mayOpen(ctx.openId)))
      return refuse('只有年报管理员可以新建年报。如需开通，请联系政务公开办。');
    return { screen: setupScreen(await roundSetups(ctx.storage, ctx.directory).start(ctx.openId, ctx.now)) };
  },

  async setup_save(ctx, value, form) {
    const r = await withTypedSettings(ctx, value, form);
    return r.ok ? shown(r.setup, '设置已保存') : r.reply;
  },

  async setup_template(ctx, value, form) {
    const r = await withTypedSettings(ctx, value, form);
    if (!r.ok) return r.reply;
    return { ...shown(r.setup, '模板已发到聊天里：填好后直接发给我', 'info'), files: [{ kind: 'template' }] };
  },

  async setup_departments(ctx, value, form) {
    const r = await withTypedSettings(ctx, value, form);
    if (!r.ok) return r.reply;
    if (!ctx.directory) return refuse('现在查不到通讯录，请稍后再试，或发送表格');
    const departments = await ctx.directory.departments('0');
    if (!departments.length) return refuse('通讯录里没有看到部门：可能年报助手的通讯录权限范围不包括它们');
    const name = await nameOf(
      ctx,
      departments.flatMap((d) => (d.leaderOpenId ? [d.leaderOpenId] : [])),
    );
    return { screen: { kind: 'departments', view: departmentsView(r.setup, departments, name) } };
  },

  async setup_import(ctx, value, form) {
    const setups = roundSetups(ctx.storage, ctx.directory);
    const chosen = form[SETUP_FIELDS.departments];
    let ids = (Array.isArray(chosen) ? chosen : typeof chosen === 'string' ? [chosen] : []).map(String);
    if (value.all === 'yes' && ctx.directory) ids = (await ctx.directory.departments('0')).map((d) => d.id);
    const r = await setups.fromDepartments(value.setup_id, ctx.openId, ids);
    if (!r.ok) return refuse(r.message);
    return shown(r.setup, `已导入 ${ids.length} 个部门：部门负责人为审核人，部门只有一位工作人员时由他填报`);
  },

  async setup_unit_new(ctx, value, form) {
    const r = await withTypedSettings(ctx, value, form);
    if (!r.ok) return r.reply;
    return {
      screen: {
        kind: 'new_unit',
        view: {
          owner: { setup_id: r.setup.id, version: r.setup.version },
          title: r.setup.name,
          candidates: await candidatesFor(ctx, []),
        },
      },
    };
  },

  async setup_unit(ctx, value, form) {
    const r = await withTypedSettings(ctx, value, form);
    if (!r.ok) return r.reply;
    const unit = chosenUnit(r.setup, value, form);
    if (!unit) return refuse('请先在「选择单位」里选一个单位');
    return { screen: await unitScreen(ctx, r.setup, unit) };
  },

  async setup_unit_remove(ctx, value, form) {
    const r = await withTypedSettings(ctx, value, form);
    if (!r.ok) return r.reply;
    const unit = chosenUnit(r.setup, value, form);
    if (!unit) return refuse('请先在「选择单位」里选一个单位');
    const removed = await roundSetups(ctx.storage, ctx.directory).removeUnit(r.setup.id, ctx.openId, unit.id);
    return removed.ok ? shown(removed.setup, `已移除「${unit.name}」`) : refuse(removed.message);
  },

  async setup_back(ctx, value) {
    const found = await roundSetups(ctx.storage, ctx.directory).mine(value.setup_id, ctx.openId);
    return found.ok ? shown(found.setup) : refuse(found.message);
  },

  async setup_cancel(ctx, value) {
    const r = await roundSetups(ctx.storage, ctx.directory).cancel(value.setup_id, ctx.openId);
    return r.ok
      ? { text: '已取消新建年报，什么也没有创建。', toast: { type: 'info', content: '已取消' } }
      : refuse(r.message);
  },

  async setup_create(ctx, value, form) {
    const setups = roundSetups(ctx.storage, ctx.directory);
    const found = await setups.mine(value.setup_id, ctx.openId, value.version);
    if (!found.ok) return refuse(found.message);
    const made = await setups.create(found.setup.id, ctx.openId, ctx.now, settingsOf(form));
    if (!made.ok) {
      const reply = refuse(made.message);
      return made.setup ? { ...reply, screen: setupScreen(made.setup) } : reply;
    }
    const { round, effects } = made.opened;
    const fillers = effects.filter((e) => e.kind === 'filler_added').length;
    const screen = await roundAdminScreen(ctx, round, `已创建，已通知 ${fillers} 位填报人`);
    return {
      screen,
      toast: { type: 'success', content: `已创建「${round.name}」，已通知 ${fillers} 位填报人` },
      changed: { round, effects },
      ...(made.setup.group ? { openGroup: round.id } : {}),
    };
  },
};

type UnitEdit =
  { ok: true; unit: Unit; ids: string[]; names: Record<string, string> } | { ok: false; message: string };

/** Changes one unit of the admin's setup and shows it again; `edit` reads the card's form into the new unit. */
async function changeSetupUnit(
  ctx: AdminContext,
  setupId: unknown,
  version: unknown,
  unitId: unknown,
  done: string,
  edit: (unit: Unit) => Promise<UnitEdit>,
): Promise<AdminReply> {
  const setups = roundSetups(ctx.storage, ctx.directory);
  const found = await setups.mine(setupId, ctx.openId, version);
  if (!found.ok) return refuse(found.message);
  const unit = found.setup.units.find((u) => u.id === unitId);
  if (!unit) return refuse('列表里没有这个单位了');
  const edited = await edit(unit);
  if (!edited.ok) return refuse(edited.message);
  const names = { ...(await ctx.names(edited.ids)), ...edited.names };
  const r = await setups.putUnit(found.setup.id, ctx.openId, edited.unit, names, unit.id);
  if (!r.ok) return refuse(r.message);
  return { screen: await unitScreen(ctx, r.setup, edited.unit), toast: { type: 'success', content: done } };
}

/** Unit taps whose owner is a setup: new fillers, a new chain, a new unit. */
export const setupUnitActions = {
  async add(
    ctx: AdminContext,
    setupId: unknown,
    version: unknown,
    form: Record<string, unknown>,
  ): Promise<AdminReply> {
    const setups = roundSetups(ctx.storage, ctx.directory);
    const found = await setups.mine(setupId, ctx.openId, version);
    if (!found.ok) return refuse(found.message);
    const unit = await readNewUnit(form, ctx.directory);
    if (!unit.ok) return refuse(unit.message);
    const names = {
      ...(await ctx.names([...unit.value.approvers, ...unit.value.fillers.s1])),
      ...unit.names,
    };
    const r = await setups.putUnit(found.setup.id, ctx.openId, unit.value, names);
    return r.ok ? shown(r.setup, `已添加「${unit.value.name}」`) : refuse(r.message);
  },

  async fillers(
    ctx: AdminContext,
    setupId: unknown,
    version: unknown,
    unitId: unknown,
    form: Record<string, unknown>,
  ) {
    return changeSetupUnit(ctx, setupId, version, unitId, '填报人已更换', async (unit) => {
      const people = await readFillers(form, ctx.directory);
      if (!people.ok) return people;
      const fillers = { ...unit.fillers };
      for (const s of readSections(form)) fillers[s] = people.value;
      return { ok: true, unit: { ...unit, fillers }, ids: people.value, names: people.names };
    });
  },

  async chain(
    ctx: AdminContext,
    setupId: unknown,
    version: unknown,
    unitId: unknown,
    form: Record<string, unknown>,
  ) {
    return changeSetupUnit(ctx, setupId, version, unitId, '审核人已更换', async (unit) => {
      const chain = await readChain(form, ctx.directory);
      if (!chain.ok) return chain;
      return { ok: true, unit: { ...unit, approvers: chain.value }, ids: chain.value, names: chain.names };
    });
  },

  async remove(ctx: AdminContext, setupId: unknown, unitId: unknown): Promise<AdminReply> {
    const r = await roundSetups(ctx.storage, ctx.directory).removeUnit(setupId, ctx.openId, unitId);
    return r.ok ? shown(r.setup, '已移除') : refuse(r.message);
  },
};
