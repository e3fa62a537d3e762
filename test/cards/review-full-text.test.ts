/**
 * The approver reads every text of the report in full inside Feishu: on the approver card, or through its
 * 阅读全文 buttons and their 下一页. Checked on real published reports (section 一 of 2,000+ characters) and on
 * a section longer than any card; every card reached passes Feishu's checks (JSON 2.0, 30 KB, 200 elements).
 */
import { readFile } from 'node:fs/promises';
import { approvalScreenCard } from '../../cards/approval-screen.js';
import { parseApprovalValue } from '../../src/approval/actions.js';
import { submit } from '../../src/approval/machine.js';
import { reviewView, type ReviewView } from '../../src/approval/review-view.js';
import { emptyApproval, latestSubmission } from '../../src/approval/state.js';
import { importText } from '../../src/import/index.js';
import { fieldParagraphs } from '../../src/render/format.js';
import { SECTIONS, type Answers, type SectionId } from '../../src/report/template.js';
import { escapeMd } from '../../cards/parts/elements.js';
import { cardButtons, expectFeishuAccepts } from '../support/card-checks.js';
import { fixturePath } from '../support/fixtures.js';
import { chainRound } from '../integration/approval-helpers.js';

const FIXTURES = [
  'huaian-city-2024.pdftotext.txt',
  ...[
    '01_huaian-hongze-district-gov_2023.txt',
    '02_huaian-hongze-district-gov_2024.txt',
    '04_suqian-city-gov_2023.txt',
    '05_suqian-city-gov_2024.txt',
    '06_shuyang-county-gov_2025.txt',
    '07_shuyang-county-drc_2023.txt',
    '08_shanghai-stcsm_2024.txt',
    '09_shanghai-gov-office_2025.txt',
  ].map((f) => `real-reports/${f}`),
];
const NAMES = { z: '张敏', l: '李强', w: '王芳' };
const FILLERS = { s1: ['z'], s2: ['z'], s3: ['z'], s4: ['l'], s5: ['l'], s6: ['l'] } as Record<
  SectionId,
  string[]
>;

function view(unit: string, year: number, answers: Answers): ReviewView {
  const round = chainRound(['w'], year, unit);
  const t = submit(emptyApproval(), {
    by: 'z',
    at: Date.UTC(year + 1, 0, 20),
    answers,
    fillers: FILLERS,
    approvers: ['w'],
    warnings: [],
  });
  if (!t.ok) throw new Error(t.code);
  return reviewView({ round, unit: round.units[0] }, t.state, latestSubmission(t.state)!, NAMES);
}

/** The markdown of a card, element by element. */
function markdownOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => markdownOf(n, out));
  else if (node && typeof node === 'object') {
    const el = node as Record<string, unknown>;
    if (el.tag === 'markdown') out.push(String(el.content));
    Object.values(el).forEach((v) => markdownOf(v, out));
  }
  return out;
}

/**
 * Every card the approver reaches from the approver card by 阅读全文 and 下一页 (bounded), per section: its
 * pages' text joined in order, as a reader scrolls from one page to the next.
 */
function reachable(v: ReviewView): { card: object; pages: Map<string, string>; cards: number } {
  const card = approvalScreenCard({ kind: 'review', view: v });
  expectFeishuAccepts(card);
  const pages = new Map<string, string>();
  let cards = 1;
  for (const b of cardButtons(card).filter((x) => x.value.action === 'read_section')) {
    let value = parseApprovalValue('read_section', b.value);
    let text = '';
    for (let i = 0; value && i < 50; i += 1) {
      expect(value).toMatchObject({ submission: v.version, step: v.step });
      const page = approvalScreenCard({ kind: 'section', view: v, section: value.section, page: value.page });
      expectFeishuAccepts(page);
      cards += 1;
      // The page's first block names the report and the page; the text follows it.
      text += markdownOf(page).slice(1).join('');
      const next = cardButtons(page).find((x) => x.text === '下一页');
      value = next ? parseApprovalValue('read_section', next.value) : undefined;
    }
    pages.set(String(b.value.section), text);
  }
  return { card, pages, cards };
}

/** The printed paragraphs of every text that no card the approver reaches shows in full. */
function unreadable(v: ReviewView, answers: Answers): string[] {
  const { card, pages } = reachable(v);
  const onCard = markdownOf(card).join('\n');
  const missing: string[] = [];
  for (const s of SECTIONS)
    for (const f of s.texts)
      for (const p of fieldParagraphs(answers, s, f)) {
        const shown = escapeMd(p, Infinity);
        if (!onCard.includes(shown) && !(pages.get(s.id) ?? '').includes(shown))
          missing.push(`${f.key}: ${p.slice(0, 30)}…`);
      }
  return missing;
}

describe('every text of the report, in full, on cards the approver reaches', () => {
  test.each(FIXTURES)('%s', async (name) => {
    const { file } = importText(await readFile(fixturePath(name), 'utf8'));
    const v = view(file.unit, file.year, file.answers);
    expect(unreadable(v, file.answers)).toEqual([]);
  });

  test('a 2,000-character section 一: the card names the cut sub-parts, 阅读全文 shows （三）–（五）', async () => {
    const { file } = importText(await readFile(fixturePath(FIXTURES[0]), 'utf8'));
    const answers: Answers = { ...file.answers };
    const keys = SECTIONS[0].texts.map((f) => f.key);
    for (const [i, key] of keys.entries())
      if (key !== 's1.contact')
        answers[key] = `第${i}段。${'政务公开工作稳步推进，群众满意度持续提升。'.repeat(18)}`;
    const total = keys.reduce((n, k) => n + String(answers[k] ?? '').length, 0);
    expect(total).toBeGreaterThan(2000);
    const v = view(file.unit, file.year, answers);
    const { card, pages } = reachable(v);
    const s1 = markdownOf(card).find((m) => m.includes('第0段'))!;
    expect(s1).toMatch(/后面还有：.*（五）/);
    expect(pages.get('s1')).toContain('第5段');
    expect(unreadable(v, answers)).toEqual([]);
  });

  test('a section longer than one card is read page by page, each page inside the limits', async () => {
    const { file } = importText(await readFile(fixturePath(FIXTURES[0]), 'utf8'));
    const long = Array.from(
      { length: 40 },
      (_, i) => `第${i}段：${'依申请公开办理规范，答复及时准确。'.repeat(30)}`,
    );
    const answers: Answers = { ...file.answers, 's1.active': long.join('\n') };
    const v = view(file.unit, file.year, answers);
    const { cards } = reachable(v);
    expect(cards).toBeGreaterThan(3);
    expect(unreadable(v, answers)).toEqual([]);
  });
});
