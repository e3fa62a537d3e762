/**
 * What changed between two submissions, as an approver reads it: every table cell whose printed value changed
 * (computed totals included, since that is what the Word file shows), every fee figure, and every text with
 * the changed passage and a little context around it. Order follows the printed report.
 */
import { parseAnswers } from '../report/compute.js';
import { labelOf } from '../report/finding.js';
import {
  FEE_FIELDS,
  TABLE_CELLS,
  TEXT_FIELDS,
  sectionOfKey,
  type Answers,
  type SectionId,
} from '../report/template.js';
import { numberText, paragraphsOf, textAnswer } from '../render/format.js';

export interface CellChange {
  kind: 'cell';
  key: string;
  section: SectionId | undefined;
  label: string;
  /** printed values; '' is a blank cell */
  before: string;
  after: string;
  computed: boolean;
}

/** One changed passage of a text: what was there, what is there now, and the unchanged words around it. */
export interface TextEdit {
  before: string;
  after: string;
  contextBefore: string;
  contextAfter: string;
}

export interface TextChange {
  kind: 'text';
  key: string;
  section: SectionId | undefined;
  label: string;
  edits: TextEdit[];
}

export type Change = CellChange | TextChange;

/** Characters of unchanged text shown on each side of a change. */
const CONTEXT = 12;

/** Every change from `before` to `after`, in the order of the printed report. */
export function diffAnswers(before: Answers, after: Answers): Change[] {
  const pb = parseAnswers(before);
  const pa = parseAnswers(after);
  const changes: Change[] = [];
  for (const field of TEXT_FIELDS) {
    const edits = diffText(textAnswer(before, field.key), textAnswer(after, field.key));
    if (edits.length)
      changes.push({
        kind: 'text',
        key: field.key,
        section: sectionOfKey(field.key),
        label: labelOf(field.key),
        edits,
      });
  }
  const numbers = [...TABLE_CELLS.map((c) => ({ key: c.key, computed: !!c.sumOf })), ...FEE_FIELDS];
  for (const n of numbers) {
    const b = numberText(before, pb, n.key);
    const a = numberText(after, pa, n.key);
    if (a !== b)
      changes.push({
        kind: 'cell',
        key: n.key,
        section: sectionOfKey(n.key),
        label: labelOf(n.key),
        before: b,
        after: a,
        computed: 'computed' in n && n.computed,
      });
  }
  const order = (c: Change) => ['s1', 's2', 's3', 's4', 's5', 's6'].indexOf(c.section ?? 's6');
  return changes.sort((x, y) => order(x) - order(y));
}

/**
 * The edits turning one text into another: paragraphs are matched first (a longest common subsequence, so an
 * inserted paragraph does not mark all the following ones as changed), then each changed stretch is trimmed
 * to the characters that differ.
 */
export function diffText(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = paragraphsOf(before);
  const b = paragraphsOf(after);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const edits: TextEdit[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length || added.length) edits.push(trimEdit(removed.join('\n'), added.join('\n')));
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i][j + 1] >= lcs[i + 1][j])) added.push(b[j++]);
    else removed.push(a[i++]);
  }
  flush();
  return edits;
}

/** Cuts the common start and end off a changed stretch, keeping a few characters of them as context. */
function trimEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  const prefix = before.slice(0, start);
  const suffix = before.slice(before.length - end);
  return {
    before: before.slice(start, before.length - end),
    after: after.slice(start, after.length - end),
    contextBefore: (prefix.length > CONTEXT ? '…' : '') + prefix.slice(-CONTEXT),
    contextAfter: suffix.slice(0, CONTEXT) + (suffix.length > CONTEXT ? '…' : ''),
  };
}
