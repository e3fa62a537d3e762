/**
 * The one critical section of a report. Every change of a report's draft (filling, chat text, last year's
 * answers) and of its approval (submit, decide, withdraw) runs in it, one at a time per report: a save can
 * never land between the submission's read of the draft and the freeze of that draft as a version, and two
 * fillers or two approvers never both read the old state (issue 9).
 *
 * It is the storage's lock `report/<round>/<unit>`: in one process with lowdb, across every process with
 * PostgreSQL, where the section is also one transaction, so a report's draft, its approval and the messages
 * queued with them are stored together or not at all. Work running in the section may ask for it again.
 */
import type { Storage } from '../../storage/store.js';

/** Runs `work` when no other work of the same report is running, and resolves with its result. */
export function inReportLock<T>(
  storage: Storage,
  roundId: string,
  unitId: string,
  work: () => Promise<T>,
): Promise<T> {
  return storage.lock(`report/${roundId}/${unitId}`, work);
}
