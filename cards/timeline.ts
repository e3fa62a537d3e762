/** The 历史 card: every submission, decision, reason and withdrawal, oldest first, with who and when. */
import type { TimelineView } from '../src/approval/review-view.js';
import type { HistoryEvent } from '../src/approval/state.js';
import { SECTION_BY_ID } from '../src/report/template.js';
import { cardShell, type Card } from './card-shell.js';
import { actionButton, escapeMd, grey, md, orange, red } from './parts/elements.js';
import { beijingTime, green, nameOf } from './review-parts.js';

/** Events shown; a report rarely has more, older ones are counted (30 KB). */
const MAX_EVENTS = 40;

const STATUS: Record<string, string> = {
  submitted: '审核中',
  approved: '已审核通过',
  rejected: '已驳回，等待修改',
  withdrawn: '已撤回',
};

function eventLine(e: HistoryEvent, view: TimelineView): string {
  const who = e.by === 'cli' ? '管理员（命令行）' : nameOf(view.names, e.by);
  const when = grey(beijingTime(e.at));
  const v = `第 ${e.version} 版`;
  switch (e.kind) {
    case 'submitted':
      return `- ${when}\u3000**${who}** 提交了${v}`;
    case 'withdrawn':
      return `- ${when}\u3000**${who}** 撤回了${v}`;
    case 'passed':
      return `- ${when}\u3000**${who}** ${green('通过')}${v}，转下一位审核人`;
    case 'approved':
      return `- ${when}\u3000**${who}** ${green('**审核通过**')}${v}（终审）`;
    case 'reassigned': {
      const name = (id: string) => escapeMd(nameOf(view.names, id), 20);
      return e.from === e.to
        ? `- ${when}\u3000**${who}** 调整了${v}的审核顺序：${e.approvers.map(name).join(' → ')}`
        : `- ${when}\u3000**${who}** 把${v}的审核由 ${name(e.from)} 转给 ${name(e.to)}`;
    }
    case 'rejected': {
      const sections = e.sections.map((s) => SECTION_BY_ID.get(s)?.heading ?? s).join('、');
      return `- ${when}\u3000**${who}** ${red('驳回')}${v}，退回：${sections}\n\u3000\u3000理由：${escapeMd(e.reason, 300)}`;
    }
    case 'reopened': {
      const sections = e.sections.map((s) => SECTION_BY_ID.get(s)?.heading ?? s).join('、');
      return `- ${when}\u3000**${who}** ${orange('重新打开')}了已审核通过的${v}，重新填写：${sections}\n\u3000\u3000理由：${escapeMd(e.reason, 300)}`;
    }
  }
}

/** The status line: a report sent back by a reopen reads differently from one an approver rejected. */
function statusText(view: TimelineView): string {
  if (!view.status) return '还没有提交审核';
  const last = view.events.findLast((e) => e.kind === 'rejected' || e.kind === 'reopened');
  if (view.status === 'rejected' && last?.kind === 'reopened') return '已重新打开，等待修改';
  return STATUS[view.status];
}

/** The timeline card of one report, with a button per approved version to fetch its Word file again. */
export function timelineCard(view: TimelineView): Card {
  const events = view.events.slice(-MAX_EVENTS);
  const lines = events.map((e) => eventLine(e, view));
  if (view.events.length > MAX_EVENTS)
    lines.unshift(grey(`（更早的 ${view.events.length - MAX_EVENTS} 条未显示）`));
  const elements: object[] = [
    md(`**${escapeMd(view.unitName)}** ${view.year} 年度报告\n状态：**${statusText(view)}**`),
    md(lines.length ? lines.join('\n') : '还没有审核记录。'),
  ];
  if (view.approvedVersions.length) {
    elements.push({ tag: 'hr' });
    for (const v of view.approvedVersions)
      elements.push(
        actionButton(`重新发送第 ${v} 版定稿 Word 文件`, {
          action: 'resend_file',
          ...view.ids,
          submission: v,
        }),
      );
  }
  return cardShell(`审核历史 · ${view.year} 年度报告`, elements, 'blue');
}
