/**
 * The filling cards in each review state offer only buttons that work (issue 11 §2.2, 2.3, 2.9), the locked
 * section's read-only card shows every answer within Feishu's limits.
 */
import { overviewCard } from '../../cards/fill-overview.js';
import { helpCard } from '../../cards/help.js';
import { cardBytes, countElements, MAX_CARD_BYTES, MAX_CARD_ELEMENTS } from '../../cards/parts/limits.js';
import { progressCard } from '../../cards/progress.js';
import { sectionReadCard } from '../../cards/section-read.js';
import { validateCard } from '../../src/emulator/card-validation.js';
import { emptyApproval, type ApprovalState } from '../../src/approval/state.js';
import { newDraft, type ReportDraft } from '../../src/filling/draft.js';
import { activeSteps } from '../../src/filling/progress.js';
import type { ReviewStanding } from '../../src/filling/review-standing.js';
import { reviewStanding } from '../../src/filling/review-standing.js';
import { sectionReadView } from '../../src/filling/section-read.js';
import { overviewView, progressView } from '../../src/filling/view.js';
import { SECTIONS, type Answers } from '../../src/report/template.js';
import { CTX } from '../filling/helpers.js';

type El = Record<string, unknown>;

/** Every button of a card: its label, value and confirm dialog. */
function buttons(card: { body: { elements: object[] } }) {
  const out: {
    text: string;
    value: El;
    confirm?: { title: { content: string }; text: { content: string } };
  }[] = [];
  const visit = (el: unknown) => {
    if (!el || typeof el !== 'object') return;
    const o = el as El;
    if (o.tag === 'button')
      out.push({
        text: (o.text as { content: string }).content,
        value: (o.behaviors as { value: El }[])[0].value,
        ...(o.confirm ? { confirm: o.confirm as never } : {}),
      });
    for (const v of Object.values(o)) if (Array.isArray(v)) v.forEach(visit);
  };
  card.body.elements.forEach(visit);
  return out;
}
const text = (card: object) => JSON.stringify(card);

/** A report with every section submitted: text everywhere, 0 in every cell. */
function completeDraft(): ReportDraft {
  const draft = newDraft();
  const answers: Answers = {};
  for (const s of SECTIONS) {
    for (const step of activeSteps(draft, s.id))
      for (const k of step.keys)
        answers[k] = k.startsWith('t') || k.startsWith('s6.fee') ? 0 : `${k} 的情况。`;
  }
  const next = { ...draft, answers, s3Answer: 'some' as const };
  for (const s of SECTIONS)
    next.sections[s.id] = { ...next.sections[s.id], done: activeSteps(next, s.id).map((x) => x.id) };
  return next;
}

const standing = (over: Partial<ReviewStanding>): ReviewStanding => ({
  status: 'submitted',
  version: 1,
  at: Date.UTC(2025, 0, 13, 2),
  who: '王芳',
  approver: 'ou_wang',
  step: 0,
  reopened: [],
  withdrawable: true,
  ...over,
});

describe('the unit card (填报) after submission', () => {
  const draft = completeDraft();
  const mine = SECTIONS.map((s) => s.id);

  it('approved: shown as done with who and when, the final Word file, and no 查看修改 or 提交审核', () => {
    const review = standing({ status: 'approved', who: '陈静', withdrawable: false });
    const card = overviewCard(overviewView(draft, { ...CTX, review }, mine));
    expect(validateCard(card)).toBeNull();
    expect(text(card)).toContain('审核通过');
    expect(text(card)).toContain('陈静');
    expect(text(card)).toContain('1月13日 10:00');
    const labels = buttons(card).map((b) => b.text);
    expect(labels).not.toContain('查看修改');
    expect(labels).not.toContain('查看汇总并提交审核');
    expect(labels).not.toContain('撤回');
    const word = buttons(card).find((b) => b.value.action === 'resend_file');
    expect(word?.value).toEqual(expect.objectContaining({ submission: 1 }));
    // Each section can still be looked at (read-only).
    expect(
      buttons(card)
        .filter((b) => b.value.action === 'open_section')
        .map((b) => b.text),
    ).toEqual(mine.map(() => '查看'));
  });

  it('with the approver: 查看 per section, 撤回 while nobody decided, no 提交审核', () => {
    const card = overviewCard(overviewView(draft, { ...CTX, review: standing({}) }, mine));
    const labels = buttons(card).map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(['撤回', 'Word 文件', '进度', '历史']));
    expect(labels).not.toContain('查看修改');
    expect(labels).not.toContain('查看汇总并提交审核');
    expect(text(card)).toContain('正在等待 **王芳** 审核');
    const passedOn = overviewCard(
      overviewView(draft, { ...CTX, review: standing({ step: 1, withdrawable: false }) }, mine),
    );
    expect(buttons(passedOn).map((b) => b.text)).not.toContain('撤回');
  });

  it('rejected: the sections sent back can be changed, the others open read-only', () => {
    const review = standing({
      status: 'rejected',
      reopened: ['s3'],
      reason: '表三有误',
      withdrawable: false,
    });
    const card = overviewCard(overviewView(draft, { ...CTX, review }, mine));
    const bySection = Object.fromEntries(
      buttons(card)
        .filter((b) => b.value.action === 'open_section')
        .map((b) => [b.value.section, b.text]),
    );
    expect(bySection).toEqual({ s1: '查看', s2: '查看', s3: '查看修改', s4: '查看', s5: '查看', s6: '查看' });
    expect(text(card)).toContain('表三有误');
    expect(buttons(card).map((b) => b.text)).toContain('查看汇总并提交审核');
  });

  it('the standing comes from the approval state: withdrawn is filling again', () => {
    expect(reviewStanding(emptyApproval())).toBeUndefined();
    const state: ApprovalState = {
      ...emptyApproval(),
      status: 'approved',
      version: 1,
      step: 0,
      submissions: [
        {
          version: 1,
          answers: {},
          by: 'ou_li',
          at: 1,
          fillers: {} as never,
          approvers: ['ou_wang'],
          warnings: [],
        },
      ],
      history: [
        { kind: 'submitted', version: 1, by: 'ou_li', at: 1 },
        { kind: 'approved', version: 1, by: 'ou_wang', at: 5, step: 0 },
      ],
    };
    expect(reviewStanding(state)).toEqual(
      expect.objectContaining({ status: 'approved', who: 'ou_wang', at: 5 }),
    );
    expect(reviewStanding({ ...state, status: 'withdrawn' })).toBeUndefined();
  });
});

