/**
 * Matching a section heading that the published report misprinted: a stray, missing or wrong character
 * (「四、政府信息公开行政复仪、行政诉讼情况」), measured as an edit distance on the normalised core.
 */
import { labelCore, nfkc } from './normalize.js';

/** Levenshtein distance; headings are short, so the plain two-row table is enough. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Reports put up to this many characters before a title: 「政府信息公开工作存在的主要问题…」. */
const MAX_PREFIX = 8;

/** The distance from `title` to the closest ending of `core` that leaves off at most MAX_PREFIX characters. */
export function suffixDistance(core: string, title: string): number {
  let best = Infinity;
  for (let k = 0; k <= Math.min(MAX_PREFIX, core.length); k++)
    best = Math.min(best, editDistance(core.slice(k), title));
  return best;
}

/**
 * How many misprinted characters a title tolerates: none for 「总体情况」 (too short to tell from other words),
 * one for the titles of 8 to 13 characters, two from 14 (「政府信息公开行政复议行政诉讼情况」).
 */
export function tolerance(title: string): number {
  return title.length >= 14 ? 2 : title.length >= 8 ? 1 : 0;
}

/**
 * The numbering in front of a heading, also misprinted: 「四、」, 「四」 without its 、, a wrong character before
 * the 、 (「囚、」), a stray mark before the numeral (「·四、」; not a word: 「表二：」 titles a table), or the 、 alone — never
 * the bracketed 「（一）」 of a sub-heading.
 */
const LOOSE_NUMBERING =
  /^#*\s*(?:[^\s\d\u4e00-\u9fff(]?[一二三四五六七八九十]{1,2}(?!\s*\))\s*[、.,．]?|[^\s\d(]\s*[、.,．]|[、.,．])\s*(.+)$/;

/** The core of a line that may be a heading (numbering, a trailing 「（…）」 and punctuation dropped). */
export function looseHeadingCore(text: string): string | undefined {
  const m = LOOSE_NUMBERING.exec(nfkc(text).trim());
  if (!m) return undefined;
  return labelCore(m[1].replace(/\([^()]*\)\s*$/, ''));
}

/** The one title of `titles` a line is a misprint of, or undefined (none, or two equally close). */
export function misprintedTitle<T extends { core: string }>(text: string, titles: T[]): T | undefined {
  const core = looseHeadingCore(text);
  if (!core || core.length > 30 || /\d/.test(core)) return undefined;
  let best: T | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const t of titles) {
    const allowed = tolerance(t.core);
    if (allowed === 0) continue;
    const d = suffixDistance(core, t.core);
    if (d > allowed) continue;
    if (d < bestDistance) [best, bestDistance, tie] = [t, d, false];
    else if (d === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}
