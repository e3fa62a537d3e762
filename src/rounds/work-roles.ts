/** Which parts a person has in the rounds: fills a unit's section, approves a unit's report (for 帮助). */
import type { Storage } from '../../storage/store.js';
import { sectionsOf } from './round.js';
import { roundRepo } from './round-repo.js';

/** The person's roles in any round (the admin role is decided by the handlers, who know the openers). */
export async function workRoles(
  storage: Storage,
  openId: string,
): Promise<{ filler: boolean; approver: boolean }> {
  const units = (await roundRepo(storage).list()).flatMap((r) => r.units);
  return {
    filler: units.some((u) => sectionsOf(u, openId).length > 0),
    approver: units.some((u) => u.approvers.includes(openId)),
  };
}
