/**
 * Fan-out through the outbox against the emulator with Feishu's rate limits enforced (50/s and 1000/min per
 * app, 5/s per user) and faults injected (5xx, 429, answers lost after the message was created): every
 * reminder arrives exactly once. 2,000 reminders, as the issue asks: Feishu's 1,000/min per app makes that at
 * least ~79 s, so this is the suite's longest test; it asserts delivery, not time (`npm run bench:fanout` prints
 * the figures).
 */
import { reminderRecords } from '../../src/reminders/records.js';
import { fanoutRound, fanoutScheduler, fastestAllowedSeconds } from '../reminders/fanout-fixture.js';
import { botCards, startRig, type Rig } from '../reminders/rig.js';
import { bj } from '../reminders/season-fixture.js';

const PEOPLE = 2000;

describe('reminder fan-out', () => {
  const { users, round } = fanoutRound(PEOPLE);
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(users);
  });
  afterAll(() => rig.close());

  it(`delivers ${PEOPLE} reminders exactly once under Feishu's limits, 5xx, 429 and lost answers`, async () => {
    const { side, scheduler } = await fanoutScheduler(rig, round);
    rig.emu.setFaults({
      enforceRateLimits: true,
      error5xxRate: 0.05,
      rateLimitRate: 0.01,
      lostResponseRate: 0.05,
      seed: 7,
    });
    const started = Date.now();
    const report = await scheduler.tick(bj('2025-01-15T09:30'));
    const queuedMs = Date.now() - started;
    expect(report.sent).toHaveLength(PEOPLE);
    side.outbox.start();
    await side.outbox.drained();
    const seconds = (Date.now() - started) / 1000;
    const stats = rig.emu.stats();
    rig.emu.setFaults({});

    const counts = users.slice(0, PEOPLE).map((u) => botCards(rig.emu, u.open_id).length);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    expect(await reminderRecords(side.storage).allSent('fanout')).toHaveLength(PEOPLE);
    // The faults really happened (each answered by a retry with the same uuid).
    expect(stats.rejected5xx).toBeGreaterThan(0);
    expect(stats.rejected429).toBeGreaterThan(0);
    // A second tick the same morning (a timer firing again) queues nothing.
    expect((await scheduler.tick(bj('2025-01-15T09:40'))).sent).toEqual([]);
    console.log(
      `fan-out ${PEOPLE}: planned+queued in ${queuedMs} ms, all delivered in ${seconds.toFixed(1)} s ` +
        `(fastest Feishu allows ≈ ${fastestAllowedSeconds(PEOPLE)} s); ` +
        `emulator answered 5xx ×${stats.rejected5xx}, 429 ×${stats.rejected429}`,
    );
  }, 400_000);
});
