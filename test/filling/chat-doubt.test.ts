/**
 * Which chat messages are held for 填入 (issue 9): what people ask or command is held; the texts of published
 * reports, sent as they are, are filled at once (all but a bare 「无。」, which is short).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chatDoubt, SHORT_CHARS } from '../../src/filling/chat-doubt.js';
import { importText } from '../../src/import/index.js';
import { SECTIONS } from '../../src/report/template.js';
import { FIXTURES_DIR, fixturePath } from '../support/fixtures.js';

/** Every section text of every published report in test/fixtures. */
function publishedTexts(): { from: string; text: string }[] {
  const names = [
    'huaian-city-2024.pdftotext.txt',
    'shanggao-jiguan-2022.txt',
    ...readdirSync(`${FIXTURES_DIR}/real-reports`)
      .filter((n) => n.endsWith('.txt'))
      .map((n) => `real-reports/${n}`),
  ];
  const keys = SECTIONS.flatMap((s) => s.texts.map((t) => t.key));
  return names.flatMap((name) => {
    const answers = importText(readFileSync(fixturePath(name), 'utf8')).file?.answers ?? {};
    return keys.flatMap((k) => {
      const text = answers[k];
      return typeof text === 'string' && text.trim() ? [{ from: `${name} ${k}`, text }] : [];
    });
  });
}

describe('chat messages that may not be report text', () => {
  it.each([
    ['这里要写什么？', 'question'],
    ['这一栏可以不写吗', 'question'],
    ['依申请公开怎么写', 'question'],
    ['请问去年的数字在哪里看', 'question'],
    ['我想看看进度', 'command'],
    ['帮我把年报提交审核', 'command'],
    ['怎么填报第三部分', 'command'],
    ['好的', 'short'],
    ['收到，明天补上', 'short'],
  ])('「%s」 is held as %s', (text, kind) => {
    expect(chatDoubt(text)?.kind).toBe(kind);
  });

  it('a paragraph of report text is filled at once, even when it mentions 进度 or 如何', () => {
    expect(chatDoubt('本年度共收到政府信息公开申请 45 件，均在法定期限内答复。')).toBeUndefined();
    const long =
      '围绕群众关心的热点问题，研究如何进一步提升政策解读质量，定期通报重点工作推进进度，按季度在政府网站专栏集中发布，并做好意见收集。';
    expect(long.length).toBeGreaterThanOrEqual(50);
    expect(chatDoubt(long)).toBeUndefined();
    // A question mark at the end holds it whatever its length: report text states, it does not ask.
    expect(chatDoubt(`${long}这样写可以吗？`)?.kind).toBe('question');
  });

  it('the section texts of the published reports in test/fixtures are filled at once, but for very short ones', () => {
    const texts = publishedTexts();
    expect(texts.length).toBeGreaterThan(50);
    const held = texts.filter(({ text }) => chatDoubt(text) !== undefined);
    for (const { text } of held)
      expect(chatDoubt(text)).toEqual({ kind: 'short', chars: expect.any(Number) });
    for (const { text } of held) expect(text.replace(/\s/g, '').length).toBeLessThan(SHORT_CHARS);
    expect(held.map((h) => h.text)).toEqual(['无。']);
  });
});
