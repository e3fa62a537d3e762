import { FEISHU_TIMING, settled, startApproval } from '../integration/approval-helpers.js';
import { by, Person, WANG, ZHANG } from '../integration/fill-helpers.js';
import { botMessages, type Pair } from '../server/harness.js';

// Longer than the name look-up waits (1.5 s), shorter than the tests' patience.
const SLOW_CONTACT_MS = 2000;

describe('a slow contact API (issue 14 item 9)', () => {
  let pair: Pair;
  afterEach(async () => {
    pair.emu.setFaults({});
    await pair.close();
  });

  it('提交审核 is answered in time, and its toast names nobody by open_id', async () => {
    ({ pair } = await startApproval(undefined, FEISHU_TIMING));
    const z = new Person(pair, ZHANG);
    const unit = await z.fill();
    await z.tap(unit, by.action('summary'));
    pair.emu.setFaults({ delayMs: SLOW_CONTACT_MS });
    const t0 = Date.now();
    const r = await z.tap(unit, by.action('submit_for_review'));
    const took = Date.now() - t0;
    expect(took).toBeLessThan(3000);
    const shown = JSON.stringify(r);
    // On a busy machine the deadline may answer first; the result then follows as a message.
    expect(shown).toMatch(/已提交审核|已收到，正在处理/);
    expect(shown).not.toMatch(/ou_[0-9a-z]/);
    pair.emu.setFaults({});
    await settled(pair);
    const told = JSON.stringify(pair.emu.messages(ZHANG));
    if (!shown.includes('已提交审核')) expect(told).toContain('已提交审核');
    expect(told).not.toMatch(/已发给 ou_/);
    // The approver still gets the report.
    await pair.emu.waitForMessages(WANG, (m) => botMessages(m).length >= 1, 20_000);
  });
});
