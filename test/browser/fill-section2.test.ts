// 张敏 fills section 二 in the web messenger the way a person does, against the demo (emulator + the real bot):
// 填报, the button of section 二 on the unit card, the ten numbers of table 二 typed into the card, a count
// typed as 12.5 refused next to its field with everything else still typed, corrected, submitted, and the unit
// card says 已完成; reopening the section shows the saved numbers. Screenshots: the table step and the error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startDemo, type Demo } from '../../src/demo.js';
import { createLogger } from '../../src/logger.js';
import { launchChromium, screenshotPath } from './browser-helpers.js';

/** Table 二 as 张敏 types it, in the order of the card (canonical keys are the input names). */
const TABLE2: Array<[string, string]> = [
  ['t2.reg.issued', '1'],
  ['t2.reg.repealed', '0'],
  ['t2.reg.valid', '12'],
  ['t2.norm.issued', '3'],
  ['t2.norm.repealed', '1'],
  ['t2.norm.valid', '25'],
  ['t2.license', '40'],
  ['t2.penalty', '12.5'],
  ['t2.coercion', '5'],
  ['t2.fee', '1.2'],
];

let demo: Demo | undefined;
let browser: Browser | undefined;
let page: Page;
let dataDir = '';
const pageErrors: string[] = [];

/** The bot's card in the chat (the unit card, replaced in place by each step card). */
const botCard = (): Locator => page.locator('.msg-bot .cb-card').last();
const input = (key: string): Locator => botCard().locator(`input[name="${key}"]`);
const typedValues = () =>
  botCard()
    .locator('input.cb-input')
    .evaluateAll((els) => els.map((e) => [(e as HTMLInputElement).name, (e as HTMLInputElement).value]));

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nianbao-fill-browser-'));
  demo = await startDemo({ dataDir, port: 0, botPort: 0, log: createLogger('silent') });
  browser = await launchChromium();
  // Tall enough for the whole table step card, so the screenshots show it from title to buttons.
  page = await browser.newPage({ viewport: { width: 1280, height: 1150 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('filling section 二 in the web messenger', () => {
  it('填报 shows the unit card; its button for section 二 opens table 二 with one input per cell', async () => {
    await page.goto(demo!.url);
    await page.locator('.user', { hasText: '张敏' }).click();
    await page.locator('#input').click();
    await page.locator('#input').pressSequentially('填报');
    await page.press('#input', 'Enter');
    await page.locator('.msg-user .bubble', { hasText: '填报' }).waitFor();
    await page.locator('.msg-bot .cb-title', { hasText: '年度年报填报' }).waitFor({ timeout: 10000 });
    const row = botCard().locator('.cb-columns', { hasText: '二、主动公开政府信息情况' });
    expect(await row.innerText()).toContain('未开始');

    await row.locator('.cb-btn', { hasText: '开始填报' }).click();
    await botCard().locator('.cb-title', { hasText: '二、主动公开政府信息情况' }).waitFor({ timeout: 10000 });
    expect(await botCard().innerText()).toContain('第 1/1 步');
    expect((await typedValues()).map(([name]) => name)).toEqual(TABLE2.map(([key]) => key));
  });

  it('the ten numbers typed into the card stay there when one count is 12.5, with the error under it', async () => {
    for (const [key, value] of TABLE2) {
      await input(key).click();
      await input(key).pressSequentially(value);
    }
    await page.screenshot({ path: screenshotPath('fill-table-step.png') });

    await botCard().locator('.cb-btn', { hasText: '提交本部分' }).click();
    const error = botCard().locator('.cb-markdown', { hasText: '件数必须是整数' });
    await error.waitFor({ timeout: 10000 });
    await page.locator('.toast', { hasText: '有 1 处需要修改' }).waitFor();
    // Next to the field: the message is the element right after the 行政处罚 input's field.
    const after = await input('t2.penalty').evaluate(
      (e) => e.closest('.cb-field')?.nextElementSibling?.textContent ?? '',
    );
    expect(after).toBe('件数必须是整数，不能有小数');
    expect(await error.count()).toBe(1);
    // Everything typed is still in the inputs, the wrong value included, so only that one is retyped.
    expect(await typedValues()).toEqual(TABLE2);
    await page.screenshot({ path: screenshotPath('fill-error.png') });
  });

  it('corrected and submitted, the unit card says 已完成 and reopening shows the saved numbers', async () => {
    await input('t2.penalty').fill('');
    await input('t2.penalty').pressSequentially('12');
    await botCard().locator('.cb-btn', { hasText: '提交本部分' }).click();
    await page.locator('.toast', { hasText: '二、主动公开政府信息情况已填完' }).waitFor({ timeout: 10000 });
    const row = botCard().locator('.cb-columns', { hasText: '二、主动公开政府信息情况' });
    await row.waitFor();
    expect(await row.innerText()).toContain('已完成');
    expect(await botCard().locator('.cb-markdown', { hasText: '件数必须是整数' }).count()).toBe(0);

    // The numbers come back from the bot's storage, not from the page: the card is rebuilt from the draft.
    await row.locator('.cb-btn', { hasText: '查看修改' }).click();
    await input('t2.penalty').waitFor({ timeout: 10000 });
    const saved = TABLE2.map(([key, value]): [string, string] => [key, key === 't2.penalty' ? '12' : value]);
    expect(await typedValues()).toEqual(saved);
    expect(pageErrors).toEqual([]);
  });
});
