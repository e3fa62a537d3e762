/**
 * An approver replaced while a report waits (the admin changes the unit's chain): the waiting submission follows
 * the new chain from the step it is at, the steps already passed stay, the history says who handed it to whom,
 * and the old approver's card is refused with a sentence naming the new one.
 */
import { approve, checkTurn, reassign, submit, type Transition } from '../../src/approval/machine.js';
import { refusalText } from '../../src/approval/refusals.js';
import { waitingOf } from '../../src/reminders/approval-adapter.js';
import { emptyApproval, latestSubmission, type ApprovalState } from '../../src/approval/state.js';
import type { SectionId } from '../../src/report/template.js';

const FILLERS = Object.fromEntries(['s1', 's2', 's3', 's4', 's5', 's6'].map((s) => [s, ['zhang']])) as Record<
  SectionId,
  string[]
>;

function ok(t: Transition): ApprovalState {
  if (!t.ok) throw new Error(`refused: ${t.code}`);
  return t.state;
}

/** Submitted at 1000 to `chain`, then passed on by the first `passed` approvers. */
function waiting(chain: string[], passed = 0): ApprovalState {
  let s = ok(
    submit(emptyApproval(), {
      by: 'zhang',
      at: 1000,
      answers: { 't3.new.np': '3' },
      fillers: FILLERS,
      approvers: chain,
      warnings: [],
    }),
  );
  for (let i = 0; i < passed; i++) s = ok(approve(s, { by: chain[i], at: 2000 + i, version: 1, step: i }));
  return s;
}

const chainOf = (s: ApprovalState) => latestSubmission(s)!.approvers;

describe('reassigning a waiting report', () => {
  test('the approver on leave is replaced at the step the report waits at; later steps stay', () => {
    const s = reassign(waiting(['wang', 'chen']), { by: 'zhao', at: 5000, chain: ['liu', 'chen'] });
    expect(s).toBeDefined();
    expect(chainOf(s!)).toEqual(['liu', 'chen']);
    expect(s!.step).toBe(0);
    expect(s!.history.at(-1)).toEqual({
      kind: 'reassigned',
      version: 1,
      by: 'zhao',
      at: 5000,
      step: 0,
      from: 'wang',
      to: 'liu',
      approvers: ['liu', 'chen'],
    });
    // The answers stay frozen; only the chain of the waiting submission follows the round.
    expect(latestSubmission(s!)!.answers).toEqual({ 't3.new.np': '3' });
  });

  test('the steps already passed are kept: a report at step 2 goes to the new step-2 approver', () => {
    const s = reassign(waiting(['wang', 'chen'], 1), { by: 'zhao', at: 5000, chain: ['xu', 'liu'] });
    expect(chainOf(s!)).toEqual(['wang', 'liu']);
    expect(s!.step).toBe(1);
    expect(s!.history.at(-1)).toMatchObject({ from: 'chen', to: 'liu' });
  });

  test('a shorter new chain: its last approver takes the report', () => {
    const s = reassign(waiting(['wang', 'chen'], 1), { by: 'zhao', at: 5000, chain: ['liu'] });
    expect(chainOf(s!)).toEqual(['wang', 'liu']);
    expect(currentOf(s!)).toBe('liu');
  });

  test('the approver it waits for stays: their turn is kept, the later steps follow the new chain', () => {
    const s = reassign(waiting(['wang', 'chen']), { by: 'zhao', at: 5000, chain: ['wang', 'liu'] });
    expect(chainOf(s!)).toEqual(['wang', 'liu']);
    expect(s!.history.at(-1)).toMatchObject({ from: 'wang', to: 'wang', approvers: ['wang', 'liu'] });
    // A change that does not touch the rest of this submission's way changes nothing.
    expect(reassign(waiting(['wang', 'chen'], 1), { by: 'zhao', at: 5000, chain: ['xu', 'chen'] })).toBe(
      undefined,
    );
  });

  test('only a report waiting for a decision is reassigned', () => {
    const approved = ok(approve(waiting(['wang']), { by: 'wang', at: 3000, version: 1, step: 0 }));
    expect(reassign(approved, { by: 'zhao', at: 5000, chain: ['liu'] })).toBe(undefined);
    expect(reassign(emptyApproval(), { by: 'zhao', at: 5000, chain: ['liu'] })).toBe(undefined);
  });

  test("the old approver's card is refused naming the new one; the new one decides on the same version", () => {
    const s = reassign(waiting(['wang', 'chen']), { by: 'zhao', at: 5000, chain: ['liu', 'chen'] })!;
    const refusal = checkTurn(s, { by: 'wang', at: 6000, version: 1, step: 0 });
    expect(refusal).toMatchObject({ code: 'reassigned', who: 'liu' });
    expect(refusalText(refusal!, { liu: '刘洋' })).toBe('管理员已把这份年报改由 刘洋 审核，你不用再审核了');
    expect(approve(s, { by: 'liu', at: 6000, version: 1, step: 0 })).toMatchObject({
      ok: true,
      state: { step: 1 },
    });
  });

  test('the new approver has waited since the hand-over (催办 counts from then)', () => {
    const s = reassign(waiting(['wang', 'chen']), { by: 'zhao', at: 5000, chain: ['liu', 'chen'] })!;
    expect(waitingOf(s)).toMatchObject({ approver: 'liu', since: new Date(5000).toISOString() });
  });
});

function currentOf(s: ApprovalState): string {
  return latestSubmission(s)!.approvers[s.step];
}
