/**
 * The admin's 进度 card and 催办, through the control API: per unit where it stands, who is late by name and
 * since when (working days on the Chinese calendar), least advanced first, 催办 beside each unit not approved;
 * 催办 reminds only who owes something, once a day per person (also across a restart), names them on the toast,
 * and only the round's admins may; a round of many units is paged.
 */
import { SECTIONS } from '../../src/report/template.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import type { Unit } from '../../src/rounds/round.js';
import { validateCard } from '../../src/emulator/card-validation.js';
import { cardBytes, countElements, MAX_CARD_BYTES, MAX_CARD_ELEMENTS } from '../../cards/parts/limits.js';
import { actOnCard, sendMessage } from '../support/control-api.js';
import { chatOf, lastCard, tap, waitChat } from './admin-helpers.js';
import { settled } from './approval-helpers.js';
import { buttonsOf, cardText, type CardJson } from './fill-helpers.js';
import { bj, LEVERS, P, startLevers, type Levers } from './levers-fixture.js';
import { readWorkbook, readZip, rowsOf, sheetOf } from '../rounds/export/read-export.js';

/** The markdown of a card, in order (what a person reads). */
const blocksOf = (card: CardJson): string[] => {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.tag === 'markdown' && typeof o.content === 'string') out.push(o.content);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
};

