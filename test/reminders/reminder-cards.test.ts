/** Reminder cards: what a person sees, valid for Feishu (the emulator's validator) and within its limits. */
import { overLimits } from '../../cards/parts/limits.js';
import { reminderCard } from '../../cards/reminder-card.js';
import { validateCard } from '../../src/emulator/card-validation.js';
import type { ApproveReminder, FillReminder, OverdueReminder } from '../../src/reminders/audience.js';

const base = {
  to: 'ou_a',
  roundId: 'r2024a',
  roundName: '2024 年度政府信息公开工作年度报告',
  year: 2024,
  deadlineText: '2025年1月31日 23:59',
  date: '2025-01-22',
  at: '2025-01-22T09:30:00+08:00',
};
const fillR: FillReminder = {
  ...base,
  key: 'k1',
  kind: 'fill',
  unitId: 'u2',
  unitName: '某县教育局',
  sections: [
    { id: 's2', heading: '二、主动公开政府信息情况', state: 'in_progress' },
    { id: 's5', heading: '五、存在的主要问题及改进情况', state: 'reopened' },
  ],
  reason: 'before',
  workdaysLeft: 5,
};
const approveR: ApproveReminder = {
  ...base,
  key: 'k2',
  kind: 'approve',
  unitId: 'u1',
  unitName: '某县财政局',
  since: '2025-01-20T10:00:00+08:00',
  waitedWorkdays: 1,
};
const overdue = (n: number): OverdueReminder => ({
  ...base,
  key: 'k3',
  kind: 'overdue',
  workdaysOverdue: 2,
  units: Array.from({ length: n }, (_, i) => ({
    unitId: `u${i}`,
    unitName: `某县第${i}局`,
    status: i % 3 === 0 ? 'waiting' : i % 3 === 1 ? 'unsubmitted' : 'filling',
    complete: 2,
    total: 6,
  })),
});

describe('reminder cards', () => {
  it('name the unfinished sections, the days left, and offer 继续填报 and 明天再提醒我', () => {
    const card = reminderCard(fillR);
    const text = JSON.stringify(card);
    expect(text).toContain('距截止还有 **5 个工作日**');
    expect(text).toContain('二、主动公开政府信息情况\u3000填写中');
    expect(text).toContain('五、存在的主要问题及改进情况\u3000被退回修改');
    const values = JSON.stringify(card.body.elements.slice(-2));
    expect(values).toContain('{"action":"overview","round_id":"r2024a","unit_id":"u2"}');
    expect(values).toContain('"action":"snooze_reminder","round_id":"r2024a","unit_id":"u2"');
    expect(reminderCard({ ...fillR, reason: 'overdue', workdaysOverdue: 3 }).header?.template).toBe('red');
  });

  it('tell an approver which report waits and for how long', () => {
    const text = JSON.stringify(reminderCard(approveR));
    expect(text).toContain('某县财政局');
    expect(text).toContain('等待你审核 **1 个工作日**（1月20日 10:00 提交）');
    expect(text).not.toContain('去审核'); // no submission to open
    const withButton = JSON.stringify(reminderCard({ ...approveR, submission: 2, step: 1 }));
    expect(withButton).toContain(
      '{"action":"review","round_id":"r2024a","unit_id":"u1","submission":2,"step":1}',
    );
  });

  it('list overdue units for the admin, cut short when a round has hundreds', () => {
    const text = JSON.stringify(reminderCard(overdue(3)));
    expect(text).toContain('还有 **3 个单位** 没有完成审核');
    expect(text).toContain('某县第0局\u3000审核中');
    expect(text).toContain('某县第1局\u3000已填完，未提交审核');
    expect(text).toContain('某县第2局\u3000填报中（已完成 2/6 个部分）');
    expect(JSON.stringify(reminderCard(overdue(500)))).toContain('另有 440 个单位');
  });

  it('are valid Feishu cards within 30 KB and 200 elements', () => {
    for (const card of [fillR, approveR, { ...approveR, submission: 1 }, overdue(3), overdue(500)].map(
      reminderCard,
    )) {
      expect(validateCard(card)).toBeNull();
      expect(overLimits(card)).toBeUndefined();
    }
  });
});
