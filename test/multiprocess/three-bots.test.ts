/**
 * Three bot processes on one PostgreSQL behind one address (issue 13): events and taps with a fifth delivered a
 * second time to another process, a season of reminders ticked on all three at once, every filler submitting at
 * once while the process sending to Feishu is killed with SIGKILL. Every effect happens exactly once.
 *
 * `npm test` runs it with 8 fillers (about 130 pushes); `npm run test:multiprocess` with the 30 fillers
 * and over 1,000 pushes (NIANBAO_MULTIPROCESS=full), and prints the figures.
 */
import { killAllBotProcesses } from '../reliability/bot-process.js';
import { postgresForTests } from '../support/postgres.js';
import { runThreeBots, type ThreeBotsResult } from './three-bots.js';

const FULL = process.env.NIANBAO_MULTIPROCESS === 'full';
const FILLERS = FULL ? 30 : 8;
/** each save is three pushes (填报, open section 二, save its table) */
const SAVES = FULL ? 11 : 5;

describe('three bot processes on one database', () => {
  const pg = postgresForTests();
  let r: ThreeBotsResult;
  beforeAll(
    async () => {
      r = await runThreeBots({
        databaseUrl: await pg.fresh(),
        fillers: FILLERS,
        saves: SAVES,
        redeliverShare: 0.2,
        killAfterSubmits: Math.floor(FILLERS / 3),
        // The process sending to Feishu: its queued messages must go out from another one.
        pickVictim: async (bots) =>
          Math.max(0, (await Promise.all(bots.map((b) => b.sending()))).indexOf(true)),
        // A dead sender's jobs are taken again after this lease (30 s in production).
        outbox: { leaseMs: 1_500 },
        log: (line) => void (FULL || process.env.NIANBAO_TEST_LOG ? console.log(line) : undefined),
      });
      if (FULL)
        console.log(
          JSON.stringify({ ...r, redeliveryAnswersDiffering: r.redeliveryAnswersDiffering.length }, null, 1),
        );
    },
    FULL ? 600_000 : 150_000,
  );
  afterAll(() => killAllBotProcesses());

  it('takes every push, a fifth of them delivered twice to different processes', () => {
    expect(r.failedInteractions).toEqual([]);
    expect(r.pushes).toBeGreaterThanOrEqual(FULL ? 1000 : 120);
    expect(r.redeliveries).toBeGreaterThanOrEqual(r.pushes * 0.15);
  });

  it('answers a redelivered tap exactly as the first delivery was answered', () => {
    expect(r.redeliveryAnswersDiffering).toEqual([]);
  });

  it('answers every chat message once and stores every acknowledged save and submit once', () => {
    expect(r.answersReceived).toBe(r.messagesSent);
    expect(r.unexpectedMessages).toEqual([]);
    expect(r.savesLost).toBe(0);
    expect(r.submitsAcknowledged).toBeGreaterThanOrEqual(Math.floor(FILLERS / 3));
    expect(r.submitsLost).toBe(0);
    expect(r.submittedTwice).toBe(0);
    expect(r.reportsSubmitted).toBe(FILLERS);
  });

  it('delivers every queued message once although the sending process died: a review card and a Word file per report', () => {
    expect(r.reviewCards).toBe(FILLERS);
    expect(r.reviewFiles).toBe(FILLERS);
  });

  it('sends each reminder of the season once although three processes ticked every day', () => {
    expect(r.remindersRecorded).toBeGreaterThan(FILLERS * 5);
    expect(r.remindersQueuedByTicks).toBe(r.remindersRecorded);
    expect(r.reminderCards).toBe(r.remindersRecorded);
    expect(r.reminderMismatches).toEqual([]);
  });

  it("never exceeds Feishu's message limits in sum", () => {
    expect(r.limitsBroken).toEqual([]);
    expect(r.rejected429).toBe(0);
  });
});
