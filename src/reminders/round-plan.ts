/**
 * A round's own reminder plan, stored on the round (`round.reminders.plan`) where the scheduler reads it
 * (slots.ts planInputOf). Only the fields the admin sets are stored, so the default still fills in the rest.
 */
import type { Storage } from '../../storage/store.js';
import { roundRepo } from '../rounds/round-repo.js';
import type { Round } from '../rounds/round.js';
import { resolveReminderPlan, type ReminderPlanInput } from './plan-config.js';
import { planInputOf } from './slots.js';

/** Merges `change` into the round's plan, validates it (PlanConfigError) and saves the round; undefined if no such round. */
export async function setRoundPlan(
  storage: Storage,
  roundId: string,
  change: ReminderPlanInput,
): Promise<Round | undefined> {
  const repo = roundRepo(storage);
  const round = await repo.get(roundId);
  if (!round) return undefined;
  const plan = { ...(planInputOf(round) ?? {}), ...change };
  resolveReminderPlan(plan);
  const next: Round = { ...round, reminders: { ...round.reminders, plan } };
  await repo.save(next);
  return next;
}
