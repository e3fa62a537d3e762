/**
 * The deadline of a report year. 条例 art. 49: a department publishes the past year's report by 31 January;
 * the date does not move when it falls in a holiday (report-format.md §5). Times are Beijing time (UTC+8,
 * no daylight saving), written with an explicit offset so they never depend on the server's zone.
 */

/** Beijing time has had no daylight saving since 1991, so a fixed offset is exact. */
export const SHANGHAI_OFFSET = '+08:00';

/** 31 January 23:59 (Asia/Shanghai) of the year after the report year, as ISO 8601 with offset. */
export function defaultDeadline(year: number): string {
  return `${year + 1}-01-31T23:59:00${SHANGHAI_OFFSET}`;
}

/**
 * 31 March 23:59 (Asia/Shanghai) of the year after the report year: 条例 art. 49 has the 本级政府 publish its
 * own report, compiled from its departments', by then (src/consolidated).
 */
export function consolidatedDeadline(year: number): string {
  return `${year + 1}-03-31T23:59:00${SHANGHAI_OFFSET}`;
}

/**
 * Reads a deadline as an admin writes it: `2027-01-31` (the end of that day, 23:59 Beijing time),
 * `2027-01-31 18:00`, or a full ISO time with offset. Returns ISO with offset, or undefined when unreadable.
 */
export function normalizeDeadline(text: string): string | undefined {
  const t = text.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (day) return validOrUndefined(`${t}T23:59:00${SHANGHAI_OFFSET}`);
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(t);
  if (local) return validOrUndefined(`${local[1]}T${local[2]}:${local[3]}:00${SHANGHAI_OFFSET}`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(t)) return validOrUndefined(t);
  return undefined;
}

function validOrUndefined(iso: string): string | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2027-02-30 over to March; a date that does not round-trip is not a real date.
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return iso;
}

/** `2027年1月31日 23:59`, in Beijing time, for cards. */
export function formatDeadline(iso: string): string {
  const ms = Date.parse(iso);
  const bj = new Date(ms + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${bj.getUTCFullYear()}年${bj.getUTCMonth() + 1}月${bj.getUTCDate()}日 ` +
    `${pad(bj.getUTCHours())}:${pad(bj.getUTCMinutes())}`
  );
}
