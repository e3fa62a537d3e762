/**
 * Last year's consolidated report of the same 本级政府: its approved answers prefill this year's texts (as a
 * unit's own report of last year does, filling/draft.ts newDraft) and feed the cross-year checks (W1, W2, W6).
 */
import type { Storage } from '../../storage/store.js';
import { approvalRepo } from '../approval/repo.js';
import { latestSubmission } from '../approval/state.js';
import type { Answers } from '../report/template.js';
import { roundRepo } from '../rounds/round-repo.js';

/**
 * The approved answers of the consolidated report of `year - 1` whose 本级政府 has this name, or undefined when
 * none is stored (or it was never approved: a draft is not what was published).
 */
export async function lastYearConsolidated(
  storage: Storage,
  governmentName: string,
  year: number,
): Promise<Answers | undefined> {
  const rounds = (await roundRepo(storage).list()).filter(
    (r) => r.source && r.year === year - 1 && r.units[0]?.name === governmentName,
  );
  for (const round of rounds) {
    const state = await approvalRepo(storage).load(round.id, round.units[0].id);
    if (state.status === 'approved') return latestSubmission(state)?.answers;
  }
  return undefined;
}

/**
 * The 本级政府's name as the admin wrote it last year (the consolidated report of `year - 1` of a round they
 * administer), to propose it again; undefined when there is none.
 */
export async function lastYearGovernmentName(
  storage: Storage,
  year: number,
  admin: string,
): Promise<string | undefined> {
  const rounds = await roundRepo(storage).list();
  return rounds.find((r) => r.source && r.year === year - 1 && r.admins.includes(admin))?.units[0]?.name;
}
