/**
 * 提交审核 and a save of the same report at the same moment (issue 9): whatever the order the writes land in,
 * the filler is never told 「已保存」 for text that is not in the stored draft, and the stored draft is exactly
 * the version that went to review. The interleaving is forced with a real lowdb storage whose one write is
 * held back until the other change has run as far as it can.
 */
import { split } from '../reminders/season-fixture.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { approvalRepo } from '../../src/approval/repo.js';
import { latestSubmission } from '../../src/approval/state.js';
import { submitForReview } from '../../src/approval/submit.js';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { fillCardAction, fillChatMessage } from '../../src/filling/service.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { chainRound, storeFilledReport } from '../integration/approval-helpers.js';
import { HeldWriteStorage } from './held-write-storage.js';

const ZHANG = 'ou_zhang';
const LATE = '最后一刻改写的开头段落：本机关坚持以公开为常态、不公开为例外，全面推进政务公开。';
/** How long the other change may run while one write is held: it finishes in a few ms unless it must wait. */
const WHILE_HELD_MS = 400;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('提交审核 racing a save of the same report', () => {
  let dir: string;
  let storage: HeldWriteStorage;
  const round = chainRound(['ou_wang', 'ou_zhao'], 2024, '淮安市人民政府');
  round.units[0].fillers = split(ZHANG, 'ou_li');
  const ids = { round_id: round.id, unit_id: 'city' };
  const deps = () => ({
    storage,
    now: () => Date.UTC(2025, 0, 20),
    names: async (people: string[]) => Object.fromEntries(people.map((id) => [id, id])),
  });
  /** 保存并退出 on the card of 一's opening paragraph, with `text` typed into it. */
  const saveIntro = async (text: string) => {
    const { draft } = await draftRepo(storage).load(round.id, 'city');
    const value = {
      action: 'save_exit',
      ...ids,
      section: 's1',
      step: 's1.intro',
      version: draft.sections.s1.version,
    };
    return fillCardAction(storage, ZHANG, value, { 's1.intro': text });
  };
  /** The stored draft's answers and the answers of the version under review. */
  const storedAndSubmitted = async () => {
    const { draft } = await draftRepo(storage).load(round.id, 'city');
    const state = await approvalRepo(storage).load(round.id, 'city');
    return { stored: draft.answers, submitted: latestSubmission(state)?.answers };
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-race-'));
    storage = new HeldWriteStorage(dir);
    await roundRepo(storage).save(round);
    await storeFilledReport(storage, round.id, 'city');
  });
  afterEach(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a save tapped while the submission is being stored is refused, and the draft is the submitted version', async () => {
    const held = storage.holdNextWrite(`approvals/${round.id}/city`, 'state');
    const submitting = submitForReview(deps(), ZHANG, ids);
    await held.reached;
    const saving = saveIntro(LATE);
    await Promise.race([saving, sleep(WHILE_HELD_MS)]);
    held.release();
    const [submitted, saved] = await Promise.all([submitting, saving]);

    expect(submitted.toast?.type).toBe('success');
    expect(saved?.toast?.type).toBe('warning');
    expect(saved?.toast?.content).toMatch(/^年报已提交审核/);
    const { stored, submitted: version } = await storedAndSubmitted();
    expect(stored['s1.intro']).not.toBe(LATE);
    expect(stored).toEqual(version);
  });

  test('a submission tapped while a save is being stored waits for it and includes it', async () => {
    const held = storage.holdNextWrite(`reports/${round.id}/city`, 'draft');
    const saving = saveIntro(LATE);
    await held.reached;
    const submitting = submitForReview(deps(), ZHANG, ids);
    await Promise.race([submitting, sleep(WHILE_HELD_MS)]);
    held.release();
    const [saved, submitted] = await Promise.all([saving, submitting]);

    expect(saved?.toast?.content).toMatch(/^已保存/);
    expect(submitted.toast?.type).toBe('success');
    const { stored, submitted: version } = await storedAndSubmitted();
    expect(version?.['s1.intro']).toBe(LATE);
    expect(stored).toEqual(version);
  });

  test('a chat message for the open text while the submission is being stored is refused the same way', async () => {
    await fillCardAction(storage, ZHANG, { action: 'open_section', ...ids, section: 's1' }, {});
    const held = storage.holdNextWrite(`approvals/${round.id}/city`, 'state');
    const submitting = submitForReview(deps(), ZHANG, ids);
    await held.reached;
    const chatting = fillChatMessage(storage, ZHANG, LATE);
    await Promise.race([chatting, sleep(WHILE_HELD_MS)]);
    held.release();
    const [submitted, chat] = await Promise.all([submitting, chatting]);

    expect(submitted.toast?.type).toBe('success');
    expect(chat?.text).toMatch(/^年报已提交审核/);
    const { stored, submitted: version } = await storedAndSubmitted();
    expect(stored['s1.intro']).not.toContain(LATE);
    expect(stored).toEqual(version);
  });

  test('a chat message held for 填入 before 提交审核 is refused when confirmed after it', async () => {
    await fillCardAction(storage, ZHANG, { action: 'open_section', ...ids, section: 's1' }, {});
    const asked = await fillChatMessage(storage, ZHANG, '这里要写什么？');
    const chat = asked?.screen?.kind === 'chat' ? asked.screen.view.chat : '';
    expect(chat).not.toBe('');
    expect((await submitForReview(deps(), ZHANG, ids)).toast?.type).toBe('success');
    const r = await fillCardAction(storage, ZHANG, { action: 'chat_fill', ...ids, section: 's1', chat }, {});
    expect(r?.toast?.content).toMatch(/^年报已提交审核/);
    const { stored, submitted: version } = await storedAndSubmitted();
    expect(stored).toEqual(version);
  });
});
