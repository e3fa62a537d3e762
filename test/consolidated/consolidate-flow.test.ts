/**
 * The consolidated report through the real bot and the emulator: the admin taps 汇总本级报告 on the round's card,
 * sees which units are in and which are missing, is refused when choosing a unit not approved, confirms, and
 * the writer of the texts gets the report's first card, its tables read-only with the reason.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { actOnCard, sendMessage } from '../support/control-api.js';
import { cardInputs } from '../support/card-checks.js';
import { lastCard, tap, waitChat } from '../integration/admin-helpers.js';
import { settled } from '../integration/approval-helpers.js';
import { buttonsOf, cardText } from '../integration/fill-helpers.js';
import { startPair, type Pair } from '../server/harness.js';
import { ADMIN, APPROVER, fiveUnitRound, storeFiveUnits } from './five-units.js';

const OFFICE = DEMO.filler2.open_id;

describe('汇总本级报告 from the round card', () => {
  let pair: Pair;
  let sums: number;
  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-consolidate-flow-'));
    const storage = new LowdbStorage(dataDir);
    const reports = await storeFiveUnits(storage, fiveUnitRound());
    sums = reports.reduce((s, r) => s + Number(r['t3.r1.np']), 0);
    await storage.close();
    pair = await startPair({ dataDir, bot: { startReminders: false } });
  });
  afterAll(async () => {
    await settled(pair);
    await pair.close();
  });

  it('shows who is in and who is missing, refuses a unit not approved, and opens the report for the office', async () => {
    const emu = pair.emu.url;
    await sendMessage(emu, ADMIN, '轮次');
    let chat = await waitChat(emu, ADMIN, (m) => Boolean(lastCard(m, '年报轮次')));
    const card = lastCard(chat, '年报轮次')!;
    await tap(emu, ADMIN, card, '管理');
    await tap(emu, ADMIN, card, '汇总本级报告');
    const text = cardText(card.card);
    expect(text).toContain('已审核通过，可以汇总（3 个）');
    expect(text).toContain('- 云溪县教育局\\n- 云溪县公安局\\n- 云溪县民政局');
    expect(text).toContain('尚未审核通过，不能汇总（2 个）');
    expect(text).toContain('- 云溪县财政局：审核中\\n- 云溪县卫生健康委员会：填报中（0/6 个部分已填完）');
    expect(text).toContain('2027年3月31日 23:59');
    const start = buttonsOf(card.card).find((b) => b.text === '汇总并开始')!;
    expect(text).toContain('"confirm":{"title":{"tag":"plain_text","content":"汇总本级报告？"}');
    expect(start.value.action).toBe('consolidate_confirm');

    const form = { cons_government: '云溪县人民政府', unit_fillers: [OFFICE], chain_1: APPROVER };
    const refused = await tap(emu, ADMIN, card, '汇总并开始', { ...form, cons_units: ['edu', 'finance'] });
    expect(refused.toast?.content).toBe(
      '「云溪县财政局」（审核中）还没有审核通过，不能汇总。请等审核通过后再汇总，或不选这些单位',
    );
    expect(cardText(card.card)).toContain('尚未审核通过，不能汇总（2 个）');
    expect((await roundRepo(pair.bot.storage).list()).map((r) => r.id)).toEqual([fiveUnitRound().id]);

    const done = await tap(emu, ADMIN, card, '汇总并开始', form);
    expect(done.toast?.content).toBe('已汇总 3 个单位的数字，本级报告已开始，已通知 2 人');
    expect(cardText(card.card)).toContain('2026 年度本级政府年报（汇总 3 个单位）');

    // The office's first card: the 本级政府's report, the three tables done and read-only.
    chat = await waitChat(emu, OFFICE, (m) => Boolean(lastCard(m, '云溪县人民政府')));
    const first = lastCard(chat, '云溪县人民政府')!;
    const told = chat.find((m) => m.msg_type === 'text' && cardText(m.content).includes('请你填写'));
    expect(cardText(told?.content)).toContain(
      '请你填写云溪县人民政府的「2026 年度本级政府年报（汇总 3 个单位）」：一、总体情况、五、存在的主要问题及改进情况、六、其他需要报告的事项。统计表（二、三、四）已由各单位审核通过的报告汇总，只能查看。截止时间 2027年3月31日 23:59。',
    );
    const labels = buttonsOf(first.card)
      .filter((b) => b.value.action === 'open_section')
      .map((b) => `${String(b.value.section)} ${b.text}`);
    expect(labels).toEqual(['s1 开始填报', 's2 查看', 's3 查看', 's4 查看', 's5 开始填报', 's6 继续填报']);
    const s3 = buttonsOf(first.card).find((b) => b.value.section === 's3')!;
    const read = await actOnCard(emu, first.id, { open_id: OFFICE, value: s3.value });
    const table = cardText(read.card);
    expect(table).toContain('各单位已审核通过报告的汇总数');
    expect(table).toContain('须在该单位的报告中更正');
    expect(table).toContain(`"row":"予以公开","np":"${sums}"`);
    expect(Object.keys(cardInputs(read.card))).toEqual([]);

    // Starting it again answers with the report that exists.
    await tap(emu, ADMIN, card, '所有轮次');
    await tap(emu, ADMIN, card, '管理');
    await tap(emu, ADMIN, card, '汇总本级报告');
    expect(cardText(card.card)).toContain('本轮的本级汇总报告已经开始了');
    expect(buttonsOf(card.card).map((b) => b.text)).toContain('打开汇总报告');
  }, 60_000);
});
