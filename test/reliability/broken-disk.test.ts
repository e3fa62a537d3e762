/**
 * Issue 14 item 3 through the real bot and the emulator: with the reports folder failing, a submit is answered
 * as not saved and the next tap shows what is really stored (not the value that was lost); the admin's log says
 * why with the event id; with the whole data folder failing, taps and messages still get a Chinese answer in
 * time (not Feishu's 「机器人暂未响应」), and the bot still shuts down.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import type { Pair } from '../server/harness.js';
import {
  by,
  inputsOf,
  Person,
  startFilling,
  stepOf,
  ZHANG,
  type Screen,
} from '../integration/fill-helpers.js';
import { failWrites, healDisk } from '../storage/disk-faults.js';

let pair: Pair;
let roundId: string;
let unitId: string;
let zhang: Person;

beforeAll(async () => {
  ({ pair, roundId, unitId } = await startFilling());
  zhang = new Person(pair, ZHANG);
});
afterAll(async () => {
  healDisk();
  await pair?.close();
});

async function openTable2(): Promise<Screen> {
  const s = await zhang.fill();
  await zhang.tap(s, by.action('open_section', { section: 's2' }));
  expect(stepOf(s.card)?.step).toBe('s2.table');
  return s;
}

/** Table 二's ten inputs, each a distinct number from `seed`. */
const values = (s: Screen, seed: number) =>
  Object.fromEntries(
    Object.keys(inputsOf(s.card)).map((k, i) => [k, k.includes('fee') ? `${seed}.5` : String(seed * 10 + i)]),
  );

async function storedTable2(keys: string[]) {
  const answers = (await draftRepo(new LowdbStorage(pair.dataDir)).load(roundId, unitId)).draft.answers;
  return Object.fromEntries(keys.map((k) => [k, String(answers[k] ?? '')]));
}

describe('a failing disk under the running bot', () => {
  it('answers a failed save as not saved, keeps showing what is stored, and logs why with the event id', async () => {
    let s = await openTable2();
    const saved = values(s, 1);
    expect((await zhang.tap(s, by.action('submit_step'), saved)).toast?.type).toBe('success');

    // The report's file cannot be written (its temp file is a directory: a real failure, also as root).
    s = await openTable2();
    const temp = path.join(pair.dataDir, 'reports', roundId, `.${unitId}.json.tmp`);
    await mkdir(temp);
    const lost = await zhang.tap(s, by.action('submit_step'), values(s, 2));
    expect(lost.toast).toEqual({ type: 'error', content: expect.stringContaining('没有保存') });
    expect(lost.toast?.content).toContain('再提交一次');
    await rm(temp, { recursive: true });
    // The next tap shows what is stored, which is what a restart would show.
    s = await openTable2();
    expect(inputsOf(s.card)).toEqual(saved);
    expect(await storedTable2(Object.keys(saved))).toEqual(saved);

    // A full disk: the admin's log names the cause and the event.
    failWrites('ENOSPC', (f) => f.includes(`${path.sep}reports${path.sep}`));
    const full = await zhang.tap(s, by.action('submit_step'), values(s, 3));
    healDisk();
    expect(full.toast?.content).toContain('没有保存');
    const line = pair.lines.find((l) => l.reason === 'disk full');
    expect(line).toMatchObject({ level: 50, code: 'ENOSPC', event_id: expect.any(String) });
    expect(await storedTable2(Object.keys(saved))).toEqual(saved);
  });

  it('with the whole data folder read-only, a tap and a message get a Chinese apology in time', async () => {
    const s = await openTable2();
    failWrites('EROFS');
    try {
      // Person.tap throws on Feishu's 「机器人暂未响应」 (an HTTP 500 or no answer in time).
      const tapped = await zhang.tap(s, by.action('submit_step'), values(s, 4));
      expect(tapped.toast).toEqual({ type: 'error', content: expect.stringContaining('没有处理') });
      const [reply] = await zhang.say('填报');
      expect(JSON.stringify(reply.content)).toContain('没有处理');
      expect(pair.lines.some((l) => l.reason === 'read-only file system' && l.event_id)).toBe(true);
      // Shutting down (what SIGTERM runs) is not stopped by the broken disk.
      const t0 = Date.now();
      await pair.bot.close();
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      healDisk();
    }
  });
});
