/**
 * Every Word file is parsed as XML before anyone gets it (issue 14, 5): a text with U+FFFE made a file Word
 * cannot open. Such a file is refused at rendering, the log says why, and each recipient gets an apology.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { writeFile } from 'node:fs/promises';
import { afterAnswerSettled } from '../../handlers/after-answer.js';
import { main } from '../../src/cli/main.js';
import type { HandlerDeps } from '../../handlers/types.js';
import { sendWordFile, WORD_FILE_APOLOGY } from '../../handlers/word-file-send.js';
import { BrokenWordFileError, checkWordFile } from '../../src/render/docx-check.js';
import { renderDocx } from '../../src/render/docx.js';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs();

/** A minimal .docx whose document.xml is `xml`. */
async function docxWith(xml: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  zip.file('word/document.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

describe('the XML check of a Word file', () => {
  it('refuses to render a report whose text holds U+FFFE (stored before input was checked)', async () => {
    const file = { year: 2025, unit: '某县档案馆', answers: { 's1.intro': '本年度\uFFFE公开工作。' } };
    await expect(renderDocx(file)).rejects.toBeInstanceOf(BrokenWordFileError);
  });

  it('the command line says so in Chinese and writes no file', async () => {
    const dir = await tempDir('nianbao-docx-check-');
    const data = path.join(dir, 'report.json');
    const answers = { 's1.intro': '本年度\uFFFE公开工作。' };
    await writeFile(data, JSON.stringify({ year: 2025, unit: '某县档案馆', answers }));
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => void err.push(t) };
    const out = path.join(dir, 'report.docx');
    expect(await main(['render', data, '--format', 'docx', '--out', out], io)).toBe(2);
    expect(err.join('')).toContain('Word 文件没有生成：文件检查未通过（word/document.xml：');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('passes a well-formed file and names the part and the fault of a broken one', async () => {
    await expect(checkWordFile(await docxWith(`<w:document ${W}><w:body/></w:document>`))).resolves.toBe(
      undefined,
    );
    const broken = checkWordFile(await docxWith(`<w:document ${W}><w:body><w:p></w:body></w:document>`));
    await expect(broken).rejects.toMatchObject({ name: 'BrokenWordFileError', part: 'word/document.xml' });
    const noDocument = new JSZip().file('a.xml', '<a/>').generateAsync({ type: 'nodebuffer' });
    await expect(checkWordFile(await noDocument)).rejects.toMatchObject({ reason: 'missing' });
    await expect(checkWordFile(Buffer.from('not a zip'))).rejects.toBeInstanceOf(BrokenWordFileError);
  });

  it('sends no file but an apology to each recipient, and logs why', async () => {
    const texts: { to: string; text: string }[] = [];
    const jobs: unknown[] = [];
    const errors: string[] = [];
    const deps = {
      outbox: {
        enqueue: async (job: unknown) => void jobs.push(job),
        sendCard: async () => '',
        sendText: async (to: string, text: string) => (texts.push({ to, text }), ''),
      },
      log: { error: (_: unknown, msg: string) => void errors.push(msg) },
    } as unknown as Pick<HandlerDeps, 'outbox' | 'log'>;
    const dir = await tempDir('nianbao-docx-check-');
    sendWordFile(deps, {
      what: 'Word file of version 1',
      make: async () => {
        await renderDocx({ year: 2025, unit: '某县档案馆', answers: { 's5.problems': '问题\uFFFF。' } });
        return { filePath: path.join(dir, 'never.docx'), fileName: 'never.docx' };
      },
      to: ['ou_zhang', 'ou_wang'],
      key: 'ev1:file',
    });
    await afterAnswerSettled();
    expect(jobs).toEqual([]);
    expect(texts).toEqual([
      { to: 'ou_zhang', text: WORD_FILE_APOLOGY },
      { to: 'ou_wang', text: WORD_FILE_APOLOGY },
    ]);
    expect(errors).toEqual([expect.stringContaining('Word file of version 1 not sent')]);
    expect(await readdir(dir)).toEqual([]);
  });
});
