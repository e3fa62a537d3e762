/**
 * 进度 for the people who oversee a round rather than fill it: an admin sees every unit of the rounds they run,
 * an approver the units whose reports they approve. Where each unit stands comes from the same facts the
 * reminders use (section states of the draft, the approval state), so the two never disagree.
 */
import type { Storage } from '../../storage/store.js';
import { storedApprovals } from '../reminders/approval-adapter.js';
import { unitStanding, type UnitStanding } from '../reminders/audience.js';
import { loadUnitFacts } from '../reminders/unit-facts.js';
import { formatDeadline } from './deadline.js';
import type { Round } from './round.js';
import { roundRepo, type UnitRef } from './round-repo.js';

export type { UnitStanding };

export interface RoundProgressView {
  roundName: string;
  year: number;
  deadlineText: string;
  /** every unit, least advanced first: the ones an admin has to chase lead the list */
  units: UnitStanding[];
  counts: Record<UnitStanding['status'], number>;
}

const ORDER: UnitStanding['status'][] = ['filling', 'unsubmitted', 'waiting', 'approved'];

/** Where every unit of a round stands. */
export async function roundProgress(storage: Storage, round: Round): Promise<RoundProgressView> {
  const facts = await loadUnitFacts(storage, round, storedApprovals(storage));
  const units = facts
    .map(unitStanding)
    .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.complete - b.complete);
  const counts = Object.fromEntries(ORDER.map((s) => [s, units.filter((u) => u.status === s).length]));
  return {
    roundName: round.name,
    year: round.year,
    deadlineText: formatDeadline(round.deadline),
    units,
    counts: counts as RoundProgressView['counts'],
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
