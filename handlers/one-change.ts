/**
 * An event's writes and the messages it queues are one change of the storage: with PostgreSQL one transaction,
 * so a process killed half-way through an event leaves nothing of it, and the redelivery (to this process or
 * another) starts afresh instead of finding a decision made and its messages never queued. Locks taken inside
 * (a report's, a round's) join it and are held until it ends. Work started to go on after the answer (a Word
 * file, a late answer) runs after the change and stores on its own.
 */
import type { HandlerDeps } from './types.js';

/** Runs an event's handling as one change of `deps.storage`. */
export function asOneChange<T>(
  deps: Pick<HandlerDeps, 'storage' | 'eventId'>,
  work: () => Promise<T>,
): Promise<T> {
  return deps.storage.lock(`event/${deps.eventId}`, work);
}
