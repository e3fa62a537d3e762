/**
 * Several people on one unit's report in the emulated Feishu: two fillers at the same time, a forwarded card
 * tapped by someone else, and last year's report prefilling this year's cards.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { importText } from '../../src/import/index.js';
import { INPUT_CELLS, type SectionId } from '../../src/report/template.js';
import type { Pair } from '../server/harness.js';
import {
  buttonsOf,
  by,
  cardText,
  fillSection,
  inputsOf,
  LI,
  Person,
  startFilling,
  stepOf,
  WANG,
  ZHANG,
} from './fill-helpers.js';
import { demoRound } from '../../src/rounds/seed-demo.js';
import { fixturePath } from '../support/fixtures.js';

const FIXTURE = fixturePath('huaian-city-2024.pdftotext.txt');
const huaian = async () => importText(await readFile(FIXTURE, 'utf8')).file;

describe('two people on one report', () => {
  let pair: Pair;
  let roundId: string;
  let unitId: string;
  beforeEach(async () => {
    ({ pair, roundId, unitId } = await startFilling());
  });
  afterEach(async () => {
    await pair.close();
  });
  const stored = async () => (await draftRepo(pair.bot.storage).load(roundId, unitId)).draft;

  it('张敏 fills 一–三 while 李强 fills 四–六: every answer of both is stored, the report is whole', async () => {
    const { answers } = await huaian();
    const run = async (p: Person, sections: SectionId[]) => {
      const screen = await p.fill();
      for (const s of sections) await fillSection(p, screen, s, answers);
      return screen;
    };
    const [zhang, li] = await Promise.all([
      run(new Person(pair, ZHANG), ['s1', 's2', 's3']),
      run(new Person(pair, LI), ['s4', 's5', 's6']),
    ]);
    const draft = await stored();
    const lost = INPUT_CELLS.filter((c) => answers[c.key] !== undefined)
      .filter((c) => draft.answers[c.key] !== answers[c.key])
      .map((c) => c.key);
    expect(lost).toEqual([]);
    expect(draft.answers['s5.problems']).toBe(answers['s5.problems']);
    expect(draft.answers['s1.oversight']).toBe(answers['s1.oversight']);
    // Whoever finished last got the summary with 提交审核; the other sees the unit card with the way there.
    const cards = [zhang.card, li.card];
    expect(cards.some((c) => buttonsOf(c).some((b) => b.value.action === 'submit_for_review'))).toBe(true);
  });

  it('a forwarded card tapped by someone not assigned to its section: a clear refusal, nothing stored', async () => {
    const zhang = new Person(pair, ZHANG);
    const screen = await zhang.fill();
    await zhang.tap(screen, by.action('open_section', { section: 's2' }));
    expect(stepOf(screen.card)?.step).toBe('s2.table');
    const before = cardText(screen.card);
    const versionBefore = (await stored()).version;

    // 李强 fills 四–六 of the same unit, but 二 is 张敏's.
    const li = new Person(pair, LI);
    const form = Object.fromEntries(Object.keys(inputsOf(screen.card)).map((k) => [k, '5']));
    const r = await li.tap(screen, by.action('submit_step', { blank: 'zero' }), form);
    expect(r.toast?.type).toBe('error');
    expect(r.toast?.content).toBe('这一部分没有分配给你，不能填写');
    expect(r.card).toBeUndefined();
    expect(cardText(li.refresh(screen).card)).toBe(before);
    const draft = await stored();
    expect(draft.version).toBe(versionBefore);
    expect(Object.keys(draft.answers).filter((k) => k.startsWith('t2.'))).toEqual([]);

    // 王芳 (an approver, no section at all) is refused too, also on the unit card.
    const wang = new Person(pair, WANG);
    const unit = await zhang.fill();
    const w = await wang.tap(unit, by.action('open_section', { section: 's1' }));
    expect(w.toast?.content).toBe('你不是这个单位的填报人');
    expect((await stored()).version).toBe(versionBefore);
  });
});

describe('prefill from last year', () => {
  let pair: Pair;
  let dir: string;
  afterEach(async () => {
    await pair.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('texts and the 上年结转 row come from last year’s report, and the cards say so', async () => {
    // Last year's report of the unit: the 淮安市 figures (103 requests carried over to the next year).
    const last = await huaian();
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-prev-'));
    const file = path.join(dir, 'last-year.json');
    await writeFile(file, JSON.stringify({ ...last, year: demoRound(Date.now()).year - 1 }));
    ({ pair } = await startFilling({ previous: file }));

    const z = new Person(pair, ZHANG);
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's1' }));
    expect(cardText(screen.card)).toContain('已按上年报告预填');
    expect(inputsOf(screen.card)['s1.intro']).toBe(last.answers['s1.intro']);

    const unit = await z.fill();
    await z.tap(unit, by.action('open_section', { section: 's3' }));
    await z.tap(unit, by.action('answer', { answer: 'some' }));
    expect(stepOf(unit.card)?.step).toBe('s3.intake');
    const shown = inputsOf(unit.card);
    expect(shown['t3.carry_in.np']).toBe(String(last.answers['t3.carry_out.np']));
    expect(shown['t3.carry_in.np']).toBe('103');
    for (const col of ['biz', 'res', 'npo', 'law', 'oth'])
      expect(shown[`t3.carry_in.${col}`]).toBe(String(last.answers[`t3.carry_out.${col}`]));
    expect(cardText(unit.card)).toMatch(/上年结转[^"]*已按上年报告预填/);
  });
});
