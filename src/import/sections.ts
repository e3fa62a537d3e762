/**
 * The six sections of a report found by their headings (一、总体情况 … 六、其他需要报告的事项), whatever
 * their spacing, numeral or a 「政府信息公开工作」 prefix some reports add.
 */
import { SECTIONS, type SectionId } from '../report/template.js';
import { labelCore, nfkc } from './normalize.js';
import type { SourceLine } from './types.js';

export interface Region {
  id: SectionId;
  /** the heading line */
  heading: number;
  /** first line after the heading, and the line after the last */
  from: number;
  to: number;
}

const TITLE_CORES = SECTIONS.map((s) => ({ id: s.id, core: labelCore(s.title) }));

/** The section a line heads, if it is a heading. */
export function headingOf(text: string): SectionId | undefined {
  const m = /^#*\s*[一二三四五六七八九十]+\s*[、.]\s*(.+)$/.exec(nfkc(text).trim());
  if (!m) return undefined;
  const core = labelCore(m[1].replace(/\([^()]*\)\s*$/, ''));
  if (core.length > 30) return undefined;
  for (const { id, core: title } of TITLE_CORES) {
    if (core === title || (core.endsWith(title) && core.length <= title.length + 8)) return id;
  }
  // 「存在的主要问题及整改措施」; 「因政府信息公开工作被申请行政复议和提起行政诉讼情况」.
  if (/存在的主要问题及/.test(core)) return 's5';
  if (core.includes('行政复议') && core.includes('行政诉讼')) return 's4';
  return undefined;
}

/** The sections found, in print order; a heading counts only after the previous section's. */
export function findRegions(lines: SourceLine[]): Region[] {
  const order = SECTIONS.map((s) => s.id);
  const found: Region[] = [];
  lines.forEach((line, i) => {
    if (line.cells) return;
    const id = headingOf(line.text);
    if (!id) return;
    const last = found[found.length - 1];
    if (last && order.indexOf(id) <= order.indexOf(last.id)) return;
    found.push({ id, heading: i, from: i + 1, to: lines.length });
  });
  found.forEach((r, k) => {
    if (k + 1 < found.length) r.to = found[k + 1].heading;
  });
  return found;
}

const TITLE_PATTERNS = [
  /([\u4e00-\u9fff]{2,})(\d{4})年度?政府信息公开(?:工作)?年度报告/,
  /(\d{4})年度?([\u4e00-\u9fff]{2,}?)政府信息公开(?:工作)?年度报告/,
];

/**
 * Unit and year from the title, 「{unit}{YYYY}年政府信息公开工作年度报告」 or 「{YYYY}年{unit}政府信息…」,
 * possibly over two lines. The title is the candidate with the least other text on its lines.
 */
export function findTitle(lines: SourceLine[]): { unit: string; year: number; line: number } | undefined {
  const texts = lines
    .map((l, i) => ({ text: l.text, i }))
    .filter((l) => l.text !== '')
    .slice(0, 15);
  let best: { unit: string; year: number; line: number; extra: number } | undefined;
  texts.forEach((l, k) => {
    const candidates = [l.text, k + 1 < texts.length ? l.text + texts[k + 1].text : ''];
    for (const candidate of candidates) {
      const flat = nfkc(candidate).replace(/[\s#*]/g, '');
      for (const [p, pattern] of TITLE_PATTERNS.entries()) {
        const m = pattern.exec(flat);
        if (!m) continue;
        const [unit, year] = p === 0 ? [m[1], m[2]] : [m[2], m[1]];
        const extra = flat.length - m[0].length;
        if (!best || extra < best.extra) best = { unit, year: Number(year), line: l.i, extra };
      }
    }
  });
  return best && { unit: best.unit, year: best.year, line: best.line };
}

const OLD_FORMAT_HEADERS = [
  '本年新制作数量',
  '本年新公开数量',
  '对外公开总数量',
  '上一年项目数量',
  '政府集中采购',
];

/** Whether table 二 is printed in the 2019 trial format (国办公开办函〔2019〕60号). */
export function isOldFormat(lines: SourceLine[], from: number, to: number): boolean {
  const text = lines
    .slice(from, to)
    .map((l) => labelCore(l.text))
    .join('');
  return OLD_FORMAT_HEADERS.filter((h) => text.includes(h)).length >= 2;
}
