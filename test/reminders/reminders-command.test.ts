/**
 * `nianbao reminders plan` as the admin uses it: runReminders with a buffer, and the real program in a
 * child process once the command is registered in src/cli/main.ts.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../../src/cli/io.js';
import { runReminders } from '../../src/cli/reminders-command.js';
import { bufferIO } from '../support/buffer-io.js';

const SPRING_FESTIVAL_2025 = [
  '2025-01-15T09:30:00+08:00',
  '2025-01-22T09:30:00+08:00',
  '2025-01-24T09:30:00+08:00',
  '2025-01-26T09:30:00+08:00',
  '2025-01-27T09:30:00+08:00',
  '2025-02-05T09:30:00+08:00',
  '2025-02-06T09:30:00+08:00',
  '2025-02-07T09:30:00+08:00',
  '2025-02-08T09:30:00+08:00',
  '2025-02-10T09:30:00+08:00',
];

describe('runReminders', () => {
  it('prints the default plan for 31 January 2025, one ISO time a line', async () => {
    const io = bufferIO();
    expect(await runReminders(['plan', '--deadline', '2025-01-31'], io)).toBe(0);
    expect(io.stdout).toBe(SPRING_FESTIVAL_2025.join('\n') + '\n');
    expect(io.stderr).toBe('');
  });

  it('uses --time', async () => {
    const io = bufferIO();
    expect(await runReminders(['plan', '--deadline', '2025-01-31', '--time', '08:15'], io)).toBe(0);
    expect(io.stdout.split('\n')[0]).toBe('2025-01-15T08:15:00+08:00');
  });

  it('warns on stderr when the calendar does not know the year, and still prints a plan', async () => {
    const io = bufferIO();
    expect(await runReminders(['plan', '--deadline', '2031-01-31'], io)).toBe(0);
    expect(io.stderr).toContain('日历还不知道 2031 年的法定节假日和调休安排');
    expect(io.stdout.trim().split('\n')).toHaveLength(11);
  });

  it('takes --holiday and --workday for such a year, and stops warning', async () => {
    const io = bufferIO();
    const args = ['plan', '--deadline', '2031-01-31', '--holiday', '2031-01-30', '--holiday', '2031-01-31'];
    expect(await runReminders([...args, '--workday', '2031-01-26'], io)).toBe(0);
    expect(io.stderr).toBe('');
    const lines = io.stdout.trim().split('\n');
    // 1 before = Wednesday 29 Jan; 调休 Sunday 26 Jan is 4 before; the holiday deadline has no reminder.
    expect(lines.slice(2, 5)).toEqual([
      '2031-01-27T09:30:00+08:00',
      '2031-01-28T09:30:00+08:00',
      '2031-01-29T09:30:00+08:00',
    ]);
    expect(lines).not.toContain('2031-01-31T09:30:00+08:00');
    expect(lines[5]).toBe('2031-02-03T09:30:00+08:00');
  });

  it('answers a bad date in Chinese with exit code 2', async () => {
    for (const args of [
      ['plan', '--deadline', '2025-02-30'],
      ['plan', '--deadline', '31/01/2025'],
      ['plan', '--deadline', '2025-01-31', '--holiday', 'tomorrow'],
      ['plan', '--deadline', '2025-01-31', '--time', '9点半'],
    ]) {
      const io = bufferIO();
      expect(await runReminders(args, io)).toBe(2);
      expect(io.stdout).toBe('');
      expect(io.stderr).toMatch(/YYYY-MM-DD|HH:mm/);
    }
  });

  it('treats a missing deadline or sub-command as a usage error', async () => {
    await expect(runReminders(['plan'], bufferIO())).rejects.toThrow(UsageError);
    await expect(runReminders(['send', '--deadline', '2025-01-31'], bufferIO())).rejects.toThrow(UsageError);
    await expect(runReminders(['plan', '--deadline'], bufferIO())).rejects.toThrow(UsageError);
  });
});

// The server's own time zone must not move a day: the package's functions did, west of UTC. One child process
// plans under each zone in turn (Node applies a changed TZ at once), so the zones cost one start, not three.
describe('runReminders on a server west of, at and east of UTC', () => {
  it('plans the same Beijing days and times in America/Los_Angeles, UTC and Pacific/Kiritimati', async () => {
    const zones = ['America/Los_Angeles', 'UTC', 'Pacific/Kiritimati'];
    const script = [
      "import { runReminders } from './src/cli/reminders-command.ts';",
      'const plans = {};',
      `for (const tz of ${JSON.stringify(zones)}) {`,
      '  process.env.TZ = tz;',
      "  let out = '';",
      "  await runReminders(['plan', '--deadline', '2025-01-31'], { out: (t) => (out += t), err: () => {} });",
      '  plans[tz] = { out, offset: new Date(2025, 0, 1).getTimezoneOffset() };',
      '}',
      'process.stdout.write(JSON.stringify(plans));',
    ].join('\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    const plans = JSON.parse(stdout) as Record<string, { out: string; offset: number }>;
    // The zones really were in force: three different offsets from UTC.
    expect(new Set(zones.map((z) => plans[z].offset)).size).toBe(3);
    for (const z of zones) expect(plans[z].out).toBe(SPRING_FESTIVAL_2025.join('\n') + '\n');
  });
});

describe('nianbao reminders plan (the real program)', () => {
  const run = promisify(execFile);
  const BIN = resolve('src/cli/nianbao.js');

  it('prints the 2025 plan in Beijing time even on a server set to another time zone', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'reminders', 'plan', '--deadline', '2025-01-31'], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'America/Los_Angeles' },
    });
    expect(stdout).toBe(SPRING_FESTIVAL_2025.join('\n') + '\n');
  });
});
