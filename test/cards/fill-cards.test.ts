/**
 * Every filling card, in its fullest state (every field wrong, many errors and warnings, all jumps), against
 * Feishu's rules: the emulator's JSON 2.0 validator, ≤ 200 elements, ≤ 30 KB; inputs named by canonical keys,
 * buttons carrying value.action, each error right under its field.
 */
import { overviewCard } from '../../cards/fill-overview.js';
import { stepCard } from '../../cards/fill-step.js';
import { cardBytes, countElements, MAX_CARD_BYTES, MAX_CARD_ELEMENTS } from '../../cards/parts/limits.js';
import { progressCard } from '../../cards/progress.js';
import { summaryCard } from '../../cards/summary.js';
import { validateCard } from '../../src/emulator/card-validation.js';
import { answerQuestion } from '../../src/filling/question.js';
import { newDraft, type ReportDraft } from '../../src/filling/draft.js';
import { ALL_STEPS, type Step } from '../../src/filling/steps.js';
import { overviewView, progressView, stepView, summaryView, type StepView } from '../../src/filling/view.js';
import type { Finding } from '../../src/report/check.js';
import { SECTIONS, type Answers } from '../../src/report/template.js';
import { CTX } from '../filling/helpers.js';

type El = Record<string, unknown>;

/** Every element of the card with the array it sits in. */
function walk(card: { body: { elements: object[] } }): { el: El; siblings: El[]; inForm: boolean }[] {
  const out: { el: El; siblings: El[]; inForm: boolean }[] = [];
  const visit = (list: El[], inForm: boolean) => {
    for (const el of list) {
      out.push({ el, siblings: list, inForm });
      const nested = inForm || el.tag === 'form';
      if (Array.isArray(el.elements)) visit(el.elements as El[], nested);
      if (Array.isArray(el.columns)) visit(el.columns as El[], nested);
    }
  };
  visit(card.body.elements as El[], false);
  return out;
}

function expectFeishuAccepts(card: { body: { elements: object[] } }): void {
  expect(validateCard(card)).toBeNull();
  expect(countElements(card)).toBeLessThanOrEqual(MAX_CARD_ELEMENTS);
  expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  for (const { el, inForm } of walk(card)) {
    if (el.tag !== 'button') continue;
    const behaviors = el.behaviors as { type: string; value: { action: unknown } }[];
    expect(behaviors[0].type).toBe('callback');
    expect(typeof behaviors[0].value.action).toBe('string');
    if (inForm) expect(el.form_action_type).toBe('submit');
  }
}

const finding = (message: string, cells: string[], level: 'error' | 'warning' = 'error'): Finding => ({
  rule: level === 'error' ? 'E5' : 'W6',
  level,
  cells,
  message,
});

/** A draft where every step but the question is done, so every jump button is on the card. */
function fullDraft(): ReportDraft {
  const draft = answerQuestion(newDraft(), 'some').draft;
  for (const s of SECTIONS)
    draft.sections[s.id].done = ALL_STEPS.filter((st) => st.section === s.id).map((st) => st.id);
  return draft;
}

/** The fullest view of a step: every field typed wrongly with a long message, 8 errors, 10 warnings. */
function worstView(step: Step): StepView {
  // Every cell typed differently (40 characters, the most parseNumber reads), so no two messages are alike.
  const typed = Object.fromEntries(
    step.keys.map((k, i) => [
      k,
      `${i}１２３４５６７８９０一二三四五六七八九十abcdefghijklmnopqrstuvwxyz`.slice(0, 40),
    ]),
  );
  const fieldErrors = Object.fromEntries(
    step.keys.map((k) => [k, `「${typed[k]}」不是数字，请只填阿拉伯数字和小数点`]),
  );
  const long =
    '第三部分 自然人列：本年新收(5)+上年结转(1)=6，但办理结果总计(4)+结转下年度(1)=5，请核对办理结果各项。';
  const errors = [
    ...Array.from({ length: 4 }, () => finding(long, step.keys.slice(0, 1))),
    ...Array.from({ length: 4 }, () => finding(long, ['t9.elsewhere'])),
  ];
  const warnings = Array.from({ length: 10 }, () => finding(long.repeat(3), [], 'warning'));
  return stepView(fullDraft(), CTX, step.section, step.id, {
    typed,
    fieldErrors,
    errors,
    warnings,
    notice: '已保存。',
  })!;
}

