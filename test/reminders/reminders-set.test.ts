/** `nianbao reminders set`: a round's own plan, saved where the scheduler reads it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runReminders } from '../../src/cli/reminders-command.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { ROUND_A, saveRounds } from './season-fixture.js';
import { bufferIO } from '../support/buffer-io.js';

describe('nianbao reminders set', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-set-'));
    const storage = new LowdbStorage(dir);
    await saveRounds(storage, [ROUND_A]);
    await storage.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stores the changed fields on the round and prints its send times', async () => {
    const io = bufferIO();
    const args = ['set', 'r2024a', '--days-before', '3,1', '--time', '10:00', '--overdue-days', '2'];
    expect(await runReminders([...args, '--data-dir', dir], io)).toBe(0);
    expect(io.stdout.split('\n').slice(1, -1)).toEqual([
      '2025-01-24T10:00:00+08:00',
      '2025-01-27T10:00:00+08:00',
      '2025-02-05T10:00:00+08:00',
      '2025-02-06T10:00:00+08:00',
    ]);
    const storage = new LowdbStorage(dir);
    const round = await roundRepo(storage).get('r2024a');
    await storage.close();
    expect(round).toMatchObject({
      reminders: { plan: { daysBefore: [3, 1], time: '10:00', overdueDays: 2 } },
    });
  });

  it('refuses a plan it cannot use and a round that does not exist, in Chinese', async () => {
    const bad = bufferIO();
    expect(await runReminders(['set', 'r2024a', '--time', '25:00', '--data-dir', dir], bad)).toBe(2);
    expect(bad.stderr).toContain('提醒时间应写成 24 小时制 HH:mm');
    const missing = bufferIO();
    expect(await runReminders(['set', 'nope', '--time', '09:00', '--data-dir', dir], missing)).toBe(2);
    expect(missing.stderr).toContain('找不到轮次 nope');
  });
});
