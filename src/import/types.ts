/** The shapes every reader of a published report shares. */
import type { AnswersFile } from '../report/template.js';

/** What import gives the command line: the answers, every cell it could not read, and remarks for the clerk. */
export interface ImportResult {
  /** answers keyed by canonical keys; numbers as JSON numbers, printed totals of computed cells included */
  file: AnswersFile;
  /** every table cell that could not be read, with the reason in Chinese */
  unread: { key: string; reason: string }[];
  /** remarks in Chinese: old format, collapsed rows, rows matched by position … */
  notes: string[];
  format: 'docx' | 'word-text' | 'pdftotext' | 'tabular' | 'unknown';
}

/**
 * One line of the source. `cells` is set when the line is a table row whose cells are known
 * (a .docx table row, a tab- or `|`-separated line); `indent` counts leading spaces (pdftotext paragraphs).
 */
export interface SourceLine {
  text: string;
  indent: number;
  cells?: string[];
}

/** A cell as printed: a number, a blank (empty, 「-」), or words where a number should be. */
export type PrintedValue =
  | { kind: 'number'; value: number; printed: string }
  | { kind: 'blank'; printed: string }
  | { kind: 'text'; printed: string };

/** A table row as a reader found it, before it is matched to a row of the official table. */
export interface RawRow {
  /** the row's own label text (may be empty when the extractor lost it) */
  label: string;
  /** label plus the label-only lines around it (pdftotext wraps labels above and below the numbers) */
  context: string;
  values: PrintedValue[];
  /** empty cells at the end of the label cells: blank value cells when the row has too few values */
  spareBlanks: number;
  /** where the positions of the values are known (separated cells) rather than guessed from spacing */
  cellsKnown: boolean;
  /**
   * Set when the values were printed with nothing between them, as a browser gives a web page's table copied as
   * text: `glued` to the label (「…申请数量4520000047」, 「…数量26-----26」), or one digit run `alone` after a
   * space or on its own line. Each number of `values` may then hold several cells (see split-runs.ts).
   */
  joined?: 'glued' | 'alone';
  /** index of the source line, for ordering */
  line: number;
}
