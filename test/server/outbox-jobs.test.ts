import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { botMessages, startPair, type Pair } from './harness.js';

const user = DEMO.approver.open_id;

describe('outbox jobs through the real SDK', () => {
  let p: Pair;
  let dir: string;
  beforeEach(async () => {
    p = await startPair();
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-file-'));
  });
  afterEach(async () => {
    await p.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads a file, then sends it as a file message the person can download', async () => {
    const file = path.join(dir, 'report.doc');
    const bytes = Buffer.from('PK\u0003\u0004 年度报告 bytes');
    await writeFile(file, bytes);
    await p.bot.outbox.enqueue({
      kind: 'send-file',
      receiveId: user,
      receiveIdType: 'open_id',
      filePath: file,
      fileName: '2026年政府信息公开工作年度报告.doc',
      fileType: 'doc',
    });
    const msgs = await p.emu.waitForMessages(user, (m) => botMessages(m).length === 1, 10_000);
    const [msg] = botMessages(msgs);
    expect(msg.msg_type).toBe('file');
    const key = (msg.content as { file_key: string }).file_key;
    const got = Buffer.from(await (await fetch(`${p.emu.url}/api/files/${key}`)).arrayBuffer());
    expect(got.equals(bytes)).toBe(true);
  });

  it('patches a card the bot sent earlier', async () => {
    await p.emu.sendText(user, '帮助');
    const [card] = botMessages(await p.emu.waitForMessages(user, (m) => botMessages(m).length === 1, 10_000));
    const updated = {
      schema: '2.0',
      config: { update_multi: true },
      body: { elements: [{ tag: 'markdown', content: '已更新' }] },
    };
    await p.bot.outbox.enqueue({
      kind: 'patch',
      messageId: card.message_id,
      content: JSON.stringify(updated),
    });
    await p.bot.outbox.drained();
    const [after] = botMessages(p.emu.messages(user));
    expect(JSON.stringify(after.content)).toContain('已更新');
  });
});
