/**
 * The 汇总本级报告 card as a pure function: Feishu accepts it at its largest (a city's 100 units with long names,
 * 80 candidates in each picker), every button has an admin route, and the consolidated round's own card offers
 * neither 汇总本级报告 nor 添加单位.
 */
import { adminScreenCard } from '../../cards/admin-screen.js';
import { adminActions } from '../../src/admin/actions.js';
import { roundAdminView, type PersonView } from '../../src/admin/views.js';
import type { ConsolidationScope } from '../../src/consolidated/scope.js';
import { consolidateView } from '../../src/consolidated/start-view.js';
import { cardButtons, expectFeishuAccepts } from '../support/card-checks.js';
import { fiveUnitRound } from './five-units.js';

const LONG = '云溪县人民政府办公室政务公开与政府信息管理科（县大数据中心）';
const candidates: PersonView[] = Array.from({ length: 80 }, (_, i) => ({
  openId: `ou_${String(i).padStart(32, '0')}`,
  name: `候选人${i}`,
}));

function bigScope(): ConsolidationScope {
  const units = Array.from({ length: 100 }, (_, i) => ({ unitId: `u${i}`, name: `${LONG}${i}` }));
  return {
    approved: units.slice(0, 70).map((u) => ({ ...u, version: 1, answers: {} })),
    missing: units
      .slice(70)
      .map((u) => ({ ...u, status: 'filling' as const, state: '填报中（2/6 个部分已填完）' })),
  };
}

describe('the 汇总本级报告 cards', () => {
  it('fits Feishu with 100 units and full pickers, each button routed', () => {
    const card = adminScreenCard({
      kind: 'consolidate',
      view: consolidateView(fiveUnitRound(), bigScope(), { governmentName: '云溪县人民政府', candidates }),
    });
    expectFeishuAccepts(card);
    const text = JSON.stringify(card);
    expect(text).toContain('已审核通过，可以汇总（70 个）');
    expect(text).toMatch(/……另有 \d+ 个/);
    expect(text).toContain('尚未审核通过，不能汇总（30 个）');
    for (const b of cardButtons(card)) expect(Object.keys(adminActions)).toContain(b.value.action);
  });

  it('once started, offers to open the report instead of the form', () => {
    const source = fiveUnitRound();
    const existing = {
      ...fiveUnitRound(),
      id: `${source.id}-hz`,
      deadline: '2027-03-31T23:59:00+08:00',
      units: [{ ...source.units[0], name: '云溪县人民政府' }],
      source: {
        roundId: source.id,
        unitIds: ['edu', 'police'],
        versions: {},
        at: '2027-02-10T02:00:00Z',
        by: 'x',
      },
    };
    const card = adminScreenCard({
      kind: 'consolidate',
      view: consolidateView(source, bigScope(), { candidates, existing }),
    });
    expectFeishuAccepts(card);
    expect(JSON.stringify(card)).toContain(
      '本轮的本级汇总报告已经开始了：**云溪县人民政府**，汇总了 2 个单位的数字',
    );
    expect(cardButtons(card).map((b) => [b.text, b.value.round_id])).toEqual([
      ['打开汇总报告', existing.id],
      ['返回', source.id],
    ]);
    // A unit corrected since: named, and 重新汇总 behind a confirm dialog once it is approved again.
    const corrected = adminScreenCard({
      kind: 'consolidate',
      view: consolidateView(source, bigScope(), {
        candidates,
        existing,
        changed: [{ unitId: 'police', name: '云溪县公安局', summed: 1, approved: 2 }],
      }),
    });
    expectFeishuAccepts(corrected);
    expect(JSON.stringify(corrected)).toContain('- 云溪县公安局：汇总的是第 1 版，现已通过第 2 版');
    expect(cardButtons(corrected).map((b) => b.text)).toEqual(['重新汇总', '打开汇总报告', '返回']);
    expect(JSON.stringify(corrected)).toContain('"content":"重新汇总？"');
    const fixing = adminScreenCard({
      kind: 'consolidate',
      view: consolidateView(source, bigScope(), {
        candidates,
        existing,
        changed: [{ unitId: 'police', name: '云溪县公安局', summed: 1, state: '填报中（5/6 个部分已填完）' }],
      }),
    });
    expect(JSON.stringify(fixing)).toContain('等这些单位重新审核通过后，才能重新汇总');
    expect(cardButtons(fixing).map((b) => b.text)).not.toContain('重新汇总');
    for (const b of cardButtons(corrected)) expect(Object.keys(adminActions)).toContain(b.value.action);

    // Its own round card: no second consolidation, no unit to add.
    const own = adminScreenCard({ kind: 'round_admin', view: roundAdminView(existing, [], (i) => i) });
    const labels = cardButtons(own).map((b) => b.text);
    expect(labels).not.toContain('汇总本级报告');
    expect(labels).not.toContain('添加单位');
    const plain = adminScreenCard({ kind: 'round_admin', view: roundAdminView(source, [], (i) => i) });
    expect(cardButtons(plain).map((b) => b.text)).toContain('汇总本级报告');
  });
});
