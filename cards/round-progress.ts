/**
 * 进度 for an admin: every unit of a round, the ones to chase first, one block per unit (a phone is 390 px wide:
 * no table) saying where its report stands, who is late by name and since when, with 催办 beside each unit
 * not yet approved; a page of units at a time, with the counts of the whole round.
 */
import {
  PROGRESS_PAGE,
  type ProgressStatus,
  type RoundProgressView,
  type UnitProgress,
} from '../src/rounds/round-progress.js';
import { cardShell, type Card } from './card-shell.js';
import { actionButton, columns, escapeMd, grey, md, orange, red } from './parts/elements.js';
import { fittingCard } from './parts/limits.js';

/** The button that sends the admin the round's workbook and the zip of approved reports. */
export const EXPORT_LABEL = '导出汇总表和审核通过的报告';

const green = (t: string) => `<font color='green'>${t}</font>`;

const STATUS: Record<ProgressStatus, (u: UnitProgress) => string> = {
  filling: (u) => orange(`填报中 ${u.complete}/${u.total}`),
  rejected: (u) => red(u.reopened ? '已重新打开，待修改' : '已驳回，待修改'),
  unsubmitted: () => orange('已填完，未提交审核'),
  waiting: () => '审核中',
  approved: () => green('已通过审核'),
};

// Names listed per unit; the rest are counted (a unit rarely has more, and the card must stay under 30 KB).
const MAX_NAMES = 6;

function people(list: UnitProgress['late'], max: number): string {
  const shown = list
    .slice(0, max)
    .map((p) => `${escapeMd(p.name, 20)}${p.sections.length ? `（${p.sections.join('、')}）` : ''}`);
  const more = list.length > max ? `等 ${list.length} 人` : '';
  return shown.join('、') + more;
}

function reminded(names: string[], max: number): string {
  const shown = names.slice(0, max).map((n) => escapeMd(n, 20));
  return `今天已提醒：${shown.join('、')}${names.length > max ? `等 ${names.length} 人` : ''}`;
}

function deadlineText(d: NonNullable<UnitProgress['deadline']>): string {
  if (d.kind === 'today') return orange('今天截止');
  if (d.kind === 'left') return d.workdays ? `距截止还有 ${d.workdays} 个工作日` : '截止前已没有工作日';
  return red(d.workdays ? `已逾期 ${d.workdays} 个工作日` : '已过截止时间');
}

/** 「1月15日 10:00」 in Beijing time. */
function shortTime(iso: string): string {
  const bj = new Date(Date.parse(iso) + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${bj.getUTCMonth() + 1}月${bj.getUTCDate()}日 ${pad(bj.getUTCHours())}:${pad(bj.getUTCMinutes())}`;
}

/** The lines of one unit's block; `names` people are named per list, the rest counted. */
export function unitBlock(u: UnitProgress, names = MAX_NAMES): string {
  const lines = [`**${escapeMd(u.unitName, 40)}**\u3000${STATUS[u.status](u)}`];
  if (u.waiting) {
    const days = u.waiting.workdays ? ` ${u.waiting.workdays} 个工作日` : '';
    lines.push(`等待 **${escapeMd(u.waiting.name, 20)}** 审核${days}（${shortTime(u.waiting.since)} 起）`);
  }
  if (u.late.length) {
    const what = u.status === 'unsubmitted' ? '待提交' : u.status === 'rejected' ? '退回修改' : '未完成';
    lines.push(`${what}：${people(u.late, names)}`);
  }
  if (u.deadline) lines.push(deadlineText(u.deadline));
  if (u.remindedToday.length) lines.push(grey(reminded(u.remindedToday, names)));
  return lines.join('\n');
}

/**
 * The round's progress card (one page of it). Units with many late people can pass Feishu's 30 KB: then fewer
 * names are listed per unit (the others counted), never fewer units.
 */
export function roundProgressCard(view: RoundProgressView): Card {
  return fittingCard((share) => buildCard(view, Math.max(1, Math.floor(MAX_NAMES * share))));
}

function buildCard(view: RoundProgressView, names: number): Card {
  const { counts } = view;
  const id = { round_id: view.roundId };
  const summary =
    `共 **${view.total}** 个单位：已通过 ${counts.approved} · 审核中 ${counts.waiting} · ` +
    `已填完未提交 ${counts.unsubmitted} · 填报中 ${counts.filling}` +
    (counts.rejected ? ` · 已驳回待修改 ${counts.rejected}` : '');
  const elements: object[] = [
    md(
      `《${escapeMd(view.roundName, 80)}》截止时间 ${view.deadlineText}` +
        (view.closed ? '\u3000**已关闭**' : ''),
    ),
    md(summary),
    ...(view.canExport ? [actionButton(EXPORT_LABEL, { action: 'round_export', ...id })] : []),
    { tag: 'hr' },
  ];
  for (const u of view.units) {
    const block = md(unitBlock(u, names));
    elements.push(
      view.canUrge && u.status !== 'approved'
        ? columns(
            [
              [block],
              [actionButton('催办', { action: 'urge_unit', ...id, unit_id: u.unitId, page: view.page })],
            ],
            [4, 1],
          )
        : block,
    );
  }
  if (view.pages > 1) {
    const from = view.page * PROGRESS_PAGE + 1;
    const to = from + view.units.length - 1;
    const rest = view.total - view.units.length;
    elements.push(
      { tag: 'hr' },
      md(grey(`第 ${view.page + 1}/${view.pages} 页：第 ${from}–${to} 个单位，另有 ${rest} 个单位在其他页`)),
    );
    const nav: object[][] = [];
    if (view.page > 0)
      nav.push([actionButton('上一页', { action: 'round_progress', ...id, page: view.page - 1 })]);
    if (view.page < view.pages - 1)
      nav.push([actionButton('下一页', { action: 'round_progress', ...id, page: view.page + 1 })]);
    elements.push(columns(nav));
  }
  const done = counts.approved === view.total;
  return cardShell(`年报进度：${view.year} 年度`, elements, view.closed ? 'grey' : done ? 'green' : 'blue');
}
