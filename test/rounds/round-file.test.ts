import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runRoundCommand } from '../../src/cli/round-command.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { openOutboxStore } from '../../src/feishu/outbox.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { defaultDeadline, formatDeadline, normalizeDeadline } from '../../src/rounds/deadline.js';
import { parseRoundFile, RoundFileError } from '../../src/rounds/round-file.js';
import { sectionsOf, unitsOfFiller } from '../../src/rounds/round.js';

const DEMO_FILE = resolve('src/rounds/demo-round.json');
const A = 'ou_5f0a3c1e9b7d4e2a8c6b1d3f5e7a9c01';
const B = 'ou_6a1b4d2f0c8e5a3b9d7c2e4a6f8b0d02';

function problemsOf(data: unknown): string[] {
  try {
    parseRoundFile(JSON.stringify(data), 'round.json');
  } catch (error) {
    if (error instanceof RoundFileError) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
}

const unit = (extra: Record<string, unknown> = {}) => ({
  name: '县档案馆',
  fillers: { s1: [A], s2: [A], s3: [A], s4: [B], s5: [B], s6: [B] },
  approvers: [B],
  ...extra,
});

describe('deadlines', () => {
  it('defaults to 31 January 23:59 Beijing time of the following year', () => {
    expect(defaultDeadline(2026)).toBe('2027-01-31T23:59:00+08:00');
    expect(Date.parse(defaultDeadline(2026))).toBe(Date.UTC(2027, 0, 31, 15, 59));
    expect(formatDeadline(defaultDeadline(2026))).toBe('2027年1月31日 23:59');
  });

  it('reads the ways an admin writes a deadline and refuses dates that do not exist', () => {
    expect(normalizeDeadline('2027-01-27')).toBe('2027-01-27T23:59:00+08:00');
    expect(normalizeDeadline('2027-01-27 18:00')).toBe('2027-01-27T18:00:00+08:00');
    expect(normalizeDeadline('2027-01-27T10:00:00Z')).toBe('2027-01-27T10:00:00Z');
    expect(normalizeDeadline('2027-02-30')).toBeUndefined();
    expect(normalizeDeadline('下周五')).toBeUndefined();
  });
});

describe('the round file', () => {
  it('reads the demo round: 张敏 fills 一二三, 李强 四五六, 王芳 approves, 赵磊 administers', async () => {
    const round = parseRoundFile(await readFile(DEMO_FILE, 'utf8'), DEMO_FILE);
    expect(round.year).toBe(2026);
    expect(round.deadline).toBe('2027-01-31T23:59:00+08:00');
    expect(round.id).toMatch(/^2026-r[0-9a-f]{6}$/);
    const [u] = round.units;
    expect(sectionsOf(u, DEMO.filler.open_id)).toEqual(['s1', 's2', 's3']);
    expect(sectionsOf(u, DEMO.filler2.open_id)).toEqual(['s4', 's5', 's6']);
    expect(u.approvers).toEqual([DEMO.approver.open_id]);
    expect(round.admins).toEqual([DEMO.admin.open_id]);
    expect(unitsOfFiller(round, DEMO.approver.open_id)).toEqual([]);
  });

  it('accepts fillers by section, numbers units without an id, and gives the same round id for the same file', () => {
    const file = JSON.stringify({ year: 2025, admins: [A], units: [unit(), unit({ name: '县统计局' })] });
    const round = parseRoundFile(file, 'r.json');
    expect(round.units.map((u) => u.id)).toEqual(['u1', 'u2']);
    expect(round.name).toBe('2025 年度政府信息公开工作年度报告');
    expect(round.deadline).toBe('2026-01-31T23:59:00+08:00');
    expect(parseRoundFile(file, 'r.json').id).toBe(round.id);
  });

  it('names every problem at once, in Chinese, with the unit it is in', () => {
    const problems = problemsOf({
      year: 2026,
      admins: [],
      units: [
        unit({ approvers: ['zhangsan'] }),
        unit({ name: '县统计局', fillers: { s1: [A], s2: [A], s3: [A], s9: [A] } }),
      ],
    });
    expect(problems.join('\n')).toContain('管理员 admins：至少要有一名管理员');
    expect(problems.join('\n')).toContain(
      '第 1 个单位「县档案馆」 › 审核人 approvers › 第 1 项：不是有效的 open_id',
    );
    expect(problems).toHaveLength(2);
    // Shape problems first; the file with a good shape then gets its assignment problems.
    const assignment = problemsOf({
      year: 2026,
      admins: [A],
      units: [unit({ name: '县统计局', fillers: { s1: [A], s2: [A], s3: [A], s9: [A] } })],
    });
    expect(assignment).toEqual([
      '第 1 个单位「县统计局」：填报人 fillers 里的「s9」不是部分编号（只能是 s1、s2、s3、s4、s5、s6）',
      '第 1 个单位「县统计局」：这些部分还没有填报人：s4（四、政府信息公开行政复议、行政诉讼情况）、s5（五、存在的主要问题及改进情况）、s6（六、其他需要报告的事项）',
    ]);
  });

  it('explains a wrong year, deadline, duplicate unit and a person-list assignment', () => {
    expect(problemsOf({ year: '2026', admins: [A], units: [unit()] })).toEqual([
      '年份 year：年份应是数字，例如 2026',
    ]);
    expect(problemsOf({ year: 2026, deadline: '2026-12-01', admins: [A], units: [unit()] })[0]).toContain(
      '截止时间应在 2027 年',
    );
    expect(problemsOf({ year: 2026, deadline: '一月底', admins: [A], units: [unit()] })[0]).toContain(
      '无法识别',
    );
    expect(problemsOf({ year: 2026, admins: [A], units: [unit(), unit()] })).toEqual([
      '第 2 个单位「县档案馆」：单位名称与前面的单位重复',
    ]);
    const byPerson = problemsOf({
      year: 2026,
      admins: [A],
      units: [unit({ fillers: [{ open_id: A, sections: ['s1', 's2', 's3', 's4', 's5'] }] })],
    });
    expect(byPerson).toEqual(['第 1 个单位「县档案馆」：这些部分还没有填报人：s6（六、其他需要报告的事项）']);
    expect(problemsOf('not json' as unknown as object)[0]).toContain('轮次文件应是一个 JSON 对象');
  });

  it('says so when the text is not JSON at all', () => {
    expect(() => parseRoundFile('{year: 2026', 'bad.json')).toThrow(/不是有效的 JSON/);
  });
});

describe('nianbao round create', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nianbao-round-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
  };

  it('prints the round and saves it in the data directory, with the first cards queued for the bot', async () => {
    const data = join(dir, 'created');
    const { io: cli, out } = io();
    const code = await runRoundCommand(['create', DEMO_FILE, '--data-dir', data], cli);
    expect(code).toBe(0);
    const text = out.join('');
    expect(text).toContain('截止时间 2027年1月31日 23:59');
    expect(text).toContain('上高县机关事务管理中心（jgswzx）：填报人 2 人，审核人 1 级');
    const storage = new LowdbStorage(data);
    const [round] = await roundRepo(storage).list();
    expect(round.units[0].name).toBe('上高县机关事务管理中心');
    expect(round.history?.map((e) => e.kind)).toEqual(['create']);
    // Two fillers get a sentence and their unit card, the approver a sentence: sent when the bot starts.
    expect((await (await openOutboxStore(storage)).entries()).length).toBe(5);
    await storage.close();
    expect(text).toContain(
      `已保存轮次 ${round.id}（机器人未运行，已写入数据目录；通知在机器人启动后发出），5 条通知待发送`,
    );
  });

  it('exits 2 and lists the problems without saving a broken file', async () => {
    const data = join(dir, 'broken');
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify({ year: 2026, admins: [A], units: [unit({ approvers: [] })] }));
    const { io: cli, err } = io();
    expect(await runRoundCommand(['create', file, '--data-dir', data], cli)).toBe(2);
    expect(err.join('')).toContain('至少要有一名审核人');
    const storage = new LowdbStorage(data);
    expect(await roundRepo(storage).list()).toEqual([]);
    await storage.close();
  });

  it('exits 2 for a missing file and refuses a wrong command line', async () => {
    const { io: cli, err } = io();
    expect(await runRoundCommand(['create', join(dir, 'nope.json'), '--data-dir', dir], cli)).toBe(2);
    expect(err.join('')).toContain('找不到文件');
    await expect(runRoundCommand(['delete', DEMO_FILE], cli)).rejects.toThrow('nianbao round create FILE');
  });
});
