/**
 * The export's small rules as functions: a unit's state from its approval and sections, the answers its row shows,
 * file names safe and never twice, and the 进度 card's export button for the round's admins only.
 */
import { validateCard } from '../../../src/emulator/card-validation.js';
import { roundProgressCard, EXPORT_LABEL } from '../../../cards/round-progress.js';
import { emptyApproval, type ApprovalState, type Submission } from '../../../src/approval/state.js';
import { newDraft } from '../../../src/filling/draft.js';
import type { SectionState } from '../../../src/filling/progress.js';
import { SECTIONS, type SectionId } from '../../../src/report/template.js';
import type { RoundProgressView } from '../../../src/rounds/round-progress.js';
import { activityRows } from '../../../src/rounds/export/activity.js';
import { safeFileName, uniqueNames } from '../../../src/rounds/export/file-names.js';
import { exportState, shownAnswers } from '../../../src/rounds/export/unit-state.js';
import { buttonsOf } from '../../integration/fill-helpers.js';

const sections = (state: SectionState) =>
  Object.fromEntries(SECTIONS.map((s) => [s.id, state])) as Record<SectionId, SectionState>;

const sub = (version: number, value: number): Submission => ({
  version,
  answers: { 't2.license': value },
  by: 'ou_a',
  at: 0,
  fillers: Object.fromEntries(SECTIONS.map((s) => [s.id, ['ou_a']])) as Submission['fillers'],
  approvers: ['ou_b'],
  warnings: [],
});

describe('a unit’s state and the answers its row shows', () => {
  const draft = { ...newDraft(), answers: { 't2.license': 9 } };
  const approved: ApprovalState = {
    ...emptyApproval(),
    status: 'approved',
    version: 2,
    submissions: [sub(1, 1), sub(2, 2)],
    history: [
      { kind: 'submitted', version: 1, by: 'ou_a', at: 0 },
      { kind: 'approved', version: 1, by: 'ou_b', at: 1, step: 0 },
      { kind: 'submitted', version: 2, by: 'ou_a', at: 2 },
      { kind: 'approved', version: 2, by: 'ou_b', at: 3, step: 0 },
    ],
  };

  it.each([
    ['nothing typed yet', emptyApproval(), 'not_started', 'not_started', 'draft'],
    ['being filled', emptyApproval(), 'in_progress', 'filling', 'draft'],
    [
      'with the approvers',
      { ...approved, status: 'submitted', history: [] },
      'complete',
      'waiting',
      'submission',
    ],
    ['sent back', { ...approved, status: 'rejected', history: [] }, 'complete', 'rejected', 'submission'],
    // Withdrawn: back to the fillers, whose draft is what they are working on.
    ['withdrawn', { ...approved, status: 'withdrawn', history: [] }, 'complete', 'filling', 'draft'],
    ['approved', approved, 'complete', 'approved', 'approved'],
    // Reopened after its approval (重新打开): being fixed, its row still shows the version that was approved.
    [
      'reopened',
      {
        ...approved,
        status: 'rejected',
        history: [
          ...approved.history,
          { kind: 'reopened', version: 2, by: 'ou_b', at: 4, reason: '错字', sections: ['s1'] },
        ],
      },
      'complete',
      'rejected',
      'reopened',
    ],
  ] as const)('%s', (_, approval, section, state, source) => {
    const s = exportState(approval as ApprovalState, sections(section));
    expect(s).toBe(state);
    expect(shownAnswers(s, approval as ApprovalState, draft).source.kind).toBe(source);
  });

  it('an approved report shows its last approved version, a waiting one its latest submission', () => {
    expect(shownAnswers('approved', approved, draft)).toEqual({
      answers: { 't2.license': 2 },
      source: { kind: 'approved', version: 2 },
    });
    expect(shownAnswers('filling', emptyApproval(), draft).answers).toBe(draft.answers);
  });
});

describe('who did what', () => {
  it('lists a reopening with who, when, the sections sent back and why', () => {
    const approval: ApprovalState = {
      ...emptyApproval(),
      status: 'rejected',
      version: 1,
      submissions: [sub(1, 1)],
      history: [
        { kind: 'submitted', version: 1, by: 'ou_a', at: Date.UTC(2025, 0, 10, 2) },
        { kind: 'approved', version: 1, by: 'ou_b', at: Date.UTC(2025, 0, 11, 2), step: 0 },
        {
          kind: 'reopened',
          version: 1,
          by: 'ou_z',
          at: Date.UTC(2025, 0, 12, 2),
          reason: '错字',
          sections: ['s1'],
        },
      ],
    };
    const unit = { id: 'u', name: '县教育局', fillers: sub(1, 1).fillers, approvers: ['ou_b'] };
    const rows = activityRows(
      [{ unit, state: 'rejected', approval, answers: {}, source: { kind: 'reopened', version: 1 } }],
      { ou_a: '张敏', ou_b: '王芳', ou_z: '赵磊' },
    );
    expect(rows.slice(-3)).toEqual([
      ['县教育局', '已重新打开', '第 1 版', '提交审核', '张敏', '2025-01-10 10:00', ''],
      ['县教育局', '已重新打开', '第 1 版', '第 1 级审核通过', '王芳', '2025-01-11 10:00', '审核通过，定稿'],
      [
        '县教育局',
        '已重新打开',
        '第 1 版',
        '重新打开（已通过的版本）',
        '赵磊',
        '2025-01-12 10:00',
        '退回：一、总体情况；理由：错字',
      ],
    ]);
  });
});

describe('file names', () => {
  it('drops what a file system refuses and keeps the title readable', () => {
    expect(safeFileName('县"教育"局/办公室: 2024?')).toBe('县教育局办公室 2024');
    expect(safeFileName('...')).toBe('年报');
    expect([...safeFileName('局'.repeat(300))]).toHaveLength(120);
  });

  it('numbers a name given twice, never landing on another unit’s own name', () => {
    expect(uniqueNames(['甲', '乙', '甲', '甲（2）', '甲'])).toEqual([
      '甲',
      '乙',
      '甲（3）',
      '甲（2）',
      '甲（4）',
    ]);
  });
});

describe('the 进度 card’s export button', () => {
  const view = (canExport: boolean): RoundProgressView => ({
    roundId: '2024-r1',
    roundName: '2024 年度政府信息公开工作年度报告',
    year: 2024,
    deadlineText: '2025年1月31日 23:59',
    closed: true,
    units: [],
    counts: { filling: 0, rejected: 0, unsubmitted: 0, waiting: 0, approved: 0 },
    total: 0,
    page: 0,
    pages: 1,
    canUrge: false,
    canExport,
  });

  it('is offered to the round’s admins, also once the round is closed, and carries the round', () => {
    const card = roundProgressCard(view(true));
    expect(validateCard(card)).toBeNull();
    expect(buttonsOf(card as never).find((b) => b.text === EXPORT_LABEL)?.value).toEqual({
      action: 'round_export',
      round_id: '2024-r1',
    });
    expect(buttonsOf(roundProgressCard(view(false)) as never).map((b) => b.text)).not.toContain(EXPORT_LABEL);
  });
});
