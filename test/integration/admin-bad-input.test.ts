/**
 * Bad input on the admin's side, through the control API: each gets a clear Chinese answer, and nothing changes —
 * no round is created, and the admin's open setup keeps what it had.
 */
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { setupStore } from '../../src/admin/setup-store.js';
import type { ChatMessage } from '../../src/emulator/types.js';
import { startPair, type Pair } from '../server/harness.js';
import { cardText } from './fill-helpers.js';
import { lastCard, sendFile, tap, users, waitChat, xlsx, type ApiUser } from './admin-helpers.js';

const HEADER = ['单位名称', '填报人', '审核人'];

describe('bad input on the admin side changes nothing', () => {
  let pair: Pair;
  let emu: string;
  let people: ApiUser[];
  let zhao: ApiUser;
  let seen = 0;

  /** Sends a file as `who` and returns the bot's next answer (text or card) to it. */
  async function answerTo(who: ApiUser, fileName: string, bytes: Buffer): Promise<string> {
    const before = (await waitChat(emu, who.open_id, () => true)).filter((m) => m.sender === 'bot').length;
    const sent = await sendFile(emu, who.open_id, fileName, bytes);
    expect(sent.delivered).toBe(true);
    const chat = await waitChat(
      emu,
      who.open_id,
      (m: ChatMessage[]) => m.filter((x) => x.sender === 'bot').length > before,
    );
    seen += 1;
    return cardText(chat.filter((x) => x.sender === 'bot').slice(before));
  }

  const nothingCreated = async () => expect(await roundRepo(pair.bot.storage).list()).toEqual([]);

  beforeAll(async () => {
    pair = await startPair();
    emu = pair.emu.url;
    people = await users(emu);
    zhao = people.find((u) => u.open_id === DEMO.admin.open_id)!;
    await pair.restart({ admins: zhao.email! });
  });
  afterAll(async () => {
    await pair.close();
  });

  it('a file that is not a spreadsheet, an empty sheet and 10,000 rows are refused as a whole', async () => {
    expect(await answerTo(zhao, '年报.docx', Buffer.from('PK\u0003\u0004 not really a word file'))).toMatch(
      /不是表格|Word|损坏|无法/,
    );
    expect(await answerTo(zhao, '空表.xlsx', await xlsx(HEADER, []))).toContain('什么也没有改动');
    const many = Array.from({ length: 10_000 }, (_, i) => [`单位${i}`, '张敏', '王芳']);
    const started = Date.now();
    const tooMany = await answerTo(zhao, '一万行.xlsx', await xlsx(HEADER, many));
    expect(tooMany).toContain('2,000');
    expect(tooMany).toContain('什么也没有改动');
    expect(Date.now() - started).toBeLessThan(15_000);
    await nothingCreated();
    expect(await setupStore(pair.bot.storage).openOf(zhao.open_id)).toBeUndefined();
  }, 60_000);

  it('a unit without an approver, duplicate units and a person outside the availability are named, and 创建 refuses', async () => {
    const outside = people.find((u) => !u.available && u.mobile)!;
    expect(outside).toBeDefined();
    const answer = await answerTo(
      zhao,
      '有问题的表.xlsx',
      await xlsx(HEADER, [
        ['县教育局', '张敏', ''],
        ['县公安局', '李强', '王芳'],
        ['县公安局', '李强', '王芳'],
        ['县财政局', outside.mobile!, '王芳'],
      ]),
    );
    expect(answer).toContain('第 2 行「县教育局」');
    expect(answer).toContain('审核人');
    expect(answer).toContain('第 4 行「县公安局」：单位名称与第 3 行重复');
    expect(answer).toContain(`${outside.mobile} 没有找到`);
    expect(answer).toContain('可用范围');
    const chat = await waitChat(emu, zhao.open_id, (m) => Boolean(lastCard(m, '处问题')));
    const preview = lastCard(chat, '处问题')!;
    const refused = await tap(emu, zhao.open_id, preview, '创建');
    expect(refused.toast?.content).toMatch(/还有 \d+ 处问题/);
    await nothingCreated();

    // Fixed on the card instead of in the sheet: 县教育局 gets an approver, and its problem is gone.
    const problems = (text: string) => Number(/(\d+) 处问题/.exec(text)?.[1] ?? 0);
    const before = problems(cardText(preview.card));
    const unitId = JSON.stringify(preview.card).match(/"content":"县教育局"\},"value":"([^"]+)"/)![1];
    await tap(emu, zhao.open_id, preview, '修改所选单位的人员', { setup_unit: unitId });
    expect(cardText(preview.card)).toContain('单位人员：县教育局');
    const wang = people.find((u) => u.open_id === DEMO.approver.open_id)!;
    const saved = await tap(emu, zhao.open_id, preview, '保存审核顺序', { chain_text: wang.mobile });
    expect(saved.toast?.content).toBe('审核人已更换');
    expect(cardText(preview.card)).toContain('审核顺序**：王芳');
    await tap(emu, zhao.open_id, preview, '返回');
    expect(problems(cardText(preview.card))).toBe(before - 1);
    expect(cardText(preview.card)).not.toContain('第 2 行「县教育局」');
  }, 60_000);

  it('a round file from someone who is not an admin is not used, and they are told why', async () => {
    const filler = people.find((u) => u.open_id === DEMO.filler.open_id)!;
    const answer = await answerTo(filler, '分工.xlsx', await xlsx(HEADER, [['县教育局', '张敏', '王芳']]));
    expect(answer).toContain('只有年报管理员可以用表格新建年报');
    await nothingCreated();
    expect(await setupStore(pair.bot.storage).openOf(filler.open_id)).toBeUndefined();
    expect(seen).toBe(5);
  }, 30_000);
});
