/**
 * W5: a number written in section 一 contradicts the tables.
 *
 * Only phrases with one meaning are read (checked against the fixtures' real reports):
 * - 「受理/收到/新收/收办…（政府信息公开/依申请公开）申请 N 件」 — published reports use it both for 本年新收
 *   (淮安市 2024: 受理 3119 = 新收) and for 新收 + 上年结转 (宿迁市 收办 3607 = 3511 + 96; 沭阳县 受理 749 =
 *   713 + 36), with no marker telling which, so either agrees;
 * - 「未收到…申请」 means none was received;
 * - 「（含）上年（度）结转（申请）N 件」 is 上年结转; 「结转/转/顺延（到）下（一）年度… N 件」 is 结转下年度;
 * - 「行政复议（案件）N 件」 and 「行政诉讼（案件）N 件」 are the totals of table 四 (诉讼 = both lawsuit groups).
 * A number after 近/约/超过/逾, or a phrase about 上年/去年/同比, is not compared. 办理/办结/答复 N 件 are not
 * read: reports use them for the 办理结果 total and for narrower counts alike.
 */
import { finding, fmt, labelOf, type Finding } from '../finding.js';
import { SECTIONS, TABLE3, TABLE4, table3Key, table4Key } from '../template.js';
import { NUMBER_SOURCE, parseWrittenNumber } from './chinese-number.js';
import { anyInSections, known, textOf, type RuleContext } from './context.js';

const N = `(${NUMBER_SOURCE})`;
const UNIT = '(?:件|起|宗|个)';
const OBJECT = '(?:各类|的|政府信息公开|依申请公开|依申请|信息公开|政府信息|公开|申请|案件|件数|数量)*';
const TOTAL_WORD = '(?:共|共计|合计|总计|数量?|数为)?(?:为)?';

interface Pattern {
  name: string;
  re: RegExp;
  /** the table cells the number is compared with, summed */
  target: string[];
  /** the alternative reading that also agrees (新收 + 上年结转) */
  alternative?: string[];
  /** a word the phrase must contain (「受理网络问政182件」 is not about applications) */
  mustContain?: string;
  /** when set, the phrase states this number instead of capturing one */
  fixed?: number;
}

const T3_TOTAL = TABLE3.columns.find((c) => c.computed)!.id;
const T4_TOTAL = TABLE4.columns.find((c) => c.computed)!.id;
const NEW = table3Key('new', T3_TOTAL);
const CARRY_IN = table3Key('carry_in', T3_TOTAL);
const CARRY_OUT = table3Key('carry_out', T3_TOTAL);
const REVIEW = table4Key('review', T4_TOTAL);
const LAWSUITS = TABLE4.groups.filter((g) => g.parent).map((g) => table4Key(g.id, T4_TOTAL));

const PATTERNS: Pattern[] = [
  {
    name: 'received',
    re: new RegExp(`(?:新收|收到|受理|收办|接收|接到)${OBJECT}${TOTAL_WORD}${N}${UNIT}`, 'g'),
    mustContain: '申请',
    target: [NEW],
    alternative: [NEW, CARRY_IN],
  },
  {
    name: 'none received',
    // 申请人 is a person, not an application; 复议/诉讼/投诉 applications are not 信息公开 ones.
    re: /(?:未|没有)(?:收到|受理|接到|接收)(?:过|任何)*(?:(?!复议|诉讼|投诉|举报)[^。，；,;]){0,8}?申请(?!人)/g,
    target: [NEW],
    fixed: 0,
  },
  {
    name: 'carry in',
    re: new RegExp(`(?:上年度?|上一年度?|去年)结转(?:的|政府信息公开|申请|案件)*${TOTAL_WORD}${N}件`, 'g'),
    target: [CARRY_IN],
  },
  {
    name: 'carry out',
    re: new RegExp(
      `(?:结转|转|顺延)(?:到|至)?(?:下一年度?|下年度?|次年)(?:继续)?(?:办理|答复|处理)?(?:的)?(?:申请)?${TOTAL_WORD}${N}件`,
      'g',
    ),
    target: [CARRY_OUT],
  },
  { name: 'review', re: new RegExp(`行政复议(?:案件|申请)?${TOTAL_WORD}${N}${UNIT}`, 'g'), target: [REVIEW] },
  { name: 'lawsuits', re: new RegExp(`行政诉讼(?:案件)?${TOTAL_WORD}${N}${UNIT}`, 'g'), target: LAWSUITS },
];

/** Words just before a phrase that make it about another year or a comparison. */
const OTHER_YEAR = /(?:上年|去年|上一年|同比|较|比|近|约|超过|逾|多于|不足)$/;

const S1 = SECTIONS.find((s) => s.id === 's1')!;

/** Joins a report's lines: pdftotext breaks 「3119 件」 across lines and pages (「-2-」). */
export function flattenText(text: string): string {
  return text
    .replace(/^\s*[-—－]\s*\d+\s*[-—－]\s*$/gm, '')
    .replace(/\s+/g, '')
    .replace(/(\d)[,，](?=\d{3})/g, '$1');
}

/** W5 over the texts of section 一. */
export function checkTextNumbers(ctx: RuleContext): Finding[] {
  const textKeys = S1.texts.map((t) => t.key);
  const cells = [NEW, CARRY_IN, CARRY_OUT, REVIEW, ...LAWSUITS];
  if (!anyInSections(ctx, [...textKeys, ...cells])) return [];
  const value = (keys: string[]) => {
    const values = keys.map((k) => known(ctx.parsed, k));
    return values.some((v) => v === undefined) ? undefined : values.reduce((a, b) => a! + b!, 0);
  };
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const key of textKeys) {
    const text = flattenText(textOf(ctx.answers, key));
    for (const pattern of PATTERNS) {
      for (const m of text.matchAll(pattern.re)) {
        if (pattern.mustContain && !m[0].includes(pattern.mustContain)) continue;
        if (OTHER_YEAR.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
        const stated = pattern.fixed ?? parseWrittenNumber(m[1]);
        const table = value(pattern.target);
        if (stated === undefined || table === undefined || stated === table) continue;
        const alt = pattern.alternative ? value(pattern.alternative) : undefined;
        if (alt !== undefined && stated === alt) continue;
        if (seen.has(`${key}|${m[0]}`)) continue;
        seen.add(`${key}|${m[0]}`);
        findings.push(message(key, m[0], stated, pattern, table, alt));
      }
    }
  }
  return findings;
}

function message(
  key: string,
  phrase: string,
  stated: number,
  p: Pattern,
  table: number,
  alt?: number,
): Finding {
  const names = p.target.map(labelOf).join(' + ');
  const also = alt !== undefined && alt !== table ? `（加上年结转为 ${fmt(alt)}）` : '';
  return finding(
    'W5',
    [key, ...p.target, ...(also ? (p.alternative ?? []).filter((k) => !p.target.includes(k)) : [])],
    `${labelOf(key)}中写的“${phrase}”与表格不一致：${names}是 ${fmt(table)}${also}`,
    { expected: table, actual: stated },
  );
}
