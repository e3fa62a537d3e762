// Person pickers (select_person, multi_select_person): what Feishu accepts on a card, and what a tap or a submit
// brings the bot — only people the picker offered: its options, or the members of the chat the card is in.
import * as lark from '@larksuiteoapi/node-sdk';
import {
  startEmulator,
  validateCard,
  DEMO,
  DEMO_DIRECTORY_USERS,
  type Emulator,
} from '../../src/emulator/index.js';
import {
  APP_ID,
  APP_SECRET,
  VERIFICATION_TOKEN,
  silentLogger,
  sdkClient,
  startWebhook,
  type TestWebhook,
} from './helpers.js';

const named = (name: string) => DEMO_DIRECTORY_USERS.find((u) => u.name === name)!;
const plain = (content: string) => ({ tag: 'plain_text', content });

/** A card with a form holding a single and a multi picker, and a picker outside the form. */
function pickerCard(options?: string[]): Record<string, unknown> {
  const opts = options ? { options: options.map((value) => ({ value })) } : {};
  return {
    schema: '2.0',
    config: { update_multi: true },
    body: {
      elements: [
        {
          tag: 'form',
          name: 'assign',
          elements: [
            {
              tag: 'select_person',
              name: 'filler',
              required: true,
              placeholder: plain('选择填报人'),
              width: 'fill',
              ...opts,
            },
            { tag: 'multi_select_person', name: 'approvers', placeholder: plain('选择审核人'), ...opts },
            {
              tag: 'button',
              name: 'save',
              form_action_type: 'submit',
              text: plain('保存'),
              behaviors: [{ type: 'callback', value: { action: 'assign' } }],
            },
          ],
        },
        {
          tag: 'select_person',
          name: 'co_admin',
          ...opts,
          behaviors: [{ type: 'callback', value: { action: 'add_admin' } }],
        },
      ],
    },
  };
}

const cardWith = (el: Record<string, unknown>) => ({
  schema: '2.0',
  config: { update_multi: true },
  body: { elements: [el] },
});

describe('card validation of person pickers', () => {
  test('accepts both pickers with their documented properties, in a form and outside', () => {
    expect(validateCard(pickerCard())).toBeNull();
    expect(validateCard(pickerCard([DEMO.filler.open_id, DEMO.filler2.open_id]))).toBeNull();
    expect(
      validateCard(
        cardWith({
          tag: 'select_person',
          element_id: 'p1',
          margin: '0px',
          type: 'text',
          disabled: false,
          width: '200px',
          options: [{ value: DEMO.filler.open_id }],
          initial_option: DEMO.filler.open_id,
          confirm: { title: plain('确认'), text: plain('确定？') },
        }),
      ),
    ).toBeNull();
    expect(
      validateCard(
        cardWith({
          tag: 'multi_select_person',
          options: [{ value: DEMO.filler.open_id }, { value: DEMO.approver.open_id }],
          selected_values: [DEMO.approver.open_id],
        }),
      ),
    ).toBeNull();
  });

  test('refuses unknown properties, options that are not open_ids, and defaults outside the options', () => {
    expect(validateCard(cardWith({ tag: 'select_person', label: plain('填报人') }))).toMatch(
      /unknown property label/,
    );
    expect(validateCard(cardWith({ tag: 'select_person', selected_values: [] }))).toMatch(/unknown property/);
    expect(validateCard(cardWith({ tag: 'multi_select_person', initial_option: 'ou_x' }))).toMatch(
      /unknown property/,
    );
    expect(validateCard(cardWith({ tag: 'select_person', options: [{ value: 'zhangmin' }] }))).toMatch(
      /open_ids only/,
    );
    expect(
      validateCard(
        cardWith({ tag: 'select_person', options: [{ value: DEMO.filler.open_id, text: plain('张敏') }] }),
      ),
    ).toMatch(/options must be/);
    expect(
      validateCard(
        cardWith({
          tag: 'select_person',
          options: [{ value: DEMO.filler.open_id }],
          initial_option: DEMO.admin.open_id,
        }),
      ),
    ).toMatch(/initial_option must be one of its options/);
    expect(
      validateCard(cardWith({ tag: 'multi_select_person', selected_values: DEMO.filler.open_id })),
    ).toMatch(/selected_values must be an array/);
    expect(validateCard(cardWith({ tag: 'select_person', width: '50px' }))).toMatch(/width/);
    const unnamed = pickerCard();
    (unnamed.body as { elements: { elements: Record<string, unknown>[] }[] }).elements[0].elements[0].name =
      undefined;
    expect(validateCard(JSON.parse(JSON.stringify(unnamed)))).toMatch(/needs a name/);
  });
});

