/**
 * Review and approval end to end through the emulated Feishu: 李强 submits the 淮安市 2024 report, 王芳 reads
 * the whole of 一 (阅读全文) and sends 一 and 二 back with a reason (only 张敏 is asked to fix them; 李强, who
 * submitted, learns of it and his summary card turns into the outcome; his sections stay locked), 张敏 fixes a
 * text and a cell and resubmits, 王芳 sees exactly what changed and passes it on, 赵磊 approves, and the final
 * Word file every filler receives has the report's numbers in its tables. The refused taps along the way store
 * nothing, and a tap on an outdated card brings the card up to date.
 */
import JSZip from 'jszip';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { importDocx } from '../../src/import/index.js';
import { TABLE_CELLS, type Answers } from '../../src/report/template.js';
import { botMessages, type Pair } from '../server/harness.js';
import {
  download,
  fileMessages,
  lastCard,
  refusedUnchanged,
  settled,
  startApproval,
  storedFiles,
  waitCard,
  ZHAO,
} from './approval-helpers.js';
import {
  buttonsOf,
  by,
  cardText,
  fillSection,
  LI,
  Person,
  WANG,
  ZHANG,
  type Screen,
} from './fill-helpers.js';

const hasAction = (action: string) => (card: Record<string, unknown>) =>
  buttonsOf(card).some((b) => b.value.action === action);

