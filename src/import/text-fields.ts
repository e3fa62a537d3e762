/**
 * The text of sections 一, 五 and 六, left as printed. 一 is split by its sub-headings （一）…（五）, found by
 * their subject (reports word them freely: 「（一）系统化推进主动公开」) and else by their numeral; text before
 * the first goes to s1.intro, and all of 一 goes there when there are none. 五 is split only where a
 * sub-heading names problems or improvements; otherwise all of 五 goes to s5.problems, said in a note.
 * Sub-headings stay at the start of their text, as the renderer expects of imported texts.
 */
import { EMPTY_REQUIRED_TEXT } from '../render/format.js';
import { SECTION_BY_ID, type SectionId } from '../report/template.js';
import { chineseOrdinal, nfkc } from './normalize.js';
import type { Region } from './sections.js';
import type { SourceLine } from './types.js';

/** Paragraphs of lines [from, to); pdftotext starts a paragraph with an indent and wraps without one. */
export function paragraphs(lines: SourceLine[], from: number, to: number, wrapped: boolean): string[] {
  const out: string[] = [];
  let open = false;
  for (let i = from; i < to; i++) {
    const { text, indent, cells } = lines[i];
    if (cells) continue;
    const clean = text.replace(/^#+\s*/, '');
    // pdftotext indents every paragraph's first line, so an unindented line continues across a page break.
    if (clean === '') {
      if (!wrapped) open = false;
      continue;
    }
    if (wrapped && open && indent < 2) out[out.length - 1] += clean;
    else out.push(clean);
    open = true;
  }
  return out;
}

const SUB_HEADING = /^\(\s*([一二三四五六七八九十])\s*\)/;

const S1_SUBJECTS: [string, RegExp][] = [
  ['s1.request', /依申请/],
  ['s1.active', /主动公开/],
  ['s1.platform', /平台/],
  ['s1.oversight', /监督|保障/],
  ['s1.management', /管理/],
];
const S1_BY_ORDINAL = ['s1.active', 's1.request', 's1.management', 's1.platform', 's1.oversight'];

function headOf(paragraph: string): string | undefined {
  const text = nfkc(paragraph);
  const marker = SUB_HEADING.exec(text);
  if (!marker) return undefined;
  // The heading phrase ends at the first stop; a 「.」 may be a decimal point (「90.2%」), so it does not end it.
  return (
    marker[0] +
    text
      .slice(marker[0].length)
      .split(/[。，,:;；(]/)[0]
      .slice(0, 40)
  );
}

function splitSection1(paras: string[], texts: Record<string, string[]>, notes: string[]): void {
  let current = 's1.intro';
  for (const p of paras) {
    const head = headOf(p);
    if (head) {
      const bySubject = S1_SUBJECTS.find(([, re]) => re.test(head))?.[0];
      const byOrdinal = S1_BY_ORDINAL[chineseOrdinal(SUB_HEADING.exec(head)![1]) - 1];
      const next = bySubject ?? byOrdinal;
      if (next && !texts[next]) current = next;
    }
    (texts[current] ??= []).push(p);
  }
  const missing = S1_BY_ORDINAL.filter((k) => !texts[k]);
  if (missing.length === S1_BY_ORDINAL.length)
    notes.push('第一部分没有（一）主动公开…（五）监督保障小标题，全文放入 s1.intro');
  else if (missing.length) {
    const names = SECTION_BY_ID.get('s1')!
      .texts.filter((f) => missing.includes(f.key))
      .map((f) => f.heading);
    notes.push(`第一部分没有找到${names.join('、')}，对应文字为空`);
  }
}

function splitSection5(paras: string[], texts: Record<string, string[]>, notes: string[]): void {
  let current = 's5.problems';
  let split = false;
  for (const p of paras) {
    const head = headOf(p);
    if (head && /改进|整改|措施|打算|下一步/.test(head)) [current, split] = ['s5.improvements', true];
    else if (head && /问题/.test(head)) [current, split] = ['s5.problems', true];
    (texts[current] ??= []).push(p);
  }
  if (!split && paras.length)
    notes.push('第五部分没有分（一）存在的主要问题、（二）改进情况，全文放入 s5.problems');
}

/**
 * Some extractions lose the heading of 五 but keep its 「（一）主要问题」 after table 四: the text from the
 * first such sub-heading after the table's last row to the end of 四's region.
 */
function untitledSection5(lines: SourceLine[], s4: Region | undefined): Region | undefined {
  if (!s4) return undefined;
  let lastRow = s4.from - 1;
  for (let i = s4.from; i < s4.to; i++) if (lines[i].cells || /\d\s*$/.test(lines[i].text)) lastRow = i;
  for (let i = lastRow + 1; i < s4.to; i++) {
    const head = headOf(lines[i].text);
    if (head && /问题/.test(head)) return { id: 's5', heading: i - 1, from: i, to: s4.to };
  }
  return undefined;
}

/** The text fields of the sections found, and notes on what could not be split as the format asks. */
export function readTexts(
  lines: SourceLine[],
  regions: Region[],
  wrapped: boolean,
): { answers: Record<string, string>; notes: string[] } {
  const texts: Record<string, string[]> = {};
  const notes: string[] = [];
  const region = (id: SectionId) => regions.find((r) => r.id === id);
  for (const id of ['s1', 's5', 's6'] as SectionId[]) {
    const r = region(id) ?? (id === 's5' ? untitledSection5(lines, region('s4')) : undefined);
    if (!r) {
      notes.push(`没有找到「${SECTION_BY_ID.get(id)!.heading}」标题，这一部分的文字未导入`);
      continue;
    }
    if (id === 's5' && !region('s5'))
      notes.push(
        `没有找到「${SECTION_BY_ID.get('s5')!.heading}」标题，取第四部分表格之后从「${lines[r.from].text}」起的文字作为第五部分`,
      );
    const paras = paragraphs(lines, r.from, r.to, wrapped).filter((p) => p !== EMPTY_REQUIRED_TEXT);
    if (id === 's1') splitSection1(paras, texts, notes);
    else if (id === 's5') splitSection5(paras, texts, notes);
    else if (paras.length) texts['s6.text'] = paras;
  }
  const answers: Record<string, string> = {};
  const headings = new Map(
    ['s1', 's5'].flatMap((id) => SECTION_BY_ID.get(id as SectionId)!.texts.map((f) => [f.key, f.heading])),
  );
  for (const [key, paras] of Object.entries(texts)) {
    // A rendered report prints the official sub-heading on its own line above the text (and alone when
    // the text was empty): that line is the format's, not the text's.
    const text = paras[0] === headings.get(key) ? paras.slice(1) : paras;
    if (text.length) answers[key] = text.join('\n');
  }
  return { answers, notes };
}

/** Contact details from the preamble (the lines between the title and 一、总体情况). */
export function readMeta(lines: SourceLine[], from: number, to: number): Record<string, string> {
  const text = nfkc(
    lines
      .slice(from, to)
      .map((l) => l.text)
      .join(''),
  ).replace(/\s+/g, '');
  const meta: Record<string, string> = {};
  const pick = (key: string, re: RegExp) => {
    const m = re.exec(text);
    if (m) meta[key] = m[1];
  };
  pick('meta.contact_office', /请与([^(（,，。;；]+?)联系/);
  pick('meta.address', /地址:([^,，;；)）]+)/);
  pick('meta.phone', /电话:([0-9][0-9\-—－]{4,}[0-9])/);
  pick('meta.postcode', /邮编:(\d{6})/);
  return meta;
}
