/**
 * The approval cards built from the 淮安市 2024 report (long texts, thousands of requests): every one passes
 * the emulator's Feishu validation and stays inside 30 KB / 200 elements, also with a diff touching everything.
 */
import { readFile } from 'node:fs/promises';
import { approvalCard } from '../../cards/approval-card.js';
import { noticeCard } from '../../cards/approval-notice.js';
import { rejectCard } from '../../cards/approval-reject.js';
import { overLimits } from '../../cards/parts/limits.js';
import { timelineCard } from '../../cards/timeline.js';
import { reject, submit, approve } from '../../src/approval/machine.js';
import { reviewView, timelineView } from '../../src/approval/review-view.js';
import { emptyApproval, latestSubmission, type ApprovalState } from '../../src/approval/state.js';
import { validateCard } from '../../src/emulator/card-validation.js';
import { importText } from '../../src/import/index.js';
import { INPUT_CELLS, TEXT_FIELDS, type Answers, type SectionId } from '../../src/report/template.js';
import { chainRound, FIXTURE } from '../integration/approval-helpers.js';

const FILLERS = { s1: ['z'], s2: ['z'], s3: ['z'], s4: ['l'], s5: ['l'], s6: ['l'] } as Record<
  SectionId,
  string[]
>;
const NAMES = { z: '张敏', l: '李强', w: '王芳', h: '赵磊' };

function ok(t: ReturnType<typeof submit>): ApprovalState {
  if (!t.ok) throw new Error(t.code);
  return t.state;
}

async function setup() {
  const { file } = importText(await readFile(FIXTURE, 'utf8'));
  const round = chainRound(['w', 'h'], file.year, file.unit);
  const ref = { round, unit: round.units[0] };
  const input = (answers: Answers) => ({
    by: 'z',
    at: Date.UTC(2025, 0, 20, 2),
    answers,
    fillers: FILLERS,
    approvers: ['w', 'h'],
    warnings: ['提醒一', '提醒二'],
  });
  return { file, ref, input };
}

const fits = (card: { body: { elements: object[] } }) => {
  expect(validateCard(card)).toBeNull();
  expect(overLimits(card)).toBeUndefined();
};

describe('approval cards', () => {
  test('the approver card shows every section, the three tables and the buttons bound to the version', async () => {
    const { file, ref, input } = await setup();
    const state = ok(submit(emptyApproval(), input(file.answers)));
    const card = approvalCard(reviewView(ref, state, latestSubmission(state)!, NAMES));
    fits(card);
    const text = JSON.stringify(card);
    for (const words of ['一、总体情况', '表二', '表三', '表四', '3119', '王芳', '提醒一', '通过', '驳回'])
      expect(text).toContain(words);
    expect(text).toContain(
      '"action":"approve","round_id":"2024-rapprv1","unit_id":"city","submission":1,"step":0',
    );
  });

  test('a resubmission in which every cell and text changed still fits, the changes counted past the first 40', async () => {
    const { file, ref, input } = await setup();
    const v1 = ok(submit(emptyApproval(), input(file.answers)));
    const r = ok(
      reject(v1, { by: 'w', at: 1, version: 1, step: 0, reason: '全部重写', sections: ['s1', 's3'] }),
    );
    const changed: Answers = { ...file.answers };
    for (const c of INPUT_CELLS) changed[c.key] = String(Number(changed[c.key] ?? 0) + 1);
    for (const f of TEXT_FIELDS) changed[f.key] = `改写的内容${'很长的句子。'.repeat(200)}`;
    const v2 = ok(submit(r, input(changed)));
    const card = approvalCard(reviewView(ref, v2, latestSubmission(v2)!, NAMES));
    fits(card);
    expect(JSON.stringify(card)).toMatch(/……还有 \d+ 处，请看 Word 文件/);
  });

  test('the reject form, the notices and the timeline are valid cards', async () => {
    const { file, ref, input } = await setup();
    const v1 = ok(submit(emptyApproval(), input(file.answers)));
    const view = reviewView(ref, v1, latestSubmission(v1)!, NAMES);
    const form = rejectCard(view, {
      reason: '请核对',
      errors: { sections: '请至少选择一个要退回修改的部分' },
    });
    fits(form);
    expect(JSON.stringify(form)).toContain('"required":true');
    const passed = ok(approve(v1, { by: 'w', at: 2, version: 1, step: 0 }));
    const done = ok(approve(passed, { by: 'h', at: 3, version: 1, step: 1 }));
    const timeline = timelineCard(timelineView(ref, done, NAMES));
    fits(timeline);
    expect(JSON.stringify(timeline)).toContain('重新发送第 1 版定稿 Word 文件');
    const base = {
      ids: { round_id: 'r', unit_id: 'u' },
      unitName: file.unit,
      year: 2024,
      version: 1,
      by: 'w',
      names: NAMES,
    };
    const sections = [
      { id: 's3' as SectionId, heading: '三、收到和处理政府信息公开申请情况', mine: true, fillers: ['z'] },
    ];
    for (const n of [
      { ...base, kind: 'submitted' as const, approvers: ['w', 'h'], current: 'w', canWithdraw: true },
      { ...base, kind: 'rejected' as const, reason: 'x'.repeat(500), sections },
      { ...base, kind: 'passed' as const, next: 'h' },
      { ...base, kind: 'approved' as const },
      { ...base, kind: 'withdrawn' as const, byFiller: true },
      { ...base, kind: 'decided' as const, decision: 'rejected' as const, reason: 'x', sections: ['三'] },
    ])
      fits(noticeCard(n));
  });
});
