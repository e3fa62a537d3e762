/**
 * 预览 Word (issue 11, 2.11): before 提交审核 a filler gets the report as the Word file it will become, in the
 * chat, marked 草稿 in its name and under its title; nothing goes to the approver and nothing is submitted.
 */
import { afterAnswerSettled } from '../../handlers/after-answer.js';
import { approvalRepo } from '../../src/approval/repo.js';
import { wordDraftOf } from '../../src/filling/word-draft.js';
import { DRAFT_NOTE } from '../../src/render/docx.js';
import { botMessages, type Pair } from '../server/harness.js';
import { readDocx } from '../render/docx-reader.js';
import { download, fileMessages, startApproval } from './approval-helpers.js';
import { by, cardText, Person, WANG, ZHANG } from './fill-helpers.js';
import type { Answers } from '../../src/report/template.js';

describe('预览 Word on the summary card', () => {
  let pair: Pair;
  let answers: Answers;
  beforeAll(async () => {
    ({ pair, answers } = await startApproval());
  });
  afterAll(async () => {
    await afterAnswerSettled();
    await pair.close();
  });

  it('sends the draft as a Word file marked 草稿, and submits nothing', async () => {
    const zhang = new Person(pair, ZHANG);
    const unit = await zhang.fill();
    await zhang.tap(unit, by.action('summary'));
    expect(cardText(unit.card)).toContain('预览 Word');
    const r = await zhang.tap(unit, by.action('preview_word'));
    expect(r.toast).toEqual({ type: 'success', content: '正在生成 Word 草稿，稍后发到这里' });

    await pair.emu.waitForMessages(ZHANG, (m) => botMessages(m).some((x) => x.msg_type === 'file'), 20_000);
    const [file] = fileMessages(pair, ZHANG);
    expect((file.content as { file_name: string }).file_name).toBe(
      '淮安市人民政府2024年政府信息公开工作年度报告（草稿）.docx',
    );
    const doc = await readDocx(await download(pair, file));
    const paragraphs = doc.body.flatMap((b) => (b.kind === 'p' ? [b.text] : []));
    expect(paragraphs[0]).toContain('淮安市人民政府');
    expect(paragraphs[1]).toBe(DRAFT_NOTE);
    const firstText = String(answers['s1.active']).split('\n')[0].trim();
    expect(paragraphs.some((p) => p.includes(firstText.slice(0, 30)))).toBe(true);

    // A preview is not a submission: the approver has heard nothing, the report is not under review.
    expect(botMessages(pair.emu.messages(WANG))).toEqual([]);
    const state = await approvalRepo(pair.bot.storage).load('2024-rapprv1', 'city');
    expect(state.submissions).toEqual([]);
  });

  it('is only for the fillers of the unit', async () => {
    const ids = { round_id: '2024-rapprv1', unit_id: 'city' };
    expect(await wordDraftOf(pair.bot.storage, WANG, ids)).toEqual({
      ok: false,
      message: '只有这个单位的填报人可以预览 Word 草稿',
    });
  });
});
