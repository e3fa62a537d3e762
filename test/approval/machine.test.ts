import { approve, checkTurn, reject, submit, withdraw, type Transition } from '../../src/approval/machine.js';
import { emptyApproval, isSectionLocked, type ApprovalState } from '../../src/approval/state.js';
import type { SectionId } from '../../src/report/template.js';

const FILLERS = { s1: ['zhang'], s2: ['zhang'], s3: ['zhang'], s4: ['li'], s5: ['li'], s6: ['li'] } as Record<
  SectionId,
  string[]
>;
const input = (answers = { 't3.new.np': '3' }) => ({
  by: 'zhang',
  at: 1000,
  answers,
  fillers: FILLERS,
  approvers: ['wang', 'zhao'],
  warnings: [],
});

function ok(t: Transition): ApprovalState {
  if (!t.ok) throw new Error(`refused: ${t.code}`);
  return t.state;
}

const submitted = () => ok(submit(emptyApproval(), input()));

describe('approval state machine', () => {
  test('a submission freezes the answers as version 1 and waits for the first approver', () => {
    const answers = { 't3.new.np': '3' };
    const s = ok(submit(emptyApproval(), input(answers)));
    answers['t3.new.np'] = '99';
    expect(s).toMatchObject({ status: 'submitted', version: 1, step: 0 });
    expect(s.submissions[0].answers['t3.new.np']).toBe('3');
    expect(s.history).toEqual([{ kind: 'submitted', version: 1, by: 'zhang', at: 1000 }]);
  });

  test('submitting again while under review or after approval is refused', () => {
    const s = submitted();
    expect(submit(s, input())).toMatchObject({ ok: false, code: 'already_submitted', who: 'wang' });
    const done = ok(
      approve(ok(approve(s, { by: 'wang', at: 2, version: 1, step: 0 })), {
        by: 'zhao',
        at: 3,
        version: 1,
        step: 1,
      }),
    );
    expect(done.status).toBe('approved');
    expect(submit(done, input())).toMatchObject({ ok: false, code: 'already_approved' });
  });

  test('a unit without approvers cannot submit', () => {
    expect(submit(emptyApproval(), { ...input(), approvers: [] })).toMatchObject({
      ok: false,
      code: 'no_approver',
    });
  });

  test('the first approver passes it on, the last one approves', () => {
    const passed = ok(approve(submitted(), { by: 'wang', at: 2, version: 1, step: 0 }));
    expect(passed).toMatchObject({ status: 'submitted', step: 1 });
    expect(passed.history.at(-1)).toMatchObject({ kind: 'passed', by: 'wang', step: 0 });
    const done = ok(approve(passed, { by: 'zhao', at: 3, version: 1, step: 1 }));
    expect(done.status).toBe('approved');
    expect(done.history.at(-1)).toMatchObject({ kind: 'approved', by: 'zhao', version: 1 });
  });

  test('only the approver whose turn it is can decide, on exactly the version and step of the card', () => {
    const s = submitted();
    expect(checkTurn(s, { by: 'zhao', at: 0, version: 1, step: 0 })).toMatchObject({
      code: 'not_your_turn',
      who: 'wang',
    });
    expect(checkTurn(s, { by: 'zhao', at: 0, version: 1, step: 1 })).toMatchObject({ code: 'not_your_turn' });
    expect(checkTurn(s, { by: 'li', at: 0, version: 1, step: 0 })).toMatchObject({ code: 'not_approver' });
    expect(checkTurn(s, { by: 'wang', at: 0, version: 2, step: 0 })).toMatchObject({
      code: 'stale_version',
      version: 1,
    });
    const passed = ok(approve(s, { by: 'wang', at: 2, version: 1, step: 0 }));
    // the double tap of the first approver
    expect(approve(passed, { by: 'wang', at: 3, version: 1, step: 0 })).toMatchObject({
      ok: false,
      code: 'already_decided',
      who: 'zhao',
    });
    expect(
      reject(passed, { by: 'wang', at: 3, version: 1, step: 0, reason: 'x', sections: ['s1'] }),
    ).toMatchObject({ ok: false, code: 'already_decided' });
  });

  test('a rejection reopens only the chosen sections and remembers the version to diff against', () => {
    const r = ok(
      reject(submitted(), {
        by: 'wang',
        at: 5,
        version: 1,
        step: 0,
        reason: '表三有误',
        sections: ['s3', 's5'],
      }),
    );
    expect(r).toMatchObject({ status: 'rejected', reopened: ['s3', 's5'], rejectedVersion: 1 });
    expect(isSectionLocked(r, 's3')).toBe(false);
    expect(isSectionLocked(r, 's5')).toBe(false);
    expect(isSectionLocked(r, 's1')).toBe(true);
    expect(approve(r, { by: 'wang', at: 6, version: 1, step: 0 })).toMatchObject({
      ok: false,
      code: 'rejected',
    });
    const again = ok(submit(r, input({ 't3.new.np': '4' })));
    expect(again).toMatchObject({
      status: 'submitted',
      version: 2,
      step: 0,
      reopened: [],
      rejectedVersion: 1,
    });
    expect(isSectionLocked(again, 's3')).toBe(true);
    // the card of version 1 can no longer decide anything
    expect(approve(again, { by: 'wang', at: 7, version: 1, step: 0 })).toMatchObject({
      ok: false,
      code: 'stale_version',
      version: 2,
    });
  });

  test('a filler withdraws before anyone decided, not after; the report opens again', () => {
    const s = submitted();
    expect(withdraw(s, { by: 'wang', at: 2, version: 1 })).toMatchObject({ ok: false, code: 'not_filler' });
    const w = ok(withdraw(s, { by: 'li', at: 2, version: 1 }));
    expect(w.status).toBe('withdrawn');
    expect(isSectionLocked(w, 's1')).toBe(false);
    expect(approve(w, { by: 'wang', at: 3, version: 1, step: 0 })).toMatchObject({
      ok: false,
      code: 'withdrawn',
    });
    const passed = ok(approve(submitted(), { by: 'wang', at: 2, version: 1, step: 0 }));
    expect(withdraw(passed, { by: 'zhang', at: 3, version: 1 })).toMatchObject({
      ok: false,
      code: 'decided',
      who: 'zhao',
    });
  });

  test('nothing is locked before the first submission', () => {
    expect(isSectionLocked(undefined, 's1')).toBe(false);
    expect(isSectionLocked(emptyApproval(), 's1')).toBe(false);
    expect(isSectionLocked(submitted(), 's6')).toBe(true);
  });
});
