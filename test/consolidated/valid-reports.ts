/**
 * Valid reports built by construction for the consolidated report's tests: a unit's last year and this year,
 * every rule of the format kept (E1–E7, and across the years W1, W2, W3, W6), numbers drawn at random by
 * fast-check. Nothing is filtered: each cell is derived so that its equation holds.
 */
import fc from 'fast-check';
import {
  FEE_FIELDS,
  TABLE2,
  TABLE3,
  TABLE3_RESULT_ROWS,
  TABLE4,
  TEXT_FIELDS,
  table2Key,
  table3Key,
  table4Key,
  type Answers,
} from '../../src/report/template.js';
import { lastYearAnswers, validAnswers } from '../report/helpers/sample-answers.js';

const T3_COLUMNS = TABLE3.columns.filter((c) => !c.computed).map((c) => c.id);
const T4_COLUMNS = TABLE4.columns.filter((c) => !c.computed).map((c) => c.id);
const UNPAID_ROW = 'r6_2';
const FEE_KEY = table2Key(TABLE2.blocks[3].rows[0].id, TABLE2.blocks[3].columns[0].id);
/** 行政事业性收费 of one agency, in 0.000001 万元: up to 10 万 万元 (10 亿元), the range published reports show. */
const MAX_FEE_MICRO = 100_000 * 1_000_000;

/** The texts of a year, without any number W5 would compare with the tables (a sum has other totals). */
function textsOf(source: Answers): Answers {
  const out: Answers = {};
  for (const f of TEXT_FIELDS) {
    const text = source[f.key];
    if (typeof text === 'string') out[f.key] = text.replace(/本年共收到.*$/, '');
  }
  return out;
}

const count = (max: number) => fc.integer({ min: 0, max });

/** Random draws for one unit: everything else is derived from them. */
const draws = fc.record({
  results: fc.array(fc.array(count(40), { minLength: 6, maxLength: 6 }), {
    minLength: TABLE3_RESULT_ROWS.length * 2,
    maxLength: TABLE3_RESULT_ROWS.length * 2,
  }),
  carry: fc.array(count(15), { minLength: 18, maxLength: 18 }),
  t2: fc.array(count(300), { minLength: 20, maxLength: 20 }),
  lastFee: fc.integer({ min: 1, max: MAX_FEE_MICRO }),
  feeShare: fc.integer({ min: 0, max: 100 }),
  t4: fc.array(count(6), { minLength: 24, maxLength: 24 }),
  fees: fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 6, maxLength: 6 }),
  extraNotices: fc.array(count(5), { minLength: 2, maxLength: 2 }),
});

/** A unit's report of last year and of this year, consistent with each other. */
export interface UnitYears {
  previous: Answers;
  current: Answers;
}

type Draws = typeof draws extends fc.Arbitrary<infer T> ? T : never;

function build(d: Draws): UnitYears {
  const previous: Answers = textsOf(lastYearAnswers());
  const current: Answers = textsOf(validAnswers());
  const years = [previous, current];
  // Table 三, per applicant column: 新收 + 上年结转 = （七）总计 + 结转下年度, with 新收 ≥ 0 by choosing 结转下年度.
  years.forEach((a, y) => {
    T3_COLUMNS.forEach((col, c) => {
      let total = 0;
      TABLE3_RESULT_ROWS.forEach((row, r) => {
        const v = d.results[y * TABLE3_RESULT_ROWS.length + r][c];
        a[table3Key(row, col)] = v;
        total += v;
      });
      // W1: this year's 上年结转 is last year's 结转下年度.
      const carryIn = y === 0 ? d.carry[c] : (previous[table3Key('carry_out', col)] as number);
      const carryOut = Math.max(0, carryIn - total) + d.carry[6 + y * 6 + c];
      a[table3Key('carry_in', col)] = carryIn;
      a[table3Key('carry_out', col)] = carryOut;
      a[table3Key('new', col)] = total + carryOut - carryIn;
    });
  });
  // Table 二: W2, 现行有效 = last year's + 制发 − 废止 (废止 never more than there is).
  TABLE2.blocks[0].rows.forEach((row, i) => {
    const [lastValid, issued, repealedDraw] = d.t2.slice(i * 3, i * 3 + 3);
    const lastIssued = d.t2[6 + i];
    previous[table2Key(row.id, 'issued')] = lastIssued;
    previous[table2Key(row.id, 'repealed')] = 0;
    previous[table2Key(row.id, 'valid')] = lastValid;
    const repealed = Math.min(repealedDraw, lastValid + issued);
    current[table2Key(row.id, 'issued')] = issued;
    current[table2Key(row.id, 'repealed')] = repealed;
    current[table2Key(row.id, 'valid')] = lastValid + issued - repealed;
  });
  TABLE2.blocks.slice(1, 3).forEach((block, b) =>
    block.rows.forEach((row, r) => {
      previous[table2Key(row.id, '')] = d.t2[8 + b * 2 + r];
      current[table2Key(row.id, '')] = d.t2[12 + b * 2 + r];
    }),
  );
  // W3: a fee in 万元 under 10⁶, at most ten times last year's (last year's is never 0: see the W3 test).
  previous[FEE_KEY] = d.lastFee / 1_000_000;
  current[FEE_KEY] = Math.min(MAX_FEE_MICRO, Math.floor((d.lastFee * d.feeShare) / 10)) / 1_000_000;
  // Table 四: the totals are computed, the inputs anything.
  years.forEach((a, y) =>
    TABLE4.groups.forEach((g, gi) =>
      T4_COLUMNS.forEach((col, ci) => (a[table4Key(g.id, col)] = d.t4[y * 12 + gi * 4 + ci])),
    ),
  );
  // 六: fee figures given (W4), notices at least the applications dropped for an unpaid fee (W4's second half).
  years.forEach((a, y) => {
    const unpaid = T3_COLUMNS.reduce((s, col) => s + (a[table3Key(UNPAID_ROW, col)] as number), 0);
    const [notices, billed, collected] = FEE_FIELDS.map((f) => f.key);
    a[notices] = unpaid + d.extraNotices[y];
    a[billed] = d.fees[y * 3] / 100;
    a[collected] = d.fees[y * 3 + 1] / 100;
  });
  return { previous, current };
}

/** One unit's two consistent years. */
export const unitYears: fc.Arbitrary<UnitYears> = draws.map(build);

/** The texts of a report (what the office writes on a consolidated one): every text field, no number. */
export function textAnswers(a: Answers): Answers {
  return Object.fromEntries(TEXT_FIELDS.filter((f) => f.key in a).map((f) => [f.key, a[f.key]]));
}
