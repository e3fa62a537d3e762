// src/feishu/directory.ts with the real SDK against the emulator: the people ports the admin's set-up uses.
import { pino } from 'pino';
import {
  startEmulator,
  DEMO,
  DEMO_DEPARTMENTS,
  DEMO_DIRECTORY_USERS,
  type Emulator,
  type EmulatorDepartment,
  type EmulatorUser,
} from '../../src/emulator/index.js';
import {
  PEOPLE_CACHE_MS,
  createDirectory,
  createGroupChats,
  createMessageFiles,
} from '../../src/feishu/directory.js';
import { FeishuCallError } from '../../src/feishu/errors.js';
import { APP_ID, APP_SECRET, VERIFICATION_TOKEN, sdkClient } from '../emulator/helpers.js';

const log = pino({ level: 'silent' });
const keys = { appId: APP_ID, appSecret: APP_SECRET, verificationToken: VERIFICATION_TOKEN };

const named = (name: string): EmulatorUser => DEMO_DIRECTORY_USERS.find((u) => u.name === name)!;
const hidden = DEMO_DIRECTORY_USERS.find((u) => u.available === false)!;
const visible = DEMO_DIRECTORY_USERS.filter((u) => u.available !== false);
const deptId = (name: string): string => DEMO_DEPARTMENTS.find((d) => d.name === name)!.open_department_id;

/** What a call threw, as the FeishuCallError the adapter promises. */
async function failure(p: Promise<unknown>): Promise<FeishuCallError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FeishuCallError);
    return e as FeishuCallError;
  }
  throw new Error('expected the call to fail');
}

describe('Directory over the demo county', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator(keys);
  });
  afterAll(async () => {
    await emu.close();
  });
  afterEach(() => emu.setFaults({}));

  test('idsByContact: mobiles as people type them and e-mails in any case; unknown and hidden people absent', async () => {
    const dir = createDirectory(sdkClient(emu.url), log);
    const zhang = named('张敏').mobile!;
    const spaced = `${zhang.slice(0, 3)} ${zhang.slice(3, 7)}-${zhang.slice(7)}`;
    const r = await dir.idsByContact({
      mobiles: [
        zhang,
        spaced,
        `+86 ${named('王芳').mobile}`,
        named('何嘉欣').mobile!,
        '13900000000',
        hidden.mobile!,
      ],
      emails: ['ZhaoLei@yunxi.gov.cn', ' liqiang@yunxi.gov.cn ', 'nobody@yunxi.gov.cn', hidden.email!],
    });
    expect(Object.fromEntries(r.mobiles)).toEqual({
      [zhang]: DEMO.filler.open_id,
      [spaced]: DEMO.filler.open_id,
      [`+86 ${named('王芳').mobile}`]: DEMO.approver.open_id,
      [named('何嘉欣').mobile!]: named('何嘉欣').open_id,
    });
    expect(Object.fromEntries(r.emails)).toEqual({
      'ZhaoLei@yunxi.gov.cn': DEMO.admin.open_id,
      ' liqiang@yunxi.gov.cn ': DEMO.filler2.open_id,
    });
  });

  test('idsByContact asks at most 50 mobiles and 50 e-mails per call', async () => {
    const dir = createDirectory(sdkClient(emu.url), log);
    await dir.idsByContact({ mobiles: [named('张敏').mobile!], emails: [] }); // fetches the token first
    const before = emu.stats().openApiCalls;
    const unknown = Array.from({ length: 60 }, (_, i) => `1370000${String(i).padStart(4, '0')}`);
    const r = await dir.idsByContact({
      mobiles: [...DEMO_DIRECTORY_USERS.map((u) => u.mobile!), ...unknown], // 69 + 60 = 129 → 3 calls
      emails: DEMO_DIRECTORY_USERS.map((u) => u.email!), // 69 → 2 calls, alongside
    });
    expect(emu.stats().openApiCalls - before).toBe(3);
    expect(r.mobiles.size).toBe(visible.length);
    expect(r.emails.size).toBe(visible.length);
    expect([...r.mobiles.values()]).not.toContain(hidden.open_id);
  });

  test('people() walks the whole tree once and then answers from its cache for a few minutes', async () => {
    let now = 1_000_000;
    const dir = createDirectory(sdkClient(emu.url), log, { now: () => now });
    const people = await dir.people();
    expect(people).toHaveLength(visible.length);
    expect(people.map((p) => p.openId)).not.toContain(hidden.open_id);
    const zhao = people.find((p) => p.openId === DEMO.admin.open_id)!;
    expect(zhao).toEqual({
      openId: DEMO.admin.open_id,
      name: '赵磊',
      mobile: named('赵磊').mobile,
      email: 'zhaolei@yunxi.gov.cn',
      departmentIds: [deptId('政务公开办')],
    });
    expect(zhao.mobile).toMatch(/^1\d{10}$/);
    expect(people.find((p) => p.name === '何嘉欣')?.mobile).toBe('+85291234567');
    expect(people.filter((p) => p.name === '刘洋')).toHaveLength(2);
    expect(people.find((p) => p.name === '白雪莲')?.departmentIds.sort()).toEqual(
      [deptId('县统计局'), deptId('县发展和改革局')].sort(),
    );
    expect(people.find((p) => p.name === '郑国华')?.departmentIds).toEqual(['0']);

    const calls = emu.stats().openApiCalls;
    now += PEOPLE_CACHE_MS - 1000;
    expect(await dir.people()).toHaveLength(visible.length);
    expect(emu.stats().openApiCalls).toBe(calls);
    now += 2000;
    expect(await dir.people()).toHaveLength(visible.length);
    expect(emu.stats().openApiCalls).toBeGreaterThan(calls);
  });

  test('a failed walk is a retryable FeishuCallError and is not kept: the next ask walks again', async () => {
    const dir = createDirectory(sdkClient(emu.url), log);
    emu.setFaults({ error5xxRate: 1 });
    const err = await failure(dir.people());
    expect(err).toMatchObject({ retryable: true, status: 500 });
    emu.setFaults({});
    expect(await dir.people()).toHaveLength(visible.length);
  });

  test('departments(): the root’s 30 departments with their leaders, or a department’s sub-departments', async () => {
    const dir = createDirectory(sdkClient(emu.url), log);
    const top = await dir.departments();
    expect(top).toHaveLength(30);
    expect(top.find((d) => d.name === '县政府办公室')).toEqual({
      id: deptId('县政府办公室'),
      name: '县政府办公室',
      parentId: '0',
      leaderOpenId: DEMO.approver.open_id,
    });
    expect(top.every((d) => d.leaderOpenId?.startsWith('ou_'))).toBe(true);
    expect((await dir.departments(deptId('县政府办公室'))).map((d) => d.name)).toEqual(['政务公开办']);
    expect(await dir.departments(deptId('县财政局'))).toEqual([]);
  });

  test('person(): a visible person, or undefined for a hidden or unknown one', async () => {
    const dir = createDirectory(sdkClient(emu.url), log);
    expect(await dir.person(DEMO.filler.open_id)).toMatchObject({
      name: '张敏',
      mobile: named('张敏').mobile,
      departmentIds: [deptId('县政府办公室')],
    });
    expect(await dir.person(hidden.open_id)).toBeUndefined();
    expect(await dir.person('ou_00000000000000000000000000000000')).toBeUndefined();
  });
});

