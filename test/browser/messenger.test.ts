// The web messenger against the real emulator: a card sent with the real SDK shows up in the browser,
// the user fills and submits it, and the bot's webhook (the SDK's EventDispatcher) gets exactly what
// was typed; the toast and the updated card come back to the page.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Browser, Page } from 'playwright-core';
import { startEmulator, DEMO, type Emulator } from '../../src/emulator/index.js';
import path from 'node:path';
import { launchChromium, SCREENSHOT_DIR } from './browser-helpers.js';
import { sectionCard, savedCard } from './sample-cards.js';

interface CardAction {
  operator: { open_id: string };
  action: {
    value?: Record<string, unknown>;
    form_value?: Record<string, unknown>;
    tag?: string;
    name?: string;
  };
  context?: { open_message_id?: string };
}

const KEYS = {
  appId: 'cli_a1b2c3d4e5f60718',
  appSecret: 'browser-test-secret',
  verificationToken: 'browser-test-token',
  encryptKey: 'browser-test-encrypt-key',
};
const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };

let emu: Emulator;
let webhook: Server;
let browser: Browser;
let page: Page;
let client: lark.Client;
const actions: CardAction[] = [];

beforeAll(async () => {
  emu = await startEmulator({ ...KEYS, port: 0 });
  const dispatcher = new lark.EventDispatcher({
    encryptKey: KEYS.encryptKey,
    verificationToken: KEYS.verificationToken,
    logger: silent,
  }).register({
    'card.action.trigger': async (d: CardAction) => {
      actions.push(d);
      return {
        toast: { type: 'success', content: '已保存' },
        card: { type: 'raw', data: savedCard(d.action.form_value ?? {}) },
      };
    },
  });
  const app = express();
  app.post('/webhook', lark.adaptExpress(dispatcher, { autoChallenge: true }));
  webhook = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  emu.setWebhook(`http://127.0.0.1:${(webhook.address() as AddressInfo).port}/webhook`);

  client = new lark.Client({
    appId: KEYS.appId,
    appSecret: KEYS.appSecret,
    domain: emu.url,
    cache: new lark.DefaultCache(),
    logger: silent,
  });
  const r = await client.im.v1.message.create({
    params: { receive_id_type: 'open_id' },
    data: {
      receive_id: DEMO.filler.open_id,
      msg_type: 'interactive',
      content: JSON.stringify(sectionCard()),
    },
  });
  if (r.code !== 0) throw new Error(`the emulator refused the card: ${r.code} ${r.msg}`);

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (webhook ? webhook.close(() => resolve()) : resolve()));
  await emu?.close();
});

const pollOfMessages = (p: Page) =>
  p.waitForResponse(
    (res) =>
      res.url().includes(`/api/users/${DEMO.filler.open_id}/messages`) && res.request().method() === 'GET',
  );

