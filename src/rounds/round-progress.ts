/**
 * 进度 for the people who oversee a round rather than fill it: an admin sees every unit of the rounds they run,
 * an approver the units whose reports they approve. Where each unit stands comes from the same facts the
 * reminders use (section states of the draft, the approval state), so the two never disagree: who is late is
 * who a reminder (or a 催办) would go to, and the working days are counted as the reminders count them.
 */
import type { Storage } from '../../storage/store.js';
import { storedApprovals } from '../reminders/approval-adapter.js';
import { lateFillers, unitStanding, type UnitFacts, type UnitStanding } from '../reminders/audience.js';
import { reminderCalendar } from '../reminders/calendar-config.js';
import { deadlineStanding, type DeadlineStanding } from '../reminders/deadline-standing.js';
import { reminderRecords } from '../reminders/records.js';
import { beijingDate, workdaysBetween } from '../reminders/slots.js';
import { loadUnitFacts } from '../reminders/unit-facts.js';
import type { WorkdayCalendar } from '../reminders/workdays.js';
import { SECTION_BY_ID, type SectionId } from '../report/template.js';
import { formatDeadline } from './deadline.js';
import { fillersOf, type Round } from './round.js';
import { roundRepo, type UnitRef } from './round-repo.js';

export type { UnitStanding };

/** Where a unit's report stands; `rejected`: sent back by an approver, being fixed. */
export type ProgressStatus = 'filling' | 'rejected' | 'unsubmitted' | 'waiting' | 'approved';

/** One unit on the admin's 进度 card: its state, who is late by name, and since when. */
export interface UnitProgress {
  unitId: string;
  unitName: string;
  status: ProgressStatus;
  /** sections complete, of `total` */
  complete: number;
  total: number;
  /**
   * the fillers who owe something, by name, with their sections (一…六): unfinished or sent back; when the
   * report is finished but not submitted, every filler with no sections (any of them may submit)
   */
  late: Array<{ name: string; sections: string[] }>;
  /** the approver the report waits for, since it reached them, and the full working days waited */
  waiting?: { name: string; since: string; workdays: number };
  /** where the deadline stands, for a report not yet with the approvers nor approved */
  deadline?: DeadlineStanding;
  /** who was reminded of this unit today (by the scheduler or a 催办), by name */
  remindedToday: string[];
  /** sent back by reopening the approved report (重新打开), not by an approver */
  reopened?: boolean;
}

/** Units on one page of the card: one block each fits a phone screen, and the card stays within Feishu's limits. */
export const PROGRESS_PAGE = 30;

export interface RoundProgressView {
  roundId: string;
  roundName: string;
  year: number;
  deadlineText: string;
  closed: boolean;
  /** this page's units, least advanced first */
  units: UnitProgress[];
  counts: Record<ProgressStatus, number>;
  /** every unit of the round */
  total: number;
  /** 0-based */
  page: number;
  pages: number;
  /** the card offers 催办 per unit not approved: the viewer administers the round, and it is open */
  canUrge: boolean;
  /** the card offers the export (workbook and approved reports): the viewer administers the round, open or closed */
  canExport?: boolean;
}

/** The order units are listed in: the ones an admin has to chase lead. */
export const PROGRESS_ORDER: ProgressStatus[] = ['filling', 'rejected', 'unsubmitted', 'waiting', 'approved'];

/** Where a unit stands, in the progress card's words. */
export function progressStatus(facts: UnitFacts): ProgressStatus {
  if (facts.approved) return 'approved';
  if (facts.waiting) return 'waiting';
  if (facts.reopened?.length) return 'rejected';
  return unitStanding(facts).status;
}

const numeral = (s: SectionId) => SECTION_BY_ID.get(s)!.heading.split('、')[0];

/** What the card needs to say about one unit at `now`, names already resolved. Pure. */
export function unitProgressOf(
  facts: UnitFacts,
  o: {
    deadline: string;
    now: number;
    calendar: WorkdayCalendar;
    name: (openId: string) => string;
    remindedToday?: string[];
  },
): UnitProgress {
  const status = progressStatus(facts);
  const { complete, total } = unitStanding(facts);
  const late =
    status === 'unsubmitted'
      ? fillersOf(facts.unit).map((id) => ({ name: o.name(id), sections: [] }))
      : lateFillers(facts).map((f) => ({
          name: o.name(f.openId),
          sections: f.sections.map((s) => numeral(s.id)),
        }));
  const w = facts.waiting;
  return {
    unitId: facts.unit.id,
    unitName: facts.unit.name,
    status,
    complete,
    total,
    late,
    ...(status === 'rejected' && facts.reopenedAfterApproval ? { reopened: true } : {}),
    ...(w && status === 'waiting'
      ? {
          waiting: {
            name: o.name(w.approver),
            since: w.since,
            // Full working days, as the 催办 card counts them: a report sent yesterday afternoon is not late.
            workdays: workdaysBetween(beijingDate(Date.parse(w.since)), beijingDate(o.now), o.calendar),
          },
        }
      : {}),
    ...(status !== 'waiting' && status !== 'approved'
      ? { deadline: deadlineStanding(o.deadline, o.now, o.calendar) }
      : {}),
    remindedToday: (o.remindedToday ?? []).map(o.name),
  };
}

