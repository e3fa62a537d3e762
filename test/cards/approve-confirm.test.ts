/** 通过 is final and 确认驳回 sends sections back: both ask first with Feishu's confirm dialog (issue 11 §2.6). */
import { approvalCard } from '../../cards/approval-card.js';
import { rejectCard } from '../../cards/approval-reject.js';
import { validateCard } from '../../src/emulator/card-validation.js';
import { reviewView } from '../../src/approval/review-view.js';
import { emptyApproval } from '../../src/approval/state.js';
import type { Round } from '../../src/rounds/round.js';

type El = Record<string, unknown>;

/** The buttons of a card with their action and confirm dialog text. */
function buttons(card: { body: { elements: object[] } }) {
  const out: { action: unknown; confirm?: string }[] = [];
  const visit = (el: unknown) => {
    if (!el || typeof el !== 'object') return;
    const o = el as El;
    if (o.tag === 'button')
      out.push({
        action: (o.behaviors as { value: El }[])[0].value.action,
        ...(o.confirm ? { confirm: (o.confirm as { text: { content: string } }).text.content } : {}),
      });
    for (const v of Object.values(o)) if (Array.isArray(v)) v.forEach(visit);
  };
  card.body.elements.forEach(visit);
  return out;
}

describe('通过 and 驳回 ask first (Feishu confirm)', () => {
  const round: Round = {
    id: '2024-r1',
    year: 2024,
    name: '2024 年度',
    deadline: '2025-01-31T23:59:00+08:00',
    admins: [],
    units: [],
  };
  const ref = {
    round,
    unit: { id: 'u', name: '某县政府办', fillers: {} as never, approvers: ['ou_wang', 'ou_zhao'] },
  };
  const sub = {
    version: 2,
    answers: {},
    by: 'ou_li',
    at: 1,
    fillers: {} as never,
    warnings: [],
  };

  it('the last approver’s 通过 says the version becomes final and the Word file goes out', () => {
    const state = { ...emptyApproval(), status: 'submitted' as const, version: 2, step: 1 };
    const view = reviewView(ref, state, { ...sub, approvers: ['ou_wang', 'ou_zhao'] }, { ou_zhao: '赵磊' });
    const card = approvalCard(view);
    expect(validateCard(card)).toBeNull();
    const approve = buttons(card).find((b) => b.action === 'approve')!;
    expect(approve.confirm).toMatch(/定稿.*Word 文件/);
    const reject = buttons(rejectCard(view)).find((b) => b.action === 'reject_confirm')!;
    expect(reject.confirm).toMatch(/退回修改/);
    expect(validateCard(rejectCard(view))).toBeNull();
  });

  it('an earlier approver’s 通过 says to whom it passes', () => {
    const state = { ...emptyApproval(), status: 'submitted' as const, version: 2, step: 0 };
    const view = reviewView(ref, state, { ...sub, approvers: ['ou_wang', 'ou_zhao'] }, { ou_zhao: '赵磊' });
    const approve = buttons(approvalCard(view)).find((b) => b.action === 'approve')!;
    expect(approve.confirm).toContain('赵磊');
  });
});
