/**
 * Who is owed which reminder on one slot of a round. Pure: the scheduler gathers the facts (drafts, approval,
 * snoozes) and this decides, so a whole season can be checked without storage or clock.
 *
 * - A filler with unfinished sections gets a card naming them on the planned days (and on the day a snooze
 *   ends); a filler who is done, or whose report is already with the approvers, gets nothing.
 * - An approver with a report waiting at least one full working day gets a 催办 card every working day.
 * - On each overdue day, the round's admins get one card listing the units not yet approved.
 * Every reminder has a key naming round, day, kind, unit and person: the same key is never sent twice.
 */
import { formatDeadline } from '../rounds/deadline.js';
import { sectionsOf, type Round, type Unit } from '../rounds/round.js';
import { SECTIONS, type SectionId } from '../report/template.js';
import type { SectionState } from '../filling/progress.js';
import type { Waiting } from './approval-facts.js';
import { beijingDate, workdaysBetween, type ReminderSlot } from './slots.js';
import type { WorkdayCalendar } from './workdays.js';

/** Where a unit's report stands on the day of a slot. */
export interface UnitFacts {
  unit: Unit;
  sections: Record<SectionId, SectionState>;
  waiting?: Waiting;
  approved: boolean;
  /** sections an approver sent back (驳回), or an admin by reopening the approved report */
  reopened?: SectionId[];
  /** those sections were sent back by reopening the approved report (重新打开) */
  reopenedAfterApproval?: boolean;
}

/** A section's state on a reminder: its filling state, or sent back by an approver. */
export type ReminderSectionState = SectionState | 'reopened';

/** What every reminder carries. */
interface ReminderBase {
  /** `${round}/${date}/${kind}/…/${person}`: the record key and the outbox key (hence the Feishu uuid) */
  key: string;
  to: string;
  roundId: string;
  roundName: string;
  year: number;
  deadlineText: string;
  date: string;
  at: string;
}

/** 填报提醒: the filler's unfinished sections of one unit. */
export interface FillReminder extends ReminderBase {
  kind: 'fill';
  unitId: string;
  unitName: string;
  sections: Array<{ id: SectionId; heading: string; state: ReminderSectionState }>;
  /** why today: the plan's day, the day a 「明天再提醒我」 ends, or an admin's 催办 */
  reason: 'before' | 'deadline' | 'overdue' | 'snoozed' | 'urged';
  workdaysLeft?: number;
  workdaysOverdue?: number;
  /** 催办: the admin who asked (their name); empty `sections` then means everything is filled, not submitted */
  urgedBy?: string;
}

/** 催办: a report waiting for this approver. */
export interface ApproveReminder extends ReminderBase {
  kind: 'approve';
  unitId: string;
  unitName: string;
  since: string;
  /** full working days waited */
  waitedWorkdays: number;
  /** for the 去审核 button (approval's `review` action) */
  submission?: number;
  step?: number;
  /** 催办: the admin who asked (their name) */
  urgedBy?: string;
}

/** How a unit stands, for the admin's lists. */
export interface UnitStanding {
  unitId: string;
  unitName: string;
  status: 'filling' | 'unsubmitted' | 'waiting' | 'approved';
  /** sections complete, of `total` */
  complete: number;
  total: number;
}

/** How an overdue unit stands: never approved, or it would not be overdue. */
export interface OverdueUnit extends UnitStanding {
  status: 'filling' | 'unsubmitted' | 'waiting';
}

/** 逾期汇总: one card a day to each admin after the deadline. */
export interface OverdueReminder extends ReminderBase {
  kind: 'overdue';
  workdaysOverdue: number;
  units: OverdueUnit[];
}

export type Reminder = FillReminder | ApproveReminder | OverdueReminder;
export type ReminderKind = Reminder['kind'];

/** What audienceOf needs. */
export interface AudienceInput {
  round: Round;
  slot: ReminderSlot;
  units: UnitFacts[];
  calendar: WorkdayCalendar;
  /** person → the Beijing date before which they asked not to be reminded in this round */
  snoozedUntil?: ReadonlyMap<string, string>;
}

const HEADING = new Map(SECTIONS.map((s) => [s.id, s.heading]));

