// Review in the web messenger against the real bot: 张敏 submits the 淮安市 2024 report, 王芳 taps 驳回 on the
// approver card, types a reason and picks 一 and 二, and 张敏's pane shows the rejection with that reason.
// Then 张敏 fixes 一 and 二 (driven through the emulator API) and resubmits; the approver card of version 2,
// with the changes since version 1, and the 历史 timeline after the two-step approval are the README pictures.
import type { Browser, Locator, Page } from 'playwright-core';
import type { Pair } from '../server/harness.js';
import { settled, startApproval, waitCard, ZHAO, lastCard } from '../integration/approval-helpers.js';
import { by, cardText, fillSection, Person, WANG, ZHANG } from '../integration/fill-helpers.js';
import type { Answers } from '../../src/report/template.js';
import { clearToasts, launchChromium, screenshotPath } from './browser-helpers.js';

let pair: Pair;
let answers: Answers;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];
const REASON = '第一部分主动公开的条数与表二对不上，请核对后重新提交';

const botCard = (): Locator => page.locator('.pane:not([hidden]) .msg-bot .cb-card').last();
const cardTitled = (title: string): Locator =>
  page
    .locator('.pane:not([hidden]) .msg-bot .cb-card', { has: page.locator('.cb-title', { hasText: title }) })
    .last();

async function speakAs(name: string) {
  await page.locator('.user', { hasText: name }).click();
}

/** 通过 and 驳回 ask first (Feishu's confirm dialog): 确定, as the approver would. */
async function confirmed(done: Locator) {
  const yes = page.locator('.cb-modal .cb-btn', { hasText: '确定' });
  await done.or(yes).first().waitFor({ timeout: 10000 });
  if (await yes.isVisible()) await yes.click();
  await done.waitFor({ timeout: 10000 });
}

async function say(text: string) {
  await page.locator('#input').click();
  await page.locator('#input').pressSequentially(text);
  await page.press('#input', 'Enter');
}

beforeAll(async () => {
  ({ pair, answers } = await startApproval());
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await settled(pair);
  await pair.close();
});

describe('review in the web messenger', () => {
  it('张敏 submits from the summary and her card says to whom it went', async () => {
    await page.goto(pair.emu.url);
    await speakAs('张敏');
    await say('填报');
    await botCard().locator('.cb-btn', { hasText: '查看汇总并提交审核' }).click({ timeout: 10000 });
    await botCard()
      .locator('.cb-btn', { hasText: /^提交审核$/ })
      .click({ timeout: 10000 });
    await cardTitled('已提交审核').waitFor({ timeout: 10000 });
    expect(await botCard().innerText()).toContain('已发给 王芳');
  });

  it('王芳 taps 驳回, types a reason, picks 一 and 二; 张敏 sees the reason and only her sections reopened', async () => {
    await speakAs('王芳');
    const card = cardTitled('请审核');
    await card.waitFor({ timeout: 15000 });
    await card.locator('.cb-btn', { hasText: '驳回' }).click();
    const form = cardTitled('驳回：');
    await form.waitFor({ timeout: 10000 });
    await form.locator('textarea').click();
    await form.locator('textarea').pressSequentially(REASON);
    await form.locator('select[multiple]').selectOption(['s1', 's2']);
    await form.screenshot({ path: screenshotPath('approval-reject-form.png') });
    await form.locator('.cb-btn', { hasText: '确认驳回' }).click();
    await confirmed(cardTitled('已驳回'));
    expect(await cardTitled('已驳回').innerText()).toContain(REASON);

    await speakAs('张敏');
    const asked = cardTitled('年报被驳回');
    await asked.waitFor({ timeout: 15000 });
    const text = await asked.innerText();
    expect(text).toContain(REASON);
    expect(text).toContain('请你修改：一、总体情况、二、主动公开政府信息情况');
    expect(await asked.locator('.cb-btn', { hasText: '修改一、总体情况' }).count()).toBe(1);
  });

  it('after the fix the approver card of version 2 shows what changed; screenshot of it and of 历史', async () => {
    // The fix itself is the filling flow (tested on its own): driven through the emulator API here.
    const zhang = new Person(pair, ZHANG);
    const ask = lastCard(pair, ZHANG, (c) => cardText(c).includes('年报被驳回'))!;
    const fixed = {
      ...answers,
      's1.intro': `${String(answers['s1.intro']).trim()}全年新增政策解读12篇。`,
      't2.license': String(Number(answers['t2.license']) + 5),
    };
    await fillSection(zhang, ask, 's1', fixed);
    await fillSection(zhang, await zhang.fill(), 's2', fixed);
    const unit = await zhang.fill();
    await zhang.tap(unit, by.action('summary'));
    await zhang.tap(unit, by.action('submit_for_review'));

    await speakAs('王芳');
    const card = page.locator('.msg-bot .cb-card', { hasText: '与第 1 版（被驳回的版本）相比' }).last();
    await card.waitFor({ timeout: 15000 });
    expect(await card.innerText()).toContain(String(fixed['t2.license']));
    // Open 三 to show a table in the picture.
    await card.locator('.cb-panel-head', { hasText: '三、收到和处理政府信息公开申请情况' }).click();
    // Tall enough for the whole card, and no toast of an earlier tap over it.
    await page.setViewportSize({ width: 1280, height: 2600 });
    await clearToasts(page);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: screenshotPath('approver-card.png') });
    await page.setViewportSize({ width: 1280, height: 1400 });

    await card.locator('.cb-btn', { hasText: '通过' }).click();
    await confirmed(page.locator('.toast', { hasText: '已转给 赵磊' }));
    const z = await waitCard(pair, ZHAO, (c) => cardText(c).includes('"action":"approve"'));
    await new Person(pair, ZHAO).tap(z, by.action('approve'));
    await settled(pair);

    await speakAs('张敏');
    await say('历史');
    const timeline = cardTitled('审核历史');
    await timeline.waitFor({ timeout: 10000 });
    const text = await timeline.innerText();
    for (const words of ['提交了第 1 版', REASON, '提交了第 2 版', '审核通过']) expect(text).toContain(words);
    await clearToasts(page);
    await timeline.screenshot({ path: screenshotPath('timeline.png') });
    expect(WANG).toBeTruthy();
    expect(pageErrors).toEqual([]);
  });
});
