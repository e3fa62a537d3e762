/**
 * A whole report filled the way a person does it on the cards: the card shows its defaults, the person types
 * only what differs and taps one button per step. Counts the taps and typed fields (figures for the report).
 */
import { newDraft, type ReportDraft } from '../../src/filling/draft.js';
import { activeSteps, sectionState } from '../../src/filling/progress.js';
import { answerQuestion } from '../../src/filling/question.js';
import { submitStep } from '../../src/filling/submit-step.js';
import { stepView, summaryView, unitReady } from '../../src/filling/view.js';
import { SECTIONS, type SectionId } from '../../src/report/template.js';
import { CTX } from './helpers.js';

class Person {
  taps = 0;
  typed = 0;
  constructor(public draft: ReportDraft) {}

  /** Opens a section from the unit card, then goes through its steps with the given answers. */
  fillSection(
    section: SectionId,
    answers: Record<string, Record<string, string>>,
    s3?: 'none' | 'some',
  ): void {
    this.taps += 1; // 开始填报
    let step: string | null = activeSteps(this.draft, section)[0].id;
    for (let guard = 0; step && guard < 20; guard++) {
      if (step === 's3.question') {
        const r = answerQuestion(this.draft, s3!);
        this.taps += 1;
        this.draft = r.draft;
        step = r.outcome.show;
        continue;
      }
      const view = stepView(this.draft, CTX, section, step)!;
      const mine = answers[step] ?? {};
      for (const [k, v] of Object.entries(mine)) if (view.values[k] !== v) this.typed += 1;
      const isGrid = view.step.parts.some((p) => p.type === 'grid');
      const r = submitStep(this.draft, {
        section,
        step,
        formValue: { ...view.values, ...mine },
        blankAsZero: isGrid,
      });
      this.taps += 1;
      if (r.outcome.status !== 'saved') throw new Error(`${step}: ${JSON.stringify(r.outcome.fieldErrors)}`);
      this.draft = r.draft;
      step = r.outcome.show;
    }
    expect(sectionState(this.draft, section)).toBe('complete');
  }
}

const TEXTS: Record<string, Record<string, string>> = {
  's1.active': { 's1.active': '本年度主动公开政府信息 35 条。' },
  's1.request': { 's1.request': '本年度依申请公开工作平稳有序。' },
  's1.management': { 's1.management': '加强政府信息管理，规范发布流程。' },
  's1.platform': { 's1.platform': '持续优化政府网站信息公开专栏。' },
  's1.oversight': { 's1.oversight': '将政务公开纳入年度绩效考核。' },
  's5.problems': { 's5.problems': '公开内容的深度和解读质量有待提高。' },
  's5.improvements': { 's5.improvements': '上年问题已整改：加强了政策解读。' },
  's6.all': { 's6.text': '本年度未收取信息处理费。工作要点均已落实。' },
};

function fillAll(person: Person, s3: 'none' | 'some', t3: Record<string, Record<string, string>> = {}): void {
  for (const s of SECTIONS) person.fillSection(s.id, { ...TEXTS, ...t3 }, s3);
}

describe('filling a whole report', () => {
  it('an agency with no requests: 8 texts typed, every table by one tap, ready to submit', () => {
    const person = new Person(newDraft());
    fillAll(person, 'none');
    expect(unitReady(person.draft)).toBe(true);
    const summary = summaryView(person.draft, CTX);
    expect(summary.canSubmit).toBe(true);
    expect(summary.errors).toEqual([]);
    // 6 × 开始填报 + s1 7 steps + s2 1 + s3 1 (the question) + s4 1 + s5 2 + s6 1.
    expect(person.taps).toBe(6 + 7 + 1 + 1 + 1 + 2 + 1);
    expect(person.typed).toBe(8);
  });

  it('an agency with 6 requests: only the non-zero cells are typed, totals and E5 agree', () => {
    const person = new Person(newDraft());
    fillAll(person, 'some', {
      's3.intake': { 't3.new.np': '5', 't3.new.biz': '1' },
      's3.r1r2': { 't3.r1.np': '3', 't3.r2.np': '1' },
      's3.r4r5': { 't3.r4_1.np': '1' },
      's3.r6out': { 't3.r6_3.biz': '1' },
    });
    expect(unitReady(person.draft)).toBe(true);
    const summary = summaryView(person.draft, CTX);
    expect(summary.canSubmit).toBe(true);
    expect(summary.figures.join('\n')).toMatch(/本年新收 总计列：6 件/);
    expect(summary.figures.join('\n')).toMatch(/办理结果总计 总计列：6 件/);
    expect(person.typed).toBe(8 + 6);
    expect(person.taps).toBe(6 + 7 + 1 + 6 + 1 + 2 + 1);
  });
});
