/**
 * A report's draft in storage: one collection per report (`reports/<round>/<unit>`), so saving one answer
 * rewrites one small file whatever the number of reports (design.md "Storage that stays fast").
 * Updates run in the report's critical section (report-lock.ts), shared with its approval: two fillers of a
 * unit submitting at the same moment must not both read the old draft and lose one another's answers, and no
 * save lands while the report is being submitted.
 */
import type { Storage, Store } from '../../storage/store.js';
import type { Answers } from '../report/template.js';
import { newDraft, type ReportDraft } from './draft.js';
import { inReportLock } from './report-lock.js';

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

const openReport = (storage: Storage, roundId: string, unitId: string): Promise<Store<ReportItem>> =>
  storage.open<ReportItem>(`reports/${roundId}/${unitId}`, SCHEMA);

/** Stores the draft as is: only for code already in the report's critical section (report-change.ts). */
export async function writeDraftInLock(
  storage: Storage,
  roundId: string,
  unitId: string,
  draft: ReportDraft,
): Promise<void> {
  await (await openReport(storage, roundId, unitId)).write('draft', draft);
}

/** Drafts kept in `storage`. */
export function draftRepo(storage: Storage): DraftRepo {
  const open = (roundId: string, unitId: string) => openReport(storage, roundId, unitId);

  async function load(roundId: string, unitId: string): Promise<StoredReport> {
    const store = await open(roundId, unitId);
    const previous = (await store.read('previous')) as Answers | undefined;
    const draft = ((await store.read('draft')) as ReportDraft | undefined) ?? newDraft(previous);
    return previous ? { draft, previous } : { draft };
  }

  return {
    load,
    update(roundId, unitId, change) {
      return inReportLock(storage, roundId, unitId, async () => {
        const report = await load(roundId, unitId);
        const result = change(report);
        if (result.changed) await writeDraftInLock(storage, roundId, unitId, result.draft);
        return result;
      });
    },
    async setPrevious(roundId, unitId, previous) {
      await inReportLock(storage, roundId, unitId, async () =>
        (await open(roundId, unitId)).write('previous', previous),
      );
    },
  };
}
