import { DEMO } from '../../src/emulator/demo-tenant.js';
import { botMessages, startPair } from './harness.js';

describe('FEISHU_MODE=ws: the SDK long connection feeds the same core', () => {
  it('answers a chat message and a card callback that arrive over the long connection', async () => {
    const p = await startPair();
    try {
      await p.restart({ feishu: { ...p.settings, mode: 'ws' } });
      // bounded wait for the WSClient to connect
      let connected = 0;
      for (let i = 0; i < 250 && connected === 0; i++) {
        const info = (await (await fetch(`${p.emu.url}/api/info`)).json()) as Record<string, unknown>;
        connected = Number(info.long_connections ?? 0);
        if (!connected) await new Promise((r) => setTimeout(r, 20));
      }
      expect(connected).toBe(1);
      p.emu.setWebhook('http://127.0.0.1:9/unused'); // nothing may come through the webhook
      const user = DEMO.filler.open_id;
      await p.emu.sendText(user, '帮助');
      const [help] = botMessages(
        await p.emu.waitForMessages(user, (m) => botMessages(m).length === 1, 10_000),
      );
      const r = await p.emu.act(help.message_id, { open_id: user, value: { action: 'help' } });
      expect(JSON.stringify(r.card)).toContain('年报助手 · 帮助');
    } finally {
      await p.close();
    }
  });
});
