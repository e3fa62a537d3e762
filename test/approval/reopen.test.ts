/**
 * 重新打开 over real lowdb files: the last approver reopens the approved 淮安 report for 一 and 二, 张敏 fixes a
 * text and a cell through the filling cards, resubmits, the first approver sees exactly those changes against
 * the approved version, the chain approves again, and the history keeps both approved versions with their Word
 * files. The bad inputs (no reason, a filler, an approver early in the chain, a report not approved, a second
 * reopen, an old card) are answered in Chinese and change no stored byte.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminScreenCard } from '../../cards/admin-screen.js';
import { approvalCard } from '../../cards/approval-card.js';
import { approvalScreenCard } from '../../cards/approval-screen.js';
import { fillScreenCard } from '../../cards/fill-screen.js';
import { timelineCard } from '../../cards/timeline.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { unitBlock } from '../../cards/round-progress.js';
import { unitProgressOf } from '../../src/rounds/round-progress.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import { adminActions } from '../../src/admin/actions.js';
import type { ApprovalReply } from '../../src/approval/context.js';
import { approveSubmission } from '../../src/approval/decide.js';
import { resendFile } from '../../src/approval/history.js';
import { reportFileName } from '../../src/approval/word-file.js';
import { reportTitle } from '../../src/report/template.js';
import { lockReason } from '../../src/approval/lock.js';
import { approvalRepo } from '../../src/approval/repo.js';
import { confirmReopen, openReopen, reopenBack, reopenReport } from '../../src/approval/reopen.js';
import { peopleOf, timelineView } from '../../src/approval/review-view.js';
import { approvedVersions } from '../../src/approval/state.js';
import { submitForReview } from '../../src/approval/submit.js';
import { fillCardAction } from '../../src/filling/service.js';
import { storedApprovals } from '../../src/reminders/approval-adapter.js';
import { loadUnitFacts } from '../../src/reminders/unit-facts.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { chainRound, storeFilledReport, storedFiles, ZHAO } from '../integration/approval-helpers.js';
import { split } from '../reminders/season-fixture.js';
import { cardButtons, cardInputs, expectFeishuAccepts } from '../support/card-checks.js';

const ZHANG = 'ou_zhang';
const LI = 'ou_li';
const WANG = 'ou_wang';
const LAST = 'ou_last';
const NAMES: Record<string, string> = {
  [ZHANG]: '张敏',
  [LI]: '李强',
  [WANG]: '王芳',
  [LAST]: '刘洋',
  [ZHAO]: '赵磊',
};
const REASON = '公开前发现开头段落的表述和表二的规章件数有误，请修改';

describe('reopening an approved report', () => {
  let dir: string;
  let storage: LowdbStorage;
  let now = Date.UTC(2025, 0, 20, 2);
  const d = () => ({
    storage,
    now: () => (now += 60_000),
    names: async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, NAMES[id] ?? id])),
  });
  const round = chainRound([WANG, LAST], 2024, '淮安市人民政府');
  round.units[0].fillers = split(ZHANG, LI);
  const ids = { round_id: round.id, unit_id: 'city' };
  const load = () => approvalRepo(storage).load(round.id, 'city');

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-reopen-'));
    storage = new LowdbStorage(dir);
    await roundRepo(storage).save(round);
    await storeFilledReport(storage, round.id, 'city');
  });
  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Submits the draft and has both approvers pass it: the report is approved at `version`. */
  async function approveAll(version: number): Promise<ApprovalReply> {
    expect((await submitForReview(d(), ZHANG, ids)).toast?.type).toBe('success');
    const submitted = await approveSubmission(d(), WANG, { ...ids, submission: version, step: 0 });
    expect(submitted.toast?.content).toContain('已转给 刘洋');
    const approved = await approveSubmission(d(), LAST, { ...ids, submission: version, step: 1 });
    expect(approved.toast?.content).toContain('审核完成');
    return approved;
  }

  /** A tap that must be refused: its answer matches `says`, and not one stored byte changed. */
  async function refused(tap: () => Promise<ApprovalReply>, says: RegExp): Promise<ApprovalReply> {
    const before = await storedFiles(dir);
    const r = await tap();
    expect(r.toast?.content).toMatch(says);
    expect(r.toast?.type).not.toBe('success');
    expect(r.sends).toEqual([]);
    expect(await storedFiles(dir)).toEqual(before);
    return r;
  }

  /** A filler's tap on a filling card: the button labelled `label`, with what the inputs show and `typed`. */
  async function tapFill(who: string, value: object, label: string, typed: Record<string, string>) {
    const opened = await fillCardAction(storage, who, value, {});
    if (opened?.screen?.kind !== 'step') throw new Error(`no step card: ${opened?.toast?.content}`);
    const card = fillScreenCard(opened.screen);
    const button = cardButtons(card).find((b) => b.text === label)!;
    return fillCardAction(storage, who, button.value, { ...cardInputs(card), ...typed });
  }

  test('reopen → fix → resubmit → the diff against the approved version → approve; both versions kept', async () => {
    const approved = await approveAll(1);
    // The last approver's own card after 通过 offers 重新打开, bound to the approved version.
    const own = approvalScreenCard(approved.screen!);
    const button = cardButtons(own).find((b) => b.text === '重新打开');
    expect(button?.value).toMatchObject({ action: 'reopen', ...ids, submission: 1 });
    const v1 = (await load()).submissions[0].answers;

    // 重新打开 shows the form; nothing is stored before 确认重新打开.
    const form = await refusedNothing(() => openReopen(d(), LAST, { ...ids, submission: 1 }));
    expect(form.screen?.kind).toBe('reopen');
    const formCard = approvalScreenCard(form.screen!);
    expectFeishuAccepts(formCard);
    expect(JSON.stringify(formCard)).toContain('重新打开的理由');
    // Its 返回 brings back the card the last approver had after 通过, 重新打开 still on it.
    const back = cardButtons(formCard).find((b) => b.text === '返回')!;
    const again = await reopenBack(d(), LAST, back.value as never);
    expect(cardButtons(approvalScreenCard(again.screen!)).map((b) => b.text)).toContain('重新打开');
    const confirm = cardButtons(formCard).find((b) => b.text === '确认重新打开')!;
    expect(JSON.stringify(formCard)).toContain('确认重新打开？'); // Feishu's confirm dialog
    const r = await confirmReopen(d(), LAST, confirm.value as never, {
      reason: REASON,
      sections: ['s1', 's2'],
    });
    expect(r.toast).toEqual({ type: 'success', content: '已重新打开，已请 张敏 修改' });

    // The history gains the event; the report is back in filling for 一 and 二 only.
    const state = await load();
    expect(state.history.at(-1)).toEqual({
      kind: 'reopened',
      version: 1,
      by: LAST,
      at: expect.any(Number),
      reason: REASON,
      sections: ['s1', 's2'],
      byName: '刘洋',
    });
    expect(lockReason(state, 's1')).toBeUndefined();
    expect(lockReason(state, 's4')).toBe('重新打开时只开放了其他部分，这一部分保持锁定，不能修改');
    // The reminders see it back in filling, like a rejected report.
    const approvals = storedApprovals(storage);
    expect(await approvals.approved(round.id, 'city')).toBe(false);
    const [facts] = await loadUnitFacts(storage, round, approvals);
    expect(facts).toMatchObject({ approved: false, reopened: ['s1', 's2'], reopenedAfterApproval: true });
    // The admin's 进度 card says it was reopened, not rejected by an approver.
    const progress = unitProgressOf(facts, {
      deadline: round.deadline,
      now: Date.now(),
      calendar: createWorkdayCalendar(),
      name: () => '同事',
    });
    expect(unitBlock(progress)).toContain('已重新打开，待修改');

    // Everyone involved is told; only 张敏, who fills 一 and 二, gets a button into each.
    const told = Object.fromEntries(
      r.sends.map((s) => {
        const card = approvalScreenCard(s.screen);
        expectFeishuAccepts(card);
        const text = JSON.stringify(card);
        expect(text).toContain('刘洋');
        expect(text).toContain(REASON);
        return [
          s.to,
          cardButtons(card)
            .filter((b) => b.value.action === 'open_section')
            .map((b) => b.value.section),
        ];
      }),
    );
    expect(told).toEqual({ [ZHANG]: ['s1', 's2'], [LI]: [], [WANG]: [], [ZHAO]: [] });
    const liCard = JSON.stringify(approvalScreenCard(r.sends.find((s) => s.to === LI)!.screen));
    const reopened = timelineCard(
      timelineView(
        { round, unit: round.units[0] },
        state,
        await d().names(peopleOf(state, { round, unit: round.units[0] })),
      ),
    );
    expect(JSON.stringify(reopened)).toContain('状态：**已重新打开，等待修改**');
    expect(liCard).toContain('你负责的部分保持锁定');

    // 张敏 fixes a text of 一 and a cell of 二 on the real step cards, which quote the reason.
    const s1 = await fillCardAction(storage, ZHANG, { action: 'open_section', ...ids, section: 's1' }, {});
    expect(JSON.stringify(fillScreenCard(s1!.screen as never))).toContain('重新打开的理由');
    const intro = String(v1['s1.intro']).replace('圆满完成了各项任务', '较好完成了各项任务');
    expect(intro).not.toBe(v1['s1.intro']);
    await tapFill(ZHANG, { action: 'open_section', ...ids, section: 's1' }, '保存并退出', {
      's1.intro': intro,
    });
    const issued = String(Number(v1['t2.reg.issued']) + 1);
    await tapFill(ZHANG, { action: 'open_section', ...ids, section: 's2' }, '提交本部分', {
      't2.reg.issued': issued,
    });
    // A section left locked cannot be changed meanwhile.
    const s4 = await fillCardAction(storage, LI, { action: 'open_section', ...ids, section: 's4' }, {});
    expect(JSON.stringify(s4)).toContain('重新打开时只开放了其他部分');

    // Resubmitted, it goes to the first approver again, with the changes against the approved version.
    const resubmitted = await submitForReview(d(), ZHANG, ids);
    expect(resubmitted.toast?.content).toContain('已发给 王芳');
    const review = resubmitted.sends.find((s) => s.to === WANG)!.screen;
    if (review.kind !== 'review') throw new Error('no approver card');
    expect(review.view.diff).toMatchObject({ since: 1, approved: true, reason: REASON });
    expect(review.view.diff!.changes.map((c) => [c.kind, c.key])).toEqual([
      ['text', 's1.intro'],
      ['cell', 't2.reg.issued'],
    ]);
    const [text, cell] = review.view.diff!.changes;
    expect(text).toMatchObject({ edits: [{ before: '圆满', after: '较好' }] });
    expect(cell).toMatchObject({ before: String(v1['t2.reg.issued']), after: issued });
    const reviewText = JSON.stringify(approvalCard(review.view));
    expect(reviewText).toContain('与第 1 版（审核通过后重新打开的版本）相比：改了 2 处');

    // The chain approves version 2; the history keeps both approved versions and both Word files.
    await approveSubmission(d(), WANG, { ...ids, submission: 2, step: 0 });
    await approveSubmission(d(), LAST, { ...ids, submission: 2, step: 1 });
    const done = await load();
    expect(done.status).toBe('approved');
    expect(approvedVersions(done)).toEqual([1, 2]);
    expect(done.history.map((e) => e.kind)).toEqual([
      'submitted',
      'passed',
      'approved',
      'reopened',
      'submitted',
      'passed',
      'approved',
    ]);
    const names = await d().names(peopleOf(done, { round, unit: round.units[0] }));
    const timeline = timelineCard(timelineView({ round, unit: round.units[0] }, done, names));
    expectFeishuAccepts(timeline);
    expect(JSON.stringify(timeline)).toContain(
      '重新打开</font>了已审核通过的第 1 版，重新填写：一、总体情况、二、主动公开政府信息情况',
    );
    expect(cardButtons(timeline).map((b) => b.text)).toEqual([
      '重新发送第 1 版定稿 Word 文件',
      '重新发送第 2 版定稿 Word 文件',
    ]);
    // Either approved version's Word file is sent again, made from that version's own answers.
    for (const [version, want] of [
      [1, v1['t2.reg.issued']],
      [2, issued],
    ] as const) {
      const again = await resendFile(d(), LI, { ...ids, submission: version });
      expect(again.files).toHaveLength(1);
      expect(again.files[0]).toMatchObject({ version, final: true, to: [LI] });
      // The first one is named as replaced, so the two files in a chat can be told apart.
      const { ref, replaced } = again.files[0];
      expect(reportFileName(ref, version, true, replaced)).toBe(
        version === 1
          ? `${reportTitle(ref.unit.name, ref.round.year)}（第1版定稿，已被后来的定稿取代）.docx`
          : `${reportTitle(ref.unit.name, ref.round.year)}.docx`,
      );
      expect(String(again.files[0].file.answers['t2.reg.issued'])).toBe(String(want));
    }
  });

  /** A tap that stores nothing but is not refused (opening a form). */
  async function refusedNothing(tap: () => Promise<ApprovalReply>): Promise<ApprovalReply> {
    const before = await storedFiles(dir);
    const r = await tap();
    expect(await storedFiles(dir)).toEqual(before);
    return r;
  }

  test('bad input: no reason, a filler, an approver early in the chain, not approved, twice, an old card', async () => {
    const value = { ...ids, submission: 1 };
    const form = { reason: REASON, sections: ['s3'] };
    // Under review: nothing to reopen.
    expect((await submitForReview(d(), ZHANG, ids)).toast?.type).toBe('success');
    await refused(() => confirmReopen(d(), ZHAO, value, form), /还没有审核通过，不能重新打开/);
    await refused(() => openReopen(d(), ZHAO, value), /还没有审核通过/);
    await approveSubmission(d(), WANG, { ...ids, submission: 1, step: 0 });
    await approveSubmission(d(), LAST, { ...ids, submission: 1, step: 1 });

    // Neither a filler nor the first approver may reopen, with or without a reason.
    for (const who of [ZHANG, WANG]) {
      await refused(() => openReopen(d(), who, value), /只有本轮管理员或终审人（刘洋）可以重新打开/);
      await refused(() => confirmReopen(d(), who, value, form), /只有本轮管理员或终审人/);
      await refused(() => confirmReopen(d(), who, value, {}), /只有本轮管理员或终审人/);
    }
    // Without a reason (or only spaces) the form comes back saying so, the sections kept.
    for (const reason of [undefined, '   ']) {
      const r = await refused(
        () => confirmReopen(d(), ZHAO, value, { ...(reason ? { reason } : {}), sections: ['s3'] }),
        /请写明重新打开的理由/,
      );
      expect(r.screen?.kind).toBe('reopen');
      const card = approvalScreenCard(r.screen!);
      expectFeishuAccepts(card);
      expect(JSON.stringify(card)).toContain('"selected_values":["s3"]');
    }
    await refused(() => confirmReopen(d(), ZHAO, value, { reason: REASON, sections: [] }), /至少选择一个/);

    // The admin reopens; a repeated tap (or the last approver a moment later) is told it already happened.
    const r = await reopenReport(d(), ZHAO, ids, { reason: REASON, sections: ['s3'] });
    expect(r.toast?.type).toBe('success');
    expect(r.sends.map((s) => s.to).sort()).toEqual([LAST, WANG, LI, ZHANG].sort());
    await refused(() => confirmReopen(d(), ZHAO, value, form), /已由 赵磊 重新打开，正在修改/);
    await refused(() => confirmReopen(d(), LAST, value, form), /已由 赵磊 重新打开/);
    await refused(() => openReopen(d(), LAST, value), /已由 赵磊 重新打开/);
    // The approver's old card of version 1 says what happened, not 「已被驳回」.
    await refused(
      () => approveSubmission(d(), LAST, { ...ids, submission: 1, step: 1 }),
      /已由 赵磊 重新打开/,
    );

    // Fixed and approved again as version 2: a card of version 1 no longer reopens anything.
    await approveAllAgain();
    await refused(() => confirmReopen(d(), ZHAO, value, form), /旧版本的，年报现在是第 2 版/);
  });

  async function approveAllAgain() {
    expect((await submitForReview(d(), ZHANG, ids)).toast?.type).toBe('success');
    await approveSubmission(d(), WANG, { ...ids, submission: 2, step: 0 });
    await approveSubmission(d(), LAST, { ...ids, submission: 2, step: 1 });
    expect((await load()).status).toBe('approved');
  }

  test("the admin's unit card offers 重新打开 for an approved report only, and its form goes back there", async () => {
    const ctx = {
      storage,
      now: Date.UTC(2025, 0, 20),
      openId: ZHAO,
      names: async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, NAMES[id] ?? id])),
      mayOpen: async () => true,
    };
    const unitButtons = async () => {
      const reply = await adminActions.round_unit(ctx, ids, {});
      const card = adminScreenCard(reply.screen!);
      expectFeishuAccepts(card);
      return cardButtons(card).filter((b) => b.text === '重新打开');
    };
    expect(await unitButtons()).toEqual([]);
    await approveAll(1);
    const [button] = await unitButtons();
    expect(button.value).toMatchObject({ action: 'reopen', ...ids, submission: 1, from: 'admin' });
    const form = await openReopen(d(), ZHAO, button.value as never);
    const back = cardButtons(approvalScreenCard(form.screen!)).find((b) => b.text === '返回')!;
    expect(back.value).toMatchObject({ action: 'round_unit', ...ids });
  });
});
