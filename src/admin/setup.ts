/**
 * Setting up a round in Feishu: 新建年报 (year, deadline, name), then units from a spreadsheet the admin sends,
 * from the directory's departments (each department's leader proposed as approver), or one by one with person
 * pickers; a preview names every person and every problem; 创建 opens the round. Each step returns the setup as
 * stored (setup-store.ts) or a refusal in Chinese; nothing half-done is ever a round.
 */
import type { Storage } from '../../storage/store.js';
import type { Directory } from '../people/directory.js';
import { SECTIONS, type SectionId } from '../report/template.js';
import { defaultDeadline, normalizeDeadline } from '../rounds/deadline.js';
import { roundFromSheetFile, unitIdFor } from '../rounds/sheet/round-from-sheet.js';
import { roundRepo } from '../rounds/round-repo.js';
import { roundService, type OpenResult } from '../rounds/round-service.js';
import { roundIdFor, type Round, type Unit } from '../rounds/round.js';
import { openReportYear } from '../rounds/seed-demo.js';
import { newSetupId, setupStore, type RoundSetup, type SetupProblem } from './setup-store.js';

export type SetupResult = { ok: true; setup: RoundSetup } | { ok: false; message: string };

const no = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** The settings an admin types on the setup card. */
export interface SetupSettings {
  year?: unknown;
  deadline?: unknown;
  name?: unknown;
  group?: unknown;
}

/** A fresh setup with sensible defaults: the report year now due, 31 January, the usual name. */
export function defaultSetup(by: string, now: number): RoundSetup {
  const year = openReportYear(now);
  return {
    id: newSetupId(),
    by,
    year,
    name: `${year} 年度政府信息公开工作年度报告`,
    deadline: defaultDeadline(year),
    units: [],
    names: {},
    problems: [],
    group: true,
    status: 'open',
    version: 1,
    createdAt: now,
  };
}

