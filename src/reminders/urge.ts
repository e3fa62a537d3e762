/**
 * 催办: an admin asks the bot to remind a unit's people now. Pure: who owes something (lateFillers, the approver
 * the report waits for) gets the same card the scheduler would send them, under the same key the scheduler uses
 * for that day, so a person hears about a unit at most once a day whoever sends it (urge-service.ts checks the
 * records). A report finished but not submitted reminds its fillers to submit it; an approved one nobody.
 */
import { formatDeadline } from '../rounds/deadline.js';
import { fillersOf, type Round } from '../rounds/round.js';
import { lateFillers, type Reminder, type UnitFacts } from './audience.js';
import { deadlineStanding } from './deadline-standing.js';
import { beijingDate, workdaysBetween } from './slots.js';
import type { WorkdayCalendar } from './workdays.js';

export interface UrgeInput {
  round: Round;
  facts: UnitFacts;
  /** ms */
  now: number;
  calendar: WorkdayCalendar;
  /** the admin's name, shown on the cards */
  by: string;
}

/** The reminders a 催办 of one unit sends, in section order, the approver last. */
export function urgeReminders({ round, facts, now, calendar, by }: UrgeInput): Reminder[] {
  if (facts.approved) return [];
  const date = beijingDate(now);
  const base = (kind: 'fill' | 'approve', to: string) => ({
    key: [round.id, date, kind, facts.unit.id, to].join('/'),
    to,
    roundId: round.id,
    roundName: round.name,
    year: round.year,
    deadlineText: formatDeadline(round.deadline),
    date,
    at: new Date(now).toISOString(),
    unitId: facts.unit.id,
    unitName: facts.unit.name,
    urgedBy: by,
  });
  const waiting = facts.waiting;
  if (waiting)
    return [
      {
        ...base('approve', waiting.approver),
        kind: 'approve',
        since: waiting.since,
        waitedWorkdays: workdaysBetween(beijingDate(Date.parse(waiting.since)), date, calendar),
        ...(waiting.submission !== undefined
          ? { submission: waiting.submission, step: waiting.step ?? 0 }
          : {}),
      },
    ];
  const standing = deadlineStanding(round.deadline, now, calendar);
  const when =
    standing.kind === 'overdue'
      ? { workdaysOverdue: standing.workdays }
      : { workdaysLeft: standing.kind === 'left' ? standing.workdays : 0 };
  const late = lateFillers(facts);
  // Every section done and nothing submitted: any filler may submit, so each is asked to.
  const owing = late.length ? late : fillersOf(facts.unit).map((openId) => ({ openId, sections: [] }));
  return owing.map(({ openId, sections }) => ({
    ...base('fill', openId),
    kind: 'fill' as const,
    sections,
    reason: 'urged' as const,
    ...when,
  }));
}