describe('step cards', () => {
  it.each(ALL_STEPS.map((s) => [s.id, s] as const))('%s fits Feishu in its fullest state', (_id, step) => {
    const view = worstView(step);
    const card = stepCard(view);
    expectFeishuAccepts(card);
    const inputs = walk(card).filter(({ el }) => el.tag === 'input');
    // Every input is named with its canonical key, each key once, and shows what was typed.
    expect(inputs.map(({ el }) => el.name)).toEqual(step.keys);
    for (const { el } of inputs) expect(el.default_value).toBe(view.values[el.name as string]);
    // Each field's error is the red line right under its row or field.
    for (const key of step.keys) {
      const at = walk(card).find(
        ({ el }) =>
          JSON.stringify(el).includes(`"name":"${key}"`) &&
          el.tag !== 'form' &&
          el.tag !== 'column' &&
          el.tag !== 'input',
      );
      const target = at ?? walk(card).find(({ el }) => el.name === key)!;
      const next = target.siblings[target.siblings.indexOf(target.el) + 1];
      expect(next.tag).toBe('markdown');
      expect(String(next.content)).toContain("<font color='red'>");
    }
  });

  it('submits, goes back, saves and exits, and jumps, each with the ids and the version of the card', () => {
    const draft = fullDraft();
    const card = stepCard(stepView(draft, CTX, 's3', 's3.r3')!);
    const values = walk(card)
      .filter(({ el }) => el.tag === 'button')
      .map(({ el }) => (el.behaviors as { value: Record<string, unknown> }[])[0].value);
    const actions = values.map((v) => v.action);
    expect(actions).toEqual(expect.arrayContaining(['submit_step', 'back', 'save_exit', 'jump']));
    for (const v of values) {
      expect(v).toMatchObject({
        round_id: CTX.ids.round_id,
        unit_id: 'u1',
        section: 's3',
        version: draft.sections.s3.version,
      });
      expect(typeof v.step).toBe('string');
    }
    expect(values.find((v) => v.blank === 'zero')).toMatchObject({ action: 'submit_step', step: 's3.r3' });
    expect(values.filter((v) => v.action === 'jump').map((v) => v.step)).toContain('s3.intake');
  });

  it('shows a long text as a preview, says chat messages fill it, and keeps the card small', () => {
    const previous: Answers = { 's1.active': '主动公开'.repeat(5000) };
    const view = stepView(newDraft(previous), { ...CTX, previous }, 's1', 's1.active')!;
    const card = stepCard(view);
    expectFeishuAccepts(card);
    const text = JSON.stringify(card);
    expect(text).toContain('已有 20000 字');
    expect(text).toContain('在聊天中把文字发给我');
    expect(text).toContain('已按上年报告预填');
    expect(walk(card).find(({ el }) => el.tag === 'input')!.el).toMatchObject({
      input_type: 'multiline_text',
      max_length: 1000,
    });
  });

  it('asks the question of 三 with buttons only, adapted to what last year carried over', () => {
    const carryOut = (n: number): Answers => ({
      't3.carry_out.np': n,
      't3.carry_out.biz': 0,
      't3.carry_out.res': 0,
      't3.carry_out.npo': 0,
      't3.carry_out.law': 0,
      't3.carry_out.oth': 0,
    });
    const answersOn = (previous?: Answers) => {
      const card = stepCard(stepView(newDraft(previous), { ...CTX, previous }, 's3', 's3.question')!);
      expectFeishuAccepts(card);
      expect(walk(card).some(({ el }) => el.tag === 'input' || el.tag === 'form')).toBe(false);
      return walk(card)
        .filter(({ el }) => el.tag === 'button')
        .map(({ el }) => (el.behaviors as { value: Record<string, unknown> }[])[0].value)
        .filter((v) => v.action === 'answer')
        .map((v) => v.answer);
    };
    expect(answersOn()).toEqual(['some', 'none', 'carry_only']);
    expect(answersOn(carryOut(0))).toEqual(['some', 'none']);
    expect(answersOn(carryOut(3))).toEqual(['some', 'none']);
  });
});

describe('overview, progress and summary cards', () => {
  it('the unit card lists the sections of the person with their state and where to start', () => {
    const draft = answerQuestion(newDraft(), 'none').draft;
    const card = overviewCard(overviewView(draft, CTX, ['s1', 's2', 's3']));
    expectFeishuAccepts(card);
    const text = JSON.stringify(card);
    expect(text).toContain('2027年1月31日 23:59');
    expect(text).toContain('已完成');
    expect(text).toContain('未开始');
    expect(text).not.toContain('四、政府信息公开行政复议');
    const opens = walk(card)
      .filter(({ el }) => el.tag === 'button')
      .map(({ el }) => (el.behaviors as { value: Record<string, unknown> }[])[0].value);
    expect(opens.filter((v) => v.action === 'open_section').map((v) => v.section)).toEqual([
      's1',
      's2',
      's3',
    ]);
    expect(opens.map((v) => v.action)).toContain('progress');
  });

  it('the progress card shows all six sections with their fillers', () => {
    const card = progressCard(progressView(newDraft(), CTX, { s1: ['张敏'], s4: ['李强'] }));
    expectFeishuAccepts(card);
    expect(JSON.stringify(card)).toContain('填报人：张敏');
    expect(JSON.stringify(card)).toContain('已完成 0/6 个部分');
  });

  it('the summary offers 提交审核 only without hard errors, and fits with many long warnings', () => {
    const blocked = summaryView(newDraft(), CTX);
    const card = summaryCard(blocked);
    expectFeishuAccepts(card);
    expect(blocked.canSubmit).toBe(false);
    expect(JSON.stringify(card)).not.toContain('submit_for_review');

    const many = {
      ...blocked,
      canSubmit: true,
      errors: [],
      warnings: Array.from({ length: 60 }, (_, i) => `提醒 ${i}：${'文字'.repeat(150)}`),
    };
    const ok = summaryCard(many);
    expectFeishuAccepts(ok);
    expect(JSON.stringify(ok)).toContain('submit_for_review');
    expect(JSON.stringify(ok)).toContain('还有 50 条');
  });
});
