/**
 * What the scheduler has done, in storage, per round: which slots were handled (sent or dropped), which
 * reminders were queued (one record per key, one collection per round and day), and who asked 「明天再提醒我」.
 * Small collections, so a season of thousands of reminders a day never makes one file every write rewrites.
 */
import type { Storage, Store } from '../../storage/store.js';
import type { ReminderKind } from './audience.js';

/** A slot the scheduler has dealt with; never dealt with again. */
export interface SlotRecord {
  date: string;
  at: string;
  /** sent: the day's reminders were queued; dropped: the slot passed on an earlier day while the bot was down */
  status: 'sent' | 'dropped';
  reminders: number;
  decidedAt: string;
}

/** One queued reminder; its key is also the outbox key, so Feishu's uuid deduplicates a resend. */
export interface ReminderRecord {
  key: string;
  kind: ReminderKind;
  to: string;
  unitId?: string;
  date: string;
  at: string;
  outboxId: string;
  queuedAt: string;
}

/** 「明天再提醒我」: no reminder of the round for this person before `until`'s slot. */
export interface SnoozeRecord {
  openId: string;
  until: string;
  askedAt: string;
}

const SCHEMA = { version: 1 };

export interface ReminderRecords {
  slot(roundId: string, date: string): Promise<SlotRecord | undefined>;
  markSlot(roundId: string, slot: SlotRecord): Promise<void>;
  sent(roundId: string, date: string, key: string): Promise<ReminderRecord | undefined>;
  recordSent(roundId: string, record: ReminderRecord): Promise<void>;
  /** every reminder queued for the round, day by day, in the order queued */
  allSent(roundId: string): Promise<ReminderRecord[]>;
  /** the reminders queued for the round on one Beijing day (the scheduler's and the admins' 催办) */
  sentOn(roundId: string, date: string): Promise<ReminderRecord[]>;
  snoozes(roundId: string): Promise<Map<string, string>>;
  snooze(roundId: string, record: SnoozeRecord): Promise<void>;
}

/** The scheduler's records in `storage`. */
export function reminderRecords(storage: Storage): ReminderRecords {
  const open = <T>(roundId: string, what: 'slots' | 'snoozes' | `sent/${string}`): Promise<Store<T>> =>
    storage.open<T>(`reminders/${roundId}/${what}`, SCHEMA);
  return {
    slot: async (roundId, date) => (await open<SlotRecord>(roundId, 'slots')).read(date),
    markSlot: async (roundId, slot) => (await open<SlotRecord>(roundId, 'slots')).write(slot.date, slot),
    sent: async (roundId, date, key) => (await open<ReminderRecord>(roundId, `sent/${date}`)).read(key),
    recordSent: async (roundId, record) =>
      (await open<ReminderRecord>(roundId, `sent/${record.date}`)).write(record.key, record),
    async allSent(roundId) {
      const days = await storage.list(`reminders/${roundId}/sent/`);
      const all: ReminderRecord[] = [];
      for (const name of days)
        all.push(...(await (await storage.open<ReminderRecord>(name, SCHEMA)).entries()).map(([, r]) => r));
      return all;
    },
    async sentOn(roundId, date) {
      // Listed first: asking about a day nothing was sent on must not create its file.
      const name = `reminders/${roundId}/sent/${date}`;
      if (!(await storage.list(`reminders/${roundId}/sent/`)).includes(name)) return [];
      return (await (await open<ReminderRecord>(roundId, `sent/${date}`)).entries()).map(([, r]) => r);
    },
    async snoozes(roundId) {
      const entries = await (await open<SnoozeRecord>(roundId, 'snoozes')).entries();
      return new Map(entries.map(([, s]) => [s.openId, s.until]));
    },
    snooze: async (roundId, record) =>
      (await open<SnoozeRecord>(roundId, 'snoozes')).write(record.openId, record),
  };
}
