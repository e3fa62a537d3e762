// The web messenger on a phone (390 × 844) against the real bot, with the 淮安市 2024 report stored complete:
// the chat list and a chat take turns on the screen; 张敏 opens table 三 （三）不予公开, where every box shows
// its column's name above it and is wide enough for a 5-digit count, types her numbers and goes on to the
// next step; then 王芳 reads the approver card, whose tables scroll sideways instead of squeezing their
// columns, and approves. One browser, one bot for the whole file; screenshots for the README.
import type { Browser, Locator, Page } from 'playwright-core';
import type { Pair } from '../server/harness.js';
import { settled, startApproval } from '../integration/approval-helpers.js';
import { by, Person, ZHANG } from '../integration/fill-helpers.js';
import { STEP_BY_ID } from '../../src/filling/steps.js';
import type { Answers } from '../../src/report/template.js';
import { clearToasts, launchChromium, screenshotPath } from './browser-helpers.js';

const PHONE = { width: 390, height: 844 };

let pair: Pair;
let answers: Answers;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

const pane = (): Locator => page.locator('.pane:not([hidden])');
const botCard = (): Locator => pane().locator('.msg-bot .cb-card').last();
const cardTitled = (title: string): Locator =>
  pane()
    .locator('.msg-bot .cb-card', { has: page.locator('.cb-title', { hasText: title }) })
    .last();

/** Opens the chat list with the back arrow (on a phone the list and a chat take turns), then that person. */
async function speakAs(name: string) {
  if (await page.locator('#back').isVisible()) await page.locator('#back').click();
  await page.locator('.user', { hasText: name }).click();
}

async function say(text: string) {
  await page.locator('#input').click();
  await page.locator('#input').pressSequentially(text);
  await page.press('#input', 'Enter');
}

/**
 * What a person sees of each box of the card, each scrolled to in turn: its name, its label's text and whether
 * the label is on screen (inside the viewport and the card, not covered, not cut), the box's width and the
 * width 「88888」 takes in the box's font plus its padding and border.
 */
async function boxes(card: Locator) {
  return card.locator('input.cb-input').evaluateAll((inputs) =>
    (inputs as HTMLInputElement[]).map((input) => {
      input.scrollIntoView({ block: 'center' });
      const label = input.closest('.cb-field')!.querySelector<HTMLElement>('.cb-label');
      const cardBox = input.closest('.cb-card')!.getBoundingClientRect();
      const style = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = style.font;
      const px = (v: string) => parseFloat(v) || 0;
      const digits =
        ctx.measureText('88888').width +
        px(style.paddingLeft) +
        px(style.paddingRight) +
        px(style.borderLeftWidth) +
        px(style.borderRightWidth);
      let shown = false;
      if (label) {
        const r = label.getBoundingClientRect();
        const inside = (b: DOMRect) =>
          r.left >= b.left - 0.5 &&
          r.right <= b.right + 0.5 &&
          r.top >= b.top - 0.5 &&
          r.bottom <= b.bottom + 0.5;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        shown =
          r.width > 0 &&
          r.height > 0 &&
          inside(new DOMRect(0, 0, window.innerWidth, window.innerHeight)) &&
          inside(cardBox) &&
          label.scrollWidth <= label.clientWidth + 1 &&
          label.scrollHeight <= label.clientHeight + 1 &&
          !!hit &&
          label.contains(hit);
      }
      return {
        name: input.name,
        label: label?.textContent ?? '',
        shown,
        width: input.getBoundingClientRect().width,
        digits: Math.ceil(digits),
      };
    }),
  );
}

/** Short texts (≤ 6 characters) in `selector` set over more than two lines: one character a line. */
async function squeezed(scope: Locator, selector: string): Promise<string[]> {
  return scope.locator(selector).evaluateAll((els) =>
    els
      .filter((e) => {
        const text = (e.textContent ?? '').trim();
        if (!text || text.length > 6) return false;
        // The lines the text itself takes (a table cell may be taller because of its row).
        const range = document.createRange();
        range.selectNodeContents(e);
        const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
        return tops.size > 2;
      })
      .map((e) => e.textContent ?? ''),
  );
}

