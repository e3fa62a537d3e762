/**
 * The report as Markdown, for chat previews and the command line. Same words and numbers as the Word file;
 * merged headers are flattened (「法人或其他组织·商业企业」) and 表四 is turned on its side (one row per
 * group) because fifteen columns do not fit a chat bubble.
 */
import { parseAnswers, type ParsedAnswers } from '../report/compute.js';
import {
  SECTIONS,
  TABLE2,
  TABLE3,
  TABLE4,
  reportTitle,
  table2Key,
  table3Key,
  table4Key,
  type AnswersFile,
  type Section,
} from '../report/template.js';
import { feeSentence, fieldParagraphs, numberText, preambleText, showsOwnHeading } from './format.js';

export interface MarkdownFindings {
  errors: { message: string }[];
  warnings: { message: string }[];
}

const JOIN = '·';

/** A Markdown table row; pipes inside a cell would split it, so they are escaped. */
const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
const ruler = (columns: number) => `| --- |${' ---: |'.repeat(columns - 1)}`;
const bold = (text: string) => `**${text}**`;

type Values = { file: AnswersFile; parsed: ParsedAnswers };
const num = ({ file, parsed }: Values, key: string) => numberText(file.answers, parsed, key);

function table2(values: Values): string[] {
  const width = Math.max(...TABLE2.blocks.map((b) => b.columns.length));
  const pad = (cells: string[]) => [...cells, ...Array(width + 1 - cells.length).fill('')];
  const [first, ...rest] = TABLE2.blocks;
  const out = [line([TABLE2.contentHeader, ...first.columns.map((c) => c.label)]), ruler(width + 1)];
  for (const block of [first, ...rest]) {
    out.push(line(pad([bold(block.heading)])));
    if (block !== first)
      out.push(line(pad([TABLE2.contentHeader, ...block.columns.map((c) => c.label)].map(bold))));
    for (const row of block.rows)
      out.push(line(pad([row.label, ...block.columns.map((c) => num(values, table2Key(row.id, c.id)))])));
  }
  return out;
}

function table3(values: Values): string[] {
  const columns = TABLE3.columns as { id: string; label: string; group?: string }[];
  const headers = columns.map((c) => (c.group ? `${c.group}${JOIN}${c.label}` : c.label));
  const out = [TABLE3.note, '', line(['', ...headers]), ruler(columns.length + 1)];
  let printedTop = '';
  for (const row of TABLE3.rows) {
    // The outermost parent (三、本年度办理结果) gets a row of its own; inner groups prefix the row label.
    const [top, ...inner] = row.parents;
    if (top && top !== printedTop) out.push(line([bold(top), ...columns.map(() => '')]));
    printedTop = top ?? '';
    const label = [...inner, row.label].join(JOIN);
    out.push(line([label, ...columns.map((c) => num(values, table3Key(row.id, c.id)))]));
  }
  return out;
}

function table4(values: Values): string[] {
  const out = [line(['', ...TABLE4.columns.map((c) => c.label)]), ruler(TABLE4.columns.length + 1)];
  for (const group of TABLE4.groups) {
    const label = group.parent ? `${group.parent}${JOIN}${group.label}` : group.label;
    out.push(line([label, ...TABLE4.columns.map((c) => num(values, table4Key(group.id, c.id)))]));
  }
  return out;
}

function section(s: Section, values: Values): string[] {
  const out = [`## ${s.heading}`, ''];
  if (s.id === 's6') {
    const fee = feeSentence(values.file, values.parsed);
    if (fee) out.push(fee, '');
  }
  for (const field of s.texts) {
    const paragraphs = fieldParagraphs(values.file.answers, s, field);
    if (showsOwnHeading(field, paragraphs)) out.push(`### ${field.heading}`, '');
    for (const p of paragraphs) out.push(p, '');
  }
  if (s.table === 't2') out.push(...table2(values), '');
  if (s.table === 't3') out.push(...table3(values), '');
  if (s.table === 't4') out.push(...table4(values), '');
  return out;
}

function findingsBlock(findings: MarkdownFindings): string[] {
  const out = ['## 检查结果', ''];
  if (!findings.errors.length && !findings.warnings.length)
    return [...out, '检查通过：没有发现错误或提醒。', ''];
  const list = (title: string, items: { message: string }[]) =>
    items.length ? [bold(`${title}（${items.length}）`), '', ...items.map((i) => `- ${i.message}`), ''] : [];
  return [...out, ...list('错误', findings.errors), ...list('提醒', findings.warnings)];
}

/** Renders the report as Markdown, optionally followed by the checker's findings. */
export function renderMarkdown(file: AnswersFile, options?: { findings?: MarkdownFindings }): string {
  const values: Values = { file, parsed: parseAnswers(file.answers) };
  const out = [`# ${reportTitle(file.unit, file.year)}`, '', preambleText(file), ''];
  for (const s of SECTIONS) out.push(...section(s, values));
  if (options?.findings) out.push(...findingsBlock(options.findings));
  return out.join('\n').trimEnd() + '\n';
}
