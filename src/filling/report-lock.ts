/**
 * The one critical section of a report. Every change of a report's draft (filling, chat text, last year's
 * answers) and of its approval (submit, decide, withdraw) runs in it, one at a time per report: a save can
 * never land between the submission's read of the draft and the freeze of that draft as a version, and two
 * fillers or two approvers never both read the old state (issue 9).
 *
 * In-process and keyed by storage (handlers build repos per event, all over the bot's one storage). A second
 * process writing the same data directory is not covered: the database that replaces lowdb gives the same
 * guarantee with row locks (report-change.ts is the seam). Not re-entrant: work running in a report's section
 * must not start another section of the same report, or it waits for itself.
 */
import type { Storage } from '../../storage/store.js';

/** The tail of each report's queue, per storage. */
const QUEUES = new WeakMap<Storage, Map<string, Promise<unknown>>>();

/** Runs `work` when no other work of the same report is running, and resolves with its result. */
export function inReportLock<T>(
  storage: Storage,
  roundId: string,
  unitId: string,
  work: () => Promise<T>,
): Promise<T> {
  let queues = QUEUES.get(storage);
  if (!queues) QUEUES.set(storage, (queues = new Map()));
  const tails = queues;
  const key = `${roundId}/${unitId}`;
  const before = tails.get(key) ?? Promise.resolve();
  // A failed change must not block the next one: the queue goes on from a settled tail.
  const run = before.catch(() => undefined).then(work);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