/** How advanced a unit is, for sorting within its state: fewer sections done, or waiting longer, first. */
function rank(u: UnitProgress): number {
  return u.status === 'waiting' ? -(u.waiting?.workdays ?? 0) : u.complete;
}

/** What roundProgress needs besides the round. */
export interface ProgressOptions {
  now: number;
  /** display name of an open_id (the contact API; the open_id when unknown) */
  names: (openId: string) => string | Promise<string>;
  calendar?: WorkdayCalendar;
  /** 0-based; clamped to the pages there are */
  page?: number;
  /** the viewer administers the round: its card offers 催办 */
  admin?: boolean;
}

/** Where every unit of a round stands, least advanced first, one page of it with names. */
export async function roundProgress(
  storage: Storage,
  round: Round,
  o: ProgressOptions,
): Promise<RoundProgressView> {
  const calendar = o.calendar ?? reminderCalendar();
  const facts = await loadUnitFacts(storage, round, storedApprovals(storage));
  const today = await reminderRecords(storage).sentOn(round.id, beijingDate(o.now));
  const reminded = new Map<string, string[]>();
  for (const r of today)
    if (r.unitId && (r.kind === 'fill' || r.kind === 'approve'))
      reminded.set(r.unitId, [...new Set([...(reminded.get(r.unitId) ?? []), r.to])]);
  // Sorted on ids first (names are looked up for one page only: a round may have hundreds of units).
  const ids = (id: string) => id;
  const base = { deadline: round.deadline, now: o.now, calendar };
  const sorted = facts
    .map((f) => ({ f, p: unitProgressOf(f, { ...base, name: ids }) }))
    .sort(
      (a, b) =>
        PROGRESS_ORDER.indexOf(a.p.status) - PROGRESS_ORDER.indexOf(b.p.status) || rank(a.p) - rank(b.p),
    );
  const counts = Object.fromEntries(
    PROGRESS_ORDER.map((s) => [s, sorted.filter((x) => x.p.status === s).length]),
  ) as Record<ProgressStatus, number>;
  const pages = Math.max(1, Math.ceil(sorted.length / PROGRESS_PAGE));
  const page = Math.min(Math.max(0, Math.floor(o.page ?? 0)), pages - 1);
  const shown = sorted.slice(page * PROGRESS_PAGE, (page + 1) * PROGRESS_PAGE);
  const people = new Set<string>();
  for (const { f } of shown) {
    for (const id of [...fillersOf(f.unit), ...(reminded.get(f.unit.id) ?? [])]) people.add(id);
    if (f.waiting) people.add(f.waiting.approver);
  }
  const known = new Map(await Promise.all([...people].map(async (id) => [id, await o.names(id)] as const)));
  const name = (id: string) => known.get(id) ?? id;
  return {
    roundId: round.id,
    roundName: round.name,
    year: round.year,
    deadlineText: formatDeadline(round.deadline),
    closed: Boolean(round.closedAt),
    units: shown.map(({ f }) =>
      unitProgressOf(f, { ...base, name, remindedToday: reminded.get(f.unit.id) ?? [] }),
    ),
    counts,
    total: sorted.length,
    page,
    pages,
    canUrge: Boolean(o.admin) && !round.closedAt,
    canExport: Boolean(o.admin),
  };
}

/** The rounds a person administers, and the units whose reports they approve outside those rounds. */
export async function overseenBy(
  storage: Storage,
  openId: string,
): Promise<{ rounds: Round[]; units: UnitRef[] }> {
  const all = await roundRepo(storage).list();
  const rounds = all.filter((r) => r.admins.includes(openId)).sort((a, b) => b.year - a.year);
  const units = all
    .filter((r) => !rounds.includes(r))
    .flatMap((round) =>
      round.units.filter((u) => u.approvers.includes(openId)).map((unit) => ({ round, unit })),
    );
  return { rounds, units };
}
