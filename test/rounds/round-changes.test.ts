/** What each change of a running round does: the new round, its history line, who is told — or a refusal. */
import { applyRoundChange, openingEffects, type ChangeContext } from '../../src/rounds/round-changes.js';
import type { Round, Unit } from '../../src/rounds/round.js';
import { SECTIONS, type SectionId } from '../../src/report/template.js';

const all = (ids: string[]) =>
  Object.fromEntries(SECTIONS.map((s) => [s.id, ids])) as Record<SectionId, string[]>;
const unit = (id: string, fillers: string[], approvers: string[]): Unit => ({
  id,
  name: `县${id}局`,
  fillers: all(fillers),
  approvers,
});
const ROUND: Round = {
  id: '2026-r000001',
  year: 2026,
  name: '2026 年度政府信息公开工作年度报告',
  deadline: '2027-01-31T23:59:00+08:00',
  units: [unit('jy', ['ou_a'], ['ou_x']), unit('ga', ['ou_b', 'ou_c'], ['ou_y', 'ou_z'])],
  admins: ['ou_admin'],
  groupChatId: 'oc_group',
};
const NAMES: Record<string, string> = {
  ou_a: '甲',
  ou_b: '乙',
  ou_c: '丙',
  ou_d: '丁',
  ou_x: '戊',
  ou_y: '己',
  ou_z: '庚',
  ou_admin: '赵磊',
};
const ctx: ChangeContext = {
  by: 'ou_admin',
  now: Date.parse('2026-12-05T02:00:00Z'),
  name: (id) => NAMES[id] ?? id,
};

