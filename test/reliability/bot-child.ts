/**
 * The bot in its own process, so a test can `kill -9` it: reads its settings from NIANBAO_CHILD (JSON
 * {feishu, dataDir, databaseUrl?}), starts the real bot on 127.0.0.1 port 0 and prints `WEBHOOK <url>` on stdout.
 * Afterwards each stdin line `<id> TICK <ms>` runs one reminder tick at that instant (a season on a fake clock,
 * the bot's own timer stays off) and `<id> SENDING` asks whether this process is the one sending to Feishu; each
 * is answered `REPLY <id> <json>` on stdout.
 */
import { pino } from 'pino';
import type { FeishuSettings } from '../../src/config.js';
import { startBot } from '../../src/server/bot.js';
import { failWrites, healDisk } from '../storage/disk-faults.js';

const o = JSON.parse(process.env.NIANBAO_CHILD ?? '{}') as {
  feishu: FeishuSettings;
  dataDir: string;
  databaseUrl?: string;
  outbox?: Record<string, number>;
};
// Logs go to stderr: stdout carries only the lines the parent reads (WEBHOOK, REPLY).
const log = pino({ level: process.env.NIANBAO_CHILD_LOG ?? 'warn' }, pino.destination(2));
const bot = await startBot({
  feishu: o.feishu,
  dataDir: o.dataDir,
  ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
  host: '127.0.0.1',
  port: 0,
  log,
  outbox: { baseDelayMs: 20, maxDelayMs: 200, ...o.outbox },
  // Reminders are not what these tests are about; their messages would only add noise to the chats.
  startReminders: false,
  // The emulator's 3 s is the limit here: an answer the machine makes late counts as lost, never as 「已收到」.
  callbackDeadlineMs: 8_000,
  // LibreOffice takes seconds of CPU per report; the PDF is not what these tests are about.
  pdf: false,
});
// SIGUSR2 fills the disk (every write fails with ENOSPC) or empties it again: a failing disk under a live bot.
let full = false;
process.on('SIGUSR2', () => {
  full = !full;
  if (full) failWrites('ENOSPC');
  else healDisk();
});
// The test process that started this one died (a jest worker stopped at a timeout): no orphan bot left running.
process.stdin.on('end', () => process.exit(1));
let input = '';
process.stdin.setEncoding('utf8').on('data', (chunk: string) => {
  input += chunk;
  let nl: number;
  while ((nl = input.indexOf('\n')) >= 0) {
    const [id, verb, arg] = input.slice(0, nl).split(' ');
    input = input.slice(nl + 1);
    const reply = (json: object) => process.stdout.write(`REPLY ${id} ${JSON.stringify(json)}\n`);
    if (verb === 'SENDING') reply({ sending: bot.outbox.sending() });
    if (verb === 'TICK')
      void bot.reminders.tick(Number(arg)).then(
        (r) => reply({ sent: r.sent.length }),
        (e: unknown) => reply({ error: String(e) }),
      );
  }
});
process.stdout.write(`WEBHOOK ${bot.webhookUrl}\n`);
process.once('SIGTERM', () => void bot.close().finally(() => process.exit(0)));
