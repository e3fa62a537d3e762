/**
 * Nobody who takes part in a report is left with an outdated picture (issue 11 §2.4): every filler and the
 * submitter learn each decision, the card a report was submitted from is patched to the outcome, and a tap on
 * an outdated card answers with the current card instead of only refusing. Real lowdb files, the real services.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { approvalScreenCard } from '../../cards/approval-screen.js';
import type { ApprovalReply, ApprovalScreen } from '../../src/approval/context.js';
import { approveSubmission, confirmReject } from '../../src/approval/decide.js';
import { approvalRepo } from '../../src/approval/repo.js';
import { submitForReview, withdrawSubmission } from '../../src/approval/submit.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { cardButtons, expectFeishuAccepts } from '../support/card-checks.js';
import { split } from '../reminders/season-fixture.js';
import { chainRound, storeFilledReport } from '../integration/approval-helpers.js';

const ZHANG = 'ou_zhang';
const LI = 'ou_li';
const WANG = 'ou_wang';
const ZHAO = 'ou_zhao';
const NAMES: Record<string, string> = { ou_zhang: '张敏', ou_li: '李强', ou_wang: '王芳', ou_zhao: '赵磊' };
const deps = (storage: LowdbStorage) => ({
  storage,
  now: () => Date.UTC(2025, 0, 20, 2),
  names: async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, NAMES[id] ?? id])),
});

const card = (screen: ApprovalScreen | undefined) => {
  const c = approvalScreenCard(screen!);
  expectFeishuAccepts(c);
  return c;
};
const text = (screen: ApprovalScreen | undefined) => JSON.stringify(card(screen));
const actions = (screen: ApprovalScreen | undefined) => cardButtons(card(screen)).map((b) => b.value.action);
const sentTo = (r: ApprovalReply, to: string) => r.sends.find((s) => s.to === to)?.screen;

describe('every filler learns each decision; outdated cards come up to date', () => {
  let dir: string;
  let storage: LowdbStorage;
  const round = chainRound([WANG, ZHAO], 2024, '淮安市人民政府');
  round.units[0].fillers = split(ZHANG, LI);
  const ids = { round_id: round.id, unit_id: 'city' };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-decision-news-'));
    storage = new LowdbStorage(dir);
    await roundRepo(storage).save(round);
    await storeFilledReport(storage, round.id, 'city');
  });
  afterAll(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("a rejection of only 张敏's sections reaches 李强, who submitted; his card and his 撤回 follow", async () => {
    const d = deps(storage);
    // 李强 submits from his summary card (message om_li_summary).
    const sent = await submitForReview(d, LI, ids, 'om_li_summary');
    expect(actions(sent.screen)).toContain('withdraw');

    const reason = '第一部分的数字与表二不一致';
    const r = await confirmReject(d, WANG, { ...ids, submission: 1, step: 0 }, { reason, sections: ['s1'] });
    // 张敏 is asked to fix 一; 李强 learns the reason, what went back to whom, and that his part needs nothing.
    expect(actions(sentTo(r, ZHANG))).toContain('open_section');
    const told = text(sentTo(r, LI));
    expect(told).toContain(reason);
    expect(told).toContain('一、总体情况（张敏）');
    expect(told).toContain('不需要修改');
    expect(actions(sentTo(r, LI))).not.toContain('open_section');
    // The summary card he submitted from becomes the outcome: the reason, no 撤回.
    expect(r.patches?.map((p) => p.messageId)).toEqual(['om_li_summary']);
    expect(text(r.patches![0].screen)).toContain(reason);
    expect(actions(r.patches![0].screen)).not.toContain('withdraw');

    // 撤回 on a copy of the old card: the current card in its place, a toast saying why, nothing stored.
    const before = JSON.stringify(await approvalRepo(storage).load(round.id, 'city'));
    const w = await withdrawSubmission(d, LI, { ...ids, submission: 1 });
    expect(w.toast?.content).toMatch(/驳回.*卡片已更新/);
    expect(text(w.screen)).toContain(reason);
    expect(actions(w.screen)).not.toContain('withdraw');
    expect(JSON.stringify(await approvalRepo(storage).load(round.id, 'city'))).toBe(before);
  });

  test("version 2: 王芳's version-1 card becomes the version-2 card; 通过 reaches every filler", async () => {
    const d = deps(storage);
    await submitForReview(d, ZHANG, ids, 'om_zhang_summary');
    const stale = await approveSubmission(d, WANG, { ...ids, submission: 1, step: 0 });
    expect(stale.toast?.content).toMatch(/旧版本.*卡片已更新/);
    expect(stale.screen?.kind === 'review' && stale.screen.view.version).toBe(2);
    expect(actions(stale.screen)).toEqual(expect.arrayContaining(['approve', 'reject']));

    const passed = await approveSubmission(d, WANG, { ...ids, submission: 2, step: 0 });
    for (const who of [ZHANG, LI]) expect(text(sentTo(passed, who))).toContain('已转给 **赵磊**');
    expect(passed.patches?.map((p) => p.messageId)).toEqual(['om_zhang_summary']);
    expect(actions(passed.patches![0].screen)).not.toContain('withdraw');
    // A double tap of 通过: the card shows what happened instead of buttons that no longer work.
    const again = await approveSubmission(d, WANG, { ...ids, submission: 2, step: 0 });
    expect(again.toast?.content).toMatch(/已经处理过/);
    expect(actions(again.screen)).not.toContain('approve');

    const done = await approveSubmission(d, ZHAO, { ...ids, submission: 2, step: 1 });
    expect(done.patches?.map((p) => p.messageId)).toEqual(['om_zhang_summary']);
    expect(text(done.patches![0].screen)).toContain('审核通过');
  });
});
