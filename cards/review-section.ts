/**
 * One section of a submission with its whole text (阅读全文 on the approver card), a page at a time: the approver
 * reads every character inside Feishu, not only in the Word file.
 */
import type { ReviewSection, ReviewView } from '../src/approval/review-view.js';
import type { SectionId } from '../src/report/template.js';
import { reviewValue } from './approval-card.js';
import { cardShell, type Card } from './card-shell.js';
import { actionButton, columns, escapeMd, grey, md } from './parts/elements.js';
import { namesOf } from './review-parts.js';

/**
 * Characters of text on one page: at most 3 UTF-8 bytes each once escaped for markdown and JSON (a CJK
 * character, or `*` as `\\*`), so a full page stays near 18 KB, well inside Feishu's 30 KB.
 */
export const PAGE_CHARS = 6000;

type Piece = { heading?: string; text: string };

/** The section's paragraphs cut into pages of at most `pageChars` characters; a longer paragraph is split. */
export function sectionPages(section: ReviewSection, pageChars = PAGE_CHARS): Piece[][] {
  const pages: Piece[][] = [[]];
  let left = pageChars;
  for (const p of section.paragraphs) {
    let text = p.text;
    let heading = p.heading;
    while (text.length) {
      if (left <= 0) {
        pages.push([]);
        left = pageChars;
      }
      const piece = text.slice(0, left);
      pages.at(-1)!.push({ ...(heading ? { heading } : {}), text: piece });
      left -= piece.length;
      text = text.slice(piece.length);
      heading = undefined;
    }
  }
  return pages;
}

/** The card of one page of a section's text, with 上一页 / 下一页 and 返回审核. */
export function sectionCard(view: ReviewView, id: SectionId, page: number): Card {
  const section = view.sections.find((s) => s.id === id)!;
  const pages = sectionPages(section);
  const at = Math.min(Math.max(0, page), pages.length - 1);
  const of = pages.length > 1 ? `\u3000第 ${at + 1}/${pages.length} 页` : '';
  const elements: object[] = [
    md(
      [
        `**${escapeMd(view.unitName)}** ${view.year} 年度报告第 ${view.version} 版`,
        `**${section.heading}**\u3000填报：${namesOf(view.names, section.fillers)}${of}`,
      ].join('\n'),
    ),
    { tag: 'hr' },
  ];
  for (const p of pages[at]) {
    // The pieces of a split paragraph follow each other with nothing in between: it reads as one text.
    if (p.heading) elements.push(md(`**${escapeMd(p.heading, Infinity)}**`));
    elements.push(md(escapeMd(p.text, Infinity)));
  }
  if (!section.paragraphs.length) elements.push(md(grey('（这一部分没有文字）')));
  if (section.table && at === pages.length - 1)
    elements.push(md(grey(`${escapeMd(section.table.title)}见审核卡片。`), true));
  const read = (n: number) => ({ ...reviewValue(view, 'read_section'), section: id, page: n });
  const buttons: object[][] = [];
  if (at > 0) buttons.push([actionButton('上一页', read(at - 1))]);
  if (at < pages.length - 1) buttons.push([actionButton('下一页', read(at + 1), 'primary_filled')]);
  buttons.push([actionButton('返回审核', reviewValue(view, 'review'))]);
  elements.push({ tag: 'hr' }, columns(buttons));
  return cardShell(`全文：${section.heading}`.slice(0, 40), elements, 'blue');
}
