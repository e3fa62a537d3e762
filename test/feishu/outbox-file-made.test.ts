/**
 * A Word file queued before the callback's answer (with what it is made from) whose process is killed before
 * the file exists is still delivered: on lowdb, the restarted bot finds the job and makes the file itself
 * from the stored version (issue 13: kill -9 loses no acknowledged answer).
 */
import path from 'node:path';
import pino from 'pino';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { makeApprovalFile } from '../../src/approval/file-maker.js';
import type { Emulator } from '../../src/emulator/index.js';
import { Outbox } from '../../src/feishu/outbox.js';
import {
  apiOf,
  filesOfApprover,
  queueAndDie,
  startFeishu,
  storeSubmittedVersion,
  UNIT,
  until,
} from './file-spec-fixture.js';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs();

describe('a file whose maker died, on lowdb', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startFeishu();
  });
  afterAll(async () => {
    await emu.close();
  });

  it('is made and delivered by the restarted bot, a Word file of that version', async () => {
    const log = pino({ level: 'silent' });
    const data = await tempDir('nianbao-file-made-');
    const opts = { log, leaseMs: 300, baseDelayMs: 20 };
    // The bot answered the approver's tap and queued the file, then was killed rendering it.
    const before = new LowdbStorage(data);
    await storeSubmittedVersion(before);
    await queueAndDie(await Outbox.open(before, apiOf(emu), opts));

    const storage = new LowdbStorage(data);
    const dir = path.join(data, 'files');
    const outbox = await Outbox.open(storage, apiOf(emu), {
      ...opts,
      makeFile: (spec) => makeApprovalFile({ storage, dir }, spec),
    });
    expect(outbox.pending()).toBe(1);
    outbox.start();
    try {
      await outbox.drained();
      await until(async () => (await filesOfApprover(emu)).length > 0);
      const files = await filesOfApprover(emu);
      expect(files).toHaveLength(1);
      expect(files[0].name).toBe(`${UNIT}2025年政府信息公开工作年度报告（第1版送审稿）.docx`);
      expect(files[0].document).toContain(UNIT);
      expect(files[0].document).toContain('认真贯彻落实政府信息公开条例');
    } finally {
      await outbox.stop();
    }
  });
});
