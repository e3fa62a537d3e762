/**
 * The bot in its own process, so a test can `kill -9` it: reads its settings from NIANBAO_CHILD (JSON
 * {feishu, dataDir}), starts the real bot on 127.0.0.1 port 0 and prints `WEBHOOK <url>` on stdout.
 */
import { pino } from 'pino';
import type { FeishuSettings } from '../../src/config.js';
import { startBot } from '../../src/server/bot.js';
import { failWrites, healDisk } from '../storage/disk-faults.js';

const o = JSON.parse(process.env.NIANBAO_CHILD ?? '{}') as { feishu: FeishuSettings; dataDir: string };
// Logs go to stderr: stdout carries only the line the parent waits for.
const log = pino({ level: process.env.NIANBAO_CHILD_LOG ?? 'warn' }, pino.destination(2));
const bot = await startBot({
  feishu: o.feishu,
  dataDir: o.dataDir,
  host: '127.0.0.1',
  port: 0,
  log,
  outbox: { baseDelayMs: 20, maxDelayMs: 200 },
  // Reminders are not what these tests are about; their messages would only add noise to the chats.
  startReminders: false,
  // The emulator's 3 s is the limit here: an answer the machine makes late counts as lost, never as 「已收到」.
  callbackDeadlineMs: 8_000,
});
// SIGUSR2 fills the disk (every write fails with ENOSPC) or empties it again: a failing disk under a live bot.
let full = false;
process.on('SIGUSR2', () => {
  full = !full;
  if (full) failWrites('ENOSPC');
  else healDisk();
});
// The test process that started this one died (a jest worker stopped at a timeout): no orphan bot left running.
process.stdin.on('end', () => process.exit(1)).resume();
process.stdout.write(`WEBHOOK ${bot.webhookUrl}\n`);
process.once('SIGTERM', () => void bot.close().finally(() => process.exit(0)));
