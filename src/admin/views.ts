/**
 * The admin's screens as view-models: a round being set up, a unit's people, the departments to import, a running
 * round, the list of rounds, a round's history. cards/admin-*.ts turn them into cards; nothing here reads storage.
 */
import type { Department } from '../people/directory.js';
import { SECTIONS, type SectionId } from '../report/template.js';
import { formatDeadline } from '../rounds/deadline.js';
import type { Round, RoundEvent, Unit } from '../rounds/round.js';
import type { UnitStanding } from '../reminders/audience.js';
import type { RoundSetup } from './setup-store.js';
import type { ConsolidateView } from '../consolidated/start-view.js';

/** Where a unit card's changes go: a round being set up (at a version) or a running round. */
export type UnitOwner = { setup_id: string; version: number } | { round_id: string };

/** A person as the card shows them; the open_id travels in picker values. */
export interface PersonView {
  openId: string;
  name: string;
}

/** 一…六 for the short lists of a card. */
export const SHORT_SECTION: Record<SectionId, string> = {
  s1: '一',
  s2: '二',
  s3: '三',
  s4: '四',
  s5: '五',
  s6: '六',
};

// A card lists this many units or problems; the rest is counted (30 KB limit; the sheet itself has them all).
export const LISTED_UNITS = 60;
export const LISTED_PROBLEMS = 30;

export interface UnitLine {
  id: string;
  name: string;
  row?: number;
  /** 「张敏、李强」 when every section has the same fillers, else 「一至三：张敏；四至六：李强」 */
  fillers: string;
  /** 「王芳 → 赵磊」 */
  approvers: string;
}

/** Who fills what, in a few words: sections with the same fillers grouped. */
export function fillersText(unit: Unit, name: (id: string) => string): string {
  const groups = new Map<string, SectionId[]>();
  for (const s of SECTIONS) {
    const key = unit.fillers[s.id].map(name).join('、') || '（未指定）';
    groups.set(key, [...(groups.get(key) ?? []), s.id]);
  }
  if (groups.size === 1) return [...groups.keys()][0];
  return [...groups.entries()]
    .map(([who, ss]) => `${ss.map((s) => SHORT_SECTION[s]).join('、')}：${who}`)
    .join('；');
}

const lineOf = (unit: Unit, name: (id: string) => string, row?: number): UnitLine => ({
  id: unit.id,
  name: unit.name,
  ...(row !== undefined ? { row } : {}),
  fillers: fillersText(unit, name),
  approvers: unit.approvers.map(name).join(' → ') || '（未指定）',
});

export interface SetupView {
  id: string;
  version: number;
  year: number;
  name: string;
  deadlineText: string;
  /** what the deadline input shows, e.g. 2027-01-31 23:59 */
  deadlineInput: string;
  group: boolean;
  source?: string;
  ignoredColumns: string[];
  units: UnitLine[];
  unitCount: number;
  /** for the 修改 / 移除 selector: every unit (names only) */
  unitChoices: Array<{ id: string; name: string }>;
  problems: string[];
  problemCount: number;
  peopleCount: number;
}

