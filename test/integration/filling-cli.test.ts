/**
 * The admin's side of a round on the command line: `nianbao round create` and `nianbao round previous` write the
 * data directory the bot reads.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { fixturePath } from '../support/fixtures.js';

const run = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
};

describe('nianbao round', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-round-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('create saves the round; previous imports last year’s published report (.txt) for a unit', async () => {
    const created = await run(['round', 'create', 'src/rounds/demo-round.json', '--data-dir', dir]);
    expect(created.code).toBe(0);
    const roundId = /轮次 (\S+)：/.exec(created.out)![1];
    expect(created.out).toContain(`已保存轮次 ${roundId}`);

    const prev = await run([
      'round',
      'previous',
      roundId,
      'jgswzx',
      fixturePath('shanggao-jiguan-2022.txt'),
      '--data-dir',
      dir,
    ]);
    expect(prev.code).toBe(0);
    expect(prev.out).toMatch(/已保存 上高县机关事务管理中心 的上年报告（2022 年度）/);
    expect(prev.err).toContain('上年应是 2025 年度'); // the wrong year is named, not refused

    const storage = new LowdbStorage(dir);
    try {
      expect((await roundRepo(storage).get(roundId))?.units[0].id).toBe('jgswzx');
      const { draft, previous } = await draftRepo(storage).load(roundId, 'jgswzx');
      expect(previous?.['s1.active']).toBeTruthy();
      expect(draft.prefilled['s1.active']).toBe('last_year');
    } finally {
      await storage.close();
    }
  });

  it('previous names the rounds and units it knows when the unit is wrong, and exits 2', async () => {
    await run(['round', 'create', 'src/rounds/demo-round.json', '--data-dir', dir]);
    const r = await run([
      'round',
      'previous',
      '2026-nope',
      'jgswzx',
      fixturePath('shanggao-jiguan-2022.txt'),
      '--data-dir',
      dir,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/找不到轮次 2026-nope 的单位 jgswzx。已有的轮次：2026-r\w+（jgswzx）/);
    expect((await run(['round', 'remove'])).code).toBe(2);
  });
});
