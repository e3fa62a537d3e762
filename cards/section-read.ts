/**
 * A locked section, read-only: every answer (texts in full, the table as a table), no inputs, why it is
 * locked, and 返回 to the unit card. Long texts are cut only when the card would pass Feishu's 30 KB.
 */
import type { SectionReadView } from '../src/filling/section-read.js';
import { cardShell, type Card } from './card-shell.js';
import { actionButton, escapeMd, grey, md, orange } from './parts/elements.js';
import { fittingCard } from './parts/limits.js';
import { tableElement } from './review-parts.js';

/** A text in full, or its first `max` characters and how much more the Word file has. */
function textBlock(label: string, text: string, max: number): object {
  const body = text.trim()
    ? text.length > max
      ? `${escapeMd(text.slice(0, max), max)}\n${grey(`……（还有 ${text.length - max} 字，全文见 Word 文件）`)}`
      : escapeMd(text, text.length)
    : grey('（未填写）');
  return md(`**${escapeMd(label, 60)}**\n${body}`);
}

function build(view: SectionReadView, share: number): Card {
  // Each text in full first; only a card over Feishu's limits cuts them, all by the same share.
  const max = share >= 1 ? Number.POSITIVE_INFINITY : Math.floor(share * 8000);
  const elements: object[] = [
    md(`**${escapeMd(view.unitName)}** ${view.year} 年度报告`),
    md(orange(`**只能查看，不能修改：**${escapeMd(view.reason, 200)}`)),
  ];
  if (view.noRequests) elements.push(md('本年度没有收到政府信息公开申请（表三各项均为 0）。'));
  for (const t of view.texts) elements.push(textBlock(t.label, t.text, max));
  if (view.fields.length)
    elements.push(
      md(
        view.fields
          .map((f) => `${escapeMd(f.label, 60)}：${f.value ? escapeMd(f.value, 200) : grey('（未填写）')}`)
          .join('\n'),
      ),
    );
  if (view.table) elements.push(md(`**${escapeMd(view.table.title)}**`), tableElement(view.table));
  elements.push(
    { tag: 'hr' },
    actionButton('返回', { action: 'overview', round_id: view.ids.round_id, unit_id: view.ids.unit_id }),
  );
  return cardShell(`${view.heading}（只读）`, elements, 'grey');
}

/** The read-only card of a locked section. */
export function sectionReadCard(view: SectionReadView): Card {
  return fittingCard((share) => build(view, share));
}
