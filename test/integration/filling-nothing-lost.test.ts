/**
 * Nothing a filler typed is silently lost (issue 9), on real cards in the emulated Feishu: every button that
 * leaves a step card brings the card's inputs along and saves what parses.
 */
import { draftRepo } from '../../src/filling/draft-repo.js';
import type { Pair } from '../server/harness.js';
import { by, inputsOf, Person, startFilling, stepOf, ZHANG } from './fill-helpers.js';

let pair: Pair;
let roundId: string;
let unitId: string;

beforeEach(async () => {
  ({ pair, roundId, unitId } = await startFilling());
});
afterEach(async () => {
  await pair.close();
});

const stored = async () => (await draftRepo(pair.bot.storage).load(roundId, unitId)).draft.answers;

describe('跳到已填写的步骤修改 keeps what was typed', () => {
  it('a text typed on the step being left is saved and shown again on the way back', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's1' }));
    await z.tap(screen, by.action('submit_step'), { 's1.intro': '开头。' });
    expect(stepOf(screen.card)?.step).toBe('s1.active');
    const typed = '主动公开政府信息 35 条，刚写好，还没有点「下一步」。';
    const r = await z.tap(screen, by.action('jump', { step: 's1.intro' }), { 's1.active': typed });
    expect(r.toast?.content).toMatch(/^已保存/);
    expect(stepOf(screen.card)?.step).toBe('s1.intro');
    expect((await stored())['s1.active']).toBe(typed);
    // 下一步 on the step jumped to goes on to the first step still open, which shows the text again.
    await z.tap(screen, by.action('submit_step'));
    expect(stepOf(screen.card)?.step).toBe('s1.active');
    expect(inputsOf(screen.card)['s1.active']).toBe(typed);
  });

  it('on a table step the good cells are saved and a wrong one is named in the toast, as with 上一步', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's3' }));
    await z.tap(screen, by.action('answer', { answer: 'some' }));
    await z.tap(screen, by.action('submit_step', { blank: 'zero' }), { 't3.new.np': '12' });
    expect(stepOf(screen.card)?.step).toBe('s3.r1r2');
    const [good, bad] = Object.keys(inputsOf(screen.card));
    const r = await z.tap(screen, by.action('jump', { step: 's3.intake' }), { [good]: '4', [bad]: '2.5' });
    expect(r.toast).toEqual({ type: 'warning', content: '已保存，有 1 项格式不对没有保存' });
    expect(stepOf(screen.card)?.step).toBe('s3.intake');
    const answers = await stored();
    expect(answers[good]).toBe(4);
    expect(answers[bad]).toBeUndefined();
  });
});