describe('web messenger with the emulator', () => {
  it('lists the tenant users and shows the card the bot sent to 张敏', async () => {
    await page.goto(emu.url);
    await page.locator('.user').first().waitFor();
    // the demo county's directory, its four demo people first
    const names = await page.locator('.user .user-name').allTextContents();
    expect(names.slice(0, 4)).toEqual(['张敏', '李强', '王芳', '赵磊']);
    expect(names.length).toBeGreaterThan(60);
    await page.locator('.user', { hasText: '张敏' }).click();
    const card = page.locator('.msg-bot .cb-card');
    await card.waitFor();
    expect(await card.locator('.cb-title').textContent()).toBe('2025 年度报告 · 二、主动公开政府信息情况');
    expect(await card.locator('.cb-table tbody tr').count()).toBe(2);
    expect(await card.locator('.cb-panel').getAttribute('open')).toBeNull();
    expect(await card.locator('select[name="unit_kind"] option').allTextContents()).toEqual([
      '请选择类别',
      '行政机关',
      '事业单位',
    ]);
  });

  it('blocks a submit while a required input is empty, without calling the bot', async () => {
    await page.locator('.cb-btn', { hasText: '提交' }).click();
    const field = page.locator('.cb-field.cb-invalid', { has: page.locator('input[name="t2.reg.issued"]') });
    await field.waitFor();
    expect(await field.locator('.cb-error').textContent()).toBe('此项为必填项');
    expect(actions).toHaveLength(0);
  });

  it('keeps what the user types while the page keeps polling an unchanged card', async () => {
    await page.fill('input[name="t2.reg.issued"]', '12');
    await pollOfMessages(page);
    await pollOfMessages(page);
    expect(await page.inputValue('input[name="t2.reg.issued"]')).toBe('12');
    expect(await page.locator('.cb-field.cb-invalid').count()).toBe(0);
  });

  it('submits exactly the typed values, then shows the toast and the updated card', async () => {
    await page.fill('input[name="t2.reg.repealed"]', '1');
    await page.selectOption('select[name="unit_kind"]', 'institution');
    await page.fill('textarea[name="s1.active"]', '本年度主动公开信息 120 条。\n第二行');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'card-form.png') });
    await page.locator('.cb-btn', { hasText: '提交' }).click();

    const toast = page.locator('.toast-success', { hasText: '已保存' });
    await toast.waitFor();
    await page.locator('.msg-bot .cb-title', { hasText: '已保存' }).waitFor();
    expect(actions).toHaveLength(1);
    const a = actions[0];
    expect(a.operator.open_id).toBe(DEMO.filler.open_id);
    expect(a.action.value).toEqual({ action: 'demo' });
    expect(a.action.tag).toBe('button');
    expect(a.action.name).toBe('submit_t2');
    expect(a.action.form_value).toEqual({
      't2.reg.issued': '12',
      't2.reg.repealed': '1',
      unit_kind: 'institution',
      's1.active': '本年度主动公开信息 120 条。\n第二行',
    });
    expect(await page.locator('.msg-bot .cb-markdown').last().textContent()).toBe(
      '已保存：规章本年制发 12 件',
    );
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'card-saved-toast.png') });
    // Feishu shows a toast for about 3 s, then it goes away.
    await toast.waitFor({ state: 'detached', timeout: 6000 });
  });

  it('sends what the user types in the composer with Enter, shown on the right', async () => {
    await page.fill('#input', '你好');
    await page.press('#input', 'Enter');
    await page.locator('.msg-user .bubble', { hasText: '你好' }).waitFor();
    expect(await page.inputValue('#input')).toBe('');
    const sent = emu.messages(DEMO.filler.open_id).filter((m) => m.sender === 'user');
    expect(sent.map((m) => m.content)).toEqual([{ text: '你好' }]);
  });

  it('marks a new bot message for another user with an unread badge, cleared when switching to them', async () => {
    const r = await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: {
        receive_id: DEMO.approver.open_id,
        msg_type: 'text',
        content: JSON.stringify({ text: '有一份报告待你审核' }),
      },
    });
    expect(r.code).toBe(0);
    const badge = page.locator(`.user[data-open-id="${DEMO.approver.open_id}"] .badge`);
    await badge.waitFor();
    expect(await badge.textContent()).toBe('1');
    await page.locator('.user', { hasText: '王芳' }).click();
    await page.locator('.msg-bot .bubble', { hasText: '有一份报告待你审核' }).waitFor();
    expect(await badge.isVisible()).toBe(false);
    expect(await page.locator('#chat-sub').textContent()).toBe('你正在以「王芳（审核人）」的身份对话');
  });

  it('shows a file the bot sent with a link that downloads its bytes', async () => {
    const bytes = Buffer.from('PK fake docx bytes 年报');
    const up = await client.im.v1.file.create({
      data: { file_type: 'stream', file_name: '2025年度报告.docx', file: bytes },
    });
    expect(up?.file_key).toBeTruthy();
    const r = await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: {
        receive_id: DEMO.approver.open_id,
        msg_type: 'file',
        content: JSON.stringify({ file_key: up!.file_key }),
      },
    });
    expect(r.code).toBe(0);
    const link = page.locator('.msg-bot a.file-msg');
    await link.waitFor();
    expect(await link.locator('.file-name').textContent()).toBe('2025年度报告.docx');
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(`/api/files/${up!.file_key}`);
    const got = await page.evaluate(
      async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer())),
      href,
    );
    expect(Buffer.from(got).equals(bytes)).toBe(true);
  });

  it('tells the user with an error toast when the bot does not answer a button', async () => {
    emu.setWebhook('http://127.0.0.1:1/webhook'); // nothing listens on port 1
    await page.locator('.user', { hasText: '张敏' }).click();
    await page.locator('.msg-bot .cb-btn', { hasText: '返回修改' }).click();
    await page.locator('.toast-error').waitFor();
    expect(await page.locator('.toast-error').textContent()).toContain('机器人暂未响应');
    expect(actions).toHaveLength(1);
    expect(await page.locator('.msg-bot .cb-title').last().textContent()).toBe(
      '二、主动公开政府信息情况 · 已保存',
    );
  });
});
