import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemo } from '../../src/demo.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { memoryLogger } from './harness.js';

describe('startDemo (what `npm start` starts without credentials)', () => {
  it('wires the emulator and the bot: a message typed on the web page gets the help card', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-demo-'));
    const demo = await startDemo({ dataDir, port: 0, botPort: 0, log: memoryLogger().log });
    try {
      expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const api = `${demo.url}/api/users/${DEMO.filler.open_id}/messages`;
      const sent = await fetch(api, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: '帮助' }),
      });
      expect(sent.ok).toBe(true);
      let card: unknown;
      for (let i = 0; i < 250 && !card; i++) {
        const msgs = (await (await fetch(api)).json()) as Array<{ sender: string; content: unknown }>;
        card = msgs.find((m) => m.sender === 'bot')?.content;
        if (!card) await new Promise((r) => setTimeout(r, 20));
      }
      expect(JSON.stringify(card)).toContain('年报助手 · 帮助');
      expect(await (await fetch(`${demo.botUrl}/healthz`)).json()).toEqual({ ok: true });
      // the bot keeps its state in DATA_DIR
      expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['claims', 'outbox']));
    } finally {
      await demo.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
