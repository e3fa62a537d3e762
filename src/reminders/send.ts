/**
 * Queueing reminders exactly once, for the scheduler and for an admin's 催办 alike: each reminder goes into the
 * outbox under its key (the key is also Feishu's uuid), and only then is it recorded. A crash in between
 * queues it again under the same key, which the outbox stores once and Feishu deduplicates; recording first
 * could lose it.
 */
import { reminderCard } from '../../cards/reminder-card.js';
import { outboxIdFor } from '../feishu/outbox.js';
import type { Reminder } from './audience.js';
import type { ReminderRecords } from './records.js';

/** The part of the outbox reminders use. */
export interface ReminderOutbox {
  sendCard(openId: string, card: object, key?: string): Promise<string>;
}

/** Queues and records one reminder of a round; `now` (ms) is when it was queued. */
export async function queueReminder(
  records: ReminderRecords,
  outbox: ReminderOutbox,
  roundId: string,
  r: Reminder,
  now: number,
): Promise<void> {
  await outbox.sendCard(r.to, reminderCard(r), r.key);
  await records.recordSent(roundId, {
    key: r.key,
    kind: r.kind,
    to: r.to,
    ...('unitId' in r ? { unitId: r.unitId } : {}),
    date: r.date,
    at: r.at,
    outboxId: outboxIdFor(r.key),
    queuedAt: new Date(now).toISOString(),
  });
}
