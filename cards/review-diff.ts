/** The changes since the version sent back (rejected, or approved and reopened), as the approver reads them: cell by cell, text by text. */
import type { Change } from '../src/approval/diff.js';
import type { ReviewView } from '../src/approval/review-view.js';
import { SECTION_BY_ID } from '../src/report/template.js';
import { escapeMd, grey, md, red } from './parts/elements.js';
import { green, panel } from './review-parts.js';

/** Changes listed on a card; the rest are counted (each text change can be long, the card has 30 KB). */
const MAX_CHANGES = 40;
/** Characters of one changed passage shown. */
const MAX_PASSAGE = 160;

const blank = (v: string) => (v === '' ? '（空）' : v);

function changeLine(c: Change): string {
  if (c.kind === 'cell') {
    const note = c.computed ? grey('（合计）') : '';
    return `- ${escapeMd(c.label, 60)}${note}：${red(`~~${escapeMd(blank(c.before))}~~`)} → ${green(`**${escapeMd(blank(c.after))}**`)}`;
  }
  const edits = c.edits.map((e) => {
    const before = e.before ? red(`~~${escapeMd(e.before, MAX_PASSAGE)}~~`) : '';
    const after = e.after ? green(`**${escapeMd(e.after, MAX_PASSAGE)}**`) : '';
    return `\u3000${grey(escapeMd(e.contextBefore))}${before}${after}${grey(escapeMd(e.contextAfter))}`;
  });
  return [
    `- ${escapeMd(c.label, 60)}：`,
    ...edits.slice(0, 3),
    ...(edits.length > 3 ? [`\u3000……还有 ${edits.length - 3} 处`] : []),
  ].join('\n');
}

/** The diff panel, expanded: the first thing an approver of a resubmission wants to see. */
export function diffPanel(diff: NonNullable<ReviewView['diff']>, maxChanges = MAX_CHANGES): object {
  const n = diff.changes.length;
  const base = diff.approved ? '审核通过后重新打开的版本' : '被驳回的版本';
  const head = `与第 ${diff.since} 版（${base}）相比：${n ? `改了 ${n} 处` : '没有改动'}`;
  const lines: string[] = [];
  if (diff.reason)
    lines.push(`${diff.approved ? '重新打开的理由' : '驳回理由'}：${escapeMd(diff.reason, 200)}`);
  let section = '';
  for (const c of diff.changes.slice(0, maxChanges)) {
    const s = c.section ? SECTION_BY_ID.get(c.section)!.heading : '';
    if (s !== section) lines.push(`**${s}**`);
    section = s;
    lines.push(changeLine(c));
  }
  if (n > maxChanges) lines.push(`……还有 ${n - maxChanges} 处，请看 Word 文件`);
  if (!n) lines.push(`重新提交的内容与${base}完全相同。`);
  return panel(head, [md(lines.join('\n'))], true);
}