describe('进度 and 帮助 offer only what works for who receives them', () => {
  const draft = completeDraft();

  it('进度 offers 返回填报 only to a filler, 去审核 only to the approver it waits for', () => {
    const view = progressView(draft, { ...CTX, review: standing({}) });
    expect(buttons(progressCard(view)).map((b) => b.text)).toEqual(['历史']);
    expect(buttons(progressCard({ ...view, fills: true })).map((b) => b.text)).toEqual(['返回填报', '历史']);
    const turn = progressCard({ ...view, reviewAction: { submission: 1, step: 0 } });
    expect(buttons(turn)[0]).toEqual(
      expect.objectContaining({
        text: '去审核',
        value: expect.objectContaining({ action: 'review', submission: 1 }),
      }),
    );
    expect(validateCard(turn)).toBeNull();
  });

  it('帮助 lists each role’s commands with their buttons; someone with no role gets none', () => {
    const labels = (v: Parameters<typeof helpCard>[0]) => buttons(helpCard(v)).map((b) => b.text);
    expect(labels({ filler: true })).toEqual(['填报', '进度', '历史']);
    expect(labels({ approver: true })).toEqual(['进度', '历史']);
    expect(labels({ admin: true })).toEqual(['新建年报', '轮次', '进度']);
    expect(labels({ admin: true, filler: true, approver: true })).toEqual([
      '新建年报',
      '轮次',
      '进度',
      '填报',
      '历史',
    ]);
    expect(labels({})).toEqual([]);
    expect(text(helpCard({ approver: true }))).toContain('你是审核人');
    for (const v of [{ filler: true }, { approver: true }, { admin: true }, {}]) {
      expect(validateCard(helpCard(v))).toBeNull();
      expect(text(helpCard(v))).not.toContain('刷新帮助');
    }
    // Greeting a group: what the bot does for everyone, no personal buttons and no 「你还没有年报任务」.
    expect(labels({ group: true })).toEqual([]);
    expect(text(helpCard({ group: true }))).not.toContain('还没有年报任务');
    // The command buttons name the command they run.
    expect(buttons(helpCard({ filler: true }))[0].value).toEqual({ action: 'run_command', command: '填报' });
  });
});

describe('a locked section, read-only', () => {
  const reason = '年报已提交审核，审核期间不能修改；如需修改，请先撤回';

  it('shows every text in full and the table as a table, no input, why, and 返回', () => {
    const draft = completeDraft();
    const long = '本机关深入贯彻落实政府信息公开条例，'.repeat(110); // about 2,000 characters
    draft.answers['s1.management'] = long;
    const card = sectionReadCard(sectionReadView(draft, CTX, 's1', reason));
    expect(validateCard(card)).toBeNull();
    expect(text(card)).toContain(long);
    expect(text(card)).toContain(reason);
    expect(text(card)).toContain('（五）监督保障');
    expect(text(card)).not.toContain('"tag":"input"');
    expect(buttons(card)).toEqual([
      expect.objectContaining({ text: '返回', value: expect.objectContaining({ action: 'overview' }) }),
    ]);
    const table = sectionReadCard(sectionReadView(draft, CTX, 's3', reason));
    expect(text(table)).toContain('"tag":"table"');
    expect(validateCard(table)).toBeNull();
  });

  it('texts too long for one card are cut to fit 30 KB, saying how much more there is', () => {
    const draft = completeDraft();
    for (const k of ['s1.intro', 's1.active', 's1.request', 's1.management', 's1.platform', 's1.oversight'])
      draft.answers[k] = '政'.repeat(3000);
    const card = sectionReadCard(sectionReadView(draft, CTX, 's1', reason));
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(countElements(card)).toBeLessThanOrEqual(MAX_CARD_ELEMENTS);
    expect(text(card)).toContain('全文见 Word 文件');
  });
});