describe('picking people on a card', () => {
  let emu: Emulator;
  let hook: TestWebhook;
  const actions: { action: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    emu = await startEmulator({
      appId: APP_ID,
      appSecret: APP_SECRET,
      verificationToken: VERIFICATION_TOKEN,
    });
    const dispatcher = new lark.EventDispatcher({
      verificationToken: VERIFICATION_TOKEN,
      logger: silentLogger,
    }).register({
      'card.action.trigger': async (d: { action: Record<string, unknown> }) => {
        actions.push(d);
        return { toast: { type: 'success', content: '已保存' } };
      },
    });
    hook = await startWebhook(dispatcher);
    emu.setWebhook(hook.url);
  });
  afterAll(async () => {
    await hook.close();
    await emu.close();
  });
  beforeEach(() => {
    actions.length = 0;
  });

  const send = async (receive: { open_id?: string; chat_id?: string }, card: unknown): Promise<string> => {
    const r = await sdkClient(emu.url).im.v1.message.create({
      params: { receive_id_type: receive.chat_id ? 'chat_id' : 'open_id' },
      data: {
        receive_id: receive.chat_id ?? receive.open_id!,
        msg_type: 'interactive',
        content: JSON.stringify(card),
      },
    });
    return r.data!.message_id!;
  };

  test('listed candidates: a submit brings one open_id as a string and several as an array', async () => {
    const people = [named('刘洋').open_id, named('冯德明').open_id, DEMO.filler.open_id];
    const mid = await send({ open_id: DEMO.admin.open_id }, pickerCard(people));
    const r = await emu.act(mid, {
      open_id: DEMO.admin.open_id,
      value: { action: 'assign' },
      name: 'save',
      form_value: { filler: people[0], approvers: [people[1], people[2]] },
    });
    expect(r.toast?.content).toBe('已保存');
    expect(actions[0].action).toMatchObject({
      tag: 'button',
      name: 'save',
      form_value: { filler: people[0], approvers: [people[1], people[2]] },
    });
    await expect(
      emu.act(mid, { open_id: DEMO.admin.open_id, value: {}, form_value: { filler: DEMO.approver.open_id } }),
    ).rejects.toThrow(/not among the picker's candidates/);
    await expect(
      emu.act(mid, { open_id: DEMO.admin.open_id, value: {}, form_value: { approvers: people[0] } }),
    ).rejects.toThrow(/array of open_ids/);
    expect(actions).toHaveLength(1);
  });

  test('outside a form, a single picker calls back at once with action.option = the open_id', async () => {
    const people = [named('孙立新').open_id, DEMO.admin.open_id];
    const mid = await send({ open_id: DEMO.admin.open_id }, pickerCard(people));
    await emu.act(mid, {
      open_id: DEMO.admin.open_id,
      tag: 'select_person',
      name: 'co_admin',
      value: { action: 'add_admin' },
      option: people[0],
    });
    expect(actions[0].action).toMatchObject({ tag: 'select_person', name: 'co_admin', option: people[0] });
    const http = await fetch(`${emu.url}/api/messages/${mid}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        open_id: DEMO.admin.open_id,
        tag: 'select_person',
        name: 'co_admin',
        value: {},
        option: DEMO.filler.open_id,
      }),
    });
    expect(http.status).toBe(400);
  });

  test('no options in a p2p chat: the only candidate is the person the card went to', async () => {
    const mid = await send({ open_id: DEMO.admin.open_id }, pickerCard());
    await emu.act(mid, {
      open_id: DEMO.admin.open_id,
      value: {},
      form_value: { filler: DEMO.admin.open_id },
    });
    expect(actions).toHaveLength(1);
    await expect(
      emu.act(mid, { open_id: DEMO.admin.open_id, value: {}, form_value: { filler: DEMO.filler.open_id } }),
    ).rejects.toThrow(/candidates \(1 people\)/);
  });

  test('no options (or none valid) in a group: the candidates are the group’s members', async () => {
    const members = [DEMO.admin.open_id, DEMO.filler.open_id, named('刘洋').open_id];
    const chat = await sdkClient(emu.url).im.v1.chat.create({
      data: { name: '年报工作群', user_id_list: members },
    });
    const chatId = chat.data!.chat_id!;
    for (const card of [pickerCard(), pickerCard(['ou_00000000000000000000000000000000'])]) {
      const mid = await send({ chat_id: chatId }, card);
      await emu.act(mid, {
        open_id: DEMO.filler.open_id,
        value: {},
        form_value: { filler: members[2], approvers: members },
      });
      await expect(
        emu.act(mid, {
          open_id: DEMO.admin.open_id,
          value: {},
          form_value: { filler: DEMO.approver.open_id },
        }),
      ).rejects.toThrow(/candidates \(3 people\)/);
      // someone outside the group never sees the card
      await expect(
        emu.act(mid, { open_id: DEMO.approver.open_id, value: {}, form_value: { filler: members[0] } }),
      ).rejects.toThrow(/not in the group/);
    }
    expect(actions).toHaveLength(2);
  });
});
