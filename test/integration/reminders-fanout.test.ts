/**
 * Fan-out through the outbox against the emulator with Feishu's rate limits enforced (50/s and 1000/min per
 * app, 5/s per user) and faults injected (5xx, 429, answers lost after the message was created): every one of
 * the 2,000 reminders arrives exactly once, and the delivered messages never break a limit. The outbox,
 * its pacer and the emulator's rate windows share one clock the test moves, so the ~80 s Feishu's limits impose
 * pass in seconds; `npm run bench:fanout` runs the same fan-out in real time and prints the figures.
 */
import { reminderRecords } from '../../src/reminders/records.js';
import {
  drainOnClock,
  fanoutRound,
  fanoutScheduler,
  fastestAllowedSeconds,
  limitsBroken,
  manualClock,
} from '../reminders/fanout-fixture.js';
import { botCards, startRig, type Rig } from '../reminders/rig.js';
import { bj } from '../reminders/season-fixture.js';

const PEOPLE = 2000;

describe('reminder fan-out', () => {
  const { users, round } = fanoutRound(PEOPLE);
  const clock = manualClock(bj('2025-01-15T09:30'));
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(users, { now: clock.now });
  });
  afterAll(() => rig.close());

  it(`delivers ${PEOPLE} reminders exactly once under Feishu's limits, 5xx, 429 and lost answers`, async () => {
    // The bot's own retry backoff (1 s doubling to 60 s): on this clock it costs no real time.
    const { side, scheduler } = await fanoutScheduler(rig, round, {
      now: clock.now,
      baseDelayMs: 1_000,
      maxDelayMs: 60_000,
    });
    rig.emu.setFaults({
      enforceRateLimits: true,
      error5xxRate: 0.05,
      rateLimitRate: 0.01,
      lostResponseRate: 0.05,
      seed: 7,
    });
    const started = clock.now();
    const report = await scheduler.tick(started);
    expect(report.sent).toHaveLength(PEOPLE);
    const rounds = await drainOnClock(side.outbox, clock);
    const seconds = (clock.now() - started) / 1000;
    const stats = rig.emu.stats();
    rig.emu.setFaults({});

    expect(side.outbox.pending()).toBe(0);
    const cards = users.slice(0, PEOPLE).map((u) => botCards(rig.emu, u.open_id));
    expect(cards.map((c) => c.length).filter((n) => n !== 1)).toEqual([]);
    expect(await reminderRecords(side.storage).allSent('fanout')).toHaveLength(PEOPLE);
    // Judged on the clock the emulator stamped them with: no second, minute or person got more than allowed,
    // and the whole took no less than those limits allow (the clock really paced the sends)…
    const delivered = cards.flatMap((c, i) => c.map((m) => ({ to: users[i].open_id, at: m.create_time })));
    expect(limitsBroken(delivered)).toEqual([]);
    expect(seconds).toBeGreaterThanOrEqual(fastestAllowedSeconds(PEOPLE));
    // …and a check that would notice: the same sends squeezed into half the time break the limits.
    const squeezed = delivered.map((m) => ({ ...m, at: started + (m.at - started) / 2 }));
    expect(limitsBroken(squeezed)).not.toEqual([]);
    // The faults really happened (each answered by a retry with the same uuid).
    expect(stats.rejected5xx).toBeGreaterThan(0);
    expect(stats.rejected429).toBeGreaterThan(0);
    // A second tick the same morning (a timer firing again) queues nothing.
    expect((await scheduler.tick(bj('2025-01-15T09:40'))).sent).toEqual([]);
    console.log(
      `fan-out ${PEOPLE}: all delivered by ${seconds.toFixed(1)} s on the test's clock in ${rounds} outbox rounds ` +
        `(fastest Feishu allows ≈ ${fastestAllowedSeconds(PEOPLE)} s); ` +
        `emulator answered 5xx ×${stats.rejected5xx}, 429 ×${stats.rejected429}`,
    );
  }, 120_000);
});
