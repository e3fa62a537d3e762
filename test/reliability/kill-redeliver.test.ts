/**
 * Issue 14 items 4 and 3: after `kill -9` during concurrent submits, Feishu's redelivery of every submit must not be
 * dropped as 「这个操作已经处理过了」 when nothing was saved, and no acknowledged answer may be missing.
 */
import { killDuringSubmitsAndRedeliver } from './kill-redeliver.js';

describe('kill -9 during concurrent submits, then every submit redelivered', () => {
  it('loses no acknowledged answer, drops no unsaved submit as already processed, and stops on a full disk', async () => {
    // On a busy machine the kill can land after every save: then the redelivery has nothing to prove, and the
    // scenario runs again (at most three times) until the kill cuts some submits off.
    let r = await killDuringSubmitsAndRedeliver({ submits: 16, killAfter: 1, fullDiskAtEnd: true });
    for (let again = 0; again < 2 && r.storedAtKill === r.submits; again++)
      r = await killDuringSubmitsAndRedeliver({ submits: 16, killAfter: 1, fullDiskAtEnd: true });
    expect(r.acknowledged).toBeGreaterThanOrEqual(1);
    // The kill cut some submits off before their save: the redelivery has something to do.
    expect(r.storedAtKill).toBeLessThan(r.submits);
    expect(r.acknowledgedLost).toBe(0);
    expect(r.droppedAsDuplicateUnsaved).toBe(0);
    expect(r.redeliveriesUnanswered).toBe(0);
    // Every submit is stored in the end: the ones the kill cut off were processed on redelivery.
    expect([r.storedAtEnd, r.redeliveryAnswers]).toEqual([r.submits, r.redeliveryAnswers]);
    // Then the disk is full: a tap and a message still get a Chinese answer, and SIGTERM still stops the bot.
    expect(r.fullDisk).toMatchObject({
      tap: expect.stringMatching(/^error: .*没有处理/),
      message: expect.stringContaining('没有处理'),
      graceful: true,
    });
  }, 120_000);
});