describe('the admin’s 进度 card and 催办', () => {
  let levers: Levers;
  let emu: string;
  const [zhao, zhang, li, wang, liu, zhou] = [P.zhao, P.zhang, P.li, P.wang, P.liu, P.zhou].map(
    (p) => p.open_id,
  );
  beforeAll(async () => {
    // Monday 20 January 2025, 15:00: seven working days before the deadline (20–24, Sunday 26 调休, 27).
    levers = await startLevers(bj('2025-01-20T15:00'));
    emu = levers.pair.emu.url;
  });
  afterAll(async () => {
    await settled(levers.pair);
    await levers.pair.close();
  });

  const reminders = async (openId: string) =>
    (await chatOf(emu, openId)).filter((m) => m.sender === 'bot' && cardText(m.content).includes('催办'));

  async function progressCard(): Promise<{ id: string; card: CardJson }> {
    const before = (await chatOf(emu, zhao)).length;
    await sendMessage(emu, zhao, '进度');
    const chat = await waitChat(
      emu,
      zhao,
      (m) => m.length > before && Boolean(lastCard(m.slice(before), '年报进度')),
    );
    return lastCard(chat, '年报进度')!;
  }

  it('names who is late and since when, least advanced first, with 催办 beside each unit not approved', async () => {
    const { card } = await progressCard();
    const text = blocksOf(card).join('\n');
    expect(text).toContain('共 **4** 个单位：已通过 1 · 审核中 1 · 已填完未提交 1 · 填报中 1');
    const units = blocksOf(card).filter((b) => b.startsWith('**云溪县'));
    expect(units).toEqual([
      expect.stringMatching(
        /^\*\*云溪县教育局\*\*.*填报中 3\/6.*\n未完成：李强（四、五、六）\n距截止还有 7 个工作日$/s,
      ),
      expect.stringMatching(
        /^\*\*云溪县卫健委\*\*.*已填完，未提交审核.*\n待提交：周涛\n距截止还有 7 个工作日$/s,
      ),
      // Submitted Wednesday 15 January: the 16th and 17th are the full working days between (as 催办 counts).
      expect.stringMatching(
        /^\*\*云溪县财政局\*\*\u3000审核中\n等待 \*\*王芳\*\* 审核 2 个工作日（1月15日 10:00 起）$/,
      ),
      expect.stringMatching(/^\*\*云溪县文旅局\*\*.*已通过审核/),
    ]);
    expect(text).not.toContain('张敏'); // done with her sections: not late
    const urge = buttonsOf(card).filter((b) => b.text === '催办');
    expect(urge.map((b) => b.value.unit_id)).toEqual(['edu', 'health', 'finance']);
    expect(validateCard(card)).toBeNull();
  });

  it('催办 reminds only who owes something, once a day each, and says who', async () => {
    const screen = await progressCard();
    // 教育局: only 李强 (张敏 is done) gets the fill reminder card, naming his sections and who asked.
    const first = await tap(emu, zhao, screen, '催办');
    expect(first.toast?.content).toBe('已提醒 李强');
    const liCards = await waitChat(emu, li, (m) => m.some((x) => cardText(x.content).includes('催办')));
    const card = cardText(liCards.at(-1)!.content);
    expect(card).toContain('赵磊（管理员）催办');
    expect(card).toContain('四、政府信息公开行政复议、行政诉讼情况');
    expect(card).toContain('距截止还有 **7 个工作日**');
    expect(await reminders(zhang)).toEqual([]);
    expect(blocksOf(screen.card).join('\n')).toContain('今天已提醒：李强');

    // The same day again: nothing is sent, and the toast says who was already reminded.
    const again = await tap(emu, zhao, screen, '催办');
    expect(again.toast?.content).toBe('今天已经提醒过 李强');

    // 财政局 waits for 王芳: only she is chased (刘洋 filled everything), with the working days waited.
    const finance = buttonsOf(screen.card).find((b) => b.value.unit_id === 'finance')!;
    const approver = await actOnCard(emu, screen.id, { open_id: zhao, value: finance.value });
    expect(approver.toast?.content).toBe('已提醒 王芳');
    const wangCards = await waitChat(emu, wang, (m) => m.some((x) => cardText(x.content).includes('去审核')));
    expect(cardText(wangCards.at(-1)!.content)).toContain('等待你审核 **2 个工作日**（1月15日 10:00 提交）');
    // 卫健委 is complete but not submitted: 周涛 is asked to submit.
    const health = buttonsOf(screen.card).find((b) => b.value.unit_id === 'health')!;
    expect((await actOnCard(emu, screen.id, { open_id: zhao, value: health.value })).toast?.content).toBe(
      '已提醒 周涛',
    );
    await waitChat(emu, zhou, (m) => m.some((x) => cardText(x.content).includes('还没有提交审核')));
    await settled(levers.pair);
    expect(await reminders(liu)).toEqual([]);

    // Someone who does not administer the round (a forwarded card) cannot chase.
    const forwarded = await actOnCard(emu, screen.id, { open_id: zhang, value: finance.value });
    expect(forwarded.toast?.content).toBe('只有这一轮的管理员可以查看进度和催办');

    // After a restart the records still say who heard today: nothing goes out twice.
    await levers.pair.restart();
    const after = await progressCard();
    expect((await tap(emu, zhao, after, '催办')).toast?.content).toBe('今天已经提醒过 李强');
    await settled(levers.pair);
    expect(await reminders(li)).toHaveLength(1);
    expect(await reminders(wang)).toHaveLength(1);

    // The next day is a new day.
    levers.clock.now = bj('2025-01-21T10:00');
    const nextDay = await progressCard();
    expect((await tap(emu, zhao, nextDay, '催办')).toast?.content).toBe('已提醒 李强');
  }, 60_000);

  it('导出 sends the workbook and the zip of approved reports to the admin; nobody else may', async () => {
    // The outbox paces on the bot's clock (5 messages a second per person): move it, or a frozen clock holds the
    // files behind the earlier tests' messages.
    levers.clock.now += 60_000;
    const screen = await progressCard();
    const before = (await chatOf(emu, zhao)).length;
    const forwarded = buttonsOf(screen.card).find((b) => b.text === '导出汇总表和审核通过的报告')!;
    const refused = await actOnCard(emu, screen.id, { open_id: zhang, value: forwarded.value });
    expect(refused.toast?.content).toBe('只有这一轮的管理员可以导出汇总表和报告');
    const answer = await tap(emu, zhao, screen, '导出汇总表和审核通过的报告');
    expect(answer.toast?.content).toBe('正在生成汇总表和审核通过的报告，生成后发到这个对话里');
    const chat = await waitChat(emu, zhao, (m) => {
      const mine = m.slice(before);
      return (
        mine.filter((x) => x.msg_type === 'file').length === 2 && mine.some((x) => x.msg_type === 'text')
      );
    });
    expect(chat.slice(before).find((x) => x.msg_type === 'text')?.content).toEqual({
      text: '《2024 年度政府信息公开工作年度报告》导出完成：汇总表（4 个单位）和报告压缩包（1 个审核通过的单位）。',
    });
    const files = chat.slice(before).filter((m) => m.sender === 'bot' && m.msg_type === 'file');
    const file = async (i: number) => {
      const { file_key } = files[i].content as { file_key: string };
      return Buffer.from(await (await fetch(`${emu}/api/files/${file_key}`)).arrayBuffer());
    };
    expect(files.map((f) => (f.content as { file_name: string }).file_name)).toEqual([
      '2024 年度政府信息公开工作年度报告-汇总表.xlsx',
      '2024 年度政府信息公开工作年度报告-审核通过的报告.zip',
    ]);
    const wb = await readWorkbook(await file(0));
    const t3 = sheetOf(wb, '三');
    expect(rowsOf(t3).map((r) => r.slice(0, 2))).toEqual([
      ['单位', '状态'],
      ['单位', '状态'],
      ['云溪县教育局', '填报中'],
      ['云溪县卫健委', '填报中'],
      ['云溪县财政局', '待审核'],
      ['云溪县文旅局', '已通过'],
      ['合计'],
      ['合计（已通过）'],
    ]);
    // Who approved, by the name the contact list gives, in Beijing time.
    expect(rowsOf(sheetOf(wb, '填报与审核记录'))).toContainEqual([
      '云溪县文旅局',
      '已通过',
      '第 1 版',
      '第 1 级审核通过',
      '陈静',
      '2025-01-13 10:00',
      '审核通过，定稿',
    ]);
    expect([...(await readZip(await file(1))).keys()]).toEqual([
      '云溪县文旅局2024年政府信息公开工作年度报告.docx',
      '云溪县文旅局2024年政府信息公开工作年度报告.html',
    ]);
    await settled(levers.pair);
    expect((await chatOf(emu, zhang)).some((m) => m.msg_type === 'file')).toBe(false);
    levers.clock.now += 60_000;
  }, 30_000);

  it('pages a round of 75 units, 30 at a time, within Feishu’s limits', async () => {
    const many: Unit[] = Array.from({ length: 75 }, (_, i) => ({
      id: `u${String(i + 1).padStart(3, '0')}`,
      name: `云溪县第${i + 1}单位（县政务服务和大数据管理局派出机构）`,
      fillers: Object.fromEntries(SECTIONS.map((s) => [s.id, [zhang, li]])) as Unit['fillers'],
      approvers: [wang],
    }));
    await roundRepo(levers.pair.bot.storage).save({
      ...LEVERS,
      id: '2024-rmany',
      name: '2024 年度乡镇年报',
      units: many,
    });
    const before = (await chatOf(emu, zhao)).length;
    await sendMessage(emu, zhao, '进度');
    const chat = await waitChat(emu, zhao, (m) =>
      m.slice(before).some((x) => cardText(x.content).includes('乡镇年报')),
    );
    const screen = lastCard(chat, '乡镇年报')!;
    const count = (c: CardJson) => blocksOf(c).filter((b) => b.startsWith('**云溪县第')).length;
    expect(count(screen.card)).toBe(30);
    expect(cardText(screen.card)).toContain('第 1/3 页：第 1–30 个单位，另有 45 个单位在其他页');
    for (const card of [screen.card]) {
      expect(validateCard(card)).toBeNull();
      expect(countElements(card as never)).toBeLessThanOrEqual(MAX_CARD_ELEMENTS);
      expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    }
    const seen = new Set(blocksOf(screen.card).filter((b) => b.startsWith('**云溪县第')));
    await tap(emu, zhao, screen, '下一页');
    expect(cardText(screen.card)).toContain('第 2/3 页：第 31–60 个单位');
    blocksOf(screen.card)
      .filter((b) => b.startsWith('**云溪县第'))
      .forEach((b) => seen.add(b));
    await tap(emu, zhao, screen, '下一页');
    expect(count(screen.card)).toBe(15);
    expect(buttonsOf(screen.card).map((b) => b.text)).not.toContain('下一页');
    blocksOf(screen.card)
      .filter((b) => b.startsWith('**云溪县第'))
      .forEach((b) => seen.add(b));
    expect(seen.size).toBe(75);
  }, 60_000);
});
