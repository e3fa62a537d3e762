/**
 * The report as one self-contained HTML page, ready to publish: UTF-8, a <title>, inline CSS and nothing
 * loaded from elsewhere; the title, the preamble and the six sections in the official order, and tables 二, 三
 * and 四 as real <table> elements merged exactly like the Word file's (both walk table-grid.ts). Each table sits
 * in a wrapper that scrolls sideways, so the page reads on a 390 px phone without squeezing the tables.
 */
import { parseAnswers, type ParsedAnswers } from '../report/compute.js';
import { SECTIONS, reportTitle, type AnswersFile, type Section, type TableId } from '../report/template.js';
import { feeSentence, fieldParagraphs, preambleText, showsOwnHeading, titleLines } from './format.js';
import { escapeHtml } from './html-escape.js';
import { htmlTable } from './html-table.js';
import { table2Grid, table3Grid, table4Grid, type TableGrid } from './table-grid.js';

/** 公文 typefaces with what Windows, macOS and Linux have instead, the same roles as the Word file's fonts. */
const TITLE_FONT =
  '"方正小标宋简体","FZXiaoBiaoSong-B05S","宋体","SimSun","Songti SC","Noto Serif CJK SC",serif';
const HEADING_FONT = '"黑体","SimHei","Heiti SC","Noto Sans CJK SC",sans-serif';
const SUBHEADING_FONT = '"楷体","KaiTi","STKaiti","Kaiti SC",serif';
const BODY_FONT = '"仿宋","FangSong","STFangsong","Noto Serif CJK SC",serif';
const TABLE_FONT = '"宋体","SimSun","Songti SC","Noto Serif CJK SC",serif';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#000}
.report{max-width:820px;margin:0 auto;padding:32px 20px 48px;font-family:${BODY_FONT};font-size:18px;line-height:1.8}
.report h1{font-family:${TITLE_FONT};font-size:26px;font-weight:bold;line-height:1.5;text-align:center;margin:0 0 28px}
.report h2{font-family:${HEADING_FONT};font-size:18px;font-weight:normal;margin:20px 0 4px;text-indent:2em}
.report h3{font-family:${SUBHEADING_FONT};font-size:18px;font-weight:normal;margin:4px 0;text-indent:2em}
.report p{margin:0;text-indent:2em;text-align:justify;overflow-wrap:anywhere}
.report .table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:12px 0 20px}
.report table{font-family:${TABLE_FONT}}
@media (max-width:480px){.report{padding:20px 12px 32px;font-size:16px}.report h1{font-size:22px}.report h2,.report h3{font-size:16px}}
@media print{.report{max-width:none;padding:0}.report .table-wrap{overflow:visible}}
`.trim();

type Values = { answers: AnswersFile['answers']; parsed: ParsedAnswers };

function gridOf(id: TableId, values: Values): TableGrid {
  if (id === 't2') return table2Grid(values);
  if (id === 't3') return table3Grid(values);
  return table4Grid(values);
}

const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`;

function sectionHtml(section: Section, file: AnswersFile, parsed: ParsedAnswers): string {
  const parts = [`<h2>${escapeHtml(section.heading)}</h2>`];
  if (section.id === 's6') {
    const fee = feeSentence(file, parsed);
    if (fee) parts.push(paragraph(fee));
  }
  for (const field of section.texts) {
    const paragraphs = fieldParagraphs(file.answers, section, field);
    if (showsOwnHeading(field, paragraphs)) parts.push(`<h3>${escapeHtml(field.heading)}</h3>`);
    parts.push(...paragraphs.map(paragraph));
  }
  if (section.table)
    parts.push(
      `<div class="table-wrap">\n${htmlTable(gridOf(section.table, { answers: file.answers, parsed }))}\n</div>`,
    );
  return `<section>\n${parts.join('\n')}\n</section>`;
}

/** Renders the report as a self-contained HTML page (UTF-8, inline CSS, tables in the official layout). */
export function renderHtml(file: AnswersFile): string {
  const parsed = parseAnswers(file.answers);
  const title = reportTitle(file.unit, file.year);
  const h1 = titleLines(file.unit, file.year).map(escapeHtml).join('<br />');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<article class="report">
<h1>${h1}</h1>
${paragraph(preambleText(file))}
${SECTIONS.map((s) => sectionHtml(s, file, parsed)).join('\n')}
</article>
</body>
</html>
`;
}
