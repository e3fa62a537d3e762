// The admin's side of the web messenger: 赵磊 sends the bot a spreadsheet with the file button, the bot (a small
// stand-in on the real SDK, reading people with src/feishu/directory.ts) downloads it and answers with person
// pickers; 赵磊 searches and picks people, and the bot gets their open_ids. In a group, a picker without options
// offers exactly the group's members.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import * as lark from '@larksuiteoapi/node-sdk';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { startEmulator, DEMO, DEMO_DIRECTORY_USERS, type Emulator } from '../../src/emulator/index.js';
import { createDirectory, createGroupChats, createMessageFiles } from '../../src/feishu/directory.js';
import { launchChromium, screenshotPath } from './browser-helpers.js';

const KEYS = {
  appId: 'cli_a1b2c3d4e5f60719',
  appSecret: 'people-browser-secret',
  verificationToken: 'people-browser-token',
  encryptKey: 'people-browser-encrypt-key',
};
const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };
const plain = (content: string) => ({ tag: 'plain_text', content });
const named = (name: string) => DEMO_DIRECTORY_USERS.filter((u) => u.name === name);

interface Received {
  message?: { message_id: string; message_type: string; content: string };
  action?: {
    value?: Record<string, unknown>;
    form_value?: Record<string, unknown>;
    tag?: string;
    option?: string;
  };
}

/** The card the stand-in bot answers a spreadsheet with: who fills, who approves, for one unit. */
function assignCard(unit: string, candidates: string[], rows: number): Record<string, unknown> {
  const options = candidates.map((value) => ({ value }));
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: plain(`指定 ${unit} 的填报人和审核人`), template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: `已读取文件：**${rows}** 行。请从 ${unit} 的人员中选择：` },
        {
          tag: 'form',
          name: 'assign',
          elements: [
            {
              tag: 'select_person',
              name: 'filler',
              required: true,
              placeholder: plain('选择填报人'),
              options,
            },
            {
              tag: 'multi_select_person',
              name: 'approvers',
              placeholder: plain('选择审核人（按顺序）'),
              options,
            },
            {
              tag: 'button',
              name: 'save',
              type: 'primary_filled',
              form_action_type: 'submit',
              text: plain('保存'),
              behaviors: [{ type: 'callback', value: { action: 'assign', unit } }],
            },
          ],
        },
      ],
    },
  };
}

const doneCard = (text: string) => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: plain('已保存'), template: 'green' },
  body: { elements: [{ tag: 'markdown', content: text }] },
});

