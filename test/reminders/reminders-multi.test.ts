/**
 * Two bot processes on one PostgreSQL database tick the same morning at the same moment: each reminder of the
 * slot is queued once, by whichever process takes the round's lock first; the other finds the slot handled.
 */
import { pino } from 'pino';
import { ReminderScheduler, type ReminderOutbox } from '../../src/reminders/scheduler.js';
import { reminderRecords } from '../../src/reminders/records.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { storeBackends, type Backend } from '../storage/backends.js';
import { fanoutRound } from './fanout-fixture.js';
import { bj } from './season-fixture.js';

const [, [, postgres]] = storeBackends();
const PEOPLE = 12;

describe('reminders of two processes on one database', () => {
  let b: Backend;
  afterEach(() => b?.cleanup());

  it('queues each reminder of a slot once when both tick it at the same moment', async () => {
    b = await postgres();
    const { users, round } = fanoutRound(PEOPLE);
    const queued: string[] = [];
    // Each queueing yields, as a real outbox's store write does, so the two ticks interleave.
    const outbox: ReminderOutbox = {
      async sendCard(_openId, _card, key) {
        await new Promise((r) => setImmediate(r));
        queued.push(key!);
        return key!;
      },
    };
    const calendar = createWorkdayCalendar();
    const log = pino({ level: 'silent' });
    const [one, two] = [await b.open(), await b.open()];
    await roundRepo(one).save(round);
    const schedulers = [one, two].map((storage) => new ReminderScheduler({ storage, outbox, log, calendar }));

    const now = bj('2025-01-15T09:30');
    const reports = await Promise.all(schedulers.map((s) => s.tick(now)));

    const owed = users.filter((u) => u.open_id.startsWith('ou_fan0')).length;
    expect(queued).toHaveLength(owed);
    expect(new Set(queued).size).toBe(owed);
    expect(reports.flatMap((r) => r.sent)).toHaveLength(owed);
    expect(await reminderRecords(two).allSent(round.id)).toHaveLength(owed);
  });
});
