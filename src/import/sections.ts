/**
 * The six sections of a report found by their headings (一、总体情况 … 六、其他需要报告的事项), whatever
 * their spacing, numeral or a 「政府信息公开工作」 prefix some reports add; a heading the report misprinted by
 * tolerance, and a table whose heading is lost by its column headers.
 */
import { SECTIONS, type SectionId } from '../report/template.js';
import { looseHeadingCore, misprintedTitle } from './heading-match.js';
import { labelCore, nfkc, recall } from './normalize.js';
import type { SourceLine } from './types.js';

export interface Region {
  id: SectionId;
  /** the heading line */
  heading: number;
  /** first line after the heading, and the line after the last */
  from: number;
  to: number;
  /** the heading as printed, when it is a misprint of the official one */
  misprint?: string;
  /** the section was found by its table's column headers: its heading is missing or beyond recognition */
  byColumns?: string;
}

const TITLE_CORES = SECTIONS.map((s) => ({ id: s.id, core: labelCore(s.title) }));
const ORDER = SECTIONS.map((s) => s.id);

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

/**
 * What the first lines of each table say (its column headers, the printed note, its first row), for finding a
 * table whose heading is lost: 「第二十条第（一）项」, 「（本列数据的勾稽关系为…）」, 「行政复议 行政诉讼」.
 */
const TABLE_SIGNATURES: Partial<Record<SectionId, (core: string) => boolean>> = {
  s2: (c) => c.includes('本年制发件数') || (c.startsWith('第二十条第项') && c.length <= 20),
  s3: (c) =>
    c.includes('勾稽关系') || c.includes('申请人情况') || c.startsWith('本年新收政府信息公开申请数量'),
  s4: (c) =>
    c.includes('未经复议直接起诉') ||
    c.includes('复议后起诉') ||
    c.includes('结果维持') ||
    (c.startsWith('行政复议') && c.length <= 16),
};

/**
 * The sections found, in print order. Headings as the format prints them come first (a heading counts only
 * after the previous section's); then, between those, a misprinted heading (a character stray, missing or
 * wrong) or, for a table whose heading is lost, the first line of its column headers — whichever comes first.
 */
export function findRegions(lines: SourceLine[]): Region[] {
  const found: Region[] = [];
  lines.forEach((line, i) => {
    if (line.cells) return;
    const id = headingOf(line.text);
    if (!id) return;
    const last = found[found.length - 1];
    if (last && ORDER.indexOf(id) <= ORDER.indexOf(last.id)) return;
    found.push({ id, heading: i, from: i + 1, to: lines.length });
  });
  for (const id of ORDER) {
    if (found.some((r) => r.id === id)) continue;
    const [start, end] = windowOf(id, found, lines.length);
    const inWindow = (test: (line: SourceLine) => boolean) =>
      lines.findIndex((l, i) => i >= start && i < end && !l.cells && test(l));
    const misprint = inWindow((l) => misprintedTitle(l.text, TITLE_CORES)?.id === id);
    const signature = TABLE_SIGNATURES[id];
    const columns = signature ? inWindow((l) => signature(labelCore(l.text))) : -1;
    if (misprint >= 0 && (columns < 0 || misprint < columns)) {
      const printed = lines[misprint].text.trim();
      insert(found, { id, heading: misprint, from: misprint + 1, to: lines.length, misprint: printed });
    } else if (columns >= 0) {
      // With no heading line left, the region starts at the table itself (heading = from).
      const heading = lostHeading(lines, id, start, columns);
      const from = heading === undefined ? columns : heading + 1;
      const byColumns = lines[columns].text.trim();
      insert(found, { id, heading: heading ?? columns, from, to: lines.length, byColumns });
    }
  }
  found.forEach((r, k) => {
    if (k + 1 < found.length) r.to = found[k + 1].heading;
  });
  return found;
}

/** The lines where section `id` may be: after the heading of the section before it, up to the one after. */
function windowOf(id: SectionId, found: Region[], total: number): [number, number] {
  const rank = ORDER.indexOf(id);
  const before = found.filter((r) => ORDER.indexOf(r.id) < rank);
  const after = found.filter((r) => ORDER.indexOf(r.id) > rank);
  const start = before.length ? Math.max(...before.map((r) => r.from)) : 0;
  const end = after.length ? Math.min(...after.map((r) => r.heading)) : total;
  return [start, end];
}

function insert(found: Region[], region: Region): void {
  found.push(region);
  found.sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
}

/**
 * A heading beyond recognition right above a table found by its columns (「四、政府信息公开行政复议□□□」): a
 * short line with a numbering, no number in it (a table row has some) but a trailing 「（2019试行格式）」, and
 * at least half of the title's words. Only blank lines may stand between it and the table.
 */
function lostHeading(lines: SourceLine[], id: SectionId, start: number, at: number): number | undefined {
  let i = at - 1;
  while (i >= start && lines[i].text.trim() === '') i--;
  if (i < start || lines[i].cells) return undefined;
  const core = looseHeadingCore(lines[i].text);
  const title = TITLE_CORES.find((t) => t.id === id)!.core;
  return core && core.length <= 30 && !/\d/.test(core) && recall(core, title) >= 0.5 ? i : undefined;
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
