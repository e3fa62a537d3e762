/**
 * Opening and changing rounds in storage: one change of a round at a time (two admins, or an admin and the
 * command line, must not both read the old round and lose one another's change), the round and its history
 * saved in one write, and the effects returned for the caller to deliver (handlers/round-notices.ts).
 */
import type { Storage } from '../../storage/store.js';
import { storedApprovals } from '../reminders/approval-adapter.js';
import {
  applyRoundChange,
  openingEffects,
  openingEvent,
  peopleOf,
  type ChangeContext,
  type ChangeResult,
  type RoundChange,
  type RoundEffect,
} from './round-changes.js';
import { roundRepo } from './round-repo.js';
import { fillersOf, type Round } from './round.js';

/** Who acts, when, and how open_ids become names for the history (the contact API, or the ids themselves). */
export interface Actor {
  by: string;
  now: number;
  names?: (openIds: string[]) => Promise<Record<string, string>>;
}

export type OpenResult = { round: Round; effects: RoundEffect[]; replaced: boolean };

/**
 * Runs `work` after every earlier change of the same round has finished, in any process on the storage (its
 * lock `round/<id>`; with PostgreSQL also one transaction).
 */
function serialized<T>(storage: Storage, roundId: string, work: () => Promise<T>): Promise<T> {
  return storage.lock(`round/${roundId}`, work);
}

async function contextFor(
  storage: Storage,
  round: Round,
  actor: Actor,
  extra: string[],
): Promise<ChangeContext> {
  const ids = [...new Set([...peopleOf(round), ...round.admins, ...extra])];
  const known = actor.names ? await actor.names(ids) : {};
  const approvals = storedApprovals(storage);
  const approved = new Set<string>();
  for (const unit of round.units) if (await approvals.approved(round.id, unit.id)) approved.add(unit.id);
  return { by: actor.by, now: actor.now, name: (id) => known[id] ?? id, approvedUnits: approved };
}

/** The open_ids a change names, so their names are looked up before the history line is written. */
function namedIn(change: RoundChange): string[] {
  switch (change.kind) {
    case 'add_unit':
      return [...fillersOf(change.unit), ...change.unit.approvers];
    case 'set_fillers':
    case 'set_approvers':
    case 'add_admins':
      return change.openIds;
    default:
      return [];
  }
}

/** Rounds as admins change them. */
export function roundService(storage: Storage) {
  const repo = roundRepo(storage);
  return {
    /**
     * Opens a round. The same round again (same year and name, e.g. a round file created twice) replaces it:
     * its history goes on, and only people new to it are told.
     */
    open(round: Round, actor: Actor): Promise<OpenResult> {
      return serialized(storage, round.id, async () => {
        const before = await repo.get(round.id);
        const ctx = await contextFor(storage, round, actor, []);
        const event = before
          ? {
              ...openingEvent(round, ctx),
              kind: 'replace',
              summary: `按新文件重建轮次：${round.units.length} 个单位`,
            }
          : openingEvent(round, ctx);
        const next: Round = {
          ...round,
          ...(before?.groupChatId && !round.groupChatId ? { groupChatId: before.groupChatId } : {}),
          history: [...(before?.history ?? []), event],
        };
        const known = new Set(before ? peopleOf(before) : []);
        const effects = openingEffects(next).filter((e) => !('to' in e) || !known.has(e.to));
        await repo.save(next);
        return { round: next, effects, replaced: Boolean(before) };
      });
    },

    /** Applies one change to a stored round; refuses with a Chinese sentence and stores nothing when it cannot. */
    change(roundId: string, change: RoundChange, actor: Actor): Promise<ChangeResult> {
      return serialized(storage, roundId, async () => {
        const round = await repo.get(roundId);
        if (!round) return { ok: false, message: '找不到这一轮（可能是很早以前的卡片）' };
        const result = applyRoundChange(
          round,
          change,
          await contextFor(storage, round, actor, namedIn(change)),
        );
        if (result.ok) await repo.save(result.round);
        return result;
      });
    },
  };
}
