// The admin sets up a round in the web messenger against the real bot: 赵磊 sends a spreadsheet with the file
// button, reads the preview (people by name), adds one more unit with the person pickers, creates the round after
// the confirmation dialog, and reads his 进度 card. The preview and the 进度 card are the README's pictures.
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { afterAnswerSettled } from '../../handlers/after-answer.js';
import { xlsx } from '../integration/admin-helpers.js';
import { startPair, type Pair } from '../server/harness.js';
import { launchChromium, screenshotPath } from './browser-helpers.js';

let pair: Pair;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

const cardTitled = (title: string): Locator =>
  page
    .locator('.pane:not([hidden]) .msg-bot .cb-card', { has: page.locator('.cb-title', { hasText: title }) })
    .last();

/** Picks `name` in the picker `field` of `card` by typing in its search box. */
async function pick(card: Locator, field: string, name: string): Promise<void> {
  const picker = card.locator(`.cb-person[data-name="${field}"]`);
  await picker.locator('.cb-person-search').click();
  await picker.locator('.cb-person-search').fill(name);
  await picker.locator('.cb-person-option', { hasText: name }).first().click();
  await page.locator('.chat-head').click(); // closes the list, as a click elsewhere does
}

beforeAll(async () => {
  pair = await startPair();
  const zhao = pair.emu.users.find((u) => u.open_id === DEMO.admin.open_id)!;
  await pair.restart({ admins: zhao.mobile! });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await afterAnswerSettled();
  await pair?.close();
});

describe('an admin sets up a round in the web messenger', () => {
  it('sends a spreadsheet, adds a unit with the pickers, creates the round, reads 进度', async () => {
    await page.goto(pair.emu.url);
    await page.locator('#user-search').fill('赵磊');
    await page.locator('.user', { hasText: '赵磊' }).click();
    await page.locator('#user-search').fill('');

    const sheet = await xlsx(
      ['单位名称', '填报人', '审核人'],
      [
        ['县发展和改革局', '吴晓燕', '周建国（15207950917）'],
        ['县财政局', '刘洋（15907952882）', '冯德明'],
        ['县公安局', 'hexuemei@yunxi.gov.cn', '林振华'],
      ],
    );
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#attach').click()]);
    await chooser.setFiles({
      name: '2026年度年报分工.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: sheet,
    });
    const preview = cardTitled('新建年报');
    await preview.waitFor({ timeout: 15000 });
    const shown = await preview.innerText();
    expect(shown).toContain('3 个单位，6 人');
    expect(shown).toContain('周建国'); // written with a mobile, shown by name
    expect(shown).not.toContain('处问题');
    await preview.screenshot({ path: screenshotPath('admin-preview.png') });

    // One more unit, picked by name in the pickers.
    await preview.locator('.cb-btn', { hasText: '逐个添加单位' }).click();
    const form = cardTitled('添加单位');
    await form.waitFor({ timeout: 10000 });
    await form.locator('input').first().fill('县教育局');
    await pick(form, 'unit_fillers', '朱丽娟');
    await pick(form, 'chain_1', '徐志远');
    await form.locator('.cb-btn', { hasText: '添加' }).click();
    const updated = cardTitled('新建年报');
    await page.waitForFunction(() => document.body.innerText.includes('4 个单位，8 人'), undefined, {
      timeout: 10000,
    });
    expect(await updated.innerText()).toContain('县教育局');

    // 创建 asks first; 确定 opens the round and the card becomes the round's admin card.
    await updated.locator('.cb-btn', { hasText: /^创建$/ }).click();
    await page.locator('.cb-modal .cb-btn', { hasText: '确定' }).click();
    const admin = cardTitled('管理：');
    await admin.waitFor({ timeout: 15000 });
    expect(await admin.innerText()).toContain('共 4 个单位');
    const [round] = await roundRepo(pair.bot.storage).list();
    expect(round.units.map((u) => u.name).sort()).toEqual(
      ['县公安局', '县发展和改革局', '县教育局', '县财政局'].sort(),
    );

    // His 进度: every unit, where it stands.
    await page.locator('#input').fill('进度');
    await page.press('#input', 'Enter');
    const progress = cardTitled('进度');
    await progress.waitFor({ timeout: 10000 });
    expect(await progress.innerText()).toContain('县教育局');
    await progress.screenshot({ path: screenshotPath('admin-progress.png') });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
