/**
 * The submitted report on the approver card: one collapsible panel per section with its text and table, so
 * the card stays readable on a phone and inside Feishu's 30 KB / 200 elements. A text longer than the card
 * can hold is shortened there, names the parts still to come, and offers 阅读全文 (review-section.ts).
 */
import type { ReviewSection, Names } from '../src/approval/review-view.js';
import type { SectionId } from '../src/report/template.js';
import { actionButton, escapeMd, grey, md, type ActionValue } from './parts/elements.js';
import { panel, tableElement } from './review-parts.js';

/** Characters of a section's text shown on the card; 阅读全文 shows the rest. */
export const MAX_SECTION_CHARS = 1200;

/** The markdown of a section's text, cut at `max` characters, and whether anything was left out. */
function sectionText(s: ReviewSection, max: number): { text: string; cut: boolean } {
  const out: string[] = [];
  let left = max;
  for (const [i, p] of s.paragraphs.entries()) {
    if (left <= 0) {
      // The sub-headings still to come, so a cut （三）–（五） is not mistaken for missing.
      const rest = s.paragraphs.slice(i).flatMap((q) => (q.heading ? [escapeMd(q.heading, 40)] : []));
      out.push(grey(`……${rest.length ? `后面还有：${rest.join('、')}。` : ''}点「阅读全文」看完整文字`));
      return { text: out.join('\n\n'), cut: true };
    }
    const text = escapeMd(p.text, left);
    left -= escapeMd(p.text, Infinity).length;
    out.push(p.heading ? `**${escapeMd(p.heading)}**\n${text}` : text);
  }
  return { text: out.join('\n\n'), cut: left < 0 };
}

/**
 * One panel per section: heading and fillers in the title, the text and the table inside. `read` is the value
 * of 阅读全文 for a section (its button is shown when the text is shortened).
 */
export function sectionPanels(
  sections: ReviewSection[],
  names: Names,
  maxChars = MAX_SECTION_CHARS,
  read?: (section: SectionId) => ActionValue,
): object[] {
  return sections.map((s) => {
    const elements: object[] = [];
    const { text, cut } = sectionText(s, maxChars);
    if (text) elements.push(md(text));
    if (cut && read) elements.push(actionButton('阅读全文', read(s.id), 'primary_filled'));
    if (s.table) elements.push(md(`**${escapeMd(s.table.title)}**`, true), tableElement(s.table));
    if (!elements.length) elements.push(md(grey('（这一部分没有内容）')));
    return panel(
      `${s.heading}\u3000填报：${s.fillers.map((id) => names[id] ?? id).join('、') || '（未分配）'}`,
      elements,
    );
  });
}
