/**
 * Issue 10's whole story, through the emulator's control API only: 赵磊 gets the template, sends a spreadsheet of 30
 * units naming people by name, mobile and e-mail (two rows wrong: an unknown mobile, an ambiguous name), fixes it,
 * creates the round; every filler gets their first card; he hands sections to another filler and moves the
 * deadline; the people concerned are told, the reminder plan follows; 催办 reaches only the late; the history lists
 * each change.
 */
import ExcelJS from 'exceljs';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { roundPlan } from '../../src/reminders/slots.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import { startPair, type Pair } from '../server/harness.js';
import { sendMessage } from '../support/control-api.js';
import type { ChatMessage } from '../../src/emulator/types.js';
import { cardText, type CardJson } from './fill-helpers.js';
import {
  fileBytes,
  getJson,
  lastCard,
  sendFile,
  tap,
  users,
  waitChat,
  waitFor,
  xlsx,
  type ApiUser,
} from './admin-helpers.js';

const HEADER = [
  '单位名称',
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四',
  '五',
  '六',
  '审核人',
];

describe('an admin runs a whole round inside Feishu', () => {
  let pair: Pair;
  let emu: string;
  let people: ApiUser[];
  let zhao: ApiUser;
  beforeAll(async () => {
    pair = await startPair({ bot: { admins: '' } });
    emu = pair.emu.url;
    people = await users(emu);
    zhao = people.find((u) => u.open_id === DEMO.admin.open_id)!;
    // 赵磊 is named by his mobile, as an office configures it.
    await pair.restart({ admins: zhao.mobile! });
  });
  afterAll(async () => {
    await pair.close();
  });

  it('template → sheet with problems → fixed sheet → 创建 → reassign → new deadline → history', async () => {
    // The template comes as a file with the columns an admin fills in.
    await sendMessage(emu, zhao.open_id, '模板');
    const withFile = await waitChat(emu, zhao.open_id, (m) =>
      m.some((x) => x.sender === 'bot' && x.msg_type === 'file'),
    );
    const file = withFile.find((x) => x.msg_type === 'file')!;
    const wb = new ExcelJS.Workbook();
    const template = await fileBytes(emu, String(file.content.file_key));
    await wb.xlsx.load(template as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const header = (wb.worksheets[0].getRow(1).values as unknown[]).filter(Boolean).map(String);
    expect(header[0]).toBe('单位名称');
    expect(header).toContain('审核人');

    // 30 units of real departments; fillers and approvers written by name, mobile or e-mail in turn.
    const counts = new Map<string, number>();
    for (const u of people) counts.set(u.name, (counts.get(u.name) ?? 0) + 1);
    const twins = people.filter((u) => u.available && counts.get(u.name)! > 1);
    expect(twins.length).toBeGreaterThanOrEqual(2);
    const pool = people.filter(
      (u) => u.available && counts.get(u.name) === 1 && u.mobile && u.email && u.open_id !== zhao.open_id,
    );
    expect(pool.length).toBeGreaterThanOrEqual(62);
    const write = (u: ApiUser, i: number) => (i % 3 === 0 ? u.name : i % 3 === 1 ? u.mobile! : u.email!);
    const units = Array.from({ length: 30 }, (_, i) => ({
      name: `云溪县第${i + 1}单位`,
      filler: pool[2 * i],
      approver: pool[2 * i + 1],
    }));
    const rowsOf = (broken: boolean) =>
      units.map((u, i) => {
        const filler = broken && i === 8 ? twins[0].name : write(u.filler, i);
        const approver = broken && i === 4 ? '13900009999' : write(u.approver, i + 1);
        return [u.name, filler, filler, filler, filler, filler, filler, approver];
      });

    // The broken sheet: a preview naming both problems by row, and no round.
    const sent = await sendFile(emu, zhao.open_id, '2026年度年报分工.xlsx', await xlsx(HEADER, rowsOf(true)));
    expect(sent.delivered).toBe(true);
    let chat = await waitChat(emu, zhao.open_id, (m) => Boolean(lastCard(m, '处问题')));
    let preview = lastCard(chat, '处问题')!;
    const text = cardText(preview.card);
    expect(text).toContain('2 处问题');
    expect(text).toContain('第 6 行「云溪县第5单位」');
    expect(text).toContain('13900009999 没有找到');
    expect(text).toContain('第 10 行「云溪县第9单位」');
    expect(text).toContain(`有 ${counts.get(twins[0].name)} 位同事叫「${twins[0].name}」`);
    const refused = await tap(emu, zhao.open_id, preview, '创建');
    expect(refused.toast?.content).toContain('还有 2 处问题');
    expect(await roundRepo(pair.bot.storage).list()).toEqual([]);

    // The fixed sheet: no problem, names shown, then 创建.
    await sendFile(emu, zhao.open_id, '2026年度年报分工（改）.xlsx', await xlsx(HEADER, rowsOf(false)));
    chat = await waitChat(emu, zhao.open_id, (m) => Boolean(lastCard(m, '30 个单位，60 人')));
    preview = lastCard(chat, '30 个单位，60 人')!;
    expect(cardText(preview.card)).not.toContain('处问题');
    expect(cardText(preview.card)).toContain(units[1].filler.name); // written as a mobile, shown by name
    const created = await tap(emu, zhao.open_id, preview, '创建');
    expect(created.toast?.content).toContain('已通知 30 位填报人');
    const [round] = await roundRepo(pair.bot.storage).list();
    expect(round.units).toHaveLength(30);

    // The working group: everyone of the round and the admin, with the round's news.
    const group = await waitFor(async () =>
      (
        await getJson<Array<{ chat_id: string; name: string; members: Array<{ open_id: string }> }>>(
          `${emu}/api/chats`,
        )
      ).find((c) => c.name.includes(round.name) && c.members.length >= 61),
    );
    expect(group.members.map((m) => m.open_id).sort()).toEqual(
      [zhao.open_id, ...units.flatMap((u) => [u.filler.open_id, u.approver.open_id])].sort(),
    );

    // In the working group the admin's pickers carry no list of their own: Feishu offers the group's members.
    await fetch(`${emu}/api/chats/${group.chat_id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ open_id: zhao.open_id, text: '轮次', mention_bot: true }),
    });
    const inGroup = await waitFor(async () => {
      const msgs = await getJson<ChatMessage[]>(`${emu}/api/chats/${group.chat_id}/messages`);
      const m = msgs.find((x) => x.msg_type === 'interactive' && cardText(x.content).includes('年报轮次'));
      return m ? { id: m.message_id, card: m.content as CardJson } : undefined;
    });
    await tap(emu, zhao.open_id, inGroup, '管理', {}, group.chat_id);
    await tap(emu, zhao.open_id, inGroup, '添加单位', {}, group.chat_id);
    const pickers = JSON.stringify(inGroup.card).match(/"tag":"(multi_)?select_person"[^}]*/g) ?? [];
    expect(pickers.length).toBeGreaterThan(0);
    for (const p of pickers) expect(p).not.toContain('"options"');

    // Every filler's first card arrives, naming their unit.
    for (const u of units) {
      const msgs = await waitChat(emu, u.filler.open_id, (m) => Boolean(lastCard(m, u.name)));
      expect(cardText(msgs)).toContain('请你填写');
    }

    // Sections 四–六 of the first unit go to someone else: both are told, the answers stay.
    const admin = preview; // the callback replaced the preview with the round's admin card
    expect(cardText(admin.card)).toContain('管理：2026 年度');
    const unitId = round.units.find((u) => u.name === units[0].name)!.id;
    await tap(emu, zhao.open_id, admin, '查看、更换', { round_unit: unitId });
    expect(cardText(admin.card)).toContain(`单位人员：${units[0].name}`);
    const newcomer = pool[61];
    const reassigned = await tap(emu, zhao.open_id, admin, '更换填报人', {
      fill_sections: ['s4', 's5', 's6'],
      unit_fillers: [newcomer.open_id],
    });
    expect(reassigned.toast?.content).toContain('已通知 2 人');
    await waitChat(emu, newcomer.open_id, (m) => Boolean(lastCard(m, units[0].name)));
    const told = await waitChat(emu, units[0].filler.open_id, (m) =>
      cardText(m).includes('改由其他同事填写'),
    );
    expect(cardText(told)).toContain('四、政府信息公开行政复议、行政诉讼情况');

    // A new deadline: the people of unfinished units are told, and the reminders follow it.
    await tap(emu, zhao.open_id, admin, '返回');
    await tap(emu, zhao.open_id, admin, '修改截止时间');
    const moved = await tap(emu, zhao.open_id, admin, '保存', { round_deadline: '2027-02-10 18:00' });
    expect(moved.toast?.content).toContain('截止时间已修改');
    const notice = await waitChat(emu, units[5].approver.open_id, (m) =>
      cardText(m).includes('2027年2月10日 18:00'),
    );
    expect(cardText(notice)).toContain('截止时间由 2027年1月31日 23:59 改为 2027年2月10日 18:00');
    const stored = (await roundRepo(pair.bot.storage).get(round.id))!;
    const plan = roundPlan(stored, createWorkdayCalendar()).map((r) => r.at.slice(0, 10));
    expect(plan.filter((d) => d < '2027-02-10').at(-1)).toBe('2027-02-09');
    await sendMessage(emu, newcomer.open_id, '填报');
    await waitChat(emu, newcomer.open_id, (m) => Boolean(lastCard(m, '2027年2月10日 18:00')));

    const news = await waitFor(async () => {
      const msgs = await getJson<Array<{ content: { text?: string } }>>(
        `${emu}/api/chats/${group.chat_id}/messages`,
      );
      const texts = msgs.map((m) => m.content.text ?? '');
      return texts.some((t) => t.includes('2027年2月10日 18:00')) ? texts : undefined;
    });
    expect(news.join('\n')).toContain('工作群');

    // 进度 names who is late, and 催办 reaches only them: the first unit's two fillers, not its approver.
    await sendMessage(emu, zhao.open_id, '进度');
    chat = await waitChat(emu, zhao.open_id, (m) => Boolean(lastCard(m, '年报进度')));
    const progress = lastCard(chat, '年报进度')!;
    expect(cardText(progress.card)).toContain('共 **30** 个单位');
    expect(cardText(progress.card)).toContain(
      `未完成：${units[0].filler.name}（一、二、三）、${newcomer.name}（四、五、六）`,
    );
    const urged = await tap(emu, zhao.open_id, progress, '催办');
    expect(urged.toast?.content).toBe(`已提醒 ${units[0].filler.name}、${newcomer.name}`);
    await waitChat(emu, newcomer.open_id, (m) => cardText(m).includes('赵磊（管理员）催办'));
    await waitChat(emu, units[0].filler.open_id, (m) => cardText(m).includes('赵磊（管理员）催办'));
    expect(cardText(await waitChat(emu, units[0].approver.open_id, () => true))).not.toContain('催办');

    // The history names each change, who made it and when.
    await tap(emu, zhao.open_id, admin, '变更记录');
    const history = cardText(admin.card);
    expect(history).toContain('开启轮次');
    expect(history).toContain(`${units[0].name}：四、五、六`);
    expect(history).toContain(`→ ${newcomer.name}`);
    expect(history).toContain('截止时间 2027年1月31日 23:59 → 2027年2月10日 18:00');
    expect(history).toContain('赵磊');
  }, 120_000);
});
