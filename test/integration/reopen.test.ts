/**
 * 重新打开 through the emulated Feishu and the real SDK: the 淮安 report approved by 王芳 then 赵磊 (also the
 * round's admin); 赵磊 finds 重新打开 on the unit card of the admin's round card (its 返回 leads back there) and on
 * his own card after 通过; a reason left out, a forwarded card tapped by a filler and a repeated tap are answered
 * and store nothing; 张敏 is asked to fix 二 and does it from the notice, the resubmission reaches 王芳 with the
 * change against the approved version, and 历史 shows the reopen and still sends the approved version's Word file.
 */
import { botMessages, type Pair } from '../server/harness.js';
import {
  fileMessages,
  refusedUnchanged,
  settled,
  startApproval,
  waitCard,
  ZHAO,
} from './approval-helpers.js';
import { buttonsOf, by, cardText, fillSection, LI, Person, WANG, ZHANG } from './fill-helpers.js';
import type { Answers } from '../../src/report/template.js';

const hasAction = (action: string) => (card: Record<string, unknown>) =>
  buttonsOf(card).some((b) => b.value.action === action);
const REASON = '公开前发现表二规章制发件数有误，请核对后修改';

describe('reopening an approved report through the emulated Feishu', () => {
  let pair: Pair;
  let answers: Answers;
  beforeAll(async () => {
    ({ pair, answers } = await startApproval());
  });
  afterAll(async () => {
    await settled(pair);
    await pair.close();
  });

  const refused = (tap: Parameters<typeof refusedUnchanged>[1], says: RegExp) =>
    refusedUnchanged(pair, tap, says);

  it('reopened from the admin card and the approver card, bad taps refused, fixed and resubmitted with the diff', async () => {
    const [zhang, li, wang, zhao] = [ZHANG, LI, WANG, ZHAO].map((id) => new Person(pair, id));

    // Approved once: 李强 submits, 王芳 passes it on, 赵磊 approves.
    await li.say('提交审核');
    await wang.tap(await waitCard(pair, WANG, hasAction('approve')), by.action('approve'));
    const zCard = await waitCard(pair, ZHAO, hasAction('approve'));
    expect((await zhao.tap(zCard, by.action('approve'))).toast?.content).toContain('审核完成');

    // The admin's unit card offers 重新打开; its form's 返回 brings the unit card back.
    // (A Word file still on its way may land between: the card is found by what it says, not by its place.)
    let seen = botMessages(pair.emu.messages(ZHAO)).length;
    await zhao.say('轮次');
    const admin = await waitCard(pair, ZHAO, (c) => cardText(c).includes('年报轮次'), seen);
    await zhao.tap(admin, by.text('管理'));
    await zhao.tap(admin, by.action('round_unit'), { round_unit: 'city' });
    expect(cardText(admin.card)).toContain('单位人员：');
    await zhao.tap(admin, by.text('重新打开'));
    expect(cardText(admin.card)).toContain('重新打开的理由');
    await zhao.tap(admin, by.text('返回'));
    expect(cardText(admin.card)).toContain('单位人员：');

    // His own card after 通过 offers it too: the form, with 确认重新打开 behind Feishu's confirm dialog.
    await zhao.tap(zCard, by.text('重新打开'));
    const confirm = buttonsOf(zCard.card).find((b) => b.text === '确认重新打开')!;
    expect(cardText(zCard.card)).toContain('确认重新打开？');
    const formAsSent = { ...zCard, card: structuredClone(zCard.card) };
    // No reason: the form says so, nothing stored.
    await refused(
      () => zhao.tap(zCard, by.text('确认重新打开'), { sections: 's2' } as never),
      /请写明重新打开的理由/,
    );
    // A filler tapping the forwarded form: refused, nothing stored.
    await refused(
      () =>
        zhang.tap(structuredClone(formAsSent), by.text('确认重新打开'), {
          reason: REASON,
          sections: ['s2'],
        } as never),
      /只有本轮管理员或终审人/,
    );
    const done = await pair.emu.act(zCard.messageId, {
      open_id: ZHAO,
      value: confirm.value,
      form_value: { reason: REASON, sections: ['s2'] },
      name: confirm.name,
    });
    expect(done.toast?.content).toBe('已重新打开，已请 张敏 修改');
    // A repeated tap (the form still on another device) is told it happened already.
    await refused(
      () =>
        zhao.tap(structuredClone(formAsSent), by.text('确认重新打开'), {
          reason: REASON,
          sections: ['s2'],
        } as never),
      /已由 赵磊 重新打开/,
    );

    // Everyone is told who, why and what; 张敏 gets a button into 二, 李强 and 王芳 only the news.
    const ask = await waitCard(pair, ZHANG, (c) => cardText(c).includes('年报已重新打开，请修改'));
    expect(cardText(ask.card)).toContain(REASON);
    for (const who of [LI, WANG]) {
      const told = await waitCard(pair, who, (c) => cardText(c).includes('重新打开了已审核通过的'));
      expect(cardText(told.card)).toContain(REASON);
      expect(buttonsOf(told.card).map((b) => b.value.action)).not.toContain('open_section');
    }

    // 张敏 fixes one cell of 二 from the notice and resubmits; 王芳 sees it against the approved version.
    const issued = String(Number(answers['t2.reg.issued']) + 1);
    await fillSection(zhang, ask, 's2', { ...answers, 't2.reg.issued': issued });
    const before = botMessages(pair.emu.messages(WANG)).length;
    await zhang.say('提交审核');
    const v2 = await waitCard(pair, WANG, hasAction('approve'), before);
    expect(cardText(v2.card)).toContain('与第 1 版（审核通过后重新打开的版本）相比：改了 1 处');
    expect(cardText(v2.card)).toContain(`~~${answers['t2.reg.issued']}~~`);

    // 历史 shows the reopen, and the approved version's Word file is still one tap away.
    seen = botMessages(pair.emu.messages(LI)).length;
    await li.say('历史');
    const tl = await waitCard(pair, LI, (c) => cardText(c).includes('审核历史'), seen);
    expect(cardText(tl.card)).toContain('重新打开</font>了已审核通过的第 1 版');
    const words = () => fileMessages(pair, LI).filter((m) => String(m.content.file_name).endsWith('.docx'));
    await settled(pair);
    const files = words().length;
    const again = await li.tap(tl, by.text('重新发送第 1 版定稿 Word 文件'));
    expect(again.toast?.content).toMatch(/^第 1 版 Word 文件.*已发送/);
    await settled(pair);
    expect(words()).toHaveLength(files + 1);
  });
});
