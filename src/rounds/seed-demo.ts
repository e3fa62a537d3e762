/**
 * The round the demo tenant starts with (demo-round.json: 张敏 fills 一–三, 李强 四–六, 王芳 approves, 赵磊
 * administers), dated so it is always open: the report year is the one whose deadline is the next 31 January.
 */
import { readFileSync } from 'node:fs';
import type { Storage } from '../../storage/store.js';
import { parseRoundFile } from './round-file.js';
import { roundRepo } from './round-repo.js';
import type { Round } from './round.js';

/** The report year whose 31 January deadline (Beijing time) comes next after `now`. */
export function openReportYear(now: number): number {
  const bj = new Date(now + 8 * 3600_000);
  const y = bj.getUTCFullYear();
  // Until the end of 31 January the past year's report is still due; after it, next year's deadline is next.
  const inJanuary = bj.getUTCMonth() === 0;
  return inJanuary ? y - 1 : y;
}

/** The demo round for the report year open at `now`. */
export function demoRound(now: number): Round {
  const file = JSON.parse(readFileSync(new URL('./demo-round.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
  const year = openReportYear(now);
  const text = JSON.stringify({
    ...file,
    year,
    name: `${year} 年度政府信息公开工作年度报告（演示）`,
    deadline: `${year + 1}-01-31`,
  });
  return parseRoundFile(text, 'demo-round.json');
}

/** Saves the demo round when the storage holds no round yet; returns it, or undefined when rounds exist. */
export async function seedDemoRound(storage: Storage, now: number): Promise<Round | undefined> {
  const rounds = roundRepo(storage);
  if ((await rounds.list()).length) return undefined;
  const round = demoRound(now);
  await rounds.save(round);
  return round;
}