describe('people() and group chats past one page', () => {
  // A city-sized department: 130 people, more than two pages of the contact list and of a chat's members.
  const bigDept: EmulatorDepartment = {
    open_department_id: 'od-00000000000000000000000000000b16',
    department_id: 'big',
    name: '市政务服务中心',
    parent_department_id: '0',
  };
  const staff: EmulatorUser[] = Array.from({ length: 130 }, (_, i) => ({
    open_id: `ou_${String(i).padStart(32, '0')}`,
    user_id: `staff${i}`,
    union_id: `on_${String(i).padStart(32, '0')}`,
    name: `工作人员${i}`,
    mobile: `1590000${String(i).padStart(4, '0')}`,
    email: `staff${i}@example.gov.cn`,
    department_ids: [bigDept.open_department_id],
  }));
  const outsider: EmulatorUser = {
    ...staff[0],
    open_id: 'ou_'.padEnd(35, 'f'),
    user_id: 'x',
    name: '外人',
    available: false,
  };
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ ...keys, users: [...staff, outsider], departments: [bigDept] });
  });
  afterAll(async () => {
    await emu.close();
  });

  test('people() follows page_token to the end', async () => {
    const people = await createDirectory(sdkClient(emu.url), log).people();
    expect(people).toHaveLength(130);
    expect(new Set(people.map((p) => p.openId)).size).toBe(130);
  });

  test('a group of 130: created once per uuid, everyone added 50 at a time, members() reads both pages', async () => {
    const groups = createGroupChats(sdkClient(emu.url), log);
    const ids = [...staff.map((u) => u.open_id), outsider.open_id];
    const { chatId } = await groups.create({
      name: '2026 年报工作群',
      members: ids,
      uuid: 'round-2026-group',
    });
    expect(chatId).toMatch(/^oc_/);
    const again = await groups.create({ name: '2026 年报工作群', members: ids, uuid: 'round-2026-group' });
    expect(again.chatId).toBe(chatId);
    expect(emu.chats()).toHaveLength(1);
    expect(emu.chats()[0]).toMatchObject({ name: '2026 年报工作群', owner_id: APP_ID, bot_in_chat: true });

    const members = await groups.members(chatId);
    expect(members).toHaveLength(130);
    expect(members).not.toContain(outsider.open_id);
    await groups.addMembers(chatId, [staff[0].open_id, staff[1].open_id]);
    expect(await groups.members(chatId)).toHaveLength(130);
  });
});

describe('MessageFiles', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator(keys);
  });
  afterAll(async () => {
    await emu.close();
  });

  test('downloads the bytes of a file a person sent the bot; another message’s, or one the bot never got, is refused', async () => {
    const bytes = Buffer.from('单位名称,填报人\n县财政局,刘洋\n');
    const sent = await emu.sendFile(DEMO.admin.open_id, '2026年报分工.csv', bytes);
    const msg = emu.messages(DEMO.admin.open_id).find((m) => m.message_id === sent.message_id)!;
    const fileKey = msg.content.file_key as string;
    const files = createMessageFiles(sdkClient(emu.url));
    expect((await files.download(sent.message_id, fileKey)).equals(bytes)).toBe(true);

    await emu.sendText(DEMO.admin.open_id, '这条消息没有文件');
    const text = emu.messages(DEMO.admin.open_id).at(-1)!;
    expect(await failure(files.download(text.message_id, fileKey))).toMatchObject({
      retryable: false,
      status: 400,
      code: 234003,
    });

    // A message in a group the bot is not in never reached the bot: Feishu refuses with 234004.
    const { chat_id } = await emu.createUserChat({ open_id: DEMO.filler.open_id, name: '没有机器人的群' });
    const unseen = await emu.sendGroupText(chat_id, DEMO.filler.open_id, '群里的消息');
    expect(unseen.skipped).toBeDefined();
    expect(await failure(files.download(unseen.message_id, fileKey))).toMatchObject({ code: 234004 });
    expect(await failure(files.download('om_00000000000000000000000000000000', fileKey))).toMatchObject({
      retryable: false,
    });
  });
});
