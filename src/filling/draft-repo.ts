/**
 * A report's draft in storage: one collection per report (`reports/<round>/<unit>`), so saving one answer
 * rewrites one small file whatever the number of reports (design.md "Storage that stays fast").
 * Updates of one report are serialized in this process: two fillers of a unit submitting at the same moment
 * must not both read the old draft and lose one another's answers.
 */
import type { Storage, Store } from '../../storage/store.js';
import type { Answers } from '../report/template.js';
import { newDraft, type ReportDraft } from './draft.js';

/** What a report collection holds: the draft, and last year's answers when imported. */
type ReportItem = ReportDraft | Answers;

/** Draft format version 1 is ReportDraft with `schema: 1`. */
const SCHEMA = { version: 1 };

export interface StoredReport {
  draft: ReportDraft;
  previous?: Answers;
}

export interface DraftRepo {
  /** the stored draft (a new one, prefilled from last year when known, if none is stored yet) */
  load(roundId: string, unitId: string): Promise<StoredReport>;
  /**
   * Runs `change` on the current draft with no other update of the same report in between, and stores the
   * draft it returns when `changed`. Returns what `change` returned.
   */
  update<R extends { draft: ReportDraft; changed: boolean }>(
    roundId: string,
    unitId: string,
    change: (report: StoredReport) => R,
  ): Promise<R>;
  /** stores last year's answers for the report (an imported report), used for prefill and W1/W2/W6 */
  setPrevious(roundId: string, unitId: string, previous: Answers): Promise<void>;
}

/** The update chains of each storage, shared by every repo over it (handlers create one per event). */
const LOCKS = new WeakMap<Storage, Map<string, Promise<unknown>>>();

/** Drafts kept in `storage`. */
export function draftRepo(storage: Storage): DraftRepo {
  let locks = LOCKS.get(storage);
  if (!locks) LOCKS.set(storage, (locks = new Map()));
  const chains = locks;
  const open = (roundId: string, unitId: string): Promise<Store<ReportItem>> =>
    storage.open<ReportItem>(`reports/${roundId}/${unitId}`, SCHEMA);

  async function load(roundId: string, unitId: string): Promise<StoredReport> {
    const store = await open(roundId, unitId);
    const previous = (await store.read('previous')) as Answers | undefined;
    const draft = ((await store.read('draft')) as ReportDraft | undefined) ?? newDraft(previous);
    return previous ? { draft, previous } : { draft };
  }

  /** Chains work per report so it runs one at a time; a failure does not block the next. */
  function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = chains.get(key) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(work);
    const tail = run.catch(() => undefined);
    chains.set(key, tail);
    void tail.then(() => {
      if (chains.get(key) === tail) chains.delete(key);
    });
    return run;
  }

  return {
    load,
    update(roundId, unitId, change) {
      return serialized(`${roundId}/${unitId}`, async () => {
        const report = await load(roundId, unitId);
        const result = change(report);
        if (result.changed) await (await open(roundId, unitId)).write('draft', result.draft);
        return result;
      });
    },
    async setPrevious(roundId, unitId, previous) {
      await serialized(`${roundId}/${unitId}`, async () =>
        (await open(roundId, unitId)).write('previous', previous),
      );
    },
  };
}
