/** File names people see in the zip and the chat: safe on Windows, macOS and Linux, short enough, never twice. */

// Reserved on Windows, or path separators; control characters cannot be in a unit name (printable.ts) but a
// round name written in a file could hold them.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
// Zip readers and Windows paths cope with this many characters of a name.
const MAX_CHARS = 120;

/** A name without characters a file system refuses, trimmed of dots and blanks, at most 120 characters. */
export function safeFileName(name: string): string {
  const clean = name
    .replace(UNSAFE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '');
  return [...clean].slice(0, MAX_CHARS).join('') || '年报';
}

/** Gives each base name once: the second 「县教育局…年度报告」 becomes 「县教育局…年度报告（2）」. */
export function uniqueNames(bases: string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(bases);
  return bases.map((base) => {
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n === 1) return base;
    let k = n;
    // 「A（2）」 might be another unit's own name: count on until free.
    while (taken.has(`${base}（${k}）`)) k++;
    const name = `${base}（${k}）`;
    taken.add(name);
    seen.set(base, k);
    return name;
  });
}
