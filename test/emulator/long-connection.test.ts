import * as lark from '@larksuiteoapi/node-sdk';
import { startEmulator, DEMO, type Emulator } from '../../src/emulator/index.js';
import {
  APP_ID,
  APP_SECRET,
  VERIFICATION_TOKEN,
  formCard,
  sdkClient,
  silentLogger,
  textCard,
} from './helpers.js';

// The long connection needs no public URL: the SDK's WSClient dials the emulator and events arrive as pbbp2 frames.
let emu: Emulator;
let ws: lark.WSClient | undefined;
const seen: string[] = [];

beforeEach(async () => {
  seen.length = 0;
  emu = await startEmulator({ appId: APP_ID, appSecret: APP_SECRET, verificationToken: VERIFICATION_TOKEN });
});
afterEach(async () => {
  ws?.close({ force: true }); // first, so the SDK does not try to reconnect to a closed emulator
  ws = undefined;
  await emu.close();
});

async function connect(appSecret = APP_SECRET): Promise<void> {
  const dispatcher = new lark.EventDispatcher({ logger: silentLogger }).register({
    'im.message.receive_v1': async (d) => {
      seen.push(`${d.sender.sender_id?.open_id}:${JSON.parse(d.message.content).text}`);
    },
    'card.action.trigger': async (d: {
      operator: { open_id: string };
      action: { value: { action: string } };
    }) => {
      seen.push(`${d.operator.open_id}:${d.action.value.action}`);
      return {
        toast: { type: 'success', content: '已批准' },
        card: { type: 'raw', data: textCard('已批准') },
      };
    },
  });
  await new Promise<void>((resolve, reject) => {
    ws = new lark.WSClient({
      appId: APP_ID,
      appSecret,
      domain: emu.url,
      logger: silentLogger,
      autoReconnect: false,
      onReady: () => resolve(),
      onError: (e: Error) => reject(e),
    });
    void ws.start({ eventDispatcher: dispatcher });
  });
  for (let i = 0; i < 100 && emu.stats().longConnections === 0; i++)
    await new Promise((r) => setTimeout(r, 10));
}

describe('long connection (SDK WSClient)', () => {
  test('a chat message and a card action reach the WSClient, and the answer updates the card', async () => {
    await connect();
    expect(emu.stats().longConnections).toBe(1);
    const sent = await emu.sendText(DEMO.filler.open_id, '开始');
    expect(sent.delivered).toBe(true);
    expect(seen).toEqual([`${DEMO.filler.open_id}:开始`]);

    const r = await sdkClient(emu.url).im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: {
        receive_id: DEMO.approver.open_id,
        msg_type: 'interactive',
        content: JSON.stringify(formCard()),
      },
    });
    const answer = await emu.act(r.data!.message_id!, {
      open_id: DEMO.approver.open_id,
      value: { action: 'approve' },
    });
    expect(answer.toast).toEqual({ type: 'success', content: '已批准' });
    expect(seen[1]).toBe(`${DEMO.approver.open_id}:approve`);
    expect(emu.messages(DEMO.approver.open_id)[0].content).toEqual(textCard('已批准'));
  });

  test('a wrong app secret gets no long connection', async () => {
    await expect(connect('wrong')).rejects.toBeDefined();
    expect(emu.stats().longConnections).toBe(0);
  });
});
