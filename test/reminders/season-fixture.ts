/**
 * The people, rounds and report states of the reminder tests: two rounds of the 2024 report year, one with
 * the statutory deadline 31 January 2025 (inside the Spring Festival holiday, with Sunday 26 January and
 * Saturday 8 February worked) and one county round with its own plan and a 31 December deadline.
 */
import { approve, submit } from '../../src/approval/machine.js';
import { approvalRepo } from '../../src/approval/repo.js';
import type { EmulatorUser } from '../../src/emulator/types.js';
import { DEMO, DEMO_USERS } from '../../src/emulator/demo-tenant.js';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { newDraft, type ReportDraft } from '../../src/filling/draft.js';
import { activeSteps } from '../../src/filling/progress.js';
import { answerQuestion } from '../../src/filling/question.js';
import { submitStep } from '../../src/filling/submit-step.js';
import { STEP_BY_ID } from '../../src/filling/steps.js';
import type { SectionId } from '../../src/report/template.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import type { Round, Unit } from '../../src/rounds/round.js';
import type { Storage } from '../../storage/store.js';

const user = (name: string, id: string): EmulatorUser => ({
  open_id: `ou_${id}`,
  user_id: id,
  union_id: `on_${id}`,
  name,
});

export const P = {
  zhang: DEMO.filler, // 张敏
  li: DEMO.filler2, // 李强
  wang: DEMO.approver, // 王芳
  zhao: DEMO.admin, // 赵磊
  chen: user('陈静', 'chenjing0000000000000000000000a1'),
  zhou: user('周涛', 'zhoutao00000000000000000000000a2'),
  liu: user('刘洋', 'liuyang00000000000000000000000a3'),
};
export const USERS: EmulatorUser[] = [...DEMO_USERS, P.chen, P.zhou, P.liu];
const NAME = new Map(USERS.map((u) => [u.open_id, u.name]));
/** The display name of an open_id in these tests. */
export const nameOf = (openId: string) => NAME.get(openId) ?? openId;

/** 一–三 filled by `first`, 四–六 by `second`. */
export const split = (first: string, second: string): Unit['fillers'] => ({
  s1: [first],
  s2: [first],
  s3: [first],
  s4: [second],
  s5: [second],
  s6: [second],
});

/** The statutory round: deadline 31 January 2025, the default plan. */
export const ROUND_A: Round = {
  id: 'r2024a',
  year: 2024,
  name: '2024 年度政府信息公开工作年度报告',
  deadline: '2025-01-31T23:59:00+08:00',
  admins: [P.zhao.open_id],
  units: [
    {
      id: 'u1',
      name: '某县财政局',
      fillers: split(P.zhang.open_id, P.li.open_id),
      approvers: [P.wang.open_id],
    },
    {
      id: 'u2',
      name: '某县教育局',
      fillers: split(P.zhang.open_id, P.li.open_id),
      approvers: [P.wang.open_id],
    },
    {
      id: 'u3',
      name: '某县卫健委',
      fillers: split(P.zhou.open_id, P.zhou.open_id),
      approvers: [P.chen.open_id],
    },
  ],
};

/** A county round with its own plan: 3 and 1 working days before, 2 overdue days, at 10:00. */
export const ROUND_B: Round & { reminders: { plan: object } } = {
  id: 'r2024b',
  year: 2024,
  name: '2024 年度乡镇政府信息公开工作年度报告',
  deadline: '2024-12-31T18:00:00+08:00',
  admins: [P.zhao.open_id],
  units: [
    {
      id: 'v1',
      name: '某乡人民政府',
      fillers: split(P.liu.open_id, P.liu.open_id),
      approvers: [P.wang.open_id],
    },
  ],
  reminders: { plan: { daysBefore: [3, 1], overdueDays: 2, time: '10:00' } },
};

// Contact lines are checked like a person's entries: a real-looking phone number and postcode.
const CONTACT: Record<string, string> = { 'meta.phone': '0795-1234567', 'meta.postcode': '336400' };
const textOrZero = (key: string) =>
  CONTACT[key] ?? (key.startsWith('t') || key.startsWith('s6.fee') ? '0' : `${key} 的情况说明。`);

/** The draft with these sections filled the way the cards submit them (表三 answered 「没有收到」). */
export function completeSections(draft: ReportDraft, sections: SectionId[]): ReportDraft {
  let d = draft;
  for (const section of sections) {
    for (let guard = 0; guard < 30; guard++) {
      const done = new Set(d.sections[section].done);
      const step = activeSteps(d, section).find((s) => !done.has(s.id));
      if (!step) break;
      if (step.id === 's3.question') {
        d = answerQuestion(d, 'none').draft;
        continue;
      }
      const formValue = Object.fromEntries(STEP_BY_ID.get(step.id)!.keys.map((k) => [k, textOrZero(k)]));
      const r = submitStep(d, { section, step: step.id, formValue, blankAsZero: true });
      if (r.outcome.status !== 'saved') throw new Error(`${step.id}: ${JSON.stringify(r.outcome)}`);
      d = r.draft;
    }
  }
  return d;
}

/** Fills sections of a unit's stored report. */
export async function fill(storage: Storage, roundId: string, unitId: string, sections: SectionId[]) {
  await draftRepo(storage).update(roundId, unitId, ({ draft }) => ({
    draft: completeSections(draft, sections),
    changed: true,
  }));
}

/** 提交审核 at `at`, through the approval module. */
export async function submitForReview(
  storage: Storage,
  round: Round,
  unitId: string,
  by: string,
  at: number,
) {
  const unit = round.units.find((u) => u.id === unitId)!;
  const { draft } = await draftRepo(storage).load(round.id, unitId);
  await approvalRepo(storage).update(round.id, unitId, (state) => {
    const t = submit(state, {
      by,
      at,
      answers: draft.answers,
      fillers: unit.fillers,
      approvers: unit.approvers,
      warnings: [],
    });
    if (!t.ok) throw new Error(`submit refused: ${t.code}`);
    return { state: t.state, result: undefined };
  });
}

/** 通过 by the approver whose turn it is. */
export async function approveReport(
  storage: Storage,
  roundId: string,
  unitId: string,
  by: string,
  at: number,
) {
  await approvalRepo(storage).update(roundId, unitId, (state) => {
    const t = approve(state, { by, at, version: state.version, step: state.step });
    if (!t.ok) throw new Error(`approve refused: ${t.code}`);
    return { state: t.state, result: undefined };
  });
}

/** Saves the rounds. */
export async function saveRounds(storage: Storage, rounds: Round[]) {
  for (const r of rounds) await roundRepo(storage).save(r);
}

/** Beijing wall-clock time as ms. */
export const bj = (local: string) => Date.parse(`${local}:00+08:00`);

export { newDraft };