/** The reminders owed on one slot, in a stable order (fill, approve, overdue; then unit and person). */
export function audienceOf({ round, slot, units, calendar, snoozedUntil }: AudienceInput): Reminder[] {
  const base = (kind: ReminderKind, to: string, unitId?: string): ReminderBase => ({
    key: [round.id, slot.date, kind, ...(unitId ? [unitId] : []), to].join('/'),
    to,
    roundId: round.id,
    roundName: round.name,
    year: round.year,
    deadlineText: formatDeadline(round.deadline),
    date: slot.date,
    at: slot.at,
  });
  const snooze = (person: string) => snoozedUntil?.get(person);
  const quiet = (person: string) => (snooze(person) ?? '') > slot.date;
  const out: Reminder[] = [];

  for (const facts of units) {
    for (const { openId: person, sections } of lateFillers(facts)) {
      if (quiet(person)) continue;
      const reason = slot.planned?.kind ?? (snooze(person) === slot.date ? 'snoozed' : undefined);
      if (!reason) continue;
      out.push({
        ...base('fill', person, facts.unit.id),
        kind: 'fill',
        unitId: facts.unit.id,
        unitName: facts.unit.name,
        sections,
        reason,
        ...(slot.planned?.workdaysLeft !== undefined ? { workdaysLeft: slot.planned.workdaysLeft } : {}),
        ...(slot.planned?.workdaysOverdue !== undefined
          ? { workdaysOverdue: slot.planned.workdaysOverdue }
          : {}),
      });
    }
  }

  for (const facts of units) {
    const waiting = facts.waiting;
    if (!waiting || facts.approved || quiet(waiting.approver)) continue;
    const waited = workdaysBetween(beijingDate(Date.parse(waiting.since)), slot.date, calendar);
    // 「催办 after one working day」: a report sent in yesterday afternoon is not late yet.
    if (waited < 1) continue;
    out.push({
      ...base('approve', waiting.approver, facts.unit.id),
      kind: 'approve',
      unitId: facts.unit.id,
      unitName: facts.unit.name,
      since: waiting.since,
      waitedWorkdays: waited,
      ...(waiting.submission !== undefined
        ? { submission: waiting.submission, step: waiting.step ?? 0 }
        : {}),
    });
  }

  if (slot.planned?.kind === 'overdue') {
    const overdue = units.filter((f) => !f.approved).map(overdueUnit);
    if (overdue.length)
      for (const admin of new Set(round.admins)) {
        if (quiet(admin)) continue;
        out.push({
          ...base('overdue', admin),
          kind: 'overdue',
          workdaysOverdue: slot.planned.workdaysOverdue ?? 1,
          units: overdue,
        });
      }
  }
  return out;
}

function fillersInOrder(unit: Unit): string[] {
  return [...new Set(SECTIONS.flatMap((s) => unit.fillers[s.id]))];
}

/** A filler who owes sections of a unit: the ones not complete, or sent back by an approver. */
export interface LateFiller {
  openId: string;
  sections: Array<{ id: SectionId; heading: string; state: ReminderSectionState }>;
}

/**
 * The fillers who owe something on a unit now, in section order: nobody while the report is with the
 * approvers or approved; after a rejection, the fillers of the sections sent back.
 */
export function lateFillers(facts: UnitFacts): LateFiller[] {
  if (facts.waiting || facts.approved) return [];
  const reopened = new Set(facts.reopened ?? []);
  const stateOf = (id: SectionId): ReminderSectionState =>
    reopened.has(id) ? 'reopened' : facts.sections[id];
  return fillersInOrder(facts.unit).flatMap((openId) => {
    const open = sectionsOf(facts.unit, openId).filter((id) => stateOf(id) !== 'complete');
    return open.length
      ? [{ openId, sections: open.map((id) => ({ id, heading: HEADING.get(id) ?? id, state: stateOf(id) })) }]
      : [];
  });
}

/** Where a unit stands: approved, waiting for an approver, finished but not submitted, or being filled. */
export function unitStanding(f: UnitFacts): UnitStanding {
  const states = Object.values(f.sections);
  const complete = states.filter((s) => s === 'complete').length;
  const status = f.approved
    ? 'approved'
    : f.waiting
      ? 'waiting'
      : complete === states.length
        ? 'unsubmitted'
        : 'filling';
  return { unitId: f.unit.id, unitName: f.unit.name, status, complete, total: states.length };
}

function overdueUnit(f: UnitFacts): OverdueUnit {
  return unitStanding(f) as OverdueUnit;
}