/** Reads the typed settings into the setup; the first thing wrong is refused with what to write. */
export function withSettings(setup: RoundSetup, s: SetupSettings): SetupResult {
  const next = { ...setup };
  if (typeof s.year === 'string' && s.year.trim()) {
    const year = Number(s.year.trim().replace(/年$/, ''));
    if (!Number.isInteger(year) || year < 2008 || year > 2100)
      return no(`年度「${s.year}」不对：请写报告所属的年份，例如 ${setup.year}`);
    if (year !== setup.year) {
      next.year = year;
      // A name or deadline left as the old year's default follows the new year.
      if (setup.name === `${setup.year} 年度政府信息公开工作年度报告`)
        next.name = `${year} 年度政府信息公开工作年度报告`;
      if (setup.deadline === defaultDeadline(setup.year)) next.deadline = defaultDeadline(year);
    }
  }
  if (typeof s.name === 'string' && s.name.trim()) next.name = s.name.trim().slice(0, 80);
  if (typeof s.deadline === 'string' && s.deadline.trim()) {
    const iso = normalizeDeadline(s.deadline.trim().replace(/\//g, '-'));
    if (!iso)
      return no(
        `截止时间「${s.deadline}」看不懂：请写成 ${next.year + 1}-01-31 或 ${next.year + 1}-01-31 18:00`,
      );
    next.deadline = iso;
  }
  if (Date.parse(next.deadline) <= Date.parse(`${next.year}-12-31T23:59:59+08:00`))
    return no(`${next.year} 年度的年报在该年结束后才能填报，截止时间应在 ${next.year + 1} 年`);
  if (s.group !== undefined) next.group = s.group === 'yes' || s.group === true;
  return { ok: true, setup: next };
}

/** What a unit lacks before it can be part of a round: a filler for each section, an approver. */
function unitLacks(unit: Unit): SetupProblem[] {
  const problem = (text: string): SetupProblem => ({ kind: 'unit', unitId: unit.id, text });
  const missing = SECTIONS.filter((s) => !unit.fillers[s.id]?.length).map((s) => s.heading);
  const out: SetupProblem[] = [];
  if (missing.length === SECTIONS.length)
    out.push(problem(`「${unit.name}」还没有填报人：选中它，点「修改所选单位的人员」`));
  else if (missing.length) out.push(problem(`「${unit.name}」这些部分还没有填报人：${missing.join('、')}`));
  if (!unit.approvers.length)
    out.push(problem(`「${unit.name}」还没有审核人：选中它，点「修改所选单位的人员」`));
  return out;
}

/**
 * The problems after the units changed: what the spreadsheet said stands, except about units fixed here
 * (`fixed`) or gone; what each other unit lacks is checked anew (once: not again beside its sheet problem).
 */
function recheck(problems: SetupProblem[], units: Unit[], fixed: string[] = []): SetupProblem[] {
  const present = new Set(units.map((u) => u.id));
  const fromSheet = problems.filter(
    (p) => p.kind === 'sheet' && !(p.unitId && (fixed.includes(p.unitId) || !present.has(p.unitId))),
  );
  const noted = new Set(fromSheet.flatMap((p) => (p.unitId ? [p.unitId] : [])));
  return [...fromSheet, ...units.filter((u) => !noted.has(u.id)).flatMap(unitLacks)];
}

/** The setup store plus the operations on it; `directory` resolves people (absent: pickers only). */
export function roundSetups(storage: Storage, directory?: Directory) {
  const store = setupStore(storage);

  /** Loads a setup the admin may act on, at the version their card shows. */
  async function mine(id: unknown, by: string, version?: unknown): Promise<SetupResult> {
    const setup = typeof id === 'string' ? await store.get(id) : undefined;
    if (!setup) return no('找不到这个新建年报的草稿（可能是很早以前的卡片），请发送「新建年报」重新开始');
    if (setup.by !== by) return no('这是另一位管理员正在新建的年报，只有他本人可以操作');
    if (setup.status === 'created') return no('这一轮已经创建了，发送「轮次」管理它');
    if (setup.status === 'cancelled') return no('这个新建年报已经取消了，发送「新建年报」重新开始');
    if (version !== undefined && version !== setup.version)
      return no('这张卡片已经过期（之后又有改动），请看最新的那张');
    return { ok: true, setup };
  }

  async function save(setup: RoundSetup, changes: Partial<RoundSetup>): Promise<SetupResult> {
    const next = { ...setup, ...changes, version: setup.version + 1 };
    await store.save(next);
    return { ok: true, setup: next };
  }

  /** Units added to a setup (a name already there is skipped), their names merged, problems checked anew. */
  function addUnits(setup: RoundSetup, units: Unit[], names: Record<string, string>) {
    const taken = new Set(setup.units.map((u) => u.name));
    const all = [...setup.units, ...units.filter((u) => !taken.has(u.name))];
    return { units: all, names: { ...setup.names, ...names }, problems: recheck(setup.problems, all) };
  }

  return {
    mine,

    /** 新建年报: the admin's open setup (so a second tap does not lose the first), or a new one. */
    async start(by: string, now: number): Promise<RoundSetup> {
      const open = await store.openOf(by);
      if (open) return open;
      const setup = defaultSetup(by, now);
      await store.save(setup);
      return setup;
    },

    /** The settings typed on the card. */
    async settings(id: unknown, by: string, s: SetupSettings): Promise<SetupResult> {
      const found = await mine(id, by);
      if (!found.ok) return found;
      const read = withSettings(found.setup, s);
      if (!read.ok) return read;
      return save(found.setup, read.setup);
    },

    /** A spreadsheet sent to the bot: its units replace the ones of the admin's open setup (or a new one). */
    async fromSheet(by: string, now: number, fileName: string, bytes: Uint8Array): Promise<SetupResult> {
      if (!directory) return no('现在查不到通讯录，无法识别表格里的人员，请稍后再发');
      const read = await roundFromSheetFile(bytes, fileName, directory);
      if (!read.ok) return no(read.refusal);
      const base = (await store.openOf(by)) ?? defaultSetup(by, now);
      const unitOfRow = new Map(Object.entries(read.rowOf).map(([id, row]) => [row, id]));
      const fromSheet: SetupProblem[] = read.problems.map((p) => {
        const unitId = p.row ? unitOfRow.get(p.row) : undefined;
        return {
          kind: 'sheet',
          ...(p.row ? { row: p.row } : {}),
          ...(unitId ? { unitId } : {}),
          text: p.text,
        };
      });
      const problems = recheck(fromSheet, read.units);
      return save(base, {
        units: read.units,
        names: read.names,
        problems,
        source: fileName,
        ignoredColumns: read.ignoredColumns,
      });
    },

    /** Units from departments of the directory: each department's leader approves, its only clerk fills. */
    async fromDepartments(id: unknown, by: string, departmentIds: string[]): Promise<SetupResult> {
      const found = await mine(id, by);
      if (!found.ok) return found;
      if (!directory) return no('现在查不到通讯录，请稍后再试');
      if (!departmentIds.length) return no('请至少选择一个部门');
      const departments = (await directory.departments('0')).filter((d) => departmentIds.includes(d.id));
      const people = await directory.people();
      const names: Record<string, string> = {};
      const units: Unit[] = departments.map((d) => {
        const members = people.filter((p) => p.departmentIds.includes(d.id) && p.openId !== d.leaderOpenId);
        for (const p of members) names[p.openId] = p.name;
        const leader = d.leaderOpenId ? people.find((p) => p.openId === d.leaderOpenId) : undefined;
        if (leader) names[leader.openId] = leader.name;
        // One clerk is the filler; with several, the admin picks (guessing would send the cards to the wrong person).
        const clerk = members.length === 1 ? [members[0].openId] : [];
        return {
          id: unitIdFor(d.name),
          name: d.name,
          fillers: Object.fromEntries(SECTIONS.map((s) => [s.id, clerk])) as Record<SectionId, string[]>,
          approvers: leader ? [leader.openId] : [],
        };
      });
      const setup = found.setup;
      return save(setup, { ...addUnits(setup, units, names), source: setup.source ?? '通讯录' });
    },

    /** A unit added or replaced with pickers (`replaces`: the id of the unit it replaces). */
    async putUnit(
      id: unknown,
      by: string,
      unit: Unit,
      names: Record<string, string>,
      replaces?: string,
    ): Promise<SetupResult> {
      const found = await mine(id, by);
      if (!found.ok) return found;
      const setup = found.setup;
      const others = setup.units.filter((u) => u.id !== replaces && u.id !== unit.id);
      if (others.some((u) => u.name === unit.name)) return no(`「${unit.name}」已经在列表里了`);
      const units = replaces
        ? setup.units.map((u) => (u.id === replaces ? unit : u))
        : [...setup.units, unit];
      const fixed = [unit.id, ...(replaces ? [replaces] : [])];
      return save(setup, {
        units,
        names: { ...setup.names, ...names },
        problems: recheck(setup.problems, units, fixed),
      });
    },

    /** Takes a unit out of the setup. */
    async removeUnit(id: unknown, by: string, unitId: unknown): Promise<SetupResult> {
      const found = await mine(id, by);
      if (!found.ok) return found;
      const setup = found.setup;
      const gone = setup.units.find((u) => u.id === unitId);
      if (!gone) return no('列表里没有这个单位了');
      const units = setup.units.filter((u) => u.id !== unitId);
      return save(setup, { units, problems: recheck(setup.problems, units) });
    },

    async cancel(id: unknown, by: string): Promise<SetupResult> {
      const found = await mine(id, by);
      if (!found.ok) return found;
      return save(found.setup, { status: 'cancelled' });
    },

    /**
     * 创建: the settings on the card, then the round: refused while a problem is left, or when a round of the
     * same year and name exists (it would be replaced).
     */
    async create(
      id: unknown,
      by: string,
      now: number,
      s: SetupSettings,
      open: (round: Round) => Promise<OpenResult> = (round) => roundService(storage).open(round, { by, now }),
    ): Promise<
      { ok: true; setup: RoundSetup; opened: OpenResult } | { ok: false; message: string; setup?: RoundSetup }
    > {
      const found = await mine(id, by);
      if (!found.ok) return found;
      const read = withSettings(found.setup, s);
      if (!read.ok) return read;
      const setup = read.setup;
      if (!setup.units.length)
        return { ...no('还没有单位：发送填好的表格，或从通讯录导入，或逐个添加'), setup };
      if (setup.problems.length)
        return { ...no(`还有 ${setup.problems.length} 处问题，改好后才能创建`), setup };
      const roundId = roundIdFor(setup.year, setup.name);
      if (await roundRepo(storage).get(roundId))
        return {
          ...no(`已经有一轮「${setup.name}」了：请换一个名称，或发送「轮次」管理已有的那一轮`),
          setup,
        };
      const opened = await open({
        id: roundId,
        year: setup.year,
        name: setup.name,
        deadline: setup.deadline,
        units: setup.units,
        admins: [by],
      });
      const done = await save(setup, { status: 'created', roundId });
      return { ok: true, setup: done.ok ? done.setup : setup, opened };
    },
  };
}