/** Waits (bounded, 5 s) until the stand-in bot has seen what the test expects. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!done()) throw new Error('the bot did not receive it within 5 s');
}

let emu: Emulator;
let webhook: Server;
let browser: Browser;
let page: Page;
let client: lark.Client;
const received: Received[] = [];
const downloads: Buffer[] = [];

beforeAll(async () => {
  emu = await startEmulator({ ...KEYS, port: 0 });
  client = new lark.Client({
    appId: KEYS.appId,
    appSecret: KEYS.appSecret,
    domain: emu.url,
    cache: new lark.DefaultCache(),
    logger: silent,
  });
  const directory = createDirectory(client, pino({ level: 'silent' }));
  const files = createMessageFiles(client);
  const dispatcher = new lark.EventDispatcher({
    encryptKey: KEYS.encryptKey,
    verificationToken: KEYS.verificationToken,
    logger: silent,
  }).register({
    'im.message.receive_v1': async (d: Received) => {
      received.push(d);
      const m = d.message!;
      if (m.message_type !== 'file') return {};
      const { file_key } = JSON.parse(m.content) as { file_key: string };
      const bytes = await files.download(m.message_id, file_key);
      downloads.push(bytes);
      const rows = bytes.toString('utf8').trim().split('\n').length - 1;
      // The people of the unit named in the file, from the contact directory.
      const unit = bytes.toString('utf8').split('\n')[1].split(',')[0];
      const dept = (await directory.departments()).find((x) => x.name === unit)!;
      const people = (await directory.people()).filter((p) => p.departmentIds.includes(dept.id));
      const card = assignCard(
        unit,
        people.map((p) => p.openId),
        rows,
      );
      await client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: DEMO.admin.open_id, msg_type: 'interactive', content: JSON.stringify(card) },
      });
      return {};
    },
    'card.action.trigger': async (d: Received) => {
      received.push(d);
      const f = d.action?.form_value ?? {};
      const name = (id: unknown) => DEMO_DIRECTORY_USERS.find((u) => u.open_id === id)?.name ?? String(id);
      const approvers = Array.isArray(f.approvers) ? f.approvers.map(name).join(' → ') : '（未选）';
      return {
        toast: { type: 'success', content: '已保存' },
        card: { type: 'raw', data: doneCard(`填报人：${name(f.filler)}\n\n审核人：${approvers}`) },
      };
    },
  });
  const app = express();
  app.post('/webhook', lark.adaptExpress(dispatcher, { autoChallenge: true }));
  webhook = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  emu.setWebhook(`http://127.0.0.1:${(webhook.address() as AddressInfo).port}/webhook`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (webhook ? webhook.close(() => resolve()) : resolve()));
  await emu?.close();
});

describe('people and files in the web messenger', () => {
  it('赵磊 uploads a spreadsheet with the file button; the bot downloads exactly its bytes', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(emu.url);
    await page.locator('#user-search').fill('政务公开');
    await page.locator('.user', { hasText: '赵磊' }).click();
    await page.locator('#user-search').fill('');
    const csv = Buffer.from('单位名称,填报人,审核人\n县财政局,刘洋,冯德明\n', 'utf8');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#attach').click()]);
    await chooser.setFiles({ name: '2026年报分工.csv', mimeType: 'text/csv', buffer: csv });
    const mine = page.locator('.msg-user .file-msg', { hasText: '2026年报分工.csv' });
    await mine.waitFor();
    const card = page.locator('.msg-bot .cb-card', { hasText: '指定 县财政局 的填报人和审核人' });
    await card.waitFor({ timeout: 10000 });
    expect(downloads).toHaveLength(1);
    expect(downloads[0].equals(csv)).toBe(true);
    const event = received.find((r) => r.message?.message_type === 'file')!;
    expect(JSON.parse(event.message!.content)).toMatchObject({ file_name: '2026年报分工.csv' });
    // the file the person sent can be downloaded from the chat too
    const href = await mine.getAttribute('href');
    const res = await page.request.get(new URL(href!, emu.url).toString());
    expect(Buffer.from(await res.body()).equals(csv)).toBe(true);
    await page.screenshot({ path: screenshotPath('admin-file-upload.png') });
    expect(errors).toEqual([]);
  });

  it('the pickers search the listed people by name and submit their open_ids', async () => {
    const card = page.locator('.msg-bot .cb-card', { hasText: '指定 县财政局 的填报人和审核人' });
    const filler = card.locator('.cb-person[data-name="filler"]');
    const approvers = card.locator('.cb-person[data-name="approvers"]');
    // a required picker left empty blocks the submit, as Feishu does
    await card.locator('.cb-btn', { hasText: '保存' }).click();
    await filler.locator('.cb-error', { hasText: '请选择人员' }).waitFor();
    expect(received.filter((r) => r.action)).toHaveLength(0);

    await filler.locator('.cb-person-search').click();
    expect(await filler.locator('.cb-person-option .cb-person-name').allTextContents()).toEqual([
      '冯德明',
      '刘洋',
    ]);
    await filler.locator('.cb-person-search').fill('刘');
    const options = filler.locator('.cb-person-option');
    expect(await options.count()).toBe(1);
    expect(await options.first().textContent()).toContain('县财政局');
    await options.first().click();
    expect(await filler.locator('.cb-person-chip').textContent()).toContain('刘洋');

    await approvers.locator('.cb-person-search').click();
    await approvers.locator('.cb-person-option', { hasText: '冯德明' }).click();
    await page.screenshot({ path: screenshotPath('person-picker.png') });
    await page.locator('.chat-head').click(); // closes the list, as a click elsewhere does
    await card.locator('.cb-btn', { hasText: '保存' }).click();
    await page.locator('.toast', { hasText: '已保存' }).waitFor();
    await page.locator('.msg-bot .cb-card', { hasText: '填报人：刘洋' }).waitFor();
    const submit = received.find((r) => r.action)!.action!;
    const liuyang = named('刘洋').find((u) => u.email === 'liuyang@yunxi.gov.cn')!;
    expect(submit.form_value).toEqual({ filler: liuyang.open_id, approvers: [named('冯德明')[0].open_id] });
    expect(submit.value).toEqual({ action: 'assign', unit: '县财政局' });
  });

  it('in a group, a picker with no options offers the group’s members', async () => {
    const groups = createGroupChats(client);
    const members = [DEMO.admin.open_id, DEMO.filler.open_id, named('孙立新')[0].open_id];
    const { chatId } = await groups.create({ name: '2026 年报工作群', members, uuid: 'browser-group-1' });
    const card = {
      schema: '2.0',
      config: { update_multi: true },
      header: { title: plain('添加协管员'), template: 'blue' },
      body: {
        elements: [
          {
            tag: 'select_person',
            name: 'co_admin',
            placeholder: plain('选择一位群成员'),
            behaviors: [{ type: 'callback', value: { action: 'add_admin' } }],
          },
        ],
      },
    };
    await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(card) },
    });
    await page.locator('.group', { hasText: '2026 年报工作群' }).click();
    expect(await page.locator('#chat-members .member-chip').allTextContents()).toEqual([
      '赵磊',
      '张敏',
      '孙立新',
    ]);
    const picker = page.locator('.pane:not([hidden]) .cb-person[data-name="co_admin"]');
    await picker.locator('.cb-person-search').click();
    expect(await picker.locator('.cb-person-option .cb-person-name').allTextContents()).toEqual([
      '赵磊',
      '张敏',
      '孙立新',
    ]);
    await page.screenshot({ path: screenshotPath('group-picker.png') });
    const before = received.filter((r) => r.action).length;
    await picker.locator('.cb-person-option', { hasText: '孙立新' }).click();
    await until(() => received.filter((r) => r.action).length > before);
    const tap = received.filter((r) => r.action)[before].action!;
    expect(tap).toMatchObject({ tag: 'select_person', option: members[2], value: { action: 'add_admin' } });

    // writing in the group with @年报助手 reaches the bot as a group message
    await page.fill('#input', '进度');
    await page.press('#input', 'Enter');
    await page.locator('.pane:not([hidden]) .msg-user .bubble', { hasText: '@年报助手 进度' }).waitFor();
    await until(() => received.at(-1)?.message?.message_type === 'text');
    expect(JSON.parse(received.at(-1)!.message!.content)).toEqual({ text: '@_user_1 进度' });
  });
});