/** `2027-01-31T23:59:00+08:00` → `2027-01-31 23:59` (Beijing time), as the admin types it. */
export function deadlineInput(iso: string): string {
  const bj = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${bj.slice(0, 10)} ${bj.slice(11, 16)}`;
}

/** The preview of a round being set up. */
export function setupView(setup: RoundSetup): SetupView {
  const name = (id: string) => setup.names[id] ?? id;
  const people = new Set(setup.units.flatMap((u) => [...Object.values(u.fillers).flat(), ...u.approvers]));
  return {
    id: setup.id,
    version: setup.version,
    year: setup.year,
    name: setup.name,
    deadlineText: formatDeadline(setup.deadline),
    deadlineInput: deadlineInput(setup.deadline),
    group: setup.group,
    ...(setup.source ? { source: setup.source } : {}),
    ignoredColumns: setup.ignoredColumns ?? [],
    units: setup.units.slice(0, LISTED_UNITS).map((u) => lineOf(u, name)),
    unitCount: setup.units.length,
    unitChoices: setup.units.slice(0, 100).map((u) => ({ id: u.id, name: u.name })),
    problems: setup.problems.slice(0, LISTED_PROBLEMS).map((p) => p.text),
    problemCount: setup.problems.length,
    peopleCount: people.size,
  };
}

export interface UnitView {
  owner: UnitOwner;
  /** the round's or the setup's name */
  title: string;
  unitId: string;
  unitName: string;
  sections: Array<{ id: SectionId; heading: string; fillers: PersonView[] }>;
  approvers: PersonView[];
  /** who the pickers offer (empty: the chat's members, in a group chat) */
  candidates: PersonView[];
  /** a running round only: where the unit's report stands */
  standing?: UnitStanding;
  /** a running round's approved report: its version, for 重新打开 */
  reopen?: { submission: number };
  notice?: string;
}

/** A unit's people, with the candidates its pickers offer. */
export function unitView(
  owner: UnitOwner,
  title: string,
  unit: Unit,
  name: (id: string) => string,
  candidates: PersonView[],
  extra: { standing?: UnitStanding; reopen?: { submission: number }; notice?: string } = {},
): UnitView {
  const person = (id: string): PersonView => ({ openId: id, name: name(id) });
  return {
    owner,
    title,
    unitId: unit.id,
    unitName: unit.name,
    sections: SECTIONS.map((s) => ({
      id: s.id,
      heading: s.heading,
      fillers: unit.fillers[s.id].map(person),
    })),
    approvers: unit.approvers.map(person),
    candidates,
    ...extra,
  };
}

/** A new unit's form (name, fillers, approvers) in a setup or a running round. */
export interface NewUnitView {
  owner: UnitOwner;
  title: string;
  candidates: PersonView[];
  notice?: string;
}

export interface DepartmentsView {
  setupId: string;
  version: number;
  departments: Array<{ id: string; name: string; leader?: string; taken: boolean }>;
}

/** The departments an admin may import, those already in the setup marked. */
export function departmentsView(
  setup: RoundSetup,
  departments: Department[],
  name: (id: string) => string,
): DepartmentsView {
  const taken = new Set(setup.units.map((u) => u.name));
  return {
    setupId: setup.id,
    version: setup.version,
    departments: departments.map((d) => ({
      id: d.id,
      name: d.name,
      ...(d.leaderOpenId ? { leader: name(d.leaderOpenId) } : {}),
      taken: taken.has(d.name),
    })),
  };
}

export interface RoundAdminView {
  roundId: string;
  name: string;
  year: number;
  deadlineText: string;
  closed: boolean;
  hasGroup: boolean;
  admins: string[];
  units: Array<UnitStanding & { approvers: string }>;
  counts: Record<UnitStanding['status'], number>;
  notice?: string;
  /** the 本级政府's consolidated report (src/consolidated): no 汇总本级报告 on its own card */
  consolidated?: boolean;
}

/** A running round as its admin manages it. */
export function roundAdminView(
  round: Round,
  standings: UnitStanding[],
  name: (id: string) => string,
  notice?: string,
): RoundAdminView {
  const byId = new Map(round.units.map((u) => [u.id, u]));
  const counts = { filling: 0, unsubmitted: 0, waiting: 0, approved: 0 };
  for (const s of standings) counts[s.status] += 1;
  return {
    roundId: round.id,
    name: round.name,
    year: round.year,
    deadlineText: formatDeadline(round.deadline),
    closed: Boolean(round.closedAt),
    hasGroup: Boolean(round.groupChatId),
    admins: round.admins.map(name),
    units: standings.map((s) => ({
      ...s,
      approvers: (byId.get(s.unitId)?.approvers ?? []).map(name).join(' → '),
    })),
    counts,
    ...(notice ? { notice } : {}),
    ...(round.source ? { consolidated: true } : {}),
  };
}

export interface RoundsView {
  rounds: Array<{
    id: string;
    name: string;
    year: number;
    deadlineText: string;
    units: number;
    closed: boolean;
  }>;
  mayOpen: boolean;
}

export function roundsView(rounds: Round[], mayOpen: boolean): RoundsView {
  return {
    rounds: rounds.map((r) => ({
      id: r.id,
      name: r.name,
      year: r.year,
      deadlineText: formatDeadline(r.deadline),
      units: r.units.length,
      closed: Boolean(r.closedAt),
    })),
    mayOpen,
  };
}

export interface RoundHistoryView {
  roundId: string;
  name: string;
  events: Array<{ at: string; by: string; summary: string }>;
}

/** A round's history, newest first, with who made each change. */
export function roundHistoryView(round: Round, name: (id: string) => string): RoundHistoryView {
  const when = (iso: string) => deadlineInput(iso);
  return {
    roundId: round.id,
    name: round.name,
    events: [...(round.history ?? [])]
      .reverse()
      .slice(0, 50)
      .map((e: RoundEvent) => ({
        at: when(e.at),
        by: e.by === 'cli' ? '命令行' : name(e.by),
        summary: e.summary,
      })),
  };
}

/** Every admin screen. */
export type AdminScreen =
  | { kind: 'setup'; view: SetupView }
  | { kind: 'unit'; view: UnitView }
  | { kind: 'new_unit'; view: NewUnitView }
  | { kind: 'departments'; view: DepartmentsView }
  | { kind: 'round_admin'; view: RoundAdminView }
  | { kind: 'rounds'; view: RoundsView }
  | { kind: 'round_history'; view: RoundHistoryView }
  | {
      kind: 'round_deadline';
      view: { roundId: string; name: string; deadlineInput: string; deadlineText: string };
    }
  | {
      kind: 'round_admins';
      view: { roundId: string; name: string; admins: string[]; candidates: PersonView[] };
    }
  | { kind: 'consolidate'; view: ConsolidateView };
