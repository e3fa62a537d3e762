/**
 * A Word file queued before the callback's answer (with what it is made from) whose process is killed before
 * the file exists is still delivered: on PostgreSQL, the sender — another process — makes it once the wait
 * passed, from the version stored in the database (issue 13: kill -9 loses no acknowledged answer). A file
 * its process makes goes at once from the bytes it attached; one that cannot be made is apologised for once.
 */
import pino from 'pino';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import { makeApprovalFile } from '../../src/approval/file-maker.js';
import type { Emulator } from '../../src/emulator/index.js';
import { Outbox, outboxIdFor, type FileSpec } from '../../src/feishu/outbox.js';
import { WORD_FILE_APOLOGY } from '../../handlers/word-file-send.js';
import { postgresForTests } from '../support/postgres.js';
import {
  APPROVER,
  apiOf,
  fileKey,
  filesOfApprover,
  queueAndDie,
  queueApproverFile,
  SPEC,
  startFeishu,
  storeSubmittedVersion,
  UNIT,
  until,
} from './file-spec-fixture.js';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs();

const cluster = postgresForTests();
const log = pino({ level: 'silent' });
const NAME = `${UNIT}2025年政府信息公开工作年度报告（第1版送审稿）.docx`;

describe('a file queued before it was made, on PostgreSQL', () => {
  let emu: Emulator;
  let url: string;
  const opened: Array<{ box?: Outbox; storage: PostgresStorage }> = [];
  beforeAll(async () => {
    url = await cluster.fresh();
    const storage = await PostgresStorage.open({ url, poolMax: 1 });
    await storeSubmittedVersion(storage);
    await storage.close();
  });
  beforeEach(async () => {
    emu = await startFeishu();
  });
  afterEach(async () => {
    for (const { box, storage } of opened.splice(0)) {
      await box?.stop();
      if (!storage.pool.ending) await storage.close();
    }
    await emu.close();
  });

  /** A process: its storage (own pool) and outbox; the sender's makes files in a folder of its own. */
  async function startProcess(leaseMs: number) {
    const storage = await PostgresStorage.open({ url, poolMax: 2 });
    const dir = await tempDir('nianbao-file-made-');
    const made: FileSpec[] = [];
    const box = await Outbox.open(storage, apiOf(emu), {
      log,
      leaseMs,
      senderRetryMs: 50,
      baseDelayMs: 20,
      makeFile: (spec) => (made.push(spec), makeApprovalFile({ storage, dir }, spec)),
    });
    opened.push({ box, storage });
    return { box, storage, dir, made };
  }

  it('whose maker died is made and delivered by the sender after the wait, a Word file of that version', async () => {
    // The process that answered the approver's tap: queues the file, then dies rendering it (never sends).
    const dying = await startProcess(400);
    const queuedAt = Date.now();
    await queueAndDie(dying.box);
    await dying.storage.close();

    const sender = await startProcess(400);
    sender.box.start();
    await until(async () => (await filesOfApprover(emu)).length > 0);
    // Not before the wait: the process making it might still have attached it.
    expect(Date.now() - queuedAt).toBeGreaterThanOrEqual(400);
    await sender.box.drained();
    const files = await filesOfApprover(emu);
    expect(files).toHaveLength(1);
    expect(files[0].name).toBe(NAME);
    expect(files[0].document).toContain(UNIT);
    expect(files[0].document).toContain('认真贯彻落实政府信息公开条例');
    expect(sender.made).toEqual([SPEC]);
  });

  it('made by its process goes at once, from the bytes that process attached, and is not made again', async () => {
    const sender = await startProcess(5_000);
    sender.box.start();
    await until(() => sender.box.sending());
    const other = await startProcess(5_000);
    const dir = await tempDir('nianbao-file-other-');
    const storage = other.storage;
    const queuedAt = Date.now();
    await queueApproverFile(
      other.box,
      'ev-live',
      async () => (await makeApprovalFile({ storage, dir }, SPEC))!,
    );
    await until(async () => (await filesOfApprover(emu)).length > 0);
    expect(Date.now() - queuedAt).toBeLessThan(5_000);
    const files = await filesOfApprover(emu);
    expect(files.map((f) => f.name)).toEqual([NAME]);
    expect(files[0].document).toContain(UNIT);
    expect(sender.made).toEqual([]);
  });

  it('that cannot be made is apologised for once, and the sender does not try it again', async () => {
    const sender = await startProcess(300);
    sender.box.start();
    await queueApproverFile(sender.box, 'ev-broken', async () => {
      throw new Error('文件检查未通过');
    });
    const apologies = () =>
      emu
        .messages(APPROVER.open_id)
        .filter((m) => (m.content as { text?: string }).text === WORD_FILE_APOLOGY);
    await until(() => apologies().length > 0);
    // Past the wait: the job is dead, not waiting for the sender to make it.
    await new Promise((r) => setTimeout(r, 400));
    await sender.box.drained();
    expect(apologies()).toHaveLength(1);
    expect(await filesOfApprover(emu)).toEqual([]);
    expect(sender.made).toEqual([]);
    const { rows } = await sender.storage.query<{ state: string }>(
      'SELECT state FROM outbox_jobs WHERE id = $1',
      [outboxIdFor(`${fileKey('ev-broken')}:${APPROVER.open_id}`)],
    );
    expect(rows).toEqual([{ state: 'dead' }]);
  });
});
