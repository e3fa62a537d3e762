/**
 * `npm start` on an empty data directory: the demo round is there, so 张敏 writes 填报 on the web page's control
 * API and gets her unit card, due the next 31 January. A second start keeps the round (and her answers).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemo } from '../../src/demo.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { openReportYear } from '../../src/rounds/seed-demo.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { memoryLogger } from '../server/harness.js';

interface Msg {
  message_id: string;
  sender: string;
  content: unknown;
}

/** Sends `text` as 张敏 and waits (bounded) for the bot's n-th message. */
async function say(url: string, text: string, n: number): Promise<Msg> {
  const api = `${url}/api/users/${DEMO.filler.open_id}/messages`;
  const sent = await fetch(api, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  expect(sent.ok).toBe(true);
  for (let i = 0; i < 250; i++) {
    const bot = ((await (await fetch(api)).json()) as Msg[]).filter((m) => m.sender === 'bot');
    if (bot.length >= n) return bot[n - 1];
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no answer');
}

describe('the demo round', () => {
  it('npm start → 张敏 writes 填报 → her unit card with the deadline of the next 31 January', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-demo-fill-'));
    try {
      const year = openReportYear(Date.now());
      let demo = await startDemo({ dataDir, port: 0, botPort: 0, log: memoryLogger().log });
      try {
        const card = JSON.stringify((await say(demo.url, '填报', 1)).content);
        expect(card).toContain('上高县机关事务管理中心');
        expect(card).toContain(`截止时间：**${year + 1}年1月31日 23:59**`);
        for (const s of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况'])
          expect(card).toContain(s);
        expect(card).not.toContain('四、政府信息公开行政复议'); // 李强's part
      } finally {
        await demo.close();
      }
      demo = await startDemo({ dataDir, port: 0, botPort: 0, log: memoryLogger().log });
      await demo.close();
      const storage = new LowdbStorage(dataDir);
      const rounds = await roundRepo(storage).list();
      await storage.close();
      expect(rounds.map((r) => r.year)).toEqual([year]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('the open report year turns over after 31 January (Beijing time)', () => {
    expect(openReportYear(Date.parse('2027-01-31T23:00:00+08:00'))).toBe(2026);
    expect(openReportYear(Date.parse('2027-02-01T00:00:00+08:00'))).toBe(2027);
    expect(openReportYear(Date.parse('2026-11-29T12:00:00+08:00'))).toBe(2026);
  });
});