describe('review and approval through the emulated Feishu', () => {
  let pair: Pair;
  let answers: Answers;
  beforeEach(async () => {
    ({ pair, answers } = await startApproval());
  });
  afterEach(async () => {
    await settled(pair);
    await pair.close();
  });

  const refused = (tap: Parameters<typeof refusedUnchanged>[1], says: RegExp) =>
    refusedUnchanged(pair, tap, says);

  /**
   * Opens a locked section: refused with the reason, or shown read-only with the reason on the card; either way
   * not one stored byte changes.
   */
  async function locked(tap: () => Promise<{ toast?: { content: string }; card?: object }>, says: RegExp) {
    await settled(pair);
    const before = await storedFiles(pair.dataDir);
    const r = await tap();
    await settled(pair);
    expect(`${r.toast?.content ?? ''} ${r.card ? cardText(r.card) : ''}`).toMatch(says);
    expect(await storedFiles(pair.dataDir)).toEqual(before);
  }

  async function submitFromSummary(p: Person): Promise<Screen> {
    const unit = await p.fill();
    if (!hasAction('submit_for_review')(unit.card)) await p.tap(unit, by.action('summary'));
    const r = await p.tap(unit, by.action('submit_for_review'));
    expect(r.toast?.type).toBe('success');
    return unit;
  }

  it('submit → reject two sections → fix → resubmit with a diff → two-step approval → the final Word file', async () => {
    const zhang = new Person(pair, ZHANG);
    const li = new Person(pair, LI);
    const wang = new Person(pair, WANG);
    const zhao = new Person(pair, ZHAO);

    // 李强 submits: his card says it went to 王芳, 王芳 gets the report and its Word file, 张敏 is told.
    const liCard = await submitFromSummary(li);
    expect(cardText(liCard.card)).toMatch(/已发给 \*\*王芳\*\*/);
    // What his chat still shows if the card is not brought up to date: 撤回 on version 1.
    const liCardAsSent = { ...liCard, card: structuredClone(liCard.card) };
    const v1 = await waitCard(pair, WANG, hasAction('approve'));
    // What a second device (or a forwarded copy) still shows after this one changed: the card as first sent.
    const v1AsSent = { ...v1, card: structuredClone(v1.card) };
    const v1Text = cardText(v1.card);
    expect(v1Text).toContain('淮安市人民政府');
    expect(v1Text).toContain(String(answers['t3.new.np'])); // table 三 on the card
    expect(v1Text).toContain('审核顺序：**王芳** → 赵磊');
    expect(buttonsOf(v1.card).find((b) => b.text === '通过')?.value).toMatchObject({
      submission: 1,
      step: 0,
    });
    await settled(pair);
    expect(fileMessages(pair, WANG).map((m) => m.content.file_name)).toEqual([
      '淮安市人民政府2024年政府信息公开工作年度报告（第1版送审稿）.docx',
    ]);
    await waitCard(pair, ZHANG, (c) => cardText(c).includes('已提交审核'));

    // 一 is longer than the approver card shows: 阅读全文 brings all of it, 返回审核 the card again.
    const full = await wang.tap(v1, (b) => b.value.action === 'read_section' && b.value.section === 's1');
    for (const key of ['s1.active', 's1.oversight'] as const)
      expect(cardText(full.card)).toContain(String(answers[key]).trim().slice(-20));
    await wang.tap(v1, by.action('review'));
    expect(buttonsOf(v1.card).map((b) => b.text)).toEqual(expect.arrayContaining(['通过', '驳回']));

    // Under review nobody fills: 李强's tap on his section is refused.
    const liUnit = await li.fill();
    const openS4 = () =>
      li.tap({ ...liUnit, card: structuredClone(liUnit.card) }, by.action('open_section', { section: 's4' }));
    await locked(openS4, /审核期间不能修改/);

    // 王芳 taps 驳回: a form asking for the reason and the sections.
    const form = await wang.tap(v1, by.action('reject'));
    expect(cardText(form.card)).toContain('驳回理由');
    const confirm = buttonsOf(v1.card).find((b) => b.value.action === 'reject_confirm')!;
    // Without a section the form comes back with the reason kept, nothing stored.
    await refused(async () => {
      const r = await pair.emu.act(v1.messageId, {
        open_id: WANG,
        value: confirm.value,
        form_value: { reason: '请核对', sections: [] },
        name: confirm.name,
      });
      return r as { toast?: { type: string; content: string } };
    }, /至少选择一个/);
    const reason = '第一部分主动公开的条数与表二不一致，表二行政许可数请核对';
    const rejected = await pair.emu.act(v1.messageId, {
      open_id: WANG,
      value: confirm.value,
      form_value: { reason, sections: ['s1', 's2'] },
      name: confirm.name,
    });
    expect(rejected.toast?.content).toContain('已通知 张敏');
    await settled(pair);

    // Only 张敏 (who fills 一 and 二) is asked to fix, with the reason; 李强, who submitted, learns it too:
    // the reason, which sections went back to whom, and that his own need nothing.
    const ask = await waitCard(pair, ZHANG, (c) => cardText(c).includes('年报被驳回，请修改'));
    expect(cardText(ask.card)).toContain(reason);
    const told = await waitCard(pair, LI, (c) => cardText(c).includes('年报被驳回'));
    expect(cardText(told.card)).toContain(reason);
    expect(cardText(told.card)).toContain('一、总体情况（张敏）');
    expect(cardText(told.card)).toContain('不需要修改');
    expect(buttonsOf(told.card).map((b) => b.value.action)).not.toContain('open_section');
    // The card he submitted from shows the rejection now, with no 撤回 left on it.
    const patched = pair.emu.messages(LI).find((m) => m.message_id === liCard.messageId)!;
    expect(cardText(patched.content)).toContain(reason);
    expect(buttonsOf(patched.content as typeof liCard.card).map((b) => b.value.action)).not.toContain(
      'withdraw',
    );
    // A copy still showing 撤回 (a second device) is brought up to date by the tap, nothing stored.
    await refused(() => li.tap(liCardAsSent, by.action('withdraw')), /驳回.*卡片已更新/);
    expect(cardText(liCardAsSent.card)).toContain(reason);
    // 二 is open again, 四 (李强's) stays locked.
    await locked(openS4, /保持锁定/);

    // 张敏 fixes the opening text of 一 and the 行政许可 cell of 二, and resubmits from the summary.
    const fixed = {
      ...answers,
      's1.intro': `${String(answers['s1.intro']).trim()}全年新增政策解读12篇。`,
      't2.license': String(Number(answers['t2.license'] ?? 0) + 5),
    };
    await fillSection(zhang, ask, 's1', fixed);
    const unit = await zhang.fill();
    await fillSection(zhang, unit, 's2', fixed);
    await settled(pair);
    const wangSeen = botMessages(pair.emu.messages(WANG)).length;
    await submitFromSummary(zhang);

    // 王芳 gets version 2 with what changed since version 1: the cell and the text, old and new.
    const v2 = await waitCard(pair, WANG, hasAction('approve'), wangSeen);
    const v2Text = cardText(v2.card);
    expect(v2Text).toContain('与第 1 版（被驳回的版本）相比：改了');
    expect(v2Text).toContain(`~~${answers['t2.license']}~~`);
    expect(v2Text).toContain(`**${fixed['t2.license']}**`);
    expect(v2Text).toContain('全年新增政策解读12篇');
    expect(v2Text).toContain(reason);

    // The version-1 card decides nothing any more: the tap turns it into the version-2 card.
    await refused(() => wang.tap(v1AsSent, by.action('approve')), /旧版本.*卡片已更新/);
    expect(cardText(v1AsSent.card)).toContain('第 2 版');

    // 王芳 passes it on to 赵磊; a double tap is refused; 李强 cannot withdraw once someone decided.
    const v2AsSent = { ...v2, card: structuredClone(v2.card) };
    const passed = await wang.tap(v2, by.action('approve'));
    expect(passed.toast?.content).toContain('已转给 赵磊');
    expect(cardText(v2.card)).toContain('已通过，转下一位审核');
    // Every filler follows the decision, also 李强 who did not submit version 2.
    await waitCard(pair, LI, (c) => cardText(c).includes('已转给 **赵磊**'));
    await refused(() => wang.tap(v2AsSent, by.action('approve')), /已经处理过/);
    const liNotice = lastCard(pair, LI, (c) => cardText(c).includes('第 2 版') && hasAction('withdraw')(c))!;
    await refused(() => li.tap(liNotice, by.action('withdraw')), /不能撤回/);
    const z = await waitCard(pair, ZHAO, hasAction('approve'));
    const zAsSent = { ...z, card: structuredClone(z.card) };
    expect(cardText(z.card)).toContain('与第 1 版');

    // A forwarded card: 张敏 taps 通过 on 赵磊's card.
    await refused(() => zhang.tap(zAsSent, by.action('approve')), /不是这份年报的审核人/);

    // 赵磊 approves: the report is approved and locked, everyone gets the final Word file, then one more
    // message: the zip of the files to publish (the HTML page; the PDF is switched off in tests, and said so).
    const done = await zhao.tap(z, by.action('approve'));
    expect(done.toast?.content).toContain('审核完成');
    await settled(pair);
    const title = '淮安市人民政府2024年政府信息公开工作年度报告';
    for (const who of [ZHANG, LI, WANG, ZHAO]) {
      const finals = fileMessages(pair, who).filter((m) => !String(m.content.file_name).includes('送审稿'));
      expect(finals.map((m) => m.content.file_name)).toEqual([`${title}.docx`, `${title}（网页版）.zip`]);
    }
    const zip = await JSZip.loadAsync(await download(pair, fileMessages(pair, WANG).at(-1)!));
    expect(Object.keys(zip.files).sort()).toEqual([`${title}.html`, '说明.txt']);
    const page = await zip.file(`${title}.html`)!.async('string');
    expect(page).toContain(`<title>${title}</title>`);
    expect(page.match(/<table /g)).toHaveLength(3);
    expect(await zip.file('说明.txt')!.async('string')).toContain('暂不能提供 PDF');
    const final = fileMessages(pair, LI).find((m) => m.content.file_name === `${title}.docx`)!;
    const back = (await importDocx(await download(pair, final))).file.answers;
    const cells = TABLE_CELLS.filter((c) => fixed[c.key as keyof typeof fixed] !== undefined);
    expect(cells.length).toBeGreaterThan(190);
    const wrong = cells
      .filter((c) => Number(back[c.key]) !== Number(fixed[c.key as keyof typeof fixed]))
      .map((c) => `${c.key}: ${fixed[c.key as keyof typeof fixed]} → ${back[c.key]}`);
    expect(wrong).toEqual([]);
    expect(String(back['s1.intro'])).toContain('全年新增政策解读12篇');

    // Approved is final: no more filling, no second approval.
    await refused(() => zhao.tap(zAsSent, by.action('approve')), /已审核通过/);
    await locked(openS4, /已审核通过/);

    // 历史: every step with who, and the reason; the approved Word file can be fetched again.
    const [timeline] = await zhang.say('历史');
    const t = cardText(timeline.content);
    for (const words of ['提交了第 1 版', '驳回', reason, '提交了第 2 版', '转下一位审核人', '审核通过'])
      expect(t).toContain(words);
    const filesBefore = fileMessages(pair, ZHANG).length;
    const tl = { messageId: timeline.message_id, owner: ZHANG, card: timeline.content };
    const resent = await zhang.tap(tl, by.action('resend_file', { submission: 2 }));
    expect(resent.toast?.content).toBe('第 2 版 Word 文件和网页版已发送，请查看消息');
    await settled(pair);
    expect(
      fileMessages(pair, ZHANG)
        .slice(filesBefore)
        .map((m) => m.content.file_name),
    ).toEqual([`${title}.docx`, `${title}（网页版）.zip`]);
  }, 90_000);

  it('a filler withdraws before anyone decided; the approver is told and can no longer decide', async () => {
    const zhang = new Person(pair, ZHANG);
    const wang = new Person(pair, WANG);
    // 提交审核 typed in the chat does what the summary card's button does.
    const [reply] = await zhang.say('提交审核');
    const card: Screen = { messageId: reply.message_id, owner: ZHANG, card: reply.content };
    expect(cardText(card.card)).toContain('已提交审核');
    const v1 = await waitCard(pair, WANG, hasAction('approve'));
    // 赵磊 is second in the chain: not his turn yet.
    await refused(() => new Person(pair, ZHAO).tap(v1, by.action('approve')), /还没轮到你/);
    const w = await zhang.tap(card, by.action('withdraw'));
    expect(w.toast?.content).toContain('已撤回');
    await waitCard(pair, WANG, (c) => cardText(c).includes('撤回了'));
    const v1AsSent = { ...v1, card: structuredClone(v1.card) };
    await refused(() => wang.tap(v1, by.action('approve')), /撤回/);
    // The tapped card now says so itself, without 通过 or 驳回.
    expect(cardText(v1.card)).toContain('填报人已撤回');
    expect(buttonsOf(v1.card).map((b) => b.text)).not.toContain('通过');
    await refused(() => wang.tap(v1AsSent, by.action('reject')), /撤回/);
    // Withdrawn, the report opens again for its fillers.
    const unit = await zhang.fill();
    const open = await zhang.tap(unit, by.action('open_section', { section: 's1' }));
    expect(open.toast?.type ?? 'info').not.toBe('warning');
    expect(DEMO.filler.open_id).toBe(ZHANG);
  }, 60_000);
});
