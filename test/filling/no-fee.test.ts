/**
 * Section 六 and W4 (issue 11, 2.7): the card no longer calls the fee figures 「可不填」 and then warns about
 * them; it says what W4 wants in W4's own words, and 「本年度未收取信息处理费」 states it in one tap.
 */
import { stepCard } from '../../cards/fill-step.js';
import { newDraft } from '../../src/filling/draft.js';
import type { FillContext } from '../../src/filling/flow.js';
import { summaryView } from '../../src/filling/view.js';
import { checkReport } from '../../src/report/check.js';
import { CardSession, inputsOf } from './card-taps.js';
import { stepView } from '../../src/filling/view.js';
import { CTX, formFor, submitOk, zeroOrText } from './helpers.js';
import { ALL_STEPS } from '../../src/filling/steps.js';
import { answerQuestion } from '../../src/filling/question.js';

const LI = 'ou_li';
const FCTX: FillContext = {
  ...CTX,
  fillers: { s1: [LI], s2: [LI], s3: [LI], s4: [LI], s5: [LI], s6: [LI] },
};

/** Every section but 六 submitted: 0 in the tables, a sentence in every text. */
function allButSix() {
  let draft = answerQuestion(newDraft(), 'some').draft;
  for (const step of ALL_STEPS)
    if (step.section !== 's6' && step.kind !== 'question')
      draft = submitOk(draft, step.section, step.id, formFor(step.id, zeroOrText)).draft;
  return draft;
}

const OTHER = '本年度政务公开工作要点均已落实。';

function onSix() {
  const li = new CardSession(allButSix(), FCTX, LI);
  li.act({ action: 'open_section', ...CTX.ids, section: 's6' });
  return li;
}

describe('the card of 六 and the 信息处理费 (W4)', () => {
  it('says what W4 asks for in the words of the warning, and no longer 「可不填」', () => {
    const li = onSix();
    li.tap('提交本部分', { 's6.text': OTHER });
    const w4 = summaryView(li.draft, CTX).warnings.find((w) => w.includes('信息处理费'))!;
    expect(w4).toBeDefined();
    const asked = w4.slice(w4.indexOf('请填写'));
    const card = JSON.stringify(stepCard(stepView(li.draft, CTX, 's6', 's6.all')!));
    expect(card).toContain(asked);
    expect(card).not.toContain('可不填');
  });

  it('「本年度未收取信息处理费」 states it in one tap: the text says so, the section is done, no warning', () => {
    const li = onSix();
    li.tap('本年度未收取信息处理费', { 's6.text': OTHER });
    expect(li.draft.answers['s6.text']).toBe(`本年度未收取信息处理费。\n${OTHER}`);
    expect(li.draft.sections.s6.done).toContain('s6.all');
    expect(li.text()).toContain('提交审核'); // the summary: every section is complete
    expect(summaryView(li.draft, CTX).warnings.filter((w) => w.includes('信息处理费'))).toEqual([]);
    const result = checkReport(li.draft.answers);
    expect(result.warnings.filter((f) => f.rule === 'W4')).toEqual([]);
  });

  it('with the text still blank, the sentence alone states it; said twice it is written once', () => {
    const li = onSix();
    li.tap('本年度未收取信息处理费');
    expect(li.draft.answers['s6.text']).toBe('本年度未收取信息处理费。');
    const again = new CardSession(li.draft, FCTX, LI);
    again.act({ action: 'open_section', ...CTX.ids, section: 's6' });
    again.tap('本年度未收取信息处理费');
    expect(again.draft.answers['s6.text']).toBe('本年度未收取信息处理费。');
  });

  it('refuses it when the text already states a fee collected, rather than contradict it', () => {
    const li = onSix();
    const stated = '全年收取政府信息公开信息处理费 3940 元。';
    li.tap('本年度未收取信息处理费', { 's6.text': stated });
    expect(li.text()).toContain('文字中已经写了信息处理费的情况');
    expect(inputsOf(li.card)['s6.text']).toBe(stated);
    expect(li.draft.sections.s6.done).not.toContain('s6.all');
    li.tap('提交本部分');
    expect(li.draft.answers['s6.text']).toBe(stated);
    expect(li.draft.sections.s6.done).toContain('s6.all');
  });

  it('refuses it next to 实际收取金额 when an amount collected was typed on the same card', () => {
    const li = onSix();
    li.tap('本年度未收取信息处理费', { 's6.text': OTHER, 's6.fee.collected': '120' });
    expect(li.text()).toContain('与「本年度未收取信息处理费」不符');
    expect(li.draft.answers['s6.fee.collected']).toBeUndefined();
    expect(inputsOf(li.card)['s6.fee.collected']).toBe('120');
    expect(li.draft.sections.s6.done).not.toContain('s6.all');
  });
});
