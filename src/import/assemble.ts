/**
 * From source lines to an ImportResult: title, sections, the three tables, the texts.
 *
 * Text exports are read twice — once as Word's one-cell-a-line export, once line by line (pdftotext layout,
 * tab- and pipe-separated cells, rows whose cells ran together, which real extractions mix) — and the reading
 * with more cells read wins. Which layout a file has is easier to tell by what reads than by guessing from its
 * look.
 */
import { SECTION_BY_ID, TABLE_CELLS, TABLE2, type SectionId, type TableId } from '../report/template.js';
import { TableOutcome } from './cells-out.js';
import { readLayoutRows } from './read-layout.js';
import { readWordTextRows } from './read-word-text.js';
import { findRegions, findTitle, isOldFormat, type Region } from './sections.js';
import { readTable2 } from './table2.js';
import { readTable3 } from './table3.js';
import { readTable4 } from './table4.js';
import { readMeta, readTexts } from './text-fields.js';
import type { ImportResult, RawRow, SourceLine } from './types.js';

type Reader = (lines: SourceLine[], from: number, to: number, minValues: number) => RawRow[];

/** Fewest values a row of each table has; fewer is a line of narrative that ends in a number. */
const MIN_VALUES: Record<TableId, number> = { t2: 1, t3: 3, t4: 4 };
const SECTION_OF: Record<TableId, SectionId> = { t2: 's2', t3: 's3', t4: 's4' };

interface TablesRead {
  outcomes: TableOutcome[];
  read: number;
  cellRows: number;
  layoutRows: number;
}

function readTables(lines: SourceLine[], regions: Region[], reader: Reader, oldFormat: boolean): TablesRead {
  const outcomes: TableOutcome[] = [];
  let cellRows = 0;
  let layoutRows = 0;
  for (const table of ['t2', 't3', 't4'] as TableId[]) {
    const region = regions.find((r) => r.id === SECTION_OF[table]);
    const keys = TABLE_CELLS.filter((c) => c.table === table).map((c) => c.key);
    if (!region) {
      const out = new TableOutcome();
      out.miss(keys, `没有找到「${SECTION_BY_ID.get(SECTION_OF[table])!.heading}」标题，无法定位这张表`);
      outcomes.push(out);
      continue;
    }
    if (table === 't2' && oldFormat) {
      const out = new TableOutcome();
      out.miss(keys, '原文第二部分是 2019 年试行格式，栏目与 2021 年格式不同，未导入');
      outcomes.push(out);
      continue;
    }
    const rows = reader(lines, region.from, region.to, MIN_VALUES[table]);
    // A web page copied as text glues a row's cells to its label: its prose is one paragraph a line, as in
    // tab-separated copies, not wrapped as in pdftotext.
    const cellLike = (r: RawRow) => r.cellsKnown || r.joined === 'glued';
    cellRows += rows.filter(cellLike).length;
    layoutRows += rows.filter((r) => !cellLike(r)).length;
    outcomes.push(table === 't2' ? readTable2(rows) : table === 't3' ? readTable3(rows) : readTable4(rows));
  }
  return { outcomes, read: outcomes.reduce((n, o) => n + o.read, 0), cellRows, layoutRows };
}

/** Imports a report given as source lines; `docx` when the lines come from a Word file's paragraphs and tables. */
export function importLines(lines: SourceLine[], docx: boolean): ImportResult {
  const notes: string[] = [];
  const title = findTitle(lines);
  // Without a title the statistics period still gives the year: 「统计期限为2023年1月1日至…」.
  const period = /(\d{4})年1月1日/.exec(lines.map((l) => l.text.replace(/\s+/g, '')).join(''));
  if (!title)
    notes.push(
      '没有找到标题「{机关名称}{年份}年政府信息公开工作年度报告」，机关名称' +
        (period ? `需要人工填写，年份按统计期限取 ${period[1]}` : '和年份需要人工填写'),
    );
  const regions = findRegions(lines);
  for (const r of regions) {
    const heading = SECTION_BY_ID.get(r.id)!.heading;
    if (r.misprint) notes.push(`原文标题「${r.misprint}」与格式的「${heading}」略有出入，按这一部分读取`);
    if (r.byColumns) notes.push(`没有找到「${heading}」标题，按表格的栏目从「${r.byColumns}」起读取这一部分`);
  }
  const s2 = regions.find((r) => r.id === 's2');
  const oldFormat = s2 ? isOldFormat(lines, s2.from, s2.to) : false;
  if (oldFormat)
    notes.push(
      '检测到 2019 年试行格式（国办公开办函〔2019〕60号）：第二部分的栏目（本年新制作数量、本年新公开数量、' +
        `对外公开总数量……）与 2021 年格式（${TABLE2.blocks[0].columns.map((c) => c.label).join('、')}……）不同，` +
        '第二部分未导入',
    );

  const byLine = readTables(lines, regions, readLayoutRows, oldFormat);
  const byWordCell = docx ? undefined : readTables(lines, regions, readWordTextRows, oldFormat);
  const wordText = byWordCell !== undefined && byWordCell.read > byLine.read;
  const tables = wordText ? byWordCell! : byLine;
  const format: ImportResult['format'] = docx
    ? 'docx'
    : wordText
      ? 'word-text'
      : tables.read === 0
        ? 'unknown'
        : tables.cellRows > tables.layoutRows
          ? 'tabular'
          : 'pdftotext';

  const answers: Record<string, string | number> = {};
  const unreadReasons = new Map<string, string>();
  for (const out of tables.outcomes) {
    Object.assign(answers, out.answers);
    for (const [k, v] of out.unread) unreadReasons.set(k, v);
  }
  const s1 = regions.find((r) => r.id === 's1');
  const preambleFrom = title ? title.line + 1 : 0;
  Object.assign(
    answers,
    readMeta(lines, preambleFrom, s1 ? s1.heading : Math.min(lines.length, preambleFrom + 10)),
  );
  const texts = readTexts(lines, regions, format === 'pdftotext');
  Object.assign(answers, texts.answers);

  const unread = TABLE_CELLS.filter((c) => answers[c.key] === undefined).map((c) => ({
    key: c.key,
    reason: unreadReasons.get(c.key) ?? '原文中没有读到这一格',
  }));
  return {
    file: { year: title?.year ?? (period ? Number(period[1]) : 0), unit: title?.unit ?? '', answers },
    unread,
    notes: [...notes, ...tables.outcomes.flatMap((o) => o.notes), ...texts.notes],
    format,
  };
}
