/**
 * Units from the contact directory and a co-admin, through the control API: 赵磊 imports two departments (the
 * leader proposed as approver, the only clerk as filler; a department with two clerks waits for him to pick),
 * picks the filler on the unit card, creates the round without a group, and adds 孙立新 as co-admin, who is told
 * and finds the round under 轮次.
 */
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { startPair, type Pair } from '../server/harness.js';
import { sendMessage } from '../support/control-api.js';
import { cardText } from './fill-helpers.js';
import { lastCard, tap, users, waitChat, type ApiUser } from './admin-helpers.js';

/** The value of the option labelled `label` in the card's selects. */
const optionValue = (card: unknown, label: string): string =>
  new RegExp(`"content":"${label}"\\},"value":"([^"]+)"`).exec(JSON.stringify(card))![1];

describe('a round from the directory, and a co-admin', () => {
  let pair: Pair;
  let people: ApiUser[];
  const person = (name: string) => people.find((u) => u.name === name)!;

  beforeAll(async () => {
    pair = await startPair();
    people = await users(pair.emu.url);
    await pair.restart({ admins: person('赵磊').mobile! });
  });
  afterAll(async () => {
    await pair.close();
  });

  it('imports departments, fixes the one with two clerks, creates, adds 孙立新 as co-admin', async () => {
    const emu = pair.emu.url;
    const zhao = DEMO.admin.open_id;
    await sendMessage(emu, zhao, '新建年报');
    const card = lastCard(await waitChat(emu, zhao, (m) => Boolean(lastCard(m, '新建年报'))), '新建年报')!;
    await tap(emu, zhao, card, '从通讯录导入部门', { setup_group: 'no' });
    expect(cardText(card.card)).toContain('县财政局');
    expect(cardText(card.card)).toContain('负责人 冯德明');
    const imported = await tap(emu, zhao, card, '导入所选部门', {
      setup_departments: [optionValue(card.card, '县财政局'), optionValue(card.card, '县政府办公室')],
    });
    expect(imported.toast?.content).toContain('已导入 2 个部门');
    let text = cardText(card.card);
    expect(text).toContain('**县财政局**');
    expect(text).toContain('填报：刘洋；审核：冯德明');
    expect(text).toContain('「县政府办公室」还没有填报人');

    await tap(emu, zhao, card, '修改所选单位的人员', { setup_unit: optionValue(card.card, '县政府办公室') });
    await tap(emu, zhao, card, '更换填报人', { unit_fillers: [DEMO.filler.open_id] });
    await tap(emu, zhao, card, '返回');
    text = cardText(card.card);
    expect(text).toContain('填报：张敏；审核：王芳');
    expect(text).not.toContain('处问题');
    const created = await tap(emu, zhao, card, '创建');
    expect(created.toast?.content).toContain('已通知 2 位填报人');
    const [round] = await roundRepo(pair.bot.storage).list();
    expect(round.groupChatId).toBeUndefined();

    const sun = person('孙立新');
    const added = await tap(emu, zhao, card, '添加管理员');
    expect(added.toast).toBeUndefined();
    const saved = await tap(emu, zhao, card, '添加', { round_admins: [sun.open_id] });
    expect(saved.toast?.content).toContain('已添加管理员');
    const told = await waitChat(emu, sun.open_id, (m) => cardText(m).includes('管理员'));
    expect(cardText(told)).toContain('赵磊（管理员）把你加为');
    await sendMessage(emu, sun.open_id, '轮次');
    await waitChat(emu, sun.open_id, (m) => Boolean(lastCard(m, round.name)));
    expect((await roundRepo(pair.bot.storage).get(round.id))?.admins).toEqual([zhao, sun.open_id]);
  }, 60_000);
});
