/**
 * Every admin card in its largest state against Feishu's rules (the emulator's JSON 2.0 validator, ≤ 200 elements,
 * ≤ 30 KB), and every button carrying value.action with an admin route behind it.
 */
import { cardButtons, expectFeishuAccepts } from '../support/card-checks.js';
import { adminScreenCard } from '../../cards/admin-screen.js';
import { adminActions } from '../../src/admin/actions.js';
import { defaultSetup } from '../../src/admin/setup.js';
import type { RoundSetup } from '../../src/admin/setup-store.js';
import {
  departmentsView,
  roundAdminView,
  roundHistoryView,
  roundsView,
  setupView,
  unitView,
  type AdminScreen,
  type PersonView,
} from '../../src/admin/views.js';
import { SECTIONS, type SectionId } from '../../src/report/template.js';
import type { Round, Unit } from '../../src/rounds/round.js';

const id = (i: number) => `ou_${String(i).padStart(32, '0')}`;
const LONG = '云溪县人民政府办公室政务公开与政府信息管理科（县大数据中心）';
const unit = (i: number): Unit => ({
  id: `u-${String(i).padStart(10, '0')}`,
  name: `${LONG}${i}`,
  fillers: Object.fromEntries(SECTIONS.map((s, k) => [s.id, [id(i * 10 + k), id(i * 10 + k + 1)]])) as Record<
    SectionId,
    string[]
  >,
  approvers: [id(i * 10 + 7), id(i * 10 + 8), id(i * 10 + 9)],
});
const names = (n: string) => `名字很长的同事${n.slice(-4)}`;
const candidates: PersonView[] = Array.from({ length: 80 }, (_, i) => ({
  openId: id(5000 + i),
  name: `候选人${i}`,
}));

const UNITS = Array.from({ length: 2000 }, (_, i) => unit(i));
const setup: RoundSetup = {
  ...defaultSetup(id(1), Date.parse('2026-12-01T00:00:00Z')),
  units: UNITS,
  names: {},
  source: `${'很长的文件名'.repeat(10)}.xlsx`,
  ignoredColumns: Array.from({ length: 20 }, (_, i) => `备注${i}（第 ${i} 列）`),
  problems: Array.from({ length: 500 }, (_, i) => ({
    kind: 'sheet' as const,
    row: i + 2,
    text: `第 ${i + 2} 行「${LONG}」：${'问题说明'.repeat(20)}`,
  })),
};
const round: Round = {
  id: '2026-rabcdef',
  year: 2026,
  name: '2026 年度政府信息公开工作年度报告',
  deadline: '2027-01-31T23:59:00+08:00',
  units: UNITS,
  admins: [id(1), id(2), id(3)],
  history: Array.from({ length: 300 }, (_, i) => ({
    at: '2026-12-01T01:00:00.000Z',
    by: id(1),
    kind: 'set_fillers',
    summary: `${LONG}：四、五、六 的填报人 ${'某某、'.repeat(10)} → 某某 ${i}`,
  })),
};
const standings = UNITS.map((u, i) => ({
  unitId: u.id,
  unitName: u.name,
  status: (['filling', 'unsubmitted', 'waiting', 'approved'] as const)[i % 4],
  complete: i % 7,
  total: 6,
}));

const screens: Array<[string, AdminScreen]> = [
  ['setup of 2,000 units and 500 problems', { kind: 'setup', view: setupView(setup) }],
  ['empty setup', { kind: 'setup', view: setupView(defaultSetup(id(1), Date.now())) }],
  [
    'unit with 80 candidates',
    {
      kind: 'unit',
      view: unitView({ round_id: round.id }, round.name, unit(1), names, candidates, {
        standing: standings[1],
        notice: '提示'.repeat(80),
      }),
    },
  ],
  [
    'setup unit',
    { kind: 'unit', view: unitView({ setup_id: 's1', version: 3 }, round.name, unit(1), names, candidates) },
  ],
  ['new unit', { kind: 'new_unit', view: { owner: { round_id: round.id }, title: round.name, candidates } }],
  [
    '60 departments',
    {
      kind: 'departments',
      view: departmentsView(
        setup,
        Array.from({ length: 60 }, (_, i) => ({
          id: `od-${i}`,
          name: `${LONG}${i}`,
          parentId: '0',
          leaderOpenId: id(i),
        })),
        names,
      ),
    },
  ],
  ['round of 2,000 units', { kind: 'round_admin', view: roundAdminView(round, standings, names, '已创建') }],
  [
    '20 rounds',
    {
      kind: 'rounds',
      view: roundsView(
        Array.from({ length: 25 }, () => round),
        true,
      ),
    },
  ],
  ['300 changes', { kind: 'round_history', view: roundHistoryView(round, names) }],
  [
    'deadline',
    {
      kind: 'round_deadline',
      view: {
        roundId: round.id,
        name: round.name,
        deadlineInput: '2027-01-31 23:59',
        deadlineText: '2027年1月31日 23:59',
      },
    },
  ],
  [
    'co-admins',
    { kind: 'round_admins', view: { roundId: round.id, name: round.name, admins: ['甲', '乙'], candidates } },
  ],
];

describe('admin cards', () => {
  it.each(screens)('%s: Feishu accepts it', (_name, screen) => {
    const card = adminScreenCard(screen);
    expectFeishuAccepts(card);
  });

  it.each(screens)('%s: every button has an admin route', (_name, screen) => {
    for (const b of cardButtons(adminScreenCard(screen)))
      expect(Object.keys(adminActions)).toContain(b.value.action);
  });

  it('the setup card shows counts of what it leaves out', () => {
    const text = JSON.stringify(adminScreenCard({ kind: 'setup', view: setupView(setup) }));
    // Shortened to fit 30 KB: what is left out is counted, never silently dropped.
    const units = Number(/……另有 (\d+) 个单位/.exec(text)![1]);
    const problems = Number(/……另有 (\d+) 处问题/.exec(text)![1]);
    expect(units + (text.match(/- \*\*云溪县/g) ?? []).length).toBe(2000);
    expect(problems + (text.match(/<font color='red'>第 \d+ 行/g) ?? []).length).toBe(500);
    expect(text).toContain('创建（还有 500 处问题）');
  });
});
