/**
 * The report as a Word file in the official layout: A4 with the margins of GB/T 9704, the title centred,
 * the preamble, the six sections with their headings, texts indented two characters, and the three
 * statistics tables with the merged headers of the 2021 format. One <w:tbl> per official table.
 */
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type Table,
} from 'docx';
import { parseAnswers, type ParsedAnswers } from '../report/compute.js';
import { SECTIONS, reportTitle, type AnswersFile, type Section, type TableId } from '../report/template.js';
import { checkWordFile } from './docx-check.js';
import { FONTS, SIZES, titleFont } from './docx-fonts.js';
import { docxTable } from './docx-table.js';
import { feeSentence, fieldParagraphs, preambleText, showsOwnHeading, titleLines } from './format.js';
import { table2Grid, table3Grid, table4Grid } from './table-grid.js';

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (value: number) => Math.round(value * TWIPS_PER_MM);

/** 公文 body text runs on a fixed 28 pt line (22 lines per page at 三号). */
const BODY_SPACING = { line: 560, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
/** Two characters of first-line indent: in characters for Word, and in twips for readers that ignore those. */
const INDENT = { firstLineChars: 200, firstLine: SIZES.body * 2 * 20 };

function bodyParagraph(text: string, font = FONTS.body): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: BODY_SPACING,
    indent: INDENT,
    children: [new TextRun({ text, font, size: SIZES.body * 2 })],
  });
}

function headingParagraph(text: string, level: 0 | 1): Paragraph {
  return new Paragraph({
    spacing: BODY_SPACING,
    indent: INDENT,
    outlineLevel: level,
    keepNext: true,
    children: [
      new TextRun({ text, font: level === 0 ? FONTS.heading : FONTS.subHeading, size: SIZES.body * 2 }),
    ],
  });
}

/** Under the title of a draft (预览 Word before 提交审核): nobody may take it for the approved report. */
export const DRAFT_NOTE = '（草稿，未经审核，仅供核对）';

function draftParagraph(): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 560, line: 560, lineRule: LineRuleType.EXACT },
    children: [
      new TextRun({ text: DRAFT_NOTE, font: FONTS.subHeading, size: SIZES.body * 2, color: 'C00000' }),
    ],
  });
}

function titleParagraph(unit: string, year: number): Paragraph {
  const lines = titleLines(unit, year);
  const { font, bold } = titleFont();
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 560, line: 700, lineRule: LineRuleType.EXACT },
    children: lines.map(
      (text, i) =>
        new TextRun({ text, break: i > 0 ? 1 : 0, font, size: SIZES.title * 2, ...(bold ? { bold } : {}) }),
    ),
  });
}

/** A little air between a table and the heading after it. */
const spacer = () => new Paragraph({ spacing: { before: 0, after: 0, line: 240 }, children: [] });

/**
 * Every table in 五号, the size the format expects. 表三 is the wide one: in portrait its seven number columns
 * are 13.1 mm, which holds six digits of Times New Roman 五号 (1.85 mm each) inside the cell margins, and its
 * 28 rows stay on one page (LibreOffice-checked with the 淮安 report), so it needs neither a landscape page nor
 * a smaller size; its long labels and the four-character column headings wrap inside their cells. 表四's fifteen
 * columns (10.4 mm) hold four digits, more than any report's 复议/诉讼 counts.
 */
function tableOf(id: TableId, file: AnswersFile, parsed: ParsedAnswers): Table {
  const values = { answers: file.answers, parsed };
  const fontSize = SIZES.table;
  if (id === 't2') return docxTable(table2Grid(values), { fontSize, minRowHeight: 7 });
  if (id === 't3') return docxTable(table3Grid(values), { fontSize });
  return docxTable(table4Grid(values), { fontSize, minRowHeight: 7 });
}

function sectionBlocks(section: Section, file: AnswersFile, parsed: ParsedAnswers): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [headingParagraph(section.heading, 0)];
  if (section.id === 's6') {
    const fee = feeSentence(file, parsed);
    if (fee) blocks.push(bodyParagraph(fee));
  }
  for (const field of section.texts) {
    const paragraphs = fieldParagraphs(file.answers, section, field);
    if (showsOwnHeading(field, paragraphs)) blocks.push(headingParagraph(field.heading, 1));
    blocks.push(...paragraphs.map((p) => bodyParagraph(p)));
  }
  if (section.table) blocks.push(tableOf(section.table, file, parsed), spacer());
  return blocks;
}

function footer(): Footer {
  // 公文 page numbers: 「— 1 —」 centred, 宋体 四号.
  const run = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, font: FONTS.pageNumber, size: 28 });
  return new Footer({
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [run(['— ', PageNumber.CURRENT, ' —'])] }),
    ],
  });
}

/**
 * Renders the report as a .docx file in the official layout (`draft`: marked 草稿 under the title); throws
 * BrokenWordFileError rather than return a file Word cannot open.
 */
export async function renderDocx(file: AnswersFile, options: { draft?: boolean } = {}): Promise<Buffer> {
  const parsed = parseAnswers(file.answers);
  const title = `${reportTitle(file.unit, file.year)}${options.draft ? '（草稿）' : ''}`;
  const doc = new Document({
    title,
    creator: file.unit,
    styles: { default: { document: { run: { font: FONTS.body, size: SIZES.body * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(20) },
          },
        },
        footers: { default: footer() },
        children: [
          titleParagraph(file.unit, file.year),
          ...(options.draft ? [draftParagraph()] : []),
          bodyParagraph(preambleText(file)),
          ...SECTIONS.flatMap((section) => sectionBlocks(section, file, parsed)),
        ],
      },
    ],
  });
  const bytes = await Packer.toBuffer(doc);
  // Never hand out a file Word cannot open: a BrokenWordFileError is logged and answered with an apology.
  await checkWordFile(bytes);
  return bytes;
}
