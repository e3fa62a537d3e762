/**
 * Rounds in storage: one small collection `rounds` (a round is a few KB even with hundreds of units), so
 * finding a filler's units reads one file. Reports live elsewhere, one collection each (filling/draft-repo.ts).
 */
import type { Storage, Store } from '../../storage/store.js';
import { sectionsOf, type Round, type Unit } from './round.js';

/** Stored rounds: version 1 is the Round type of round.ts. */
const ROUNDS = { name: 'rounds', schema: { version: 1 } };

/** A unit together with its round. */
export interface UnitRef {
  round: Round;
  unit: Unit;
}

export interface RoundRepo {
  /** creates or replaces the round with the same id */
  save(round: Round): Promise<void>;
  get(id: string): Promise<Round | undefined>;
  list(): Promise<Round[]>;
  /** the units where a person fills at least one section, newest report year first */
  unitsOfFiller(openId: string): Promise<UnitRef[]>;
  /** a unit of a round, or undefined */
  unit(roundId: string, unitId: string): Promise<UnitRef | undefined>;
}

/** Rounds kept in `storage`. */
export function roundRepo(storage: Storage): RoundRepo {
  let store: Promise<Store<Round>> | undefined;
  const open = () => (store ??= storage.open<Round>(ROUNDS.name, ROUNDS.schema));
  const list = async () => (await (await open()).entries()).map(([, r]) => r);
  return {
    save: async (round) => (await open()).write(round.id, round),
    get: async (id) => (await open()).read(id),
    list,
    async unitsOfFiller(openId) {
      const rounds = (await list()).sort((a, b) => b.year - a.year);
      return rounds.flatMap((round) =>
        round.units.filter((unit) => sectionsOf(unit, openId).length > 0).map((unit) => ({ round, unit })),
      );
    },
    async unit(roundId, unitId) {
      const round = await (await open()).read(roundId);
      const unit = round?.units.find((u) => u.id === unitId);
      return round && unit ? { round, unit } : undefined;
    },
  };
}
