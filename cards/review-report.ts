/**
 * The submitted report on the approver card: one collapsible panel per section with its text and table, so
 * the card stays readable on a phone and inside Feishu's 30 KB / 200 elements.
 */
import type { ReviewSection, Names } from '../src/approval/review-view.js';
import { escapeMd, grey, md } from './parts/elements.js';
import { panel, tableElement } from './review-parts.js';

/** Characters of a section's text shown on the card; the Word file has it all. */
export const MAX_SECTION_CHARS = 1200;

/** The markdown of a section's text, cut at `max` characters. */
function sectionText(s: ReviewSection, max: number): string {
  const out: string[] = [];
  let left = max;
  for (const p of s.paragraphs) {
    if (left <= 0) {
      out.push(grey('……（全文见 Word 文件）'));
      break;
    }
    const text = escapeMd(p.text, left);
    left -= p.text.length;
    out.push(p.heading ? `**${escapeMd(p.heading)}**\n${text}` : text);
  }
  return out.join('\n\n');
}

/** One panel per section: heading and fillers in the title, the text and the table inside. */
export function sectionPanels(
  sections: ReviewSection[],
  names: Names,
  maxChars = MAX_SECTION_CHARS,
): object[] {
  return sections.map((s) => {
    const elements: object[] = [];
    const text = sectionText(s, maxChars);
    if (text) elements.push(md(text));
    if (s.table) elements.push(md(`**${escapeMd(s.table.title)}**`, true), tableElement(s.table));
    if (!elements.length) elements.push(md(grey('（这一部分没有内容）')));
    return panel(
      `${s.heading}\u3000填报：${s.fillers.map((id) => names[id] ?? id).join('、') || '（未分配）'}`,
      elements,
    );
  });
}
