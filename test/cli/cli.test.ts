/**
 * The command line as a person uses it, on real files: the commands run in this process through the same
 * `main()` the `nianbao` program calls (starting tsx per command cost ~2 s each), and the real program in a
 * child process shows that what main() answers reaches the terminal and the exit code.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import { INPUT_CELLS, TEXT_FIELDS, type AnswersFile } from '../../src/report/template.js';
import { bufferIO } from '../support/buffer-io.js';
import { FIXTURES_DIR } from '../support/fixtures.js';

const run = promisify(execFile);
const BIN = resolve('src/cli/nianbao.js');
const FIXTURES = FIXTURES_DIR;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `nianbao ARGS` in this process: what it prints and the exit code it gives the program. */
async function nianbao(...args: string[]): Promise<Outcome> {
  const io = bufferIO();
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** The real `nianbao` program in a child process. */
async function program(...args: string[]): Promise<Outcome> {
  const env = { ...process.env };
  // jest's --experimental-vm-modules is for the test process only.
  delete env.NODE_OPTIONS;
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as Outcome;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A complete report without requests: every input 0, every required text written. */
function zeroReport(): AnswersFile {
  const answers: AnswersFile['answers'] = {};
  for (const cell of INPUT_CELLS) answers[cell.key] = 0;
  for (const field of TEXT_FIELDS)
    if (field.required) answers[field.key] = `${field.label}的情况说明。本年度未收取信息处理费。`;
  return { year: 2024, unit: '测试县档案馆', answers };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nianbao-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('nianbao check', () => {
  it('exits 0 and says so for a complete, consistent report', async () => {
    const file = join(dir, 'ok.json');
    await writeFile(file, JSON.stringify(zeroReport()));
    const { code, stdout } = await nianbao('check', file);
    expect(code).toBe(0);
    expect(stdout).toContain('0 个错误');
  });

  it('exits 1 and prints the broken equation of the table when cells do not add up', async () => {
    const report = zeroReport();
    report.answers['t3.new.np'] = 5;
    report.answers['t3.r1.np'] = 4;
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify(report));
    const { code, stdout } = await nianbao('check', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/E5/);
    expect(stdout).toContain('自然人');
  });

  it('prints {errors, warnings} with rule, cells and message under --json', async () => {
    const report = zeroReport();
    delete report.answers['t4.review.upheld'];
    const file = join(dir, 'blank.json');
    await writeFile(file, JSON.stringify(report));
    const { code, stdout } = await nianbao('check', file, '--json');
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(Object.keys(json).sort()).toEqual(['errors', 'warnings']);
    const blank = json.errors.find((e: { rule: string }) => e.rule === 'E1');
    expect(blank.cells).toContain('t4.review.upheld');
    expect(typeof blank.message).toBe('string');
  });

  it('checks the carry-over against last year when given --previous', async () => {
    const lastYear = zeroReport();
    lastYear.answers['t3.new.np'] = 2;
    lastYear.answers['t3.carry_out.np'] = 2;
    const previous = join(dir, 'last.json');
    await writeFile(previous, JSON.stringify(lastYear));
    const thisYear = join(dir, 'this.json');
    await writeFile(thisYear, JSON.stringify(zeroReport()));
    const { stdout } = await nianbao('check', thisYear, '--previous', previous, '--json');
    const w1 = JSON.parse(stdout).warnings.filter((w: { rule: string }) => w.rule === 'W1');
    expect(w1).toHaveLength(1);
    expect(w1[0].cells).toEqual(expect.arrayContaining(['t3.carry_in.np']));
  });

  it('exits 2 with a Chinese reason for a missing file, a non-JSON file and a wrong shape', async () => {
    const missing = await nianbao('check', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');

    const notJson = join(dir, 'x.json');
    await writeFile(notJson, 'year: 2024');
    expect((await nianbao('check', notJson)).stderr).toContain('不是有效的 JSON');

    const wrongShape = join(dir, 'y.json');
    await writeFile(wrongShape, JSON.stringify({ year: 'last', answers: [] }));
    const shape = await nianbao('check', wrongShape);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain('不是年报数据文件');
    expect(shape.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers a wrong command line with the usage and exit code 2', async () => {
    const { code, stderr } = await nianbao('check');
    expect(code).toBe(2);
    expect(stderr).toContain('用法');
    expect((await nianbao('frobnicate')).code).toBe(2);
  });
});

describe('nianbao import and render', () => {
  it('imports the all-zero fixture, renders it to Markdown and Word, and the Word file imports back the same', async () => {
    const json = join(dir, 'shanggao.json');
    const imported = await nianbao('import', join(FIXTURES, 'shanggao-jiguan-2022.txt'), '--out', json);
    expect(imported.code).toBe(0);
    const file = JSON.parse(await readFile(json, 'utf8')) as AnswersFile;
    expect(file.year).toBe(2022);
    expect(file.unit).toContain('上高县机关事务管理中心');

    expect((await nianbao('check', json)).code).toBe(0);

    const md = join(dir, 'shanggao.md');
    expect((await nianbao('render', json, '--format', 'md', '--out', md)).code).toBe(0);
    expect(await readFile(md, 'utf8')).toContain('三、收到和处理政府信息公开申请情况');

    const docx = join(dir, 'shanggao.docx');
    expect((await nianbao('render', json, '--format', 'docx', '--out', docx)).code).toBe(0);
    const back = join(dir, 'back.json');
    expect((await nianbao('import', docx, '--out', back)).code).toBe(0);
    const roundTrip = JSON.parse(await readFile(back, 'utf8')) as AnswersFile;
    for (const cell of INPUT_CELLS)
      expect([cell.key, roundTrip.answers[cell.key]]).toEqual([cell.key, file.answers[cell.key]]);
  });

  it('renders the HTML page, and says in Chinese that a PDF needs LibreOffice when the machine has none', async () => {
    const json = join(dir, 'zero.json');
    await writeFile(json, JSON.stringify(zeroReport()));
    const html = join(dir, 'zero.html');
    expect((await nianbao('render', json, '--format', 'html', '--out', html)).code).toBe(0);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('<title>测试县档案馆2024年政府信息公开工作年度报告</title>');
    expect(page).toContain('<table');

    const saved = process.env.SOFFICE;
    process.env.SOFFICE = join(dir, 'no-soffice-here');
    try {
      const pdf = await nianbao('render', json, '--format', 'pdf', '--out', join(dir, 'zero.pdf'));
      expect(pdf.code).toBe(2);
      expect(pdf.stderr).toContain('服务器未安装 LibreOffice，暂不能生成 PDF');
    } finally {
      if (saved === undefined) delete process.env.SOFFICE;
      else process.env.SOFFICE = saved;
    }
  });

  it('refuses an unknown --format with the usage', async () => {
    const { code, stderr } = await nianbao('render', 'x.json', '--format', 'odt', '--out', 'x.odt');
    expect(code).toBe(2);
    expect(stderr).toContain('--format 只能是 md、docx（或 word）、html 或 pdf');
  });
});

describe('the nianbao program', () => {
  it('prints what the command says and exits 0, 1 or 2 as documented', async () => {
    const ok = join(dir, 'program-ok.json');
    await writeFile(ok, JSON.stringify(zeroReport()));
    const broken = zeroReport();
    broken.answers['t3.new.np'] = 5;
    broken.answers['t3.r1.np'] = 4;
    const bad = join(dir, 'program-broken.json');
    await writeFile(bad, JSON.stringify(broken));
    const [fine, errors, usage] = await Promise.all([
      program('check', ok),
      program('check', bad),
      program('check'),
    ]);
    expect([fine.code, fine.stdout]).toEqual([0, expect.stringContaining('0 个错误')]);
    expect([errors.code, errors.stdout]).toEqual([1, expect.stringMatching(/E5/)]);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining('用法')]);
  });
});
