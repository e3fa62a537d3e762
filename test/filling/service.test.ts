/** The filling flow over real lowdb files in a temp dir: persistence across a restart, concurrent fillers. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { runRoundCommand } from '../../src/cli/round-command.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { sectionState } from '../../src/filling/progress.js';
import {
  fillCardAction,
  fillChatMessage,
  fillCommandReplies,
  progressReplies,
} from '../../src/filling/service.js';
import { parseRoundFile } from '../../src/rounds/round-file.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import type { Round } from '../../src/rounds/round.js';

const ZHANG = DEMO.filler.open_id;
const LI = DEMO.filler2.open_id;
let dir: string;
let storage: LowdbStorage;
let round: Round;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nianbao-fill-'));
  storage = new LowdbStorage(dir);
  round = parseRoundFile(await readFile(resolve('src/rounds/demo-round.json'), 'utf8'), 'demo');
  await roundRepo(storage).save(round);
});
afterEach(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

const ids = () => ({ round_id: round.id, unit_id: round.units[0].id });

describe('filling over storage', () => {
  it('填报 gives each filler the unit card; someone with nothing to fill is told so', async () => {
    const [zhang] = await fillCommandReplies(storage, ZHANG);
    expect(zhang.screen?.kind).toBe('overview');
    if (zhang.screen?.kind === 'overview')
      expect(zhang.screen.view.sections.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(await fillCommandReplies(storage, DEMO.approver.open_id)).toEqual([
      { text: expect.stringContaining('你是年报审核人') },
    ]);
    expect(await fillCommandReplies(storage, 'ou_00000000000000000000000000000000')).toEqual([
      { text: expect.stringContaining('还没有被分配') },
    ]);
    const [progress] = await progressReplies(storage, LI, (id) => (id === LI ? '李强' : '张敏'));
    expect(progress.screen?.kind).toBe('progress');
  });

  it('an answer survives a restart of the bot (a new storage on the same directory)', async () => {
    await fillCardAction(storage, ZHANG, { action: 'open_section', ...ids(), section: 's3' }, {});
    const r = await fillCardAction(
      storage,
      ZHANG,
      { action: 'answer', ...ids(), section: 's3', step: 's3.question', version: 0, answer: 'none' },
      {},
    );
    expect(r?.toast?.content).toContain('全部填为 0');
    await storage.close();
    storage = new LowdbStorage(dir);
    const { draft } = await draftRepo(storage).load(round.id, round.units[0].id);
    expect(draft.answers['t3.carry_out.oth']).toBe(0);
    expect(sectionState(draft, 's3')).toBe('complete');
  });

  it('two fillers of one unit submitting at the same moment both keep their answers', async () => {
    await fillCardAction(storage, LI, { action: 'open_section', ...ids(), section: 's4' }, {});
    await fillCardAction(storage, ZHANG, { action: 'open_section', ...ids(), section: 's2' }, {});
    const t4 = { 't4.review.upheld': '1' };
    const t2 = { 't2.reg.issued': '2' };
    const [a, b] = await Promise.all([
      fillCardAction(
        storage,
        LI,
        { action: 'submit_step', ...ids(), section: 's4', step: 's4.table', version: 0, blank: 'zero' },
        t4,
      ),
      fillCardAction(
        storage,
        ZHANG,
        { action: 'submit_step', ...ids(), section: 's2', step: 's2.table', version: 0, blank: 'zero' },
        t2,
      ),
    ]);
    expect(a?.toast?.type).toBe('success');
    expect(b?.toast?.type).toBe('success');
    const { draft } = await draftRepo(storage).load(round.id, round.units[0].id);
    expect(draft.answers['t4.review.upheld']).toBe(1);
    expect(draft.answers['t2.reg.issued']).toBe(2);
  });

  it('a chat message goes to the text field the person has open, and only then', async () => {
    expect(await fillChatMessage(storage, LI, '你好')).toBeUndefined();
    await fillCardAction(storage, LI, { action: 'open_section', ...ids(), section: 's5' }, {});
    const text = '公开内容的解读不够，部分政策文件的图解、问答等形式运用较少。';
    const reply = await fillChatMessage(storage, LI, text);
    expect(reply?.screen).toMatchObject({ kind: 'chat', view: { state: 'filled', length: text.length } });
    expect(reply?.refresh?.screen.kind).toBe('step');
    const { draft } = await draftRepo(storage).load(round.id, round.units[0].id);
    expect(draft.answers['s5.problems']).toBe(text);
  });

  it('a short message is held in the stored draft until 填入, so a restart loses nothing', async () => {
    await fillCardAction(storage, LI, { action: 'open_section', ...ids(), section: 's5' }, {});
    const reply = await fillChatMessage(storage, LI, '这里写什么');
    expect(reply?.screen).toMatchObject({ kind: 'chat', view: { state: 'held' } });
    const chat = reply?.screen?.kind === 'chat' ? reply.screen.view.chat : '';
    await storage.close();
    storage = new LowdbStorage(dir);
    const filled = await fillCardAction(
      storage,
      LI,
      { action: 'chat_fill', ...ids(), section: 's5', chat },
      {},
    );
    expect(filled?.toast).toEqual({ type: 'success', content: '已填入' });
    const { draft } = await draftRepo(storage).load(round.id, round.units[0].id);
    expect(draft.answers['s5.problems']).toBe('这里写什么');
  });

  it('leaves other actions to other routes and refuses cards of unknown reports', async () => {
    expect(await fillCardAction(storage, LI, { action: 'approve', report_id: 'x' }, {})).toBeUndefined();
    const r = await fillCardAction(storage, LI, { action: 'overview', round_id: 'nope', unit_id: 'u1' }, {});
    expect(r?.toast?.type).toBe('error');
  });

  it('nianbao round create stores the round where the bot reads it', async () => {
    const data = join(dir, 'data');
    const out: string[] = [];
    const code = await runRoundCommand(
      ['create', resolve('src/rounds/demo-round.json'), '--data-dir', data],
      {
        out: (t) => out.push(t),
        err: () => undefined,
      },
    );
    expect(code).toBe(0);
    const reopened = new LowdbStorage(data);
    expect((await roundRepo(reopened).get(round.id))?.units[0].name).toBe('上高县机关事务管理中心');
    await reopened.close();
  });
});