beforeAll(async () => {
  ({ pair, answers } = await startApproval());
  browser = await launchChromium();
  page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  if (pair) {
    await settled(pair);
    await pair.close();
  }
});

describe('the web messenger on a 390 px phone', () => {
  it('shows the chat list full width; a chat replaces it, and the back arrow brings the list back', async () => {
    await page.goto(pair.emu.url);
    await page.locator('.user', { hasText: '张敏' }).waitFor();
    expect(await page.locator('.sidebar').evaluate((e) => e.getBoundingClientRect().width)).toBe(PHONE.width);
    expect(await page.locator('.chat').isVisible()).toBe(false);

    await page.locator('.user', { hasText: '张敏' }).click();
    expect(await page.locator('.sidebar').isVisible()).toBe(false);
    expect(await page.locator('.chat').evaluate((e) => e.getBoundingClientRect().width)).toBe(PHONE.width);
    expect(await page.locator('#chat-sub').innerText()).toContain('张敏');

    await page.locator('#back').click();
    expect(await page.locator('.sidebar').isVisible()).toBe(true);
    await page.locator('.user', { hasText: '张敏' }).click();
    expect(await page.locator('.chat').isVisible()).toBe(true);
  });

  it('table 三 （三）不予公开: every box is labelled with its column, visible, and wide enough for 5 digits', async () => {
    await say('填报');
    const unit = cardTitled('年度年报填报');
    await unit.waitFor({ timeout: 10000 });
    const row = unit.locator('.cb-columns', { hasText: '三、收到和处理政府信息公开申请情况' });
    await row.locator('.cb-btn', { hasText: '查看修改' }).click();
    // A done section opens at its first step; its jump panel leads to the table step.
    await botCard().locator('.cb-panel-head', { hasText: '跳到' }).first().click({ timeout: 10000 });
    await botCard().locator('.cb-btn', { hasText: '（三）不予公开' }).click();
    const card = cardTitled('三、收到和处理政府信息公开申请情况');
    await card.locator('input[name="t3.r3_1.np"]').waitFor({ timeout: 10000 });
    // Cards use the whole width of the phone: no avatar beside them, a few pixels of margin.
    expect(await card.evaluate((e) => e.getBoundingClientRect().width)).toBeGreaterThan(PHONE.width - 24);

    const step = STEP_BY_ID.get('s3.r3')!;
    const seen = await boxes(card);
    expect(seen.map((b) => b.name)).toEqual(step.keys);
    const columns = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
    for (const [i, b] of seen.entries()) {
      expect({ name: b.name, label: b.label, shown: b.shown }).toEqual({
        name: b.name,
        label: columns[i % columns.length],
        shown: true,
      });
      expect(b.width).toBeGreaterThanOrEqual(b.digits);
    }
    expect(await squeezed(card, '.cb-label, .cb-markdown')).toEqual([]);
    // Three boxes a line on a phone: a row of six takes two lines, never six slivers on one.
    const tops = await card
      .locator('.cb-columns[data-flex="flow"]')
      .first()
      .locator('input')
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(2);
  });

  it('the numbers typed on the phone are taken and the next step opens', async () => {
    const card = cardTitled('三、收到和处理政府信息公开申请情况');
    const step = STEP_BY_ID.get('s3.r3')!;
    // The city's own figures typed again over what the card shows, so the report stays consistent for review:
    // every count that is not 0 (the zeros stay as shown).
    const typed = step.keys.map((key) => [key, String(answers[key] ?? '0')] as const);
    for (const [key, value] of typed.filter(([, v]) => v !== '0')) {
      const box = card.locator(`input[name="${key}"]`);
      await box.fill('');
      await box.pressSequentially(value);
    }
    await card.locator('input[name="t3.r3_1.np"]').scrollIntoViewIfNeeded();
    await clearToasts(page);
    await page.screenshot({ path: screenshotPath('fill-table-step-phone.png') });
    expect(
      await card
        .locator('input.cb-input')
        .evaluateAll((els) => els.map((e) => [(e as HTMLInputElement).name, (e as HTMLInputElement).value])),
    ).toEqual(typed);

    await card.locator('.cb-btn', { hasText: '下一步' }).click();
    await botCard()
      .locator('.cb-markdown', { hasText: '（四）无法提供' })
      .first()
      .waitFor({ timeout: 10000 });
    expect(await botCard().locator('input[name="t3.r4_1.np"]').count()).toBe(1);
  });

  it('王芳 reads the approver card on her phone: tables scroll sideways, 自然人 on one line; she approves', async () => {
    // Submitting is the filling flow's part (tested on its own): through the emulator API here.
    const zhang = new Person(pair, ZHANG);
    const unit = await zhang.fill();
    await zhang.tap(unit, by.action('summary'));
    await zhang.tap(unit, by.action('submit_for_review'));

    await speakAs('王芳');
    const card = cardTitled('请审核');
    await card.waitFor({ timeout: 15000 });
    // The Word file follows the card; once it is there the chat no longer scrolls down by itself.
    await pane().locator('.file-msg').first().waitFor({ timeout: 15000 });
    await card.locator('.cb-panel-head', { hasText: '三、收到和处理政府信息公开申请情况' }).click();
    const table = card.locator('.cb-table-scroll').filter({ hasText: '自然人' }).first();
    await table.scrollIntoViewIfNeeded();
    const layout = await table.evaluate((scroller) => {
      const heads = Array.from(scroller.querySelectorAll('th'));
      const np = heads.find((h) => h.textContent === '自然人')!;
      const line = parseFloat(getComputedStyle(np).lineHeight) || 20;
      const first = scroller.querySelector('tbody td') as HTMLElement;
      const left = first.getBoundingClientRect().left;
      scroller.scrollLeft = scroller.scrollWidth;
      return {
        scrolls: scroller.scrollWidth > scroller.clientWidth,
        npLines: Math.round(np.querySelector('.cb-th-text')!.getBoundingClientRect().height / line),
        npWidth: np.getBoundingClientRect().width,
        // The row names stay in place while the numbers scroll under them.
        frozen: Math.abs(first.getBoundingClientRect().left - left) < 1 && scroller.scrollLeft > 0,
      };
    });
    expect(layout).toEqual({ scrolls: true, npLines: 1, npWidth: expect.any(Number), frozen: true });
    expect(layout.npWidth).toBeGreaterThanOrEqual(80);
    expect(await squeezed(card, '.cb-table th .cb-th-text, .cb-table td')).toEqual([]);
    await table.evaluate((scroller) => (scroller.scrollLeft = 0));
    await clearToasts(page);
    await card
      .locator('.cb-panel-head', { hasText: '三、收到和处理政府信息公开申请情况' })
      .evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: screenshotPath('approver-card-phone.png') });

    await card.locator('.cb-btn', { hasText: '通过' }).first().click();
    // 通过 asks first (Feishu's confirm dialog): the dialog fits the phone's screen, and 确定 sends it.
    const passed = page.locator('.toast', { hasText: '已转给 赵磊' });
    const confirm = page.locator('.cb-modal .cb-btn', { hasText: '确定' });
    await passed.or(confirm).first().waitFor({ timeout: 10000 });
    if (await confirm.isVisible()) {
      const dialog = await page.locator('.cb-modal').evaluate((e) => e.getBoundingClientRect().toJSON());
      expect(dialog.left).toBeGreaterThanOrEqual(0);
      expect(dialog.right).toBeLessThanOrEqual(PHONE.width);
      await confirm.click();
    }
    await passed.waitFor({ timeout: 10000 });
    expect(pageErrors).toEqual([]);
  });
});
