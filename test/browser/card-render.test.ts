// The card renderer (src/emulator/web/card-render.js) in a real browser, without the emulator: what a
// user would see and what a click would send, for the Card JSON 2.0 elements the bot uses.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serveStatic, WEB_DIR } from './browser-helpers.js';
import { sectionCard } from './sample-cards.js';

type Card = Record<string, unknown>;
const txt = (content: string) => ({ tag: 'plain_text', content });
const card = (elements: unknown[], header?: unknown): Card => ({
  schema: '2.0',
  config: { update_multi: true },
  ...(header ? { header } : {}),
  body: { elements },
});

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serveStatic(WEB_DIR);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.goto(`${server.url}/__harness`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Renders `c` into #root; every onAction payload is kept in window.__actions. */
async function show(c: unknown): Promise<void> {
  await page.evaluate(async (cardJson) => {
    const w = window as unknown as { __actions: unknown[]; __pwned?: boolean };
    w.__actions = [];
    const { renderCard } = await import('/card-render.js' as string);
    const root = document.getElementById('root')!;
    root.replaceChildren(
      renderCard(cardJson, {
        onAction: async (p: unknown) => {
          w.__actions.push(p);
        },
      }),
    );
  }, c);
}

const actions = () => page.evaluate(() => (window as unknown as { __actions: unknown[] }).__actions);

describe('card renderer', () => {
  it('shows bot and user text as text: markup in markdown never becomes HTML', async () => {
    await show(
      card([
        {
          tag: 'markdown',
          content: '<img src=x onerror="window.__pwned=true">**粗体** <script>window.__pwned=true</script>',
        },
        { tag: 'div', text: txt('<b>不是粗体</b>') },
      ]),
    );
    expect(await page.locator('#root img, #root script, #root b').count()).toBe(0);
    expect(await page.locator('#root .cb-markdown strong').textContent()).toBe('粗体');
    expect(await page.locator('#root .cb-markdown').textContent()).toContain('<img src=x onerror=');
    expect(await page.locator('#root .cb-div').textContent()).toBe('<b>不是粗体</b>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  });

  it('renders markdown lists, line breaks, colours and only safe links', async () => {
    await show(
      card([
        {
          tag: 'markdown',
          content:
            "第一行\n第二行\n- 甲\n- 乙\n1. 一\n2. 二\n[官网](https://www.gov.cn) [坏链接](javascript:alert(1))\n<font color='red'>错误</font>",
        },
      ]),
    );
    const md = page.locator('#root .cb-markdown');
    expect(await md.locator('.md-p').first().locator('br').count()).toBe(1);
    expect(await md.locator('.md-p').first().textContent()).toBe('第一行第二行');
    expect(await md.locator('ul li').allTextContents()).toEqual(['甲', '乙']);
    expect(await md.locator('ol li').allTextContents()).toEqual(['一', '二']);
    expect(await md.locator('a').count()).toBe(1);
    expect(await md.locator('a').getAttribute('href')).toBe('https://www.gov.cn');
    expect(await md.textContent()).toContain('坏链接');
    expect(await md.locator('.md-font').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(245, 74, 69)');
  });

  it('shows the header title, subtitle and template colour', async () => {
    await show(
      card([{ tag: 'hr' }], { title: txt('审核：示范县'), subtitle: txt('待你审核'), template: 'orange' }),
    );
    expect(await page.locator('#root .cb-title').textContent()).toBe('审核：示范县');
    expect(await page.locator('#root .cb-subtitle').textContent()).toBe('待你审核');
    const bg = await page.locator('#root .cb-header').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).toBe('rgb(254, 234, 210)');
  });

  it('shows unknown, person and image elements as grey placeholders and survives broken ones', async () => {
    await show(
      card([
        { tag: 'chart', chart_spec: {} },
        { tag: 'person', user_id: 'ou_x' },
        { tag: 'img', img_key: 'img_v2_x', alt: txt('图') },
        null,
        { tag: 'table', columns: 'not an array', rows: 7 },
        { tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'markdown', content: '还在' }] }] },
      ]),
    );
    expect(await page.locator('#root .cb-placeholder').allTextContents()).toEqual([
      '[暂不支持的元素：chart]',
      '[人员 ou_x]',
      '[图片：图]',
      '[无效元素]',
    ]);
    expect(await page.locator('#root .cb-table .cb-empty').textContent()).toBe('暂无数据');
    expect(await page.locator('#root .cb-column').textContent()).toBe('还在');
  });

  it('pages a table by page_size and formats number and lark_md cells', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({
      unit: `单位${i + 1}`,
      n: i * 1000,
      md: `**${i}**`,
    }));
    await show(
      card([
        {
          tag: 'table',
          page_size: 5,
          columns: [
            { name: 'unit', display_name: '单位', data_type: 'text' },
            { name: 'n', display_name: '件数', data_type: 'number', format: { separator: true } },
            { name: 'md', display_name: '备注', data_type: 'lark_md' },
          ],
          rows,
        },
      ]),
    );
    const t = page.locator('#root .cb-table-wrap');
    expect(await t.locator('th').allTextContents()).toEqual(['单位', '件数', '备注']);
    expect(await t.locator('tbody tr').count()).toBe(5);
    expect(await t.locator('.cb-page-info').textContent()).toBe('1 / 3');
    await t.locator('.cb-page-btn[title="下一页"]').click();
    await t.locator('.cb-page-btn[title="下一页"]').click();
    expect(await t.locator('tbody tr td:first-child').allTextContents()).toEqual(['单位11', '单位12']);
    expect(await t.locator('tbody tr:first-child td').nth(1).textContent()).toBe('10,000');
    expect(await t.locator('tbody tr:first-child strong').textContent()).toBe('10');
  });

  it('sizes columns by weight', async () => {
    const col = (weight: number, text: string) => ({
      tag: 'column',
      width: 'weighted',
      weight,
      elements: [{ tag: 'markdown', content: text }],
    });
    await show(
      card([{ tag: 'column_set', horizontal_spacing: '0px', columns: [col(1, '一'), col(3, '三')] }]),
    );
    const widths = await page
      .locator('#root .cb-column')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    expect(widths[1] / widths[0]).toBeCloseTo(3, 1);
  });

  it('calls back with the button value; disabled buttons do nothing; danger/primary look different', async () => {
    const btn = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
      tag: 'button',
      name,
      type,
      text: txt(name),
      behaviors: [{ type: 'callback', value: { action: name, report_id: 'r1' } }],
      ...extra,
    });
    await show(
      card([
        btn('approve', 'primary_filled'),
        btn('reject', 'danger'),
        btn('old', 'default', { disabled: true }),
      ]),
    );
    await page.locator('#root .cb-btn', { hasText: 'old' }).click({ force: true });
    await page.locator('#root .cb-btn', { hasText: 'approve' }).click();
    expect(await actions()).toEqual([
      { value: { action: 'approve', report_id: 'r1' }, tag: 'button', name: 'approve' },
    ]);
    await page.mouse.move(900, 700); // away from the buttons: hover changes their colour
    const color = (name: string) =>
      page.locator('#root .cb-btn', { hasText: name }).evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await color('approve')).toBe('rgb(51, 112, 255)');
    expect(
      await page.locator('#root .cb-btn', { hasText: 'reject' }).evaluate((e) => getComputedStyle(e).color),
    ).toBe('rgb(245, 74, 69)');
  });

  it('submits a form with every named field, checks required first, and resets to the defaults', async () => {
    await show(sectionCard());
    const submit = page.locator('#root .cb-btn', { hasText: '提交' });
    await submit.click();
    expect(await page.locator('#root .cb-invalid input').getAttribute('name')).toBe('t2.reg.issued');
    expect(await actions()).toEqual([]);

    await page.fill('#root input[name="t2.reg.issued"]', '7');
    await page.fill('#root input[name="t2.reg.repealed"]', '2');
    await page.locator('#root .cb-btn', { hasText: '重置' }).click();
    expect(await page.inputValue('#root input[name="t2.reg.issued"]')).toBe('');
    expect(await page.inputValue('#root input[name="t2.reg.repealed"]')).toBe('0');

    await page.fill('#root input[name="t2.reg.issued"]', '7');
    await submit.click();
    expect(await actions()).toEqual([
      {
        value: { action: 'demo' },
        form_value: { 't2.reg.issued': '7', 't2.reg.repealed': '0', 's1.active': '' },
        tag: 'button',
        name: 'submit_t2',
      },
    ]);
  });

  it('opens and closes a collapsible panel', async () => {
    await show(sectionCard());
    const panel = page.locator('#root .cb-panel');
    expect(await panel.locator('.cb-panel-body').isVisible()).toBe(false);
    await panel.locator('.cb-panel-head').click();
    expect(await panel.locator('.cb-panel-body').isVisible()).toBe(true);
  });

  it('asks before a button with confirm calls back, and does nothing on 取消', async () => {
    await show(
      card([
        {
          tag: 'button',
          name: 'reject',
          type: 'danger',
          text: txt('驳回'),
          confirm: { title: txt('确认驳回？'), text: txt('驳回后退回填报人') },
          behaviors: [{ type: 'callback', value: { action: 'reject' } }],
        },
      ]),
    );
    const button = page.locator('#root .cb-btn', { hasText: '驳回' });
    await button.click();
    expect(await page.locator('.cb-modal-title').textContent()).toBe('确认驳回？');
    await page.locator('.cb-modal .cb-btn', { hasText: '取消' }).click();
    expect(await page.locator('.cb-modal').count()).toBe(0);
    expect(await actions()).toEqual([]);
    await button.click();
    await page.locator('.cb-modal .cb-btn', { hasText: '确定' }).click();
    expect(await actions()).toEqual([{ value: { action: 'reject' }, tag: 'button', name: 'reject' }]);
  });
});