function ok(r: ReturnType<typeof applyRoundChange>) {
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe('round changes', () => {
  it('a new round gives every filler their unit card and every approver their place', () => {
    expect(openingEffects(ROUND)).toEqual([
      { kind: 'filler_added', to: 'ou_a', unitId: 'jy', sections: ['s1', 's2', 's3', 's4', 's5', 's6'] },
      { kind: 'approver_added', to: 'ou_x', unitId: 'jy', step: 1, of: 1 },
      { kind: 'filler_added', to: 'ou_b', unitId: 'ga', sections: ['s1', 's2', 's3', 's4', 's5', 's6'] },
      { kind: 'filler_added', to: 'ou_c', unitId: 'ga', sections: ['s1', 's2', 's3', 's4', 's5', 's6'] },
      { kind: 'approver_added', to: 'ou_y', unitId: 'ga', step: 1, of: 2 },
      { kind: 'approver_added', to: 'ou_z', unitId: 'ga', step: 2, of: 2 },
    ]);
  });

  it('handing sections to another filler tells who gained and who lost them, and the history says so', () => {
    const r = ok(
      applyRoundChange(
        ROUND,
        { kind: 'set_fillers', unitId: 'ga', sections: ['s4', 's5', 's6'], openIds: ['ou_d'] },
        ctx,
      ),
    );
    expect(r.round.units[1].fillers.s1).toEqual(['ou_b', 'ou_c']);
    expect(r.round.units[1].fillers.s4).toEqual(['ou_d']);
    expect(r.effects).toEqual([
      { kind: 'filler_removed', to: 'ou_b', unitId: 'ga', unitName: '县ga局', sections: ['s4', 's5', 's6'] },
      { kind: 'filler_removed', to: 'ou_c', unitId: 'ga', unitName: '县ga局', sections: ['s4', 's5', 's6'] },
      { kind: 'filler_added', to: 'ou_d', unitId: 'ga', sections: ['s4', 's5', 's6'] },
    ]);
    expect(r.event).toMatchObject({ by: 'ou_admin', at: '2026-12-05T02:00:00.000Z', kind: 'set_fillers' });
    expect(r.event.summary).toBe('县ga局：四、五、六 的填报人 乙、丙 → 丁');
    expect(r.round.history).toEqual([r.event]);
    expect(
      applyRoundChange(
        ROUND,
        { kind: 'set_fillers', unitId: 'jy', sections: ['s1'], openIds: ['ou_a'] },
        ctx,
      ),
    ).toEqual({
      ok: false,
      message: '填报人没有变化',
    });
  });

  it('a new approval chain tells the newcomers their level and the replaced ones; a repeated person is refused', () => {
    const r = ok(
      applyRoundChange(ROUND, { kind: 'set_approvers', unitId: 'ga', openIds: ['ou_y', 'ou_x'] }, ctx),
    );
    expect(r.effects).toEqual([
      { kind: 'approver_added', to: 'ou_x', unitId: 'ga', step: 2, of: 2 },
      { kind: 'approver_removed', to: 'ou_z', unitId: 'ga', unitName: '县ga局' },
    ]);
    expect(r.event.summary).toBe('县ga局：审核顺序由「己 → 庚」改为「己 → 戊」');
    expect(
      applyRoundChange(ROUND, { kind: 'set_approvers', unitId: 'ga', openIds: ['ou_y', 'ou_y'] }, ctx),
    ).toMatchObject({
      ok: false,
      message: '同一个人不能在审核顺序里出现两次',
    });
    expect(applyRoundChange(ROUND, { kind: 'set_approvers', unitId: 'ga', openIds: [] }, ctx)).toMatchObject({
      ok: false,
    });
  });

  it('a new deadline is told to the people of units not yet approved, and to the group', () => {
    const r = ok(
      applyRoundChange(
        ROUND,
        { kind: 'move_deadline', deadline: '2027-02-10T18:00:00+08:00' },
        { ...ctx, approvedUnits: new Set(['jy']) },
      ),
    );
    const told = r.effects.flatMap((e) => ('to' in e ? [e.to] : []));
    expect(told.sort()).toEqual(['ou_b', 'ou_c', 'ou_y', 'ou_z']);
    expect(r.effects.find((e) => e.kind === 'group_post')).toMatchObject({ chatId: 'oc_group' });
    expect(r.round.deadline).toBe('2027-02-10T18:00:00+08:00');
    expect(
      applyRoundChange(ROUND, { kind: 'move_deadline', deadline: '2026-12-20T18:00:00+08:00' }, ctx),
    ).toMatchObject({ ok: false, message: expect.stringContaining('截止时间应在 2027 年') });
  });

  it('units come and go, never leaving a round without one or with a duplicate', () => {
    const added = ok(
      applyRoundChange(ROUND, { kind: 'add_unit', unit: unit('cz', ['ou_d'], ['ou_x']) }, ctx),
    );
    expect(added.round.units.map((u) => u.id)).toEqual(['jy', 'ga', 'cz']);
    expect(
      added.effects.filter((e) => e.kind === 'filler_added').map((e) => ('to' in e ? e.to : '')),
    ).toEqual(['ou_d']);
    expect(
      applyRoundChange(ROUND, { kind: 'add_unit', unit: unit('jy', ['ou_d'], ['ou_x']) }, ctx),
    ).toMatchObject({ ok: false });
    const noFiller = { ...unit('cz', ['ou_d'], ['ou_x']), fillers: { ...all(['ou_d']), s3: [] } };
    expect(applyRoundChange(ROUND, { kind: 'add_unit', unit: noFiller }, ctx)).toMatchObject({
      ok: false,
      message: expect.stringContaining('三、收到和处理政府信息公开申请情况'),
    });
    // A consolidated report's one unit is the 本级政府: nothing is added beside it.
    const consolidated = {
      ...ROUND,
      source: {
        roundId: '2026-rsrc',
        unitIds: ['jy'],
        versions: { jy: 1 },
        at: '2027-02-01T00:00:00Z',
        by: 'ou_a',
      },
    };
    expect(
      applyRoundChange(consolidated, { kind: 'add_unit', unit: unit('cz', ['ou_d'], ['ou_x']) }, ctx),
    ).toMatchObject({ ok: false, message: expect.stringContaining('汇总报告只有本级政府一个单位') });
    const removed = ok(applyRoundChange(ROUND, { kind: 'remove_unit', unitId: 'ga' }, ctx));
    expect(removed.effects.filter((e) => e.kind === 'unit_removed').length).toBe(4);
    expect(applyRoundChange(removed.round, { kind: 'remove_unit', unitId: 'jy' }, ctx)).toMatchObject({
      ok: false,
    });
  });

  it('a closed round refuses every further change', () => {
    const closed = ok(applyRoundChange(ROUND, { kind: 'close' }, { ...ctx, approvedUnits: new Set(['ga']) }));
    expect(closed.round.closedAt).toBe('2026-12-05T02:00:00.000Z');
    expect(
      closed.effects.filter((e) => e.kind === 'round_closed').map((e) => ('to' in e ? e.to : '')),
    ).toEqual(['ou_a', 'ou_x']);
    expect(applyRoundChange(closed.round, { kind: 'add_admins', openIds: ['ou_d'] }, ctx)).toEqual({
      ok: false,
      message: '这一轮已经关闭，不能再修改',
    });
  });
});
