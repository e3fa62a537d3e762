/**
 * The three statistics tables in the shape of Feishu's card `table` component: a few columns, rows keyed by
 * column name. Table 三 keeps its seven applicant columns; 表二's four blocks become one list of items;
 * 表四 keeps one row per group. Labels come from template.ts, values are printed as the Word file prints them.
 */
import { parseAnswers, type ParsedAnswers } from '../report/compute.js';
import {
  TABLE2,
  TABLE3,
  TABLE4,
  table2Key,
  table3Key,
  table4Key,
  type Answers,
  type TableId,
} from '../report/template.js';
import { numberText } from '../render/format.js';

export interface CardTable {
  table: TableId;
  title: string;
  columns: { name: string; label: string; numeric: boolean }[];
  rows: Record<string, string>[];
}

type Values = { answers: Answers; parsed: ParsedAnswers };
const num = (v: Values, key: string) => numberText(v.answers, v.parsed, key);

function table2(v: Values): CardTable {
  const rows = TABLE2.blocks.flatMap((block) =>
    block.rows.flatMap((row) =>
      block.columns.map((col) => ({
        item: block.columns.length > 1 ? `${row.label}·${col.label}` : row.label,
        measure: block.columns.length > 1 ? '件' : col.label.replace('本年', ''),
        value: num(v, table2Key(row.id, col.id)),
      })),
    ),
  );
  return {
    table: 't2',
    title: `表二 ${TABLE2.title}`,
    columns: [
      { name: 'item', label: '信息内容', numeric: false },
      { name: 'value', label: '数量', numeric: true },
      { name: 'measure', label: '说明', numeric: false },
    ],
    rows,
  };
}

function table3(v: Values): CardTable {
  return {
    table: 't3',
    title: `表三 ${TABLE3.title}`,
    columns: [
      { name: 'row', label: '项目', numeric: false },
      ...TABLE3.columns.map((c) => ({ name: c.id, label: c.label, numeric: true })),
    ],
    rows: TABLE3.rows.map((row) => ({
      row: row.short,
      ...Object.fromEntries(TABLE3.columns.map((c) => [c.id, num(v, table3Key(row.id, c.id))])),
    })),
  };
}

function table4(v: Values): CardTable {
  return {
    table: 't4',
    title: `表四 ${TABLE4.title}`,
    columns: [
      { name: 'group', label: '类别', numeric: false },
      ...TABLE4.columns.map((c) => ({ name: c.id, label: c.label, numeric: true })),
    ],
    rows: TABLE4.groups.map((g) => ({
      group: g.label,
      ...Object.fromEntries(TABLE4.columns.map((c) => [c.id, num(v, table4Key(g.id, c.id))])),
    })),
  };
}

/** The report's three tables for a card. */
export function cardTables(answers: Answers): Record<TableId, CardTable> {
  const v = { answers, parsed: parseAnswers(answers) };
  return { t2: table2(v), t3: table3(v), t4: table4(v) };
}
