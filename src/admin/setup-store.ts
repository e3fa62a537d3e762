/**
 * A round being set up: what an admin has put together (settings, units from a spreadsheet, the directory or
 * person pickers) before tapping 创建. Kept in storage, so the preview card still works after a restart and a
 * tap on an old preview can be told apart from the current one.
 */
import { randomBytes } from 'node:crypto';
import type { Storage, Store } from '../../storage/store.js';
import type { Unit } from '../rounds/round.js';

export interface SetupProblem {
  /** `sheet`: found reading the spreadsheet (stands until the unit is fixed or the sheet sent again); `unit`: a unit lacks people */
  kind: 'sheet' | 'unit';
  /** the spreadsheet's row, when the problem came from one */
  row?: number;
  /** the unit it is about, when it is about one that is in the setup */
  unitId?: string;
  text: string;
}

export interface RoundSetup {
  id: string;
  /** the admin who set it up: only they act on its cards */
  by: string;
  year: number;
  name: string;
  /** ISO 8601 with offset */
  deadline: string;
  units: Unit[];
  /** display names of everyone in `units` */
  names: Record<string, string>;
  /** what stands between the setup and a round; 创建 waits until there is none */
  problems: SetupProblem[];
  /** where the units came from, for the preview: a file name, 「通讯录」 */
  source?: string;
  /** spreadsheet columns not understood */
  ignoredColumns?: string[];
  /** open a working group with everyone when the round is created */
  group: boolean;
  status: 'open' | 'created' | 'cancelled';
  roundId?: string;
  /** increments on every change: a card of an older state is stale */
  version: number;
  createdAt: number;
}

const COLLECTION = { name: 'round-setups', schema: { version: 1 } };

export const newSetupId = (): string => `s${randomBytes(5).toString('hex')}`;

/** Round setups in storage, one small collection (an admin has a handful). */
export function setupStore(storage: Storage) {
  let store: Promise<Store<RoundSetup>> | undefined;
  const open = () => (store ??= storage.open<RoundSetup>(COLLECTION.name, COLLECTION.schema));
  return {
    get: async (id: string) => (await open()).read(id),
    save: async (setup: RoundSetup) => (await open()).write(setup.id, setup),
    /** the admin's most recent setup still open, if any */
    async openOf(by: string): Promise<RoundSetup | undefined> {
      const all = (await (await open()).entries()).map(([, s]) => s);
      return all
        .filter((s) => s.by === by && s.status === 'open')
        .sort((a, b) => b.createdAt - a.createdAt)[0];
    },
  };
}
