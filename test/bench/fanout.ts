/**
 * `npm run bench:fanout [N]`: N (default 2,000) reminders from one scheduler tick, through the outbox, to the
 * emulator with Feishu's message limits enforced (50/s and 1000/min per app, 5/s per user). Prints the time
 * taken against the fastest those limits allow, and checks every reminder arrived exactly once. `--faults` adds
 * the test's 5xx, 429 and lost answers. This is the real-time run: the suite's fan-out test sends the same
 * reminders on a clock it moves itself, so it proves delivery under the limits in seconds but not the time.
 */
import { fanoutRound, fanoutScheduler, fastestAllowedSeconds } from '../reminders/fanout-fixture.js';
import { botCards, startRig } from '../reminders/rig.js';

const people = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 2000);
const faults = process.argv.includes('--faults');
const { users, round } = fanoutRound(people);
const rig = await startRig(users);
try {
  const { side, scheduler } = await fanoutScheduler(rig, round);
  rig.emu.setFaults({
    enforceRateLimits: true,
    ...(faults ? { error5xxRate: 0.05, rateLimitRate: 0.01, lostResponseRate: 0.05, seed: 11 } : {}),
  });
  const started = Date.now();
  const report = await scheduler.tick(Date.parse('2025-01-15T09:30:00+08:00'));
  const queued = Date.now() - started;
  side.outbox.start();
  let last = 0;
  const progress = setInterval(() => {
    const done = people - side.outbox.pending();
    if (done !== last)
      console.log(`  ${((Date.now() - started) / 1000).toFixed(0)} s: ${done}/${people} delivered`);
    last = done;
  }, 10_000);
  await side.outbox.drained();
  clearInterval(progress);
  const seconds = (Date.now() - started) / 1000;
  const stats = rig.emu.stats();
  const counts = users.slice(0, people).map((u) => botCards(rig.emu, u.open_id).length);
  const missing = counts.filter((n) => n === 0).length;
  const twice = counts.filter((n) => n > 1).length;
  const fastest = fastestAllowedSeconds(report.sent.length);
  console.log(
    [
      `reminders planned and queued: ${report.sent.length} in ${queued} ms`,
      `delivered: ${counts.filter((n) => n === 1).length} exactly once, ${missing} missing, ${twice} more than once`,
      `time taken: ${seconds.toFixed(1)} s; fastest Feishu's limits allow: ${fastest} s ` +
        `(50/s, and the 1001st message must wait for the first to leave the 1-minute window)`,
      `overhead against the limit: ${(seconds - fastest).toFixed(1)} s ` +
        (faults
          ? '(retries of 5xx, 429 and lost answers use the same limits, and each 429 pauses all sends)'
          : '(the pacer pads each window by 10 %, and counts a call until its answer arrives)'),
      `emulator answered 429 ×${stats.rejected429}, 5xx ×${stats.rejected5xx}${faults ? ' (faults injected)' : ''}`,
    ].join('\n'),
  );
  await side.close();
  if (missing || twice) process.exitCode = 1;
} finally {
  await rig.close();
}
