/**
 * The approval service over real lowdb files: decisions that race are settled once, an incomplete report is not
 * submitted, and the filling flow's lock follows the review.
 */
import { split } from '../reminders/season-fixture.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { approveSubmission, confirmReject } from '../../src/approval/decide.js';
import { lockReason } from '../../src/approval/lock.js';
import { approvalRepo } from '../../src/approval/repo.js';
import { submitForReview } from '../../src/approval/submit.js';
import { fillCardAction } from '../../src/filling/service.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { chainRound, storeFilledReport } from '../integration/approval-helpers.js';

const ZHANG = 'ou_zhang';
const d = (storage: LowdbStorage) => ({
  storage,
  now: () => Date.UTC(2025, 0, 20),
  names: async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, id])),
});

describe('approval service on lowdb', () => {
  let dir: string;
  let storage: LowdbStorage;
  const round = chainRound(['ou_wang', 'ou_zhao'], 2024, '淮安市人民政府');
  round.units[0].fillers = split(ZHANG, 'ou_li');
  const ids = { round_id: round.id, unit_id: 'city' };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-approval-svc-'));
    storage = new LowdbStorage(dir);
    await roundRepo(storage).save(round);
  });
  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function completeDraft() {
    await storeFilledReport(storage, round.id, 'city');
  }

  test('an unfinished report is not submitted and nothing is stored', async () => {
    const r = await submitForReview(d(storage), ZHANG, ids);
    expect(r.toast).toEqual({ type: 'error', content: '还有部分没有填完，填完才能提交审核' });
    expect(await approvalRepo(storage).exists(round.id, 'city')).toBe(false);
    expect(await storage.list('approvals/')).toEqual([]);
  });

  test('someone who fills nothing in the unit cannot submit it', async () => {
    await completeDraft();
    expect((await submitForReview(d(storage), 'ou_wang', ids)).toast?.content).toBe(
      '只有本单位的填报人才能提交审核',
    );
  });

  test('two taps of 通过 arriving at once: one passes the report on, the other is refused', async () => {
    await completeDraft();
    await submitForReview(d(storage), ZHANG, ids);
    const value = { ...ids, submission: 1, step: 0 };
    const [a, b] = await Promise.all([
      approveSubmission(d(storage), 'ou_wang', value),
      approveSubmission(d(storage), 'ou_wang', value),
    ]);
    const toasts = [a.toast?.content ?? '', b.toast?.content ?? ''];
    expect(toasts.filter((t) => t.includes('已转给'))).toHaveLength(1);
    expect(toasts.filter((t) => t.includes('已经处理过'))).toHaveLength(1);
    const state = await approvalRepo(storage).load(round.id, 'city');
    expect(state.history.map((e) => e.kind)).toEqual(['submitted', 'passed']);
  });

  test('the filling flow is refused under review, and after a rejection only in the sections sent back', async () => {
    await completeDraft();
    const open = (section: string) =>
      fillCardAction(storage, ZHANG, { action: 'open_section', ...ids, section }, {});
    const reason = async (section: 's1') =>
      lockReason(await approvalRepo(storage).load(round.id, 'city'), section);
    expect(await reason('s1')).toBeUndefined();
    await submitForReview(d(storage), ZHANG, ids);
    // A locked section opens read-only, saying why (issue 11 §2.9).
    const readOnly = async (section: 's1') => {
      const r = await open(section);
      return r?.screen?.kind === 'section' ? r.screen.view.reason : r?.toast?.content;
    };
    expect(await readOnly('s1')).toBe(await reason('s1'));
    expect(await readOnly('s1')).toMatch(/审核期间不能修改/);
    const r = await confirmReject(
      d(storage),
      'ou_wang',
      { ...ids, submission: 1, step: 0 },
      {
        reason: '表三有误',
        sections: ['s3'],
      },
    );
    // Both fillers learn of it; only 张敏, who fills 三, is asked to fix something.
    const asked = r.sends.map((s) => {
      const n = s.screen.kind === 'notice' ? s.screen.notice : undefined;
      return [s.to, n?.kind === 'rejected' && n.sections.some((x) => x.mine)];
    });
    expect(Object.fromEntries(asked)).toEqual({ [ZHANG]: true, ou_li: false });
    expect((await open('s3'))?.screen?.kind).toBe('step');
    expect(await readOnly('s1')).toMatch(/保持锁定/);
  });

  test('a reason longer than 500 characters or no section keeps the form and stores nothing', async () => {
    await completeDraft();
    await submitForReview(d(storage), ZHANG, ids);
    const before = JSON.stringify(await approvalRepo(storage).load(round.id, 'city'));
    const value = { ...ids, submission: 1, step: 0 };
    const long = await confirmReject(d(storage), 'ou_wang', value, {
      reason: '长'.repeat(501),
      sections: ['s1'],
    });
    expect(long.screen?.kind).toBe('reject');
    expect(long.toast?.content).toContain('最多 500 字');
    const none = await confirmReject(d(storage), 'ou_wang', value, { reason: '请改', sections: [] });
    expect(none.toast?.content).toContain('至少选择一个');
    const forged = await confirmReject(d(storage), 'ou_wang', value, { reason: '请改', sections: ['s9'] });
    expect(forged.toast?.content).toContain('至少选择一个');
    expect(JSON.stringify(await approvalRepo(storage).load(round.id, 'city'))).toBe(before);
  });
});
