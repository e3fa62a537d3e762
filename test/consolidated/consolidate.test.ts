/**
 * Starting the 本级政府's consolidated report on real lowdb files: five units, three approved. Its tables are
 * the cell-wise sums of the three, the missing ones are named, a unit not approved is refused with nothing
 * stored, the deadline is 31 March, last year's consolidated report prefills the texts, and only its texts are
 * left for the office (and for the reminders).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { approvalRepo } from '../../src/approval/repo.js';
import {
  consolidate,
  GOVERNMENT_UNIT_ID,
  type ConsolidateInput,
} from '../../src/consolidated/consolidate.js';
import { consolidationScope } from '../../src/consolidated/scope.js';
import { changedSinceSummed, resumConsolidated } from '../../src/consolidated/resum.js';
import { reopen } from '../../src/approval/machine.js';
import { approveReport, submitForReview } from '../reminders/season-fixture.js';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { sectionState } from '../../src/filling/progress.js';
import { lateFillers } from '../../src/reminders/audience.js';
import { storedApprovals } from '../../src/reminders/approval-adapter.js';
import { loadUnitFacts } from '../../src/reminders/unit-facts.js';
import { checkReport } from '../../src/report/check.js';
import { cellValue, parseAnswers } from '../../src/report/compute.js';
import { SECTIONS, TABLE_CELLS, type Answers } from '../../src/report/template.js';
import { formatDeadline } from '../../src/rounds/deadline.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { roundNotices } from '../../src/rounds/round-notices.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { main } from '../../src/cli/main.js';
import { bufferIO } from '../support/buffer-io.js';
import { ADMIN, APPROVER, fiveUnitRound, storeFiveUnits } from './five-units.js';
import { storeFilledReport } from '../integration/approval-helpers.js';

const GOV = '云溪县人民政府';
const actor = { by: ADMIN, now: Date.parse('2027-02-10T02:00:00Z') };
const input = (roundId: string, extra: Partial<ConsolidateInput> = {}): ConsolidateInput => ({
  sourceRoundId: roundId,
  governmentName: GOV,
  approvers: [APPROVER],
  ...extra,
});

let dir: string;
let storage: LowdbStorage;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-consolidate-'));
  storage = new LowdbStorage(dir);
});
afterEach(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every stored file, to show a refusal stored nothing. */
async function files(): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('the consolidated report of the 本级政府', () => {
  it('sums the approved units cell by cell, names the missing ones, is due 31 March and checks clean', async () => {
    const round = fiveUnitRound();
    const reports = await storeFiveUnits(storage, round);

    const scope = await consolidationScope(storage, round);
    expect(scope.approved.map((a) => a.name)).toEqual(['云溪县教育局', '云溪县公安局', '云溪县民政局']);
    expect(scope.missing.map((m) => `${m.name} ${m.state}`)).toEqual([
      '云溪县财政局 审核中',
      '云溪县卫生健康委员会 填报中（0/6 个部分已填完）',
    ]);

    const result = await consolidate(storage, input(round.id), actor);
    if (!result.ok) throw new Error(result.message);
    const stored = (await roundRepo(storage).get(result.round.id))!;
    expect(stored.units.map((u) => u.name)).toEqual([GOV]);
    expect(stored.source?.unitIds).toEqual(['edu', 'police', 'civil']);
    expect(formatDeadline(stored.deadline)).toBe('2027年3月31日 23:59');
    // The office (the round's admins by default) fills; the chosen approver approves.
    expect(stored.units[0].fillers.s1).toEqual([ADMIN]);
    expect(stored.units[0].approvers).toEqual([APPROVER]);
    expect(result.effects.map((e) => `${e.kind} ${'to' in e ? e.to : ''}`)).toEqual([
      `filler_added ${ADMIN}`,
      `approver_added ${APPROVER}`,
    ]);

    const { draft } = await draftRepo(storage).load(stored.id, GOVERNMENT_UNIT_ID);
    const mine = parseAnswers(draft.answers);
    const units = reports.map(parseAnswers);
    // Every cell of table 三, totals included, is the sum of the three units' cells.
    for (const cell of TABLE_CELLS.filter((c) => c.table === 't3'))
      expect([cell.key, cellValue(mine, cell.key)]).toEqual([
        cell.key,
        units.reduce((s, u) => s + cellValue(u, cell.key)!, 0),
      ]);
    // Only the texts are left to write (六 has the summed fee figures already); the tables are done and clean.
    expect(SECTIONS.map((s) => `${s.id} ${sectionState(draft, s.id)}`)).toEqual([
      's1 not_started',
      's2 complete',
      's3 complete',
      's4 complete',
      's5 not_started',
      's6 in_progress',
    ]);
    const check = checkReport(draft.answers, { sections: ['s2', 's3', 's4'] });
    expect([...check.errors, ...check.warnings]).toEqual([]);

    // The reminders ask the office for the texts only (the scheduler goes through every round, this one too).
    const [facts] = await loadUnitFacts(storage, stored, storedApprovals(storage));
    expect(lateFillers(facts).map((f) => [f.openId, f.sections.map((s) => s.id)])).toEqual([
      [ADMIN, ['s1', 's5', 's6']],
    ]);
  });

  it('refuses a chosen unit that is not approved, in Chinese, and stores nothing', async () => {
    const round = fiveUnitRound();
    await storeFiveUnits(storage, round);
    const before = await files();
    const result = await consolidate(
      storage,
      input(round.id, { unitIds: ['edu', 'finance', 'health'] }),
      actor,
    );
    expect(result).toEqual({
      ok: false,
      message:
        '「云溪县财政局」（审核中）、「云溪县卫生健康委员会」（填报中（0/6 个部分已填完））还没有审核通过，不能汇总。请等审核通过后再汇总，或不选这些单位',
    });
    expect(await files()).toEqual(before);
    expect((await roundRepo(storage).list()).length).toBe(1);
  });

  it('answers a second start with the report that exists, changing nothing', async () => {
    const round = fiveUnitRound();
    await storeFiveUnits(storage, round);
    const first = await consolidate(storage, input(round.id, { unitIds: ['edu'] }), actor);
    expect(first.ok).toBe(true);
    const before = await files();
    const again = await consolidate(storage, input(round.id), actor);
    expect(again.ok).toBe(false);
    expect(!again.ok && again.message).toBe(`本轮的本级汇总报告已经开始了（${GOV}），不能重复汇总`);
    expect(!again.ok && again.existing?.source?.unitIds).toEqual(['edu']);
    expect(await files()).toEqual(before);
  });

  it("prefills the texts from last year's approved consolidated report of the same 本级政府", async () => {
    // Last year: a round, its consolidated report, approved with the office's texts.
    const last = fiveUnitRound(2025);
    await storeFiveUnits(storage, last);
    const lastYear = await consolidate(storage, input(last.id), actor);
    if (!lastYear.ok) throw new Error(lastYear.message);
    const texts: Answers = {
      's1.active': '全县各部门集中公开惠企政策。',
      's6.text': '本年度未收取信息处理费。',
    };
    const { draft } = await draftRepo(storage).load(lastYear.round.id, GOVERNMENT_UNIT_ID);
    const approvedAnswers = { ...draft.answers, ...texts };
    await approvalRepo(storage).update(lastYear.round.id, GOVERNMENT_UNIT_ID, (s) => ({
      state: {
        ...s,
        status: 'approved',
        version: 1,
        submissions: [
          {
            version: 1,
            answers: approvedAnswers,
            by: ADMIN,
            at: 1,
            fillers: last.units[0].fillers,
            approvers: [APPROVER],
            warnings: [],
          },
        ],
        history: [{ kind: 'approved', version: 1, by: APPROVER, at: 2, step: 0 }],
      },
      result: null,
    }));

    const round = fiveUnitRound(2026);
    await storeFiveUnits(storage, round);
    const result = await consolidate(storage, input(round.id), actor);
    if (!result.ok) throw new Error(result.message);
    const now = await draftRepo(storage).load(result.round.id, GOVERNMENT_UNIT_ID);
    expect(now.draft.answers['s1.active']).toBe(texts['s1.active']);
    expect(now.draft.prefilled['s6.text']).toBe('last_year');
    // The tables are this year's sums, not last year's: the 上年结转 row is the units' own.
    expect(now.draft.prefilled['t3.carry_in.np']).toBeUndefined();
    // Another 本级政府 does not inherit them.
    const other = fiveUnitRound(2026);
    other.id = '2026-rother';
    await storeFiveUnits(storage, other);
    const elsewhere = await consolidate(
      storage,
      input(other.id, { governmentName: '云山县人民政府' }),
      actor,
    );
    if (!elsewhere.ok) throw new Error(elsewhere.message);
    const theirs = await draftRepo(storage).load(elsewhere.round.id, GOVERNMENT_UNIT_ID);
    expect(theirs.draft.answers['s1.active']).toBeUndefined();
  });

  it('npx nianbao consolidate lists who is in and missing, then starts it; a unit not approved is refused', async () => {
    const round = fiveUnitRound();
    await storeFiveUnits(storage, round);
    await storage.close();
    const run = async (...args: string[]) => {
      const io = bufferIO();
      const code = await main(['consolidate', round.id, ...args, '--data-dir', dir], io);
      return { code, out: io.stdout, err: io.stderr };
    };
    const shown = await run();
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(
      '已审核通过，可以汇总（3 个）：\n  云溪县教育局\n  云溪县公安局\n  云溪县民政局',
    );
    expect(shown.out).toContain('  云溪县财政局：审核中');
    const refused = await run('--name', GOV, '--approvers', APPROVER, '--units', 'edu,health');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      '「云溪县卫生健康委员会」（填报中（0/6 个部分已填完））还没有审核通过，不能汇总',
    );
    const started = await run('--name', GOV, '--approvers', APPROVER);
    expect(started.code).toBe(0);
    expect(started.out).toContain(
      `已开始本级汇总报告 ${round.id}-hz：${GOV}，汇总 3 个单位，截止时间 2027年3月31日 23:59（北京时间），3 条通知已排队`,
    );
    storage = new LowdbStorage(dir);
    expect((await roundRepo(storage).get(`${round.id}-hz`))?.source?.unitIds).toEqual([
      'edu',
      'police',
      'civil',
    ]);
  });

  it('sums again after a unit was corrected (reopened, fixed, approved again), keeping the texts; not while under review', async () => {
    const round = fiveUnitRound();
    const reports = await storeFiveUnits(storage, round);
    const started = await consolidate(storage, input(round.id), actor);
    if (!started.ok) throw new Error(started.message);
    const id = started.round.id;
    const drafts = draftRepo(storage);
    await drafts.update(id, GOVERNMENT_UNIT_ID, ({ draft }) => ({
      draft: { ...draft, answers: { ...draft.answers, 's1.active': '全县集中公开惠企政策。' } },
      changed: true,
    }));
    const r1 = (d: { answers: Answers }) => Number(d.answers['t3.r1.np']);
    const before = r1((await drafts.load(id, GOVERNMENT_UNIT_ID)).draft);

    // 公安局 is reopened: it is no longer approved, so nothing can be summed again yet.
    await approvalRepo(storage).update(round.id, 'police', (s) => {
      const t = reopen(s, {
        by: ADMIN,
        at: actor.now,
        version: 1,
        reason: '数字有误',
        sections: ['s3'],
        admins: [ADMIN],
      });
      if (!t.ok) throw new Error(t.code);
      return { state: t.state, result: null };
    });
    expect((await changedSinceSummed(storage, started.round)).map((c) => `${c.name} ${c.state}`)).toEqual([
      '云溪县公安局 已填完，未提交审核',
    ]);
    const early = await resumConsolidated(storage, id, actor);
    expect(!early.ok && early.message).toContain(
      '「云溪县公安局」（已填完，未提交审核）还没有审核通过，不能汇总',
    );

    // Fixed (5 more 予以公开, balanced by 5 more 本年新收) and approved again as version 2.
    await drafts.update(round.id, 'police', ({ draft }) => ({
      draft: {
        ...draft,
        answers: {
          ...draft.answers,
          't3.r1.np': Number(reports[1]['t3.r1.np']) + 5,
          't3.new.np': Number(reports[1]['t3.new.np']) + 5,
        },
      },
      changed: true,
    }));
    await submitForReview(storage, round, 'police', ADMIN, actor.now + 1000);
    await approveReport(storage, round.id, 'police', APPROVER, actor.now + 2000);

    const again = await resumConsolidated(storage, id, actor);
    if (!again.ok) throw new Error(again.message);
    expect(again.changed.map((c) => [c.name, c.summed, c.approved])).toEqual([['云溪县公安局', 1, 2]]);
    const now = (await drafts.load(id, GOVERNMENT_UNIT_ID)).draft;
    expect(r1(now)).toBe(before + 5);
    expect(now.answers['s1.active']).toBe('全县集中公开惠企政策。');
    expect(again.round.history?.at(-1)?.summary).toBe('重新汇总：云溪县公安局（第 1 版 → 第 2 版）');
    // Whoever writes its texts is told which unit changed, to check the texts still fit the numbers.
    const writers = again.round.units[0].fillers.s1;
    expect(again.effects).toEqual(
      writers.map((to) => ({
        kind: 'tables_resummed',
        to,
        summary: '重新汇总：云溪县公安局（第 1 版 → 第 2 版）',
      })),
    );
    const [told] = await roundNotices(storage, again.round, again.effects, '赵磊');
    expect(told.text).toContain('按各单位更正后的报告重新汇总（云溪县公安局（第 1 版 → 第 2 版））');
    // Nothing changed since: nothing to sum again.
    const idle = await resumConsolidated(storage, id, actor);
    expect(idle.ok && idle.changed).toEqual([]);

    // Once the consolidated report is under review its sums stay as submitted.
    await storeFilledReport(storage, id, GOVERNMENT_UNIT_ID, now.answers);
    await submitForReview(storage, again.round, GOVERNMENT_UNIT_ID, ADMIN, actor.now + 3000);
    await approvalRepo(storage).update(round.id, 'police', (s) => {
      const t = reopen(s, {
        by: ADMIN,
        at: actor.now,
        version: 2,
        reason: '又错了',
        sections: ['s3'],
        admins: [ADMIN],
      });
      if (!t.ok) throw new Error(t.code);
      return { state: t.state, result: null };
    });
    await submitForReview(storage, round, 'police', ADMIN, actor.now + 4000);
    await approveReport(storage, round.id, 'police', APPROVER, actor.now + 5000);
    const files0 = await files();
    const late = await resumConsolidated(storage, id, actor);
    expect(!late.ok && late.message).toBe(
      '汇总报告已提交审核，不能重新汇总；请先撤回，或由审核人驳回后再汇总',
    );
    expect(await files()).toEqual(files0);
  });
});
