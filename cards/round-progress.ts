/** 进度 for an admin: every unit of a round, the ones to chase first, with the counts per state. */
import type { RoundProgressView } from '../src/rounds/round-progress.js';
import { cardShell, type Card } from './card-shell.js';
import { escapeMd, md } from './parts/elements.js';
import { unitStandingList } from './parts/unit-standing.js';

/** The round's progress card. */
export function roundProgressCard(view: RoundProgressView): Card {
  const { counts, units } = view;
  const summary =
    `共 **${units.length}** 个单位：已通过 ${counts.approved} · 审核中 ${counts.waiting} · ` +
    `已填完未提交 ${counts.unsubmitted} · 填报中 ${counts.filling}`;
  return cardShell(
    `年报进度：${view.year} 年度`,
    [
      md(`《${escapeMd(view.roundName)}》截止时间 ${view.deadlineText}`),
      md(summary),
      md(unitStandingList(units)),
    ],
    counts.approved === units.length ? 'green' : 'blue',
  );
}
