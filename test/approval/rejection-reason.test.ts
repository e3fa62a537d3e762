/**
 * The reason of a rejection stays on the cards where the filler fixes it: every step card of the sections sent
 * back says why, who rejected and when, from the first 修改 to the resubmission (the notice card that carried it
 * is replaced by the first step card opened). Real lowdb files, the real services, the real card builders.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fillScreenCard } from '../../cards/fill-screen.js';
import { confirmReject } from '../../src/approval/decide.js';
import { submitForReview, withdrawSubmission } from '../../src/approval/submit.js';
import { fillCardAction } from '../../src/filling/service.js';
import { SECTIONS } from '../../src/report/template.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { stepCard } from '../../cards/fill-step.js';
import { answerQuestion } from '../../src/filling/question.js';
import { newDraft } from '../../src/filling/draft.js';
import { ALL_STEPS } from '../../src/filling/steps.js';
import { stepView } from '../../src/filling/view.js';
import type { Finding } from '../../src/report/check.js';
import { cardButtons, expectFeishuAccepts } from '../support/card-checks.js';
import { CTX } from '../filling/helpers.js';
import { split } from '../reminders/season-fixture.js';
import { chainRound, storeFilledReport } from '../integration/approval-helpers.js';

const ZHANG = 'ou_zhang';
const WANG = 'ou_wang';
const NAMES: Record<string, string> = { ou_zhang: '张敏', ou_li: '李强', ou_wang: '王芳' };
// 1 December 2025, 10:20 Beijing time.
const AT = Date.UTC(2025, 11, 1, 2, 20);
const deps = (storage: LowdbStorage) => ({
  storage,
  now: () => AT,
  names: async (ids: string[]) => Object.fromEntries(ids.map((id) => [id, NAMES[id] ?? id])),
});

/** Every input's shown value, as a form submit brings it. */
function inputsOf(node: unknown, out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(node)) node.forEach((n) => inputsOf(n, out));
  else if (node && typeof node === 'object') {
    const el = node as Record<string, unknown>;
    if (el.tag === 'input' && typeof el.name === 'string') out[el.name] = String(el.default_value ?? '');
    Object.values(el).forEach((v) => inputsOf(v, out));
  }
  return out;
}

describe('the rejection reason on the step cards of the sections sent back', () => {
  let dir: string;
  let storage: LowdbStorage;
  const round = chainRound([WANG], 2024, '淮安市人民政府');
  round.units[0].fillers = split(ZHANG, 'ou_li');
  const ids = { round_id: round.id, unit_id: 'city' };
  const reason = '第一部分主动公开的条数与表二不一致，请核对后重新填写。';
  const line = `驳回理由**</font>（王芳，12月1日 10:20）：${reason}`;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-reject-reason-'));
    storage = new LowdbStorage(dir);
    await roundRepo(storage).save(round);
    await storeFilledReport(storage, round.id, 'city');
  });
  afterAll(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('from 修改 through every step until the report is submitted again', async () => {
    await submitForReview(deps(storage), ZHANG, ids);
    const rejected = await confirmReject(
      deps(storage),
      WANG,
      { ...ids, submission: 1, step: 0 },
      { reason, sections: ['s1'] },
    );
    expect(rejected.toast?.type).toBe('success');

    // 修改一、总体情况 on the notice: the first step card replaces it, and says why.
    const open = await fillCardAction(storage, ZHANG, { action: 'open_section', ...ids, section: 's1' }, {});
    expect(open?.screen?.kind).toBe('step');
    let card = fillScreenCard(open!.screen!);
    expect(JSON.stringify(card)).toContain(line);

    // Every further step of 一 still says it, also when a step is submitted.
    for (let i = 0; i < 3; i += 1) {
      const next = cardButtons(card).find((b) => b.value.action === 'submit_step' && !b.value.blank)!;
      const r = await fillCardAction(storage, ZHANG, next.value, inputsOf(card));
      expect(r?.screen?.kind).toBe('step');
      card = fillScreenCard(r!.screen!);
      expect(JSON.stringify(card)).toContain(line);
    }

    // Resubmitted, then taken back: the section opens again, without the answered reason.
    const again = await submitForReview(deps(storage), ZHANG, ids);
    expect(again.toast?.type).toBe('success');
    await withdrawSubmission(deps(storage), ZHANG, { ...ids, submission: 2 });
    const reopened = await fillCardAction(
      storage,
      ZHANG,
      { action: 'open_section', ...ids, section: 's1' },
      {},
    );
    expect(JSON.stringify(fillScreenCard(reopened!.screen!))).not.toContain('驳回理由');
  });
});

test('every step card still fits Feishu with a 500-character reason on top of its fullest state', () => {
  const draft = answerQuestion(newDraft(), 'some').draft;
  const rejection = { reason: '理'.repeat(500), by: '王芳', at: AT, sections: SECTIONS.map((s) => s.id) };
  const long =
    '第三部分 自然人列：本年新收(5)+上年结转(1)=6，但办理结果总计(4)+结转下年度(1)=5，请核对。'.repeat(3);
  const finding = (level: 'error' | 'warning'): Finding => ({
    rule: level === 'error' ? 'E5' : 'W6',
    level,
    cells: [],
    message: long,
  });
  for (const step of ALL_STEPS) {
    const typed = Object.fromEntries(
      step.keys.map((k, i) => [k, `${i}１２３４５６７８９０abcdefghijklmnopqrstuvwxyz`]),
    );
    const view = stepView(draft, { ...CTX, rejection }, step.section, step.id, {
      typed,
      fieldErrors: Object.fromEntries(
        step.keys.map((k) => [k, `「${typed[k]}」不是数字，请只填阿拉伯数字和小数点`]),
      ),
      errors: Array.from({ length: 8 }, () => finding('error')),
      warnings: Array.from({ length: 10 }, () => finding('warning')),
    })!;
    expect(view.rejection?.reason).toBe(rejection.reason);
    expectFeishuAccepts(stepCard(view));
  }
});
