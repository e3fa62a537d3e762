/**
 * A shutdown (a deploy's SIGTERM) lets every event being handled finish and store its effects before storage
 * closes: nothing a person sent is lost because the bot was restarted at that moment.
 */
import { fileIo } from '../../storage/file-io.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { botMessages, startPair, type Pair } from './harness.js';

describe('shutting the bot down while it handles a message', () => {
  let pair: Pair;
  const realWrite = fileIo.writeFile;
  afterEach(async () => {
    fileIo.writeFile = realWrite;
    await pair.close();
  });

  it('the reply is stored before close() resolves and sent after the restart', async () => {
    pair = await startPair();
    const user = DEMO.filler.open_id;
    let closed = false;
    let outboxWriteStarted!: () => void;
    const started = new Promise<void>((r) => (outboxWriteStarted = r));
    // The outbox's save of the reply is slow; a write that would land after close() is lost, as when the
    // process exits right after it.
    fileIo.writeFile = async (file, data) => {
      if (!file.includes('outbox')) return realWrite(file, data);
      outboxWriteStarted();
      await new Promise((r) => setTimeout(r, 300));
      if (closed) throw new Error('the process has exited');
      return realWrite(file, data);
    };
    const sending = pair.emu.sendText(user, '帮助').catch(() => undefined);
    await started;
    await pair.bot.close();
    closed = true;
    fileIo.writeFile = realWrite;
    await sending;

    await pair.restart();
    const msgs = await pair.emu.waitForMessages(user, (m) => botMessages(m).length >= 1, 10_000);
    expect(botMessages(msgs).length).toBeGreaterThanOrEqual(1);
  });
});
