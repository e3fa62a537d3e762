/**
 * Label matching shared by every reader. Published reports print the official labels with other spacing,
 * half- or full-width brackets, other quotes, 「1、」 for 「1.」 and OCR slips, so labels are compared on a
 * normalised core, by how much of the official label the printed text contains (longest common subsequence).
 */
import type { PrintedValue } from './types.js';

/** NFKC turns full-width digits, brackets and colons into ASCII, which makes every later regex simpler. */
export function nfkc(text: string): string {
  return text.normalize('NFKC');
}

const NUMBERING = [/\(\s*[一二三四五六七八九十]+\s*\)/g, /[一二三四五六七八九十]+\s*、/g, /\d+\s*[.、]/g];

/** The label without numbering, spaces, punctuation or quotes: 「3.危及“三安全一稳定”」 → 「危及三安全一稳定」. */
export function labelCore(text: string): string {
  let out = nfkc(text);
  for (const re of NUMBERING) out = out.replace(re, '');
  return out.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Length of the longest common subsequence: tolerant of wrapped, split and slightly misspelt labels. */
export function lcs(a: string, b: string): number {
  if (!a || !b) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** How much of the official label `core` the printed text contains, 0…1. */
export function recall(printedCore: string, core: string): number {
  return core ? lcs(printedCore, core) / core.length : 0;
}

/** The item number a label starts a sub-row with: 「（六）1.申请人…」, 「1、申请人…」 → 1. */
export function itemNumber(label: string): number | undefined {
  const m = /(?:^|[^\d])(\d)\s*[.、]/.exec(nfkc(label));
  return m ? Number(m[1]) : undefined;
}

const CHINESE_ORDINALS = '一二三四五六七八九十';

/** The result group a label names: 「（三）不予公开」 → 3. */
export function groupNumber(label: string): number | undefined {
  const m = /\(\s*([一二三四五六七八九十])\s*\)/.exec(nfkc(label));
  return m ? CHINESE_ORDINALS.indexOf(m[1]) + 1 : undefined;
}

/** The ordinal of 「（三）」 or 「三、」. */
export function chineseOrdinal(numeral: string): number {
  return CHINESE_ORDINALS.indexOf(numeral) + 1;
}

const NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const NUMBER_WITH_NOTE = /^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*\(.*\)$/;
const BLANK = /^[-—–−/]*$/;

/** A printed cell: 「447228」, 「59237.2449」, 「22（其中修订 16 件）」 (a number with a remark), 「-」 or words. */
export function printedValue(raw: string): PrintedValue {
  const printed = raw.trim();
  const text = nfkc(printed).replace(/\s+/g, ' ');
  if (NUMBER.test(text)) return { kind: 'number', value: Number(text.replace(/,/g, '')), printed };
  const noted = NUMBER_WITH_NOTE.exec(text);
  if (noted) return { kind: 'number', value: Number(noted[1].replace(/,/g, '')), printed };
  if (BLANK.test(text.replace(/\s/g, ''))) return { kind: 'blank', printed };
  return { kind: 'text', printed };
}

/** A bare number token of pdftotext output (no remarks: those only occur in separated cells). */
export function isNumberToken(token: string): boolean {
  return NUMBER.test(nfkc(token));
}

/** 「-3-」, 「— 3 —」: page numbers, which pdftotext leaves between table rows. */
export function isPageNumber(text: string): boolean {
  return /^[-—–－]\s*\d+\s*[-—–－]$/.test(text.trim());
}
