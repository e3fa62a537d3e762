/**
 * The admin's 进度 card in its largest state against Feishu's rules (the emulator's JSON 2.0 validator, ≤ 200
 * elements, ≤ 30 KB), every button routed, and 催办 only where there is someone to chase.
 */
import { cardButtons, expectFeishuAccepts } from '../support/card-checks.js';
import { cardActionRoutes } from '../../handlers/card-action.js';
import { roundProgressCard } from '../../cards/round-progress.js';
import type { RoundProgressView, UnitProgress } from '../../src/rounds/round-progress.js';

const LONG = '云溪县人民政府办公室政务公开与政府信息管理科（县大数据中心）';
const person = (i: number) => `名字很长的同事${i}号`;
const worst = (i: number): UnitProgress => ({
  unitId: `u-${String(i).padStart(30, '0')}`,
  unitName: `${LONG}${i}`,
  status: (['filling', 'rejected', 'unsubmitted', 'waiting'] as const)[i % 4],
  complete: i % 6,
  total: 6,
  late: Array.from({ length: 12 }, (_, k) => ({
    name: person(k),
    sections: ['一', '二', '三', '四', '五', '六'],
  })),
  waiting: { name: person(99), since: '2025-01-15T02:00:00.000Z', workdays: 12 },
  deadline: { kind: 'overdue', workdays: 45 },
  remindedToday: Array.from({ length: 12 }, (_, k) => person(k)),
});

const view = (o: Partial<RoundProgressView> = {}): RoundProgressView => ({
  roundId: '2024-rabcdef',
  roundName: `${LONG}2024 年度政府信息公开工作年度报告`.repeat(2),
  year: 2024,
  deadlineText: '2025年1月31日 23:59',
  closed: false,
  units: Array.from({ length: 30 }, (_, i) => worst(i)),
  counts: { filling: 400, rejected: 100, unsubmitted: 200, waiting: 300, approved: 1000 },
  total: 2000,
  page: 5,
  pages: 67,
  canUrge: true,
  ...o,
});

describe('the admin’s progress card', () => {
  it('a full page of the longest units, names and pages fits Feishu’s limits', () => {
    const card = roundProgressCard(view());
    expectFeishuAccepts(card);
    const text = JSON.stringify(card);
    // Shortened, never silently: the names left out are counted.
    expect(text).toContain('等 12 人');
    expect(text).toContain('第 6/67 页');
  });

  it('every button has a route, and paging keeps the round', () => {
    const all = cardButtons(roundProgressCard(view()));
    for (const b of all) expect(Object.keys(cardActionRoutes)).toContain(b.value.action);
    expect(all.filter((b) => b.text === '催办')).toHaveLength(30);
    expect(all.filter((b) => b.value.action === 'round_progress').map((b) => [b.text, b.value.page])).toEqual(
      [
        ['上一页', 4],
        ['下一页', 6],
      ],
    );
  });

  it('offers 催办 only for units not approved, and not in a closed round or to a non-admin', () => {
    const approved: UnitProgress = { ...worst(1), status: 'approved', late: [], remindedToday: [] };
    const mixed = view({ units: [worst(0), approved], total: 2, pages: 1, page: 0 });
    expect(cardButtons(roundProgressCard(mixed)).map((b) => b.value.unit_id)).toEqual([worst(0).unitId]);
    expect(cardButtons(roundProgressCard({ ...mixed, canUrge: false }))).toEqual([]);
    expect(cardButtons(roundProgressCard({ ...mixed, closed: true, canUrge: false }))).toEqual([]);
  });
});
