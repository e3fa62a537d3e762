import { fail, type ApiResult } from './api-result.js';

/** One page of a list answer, in Feishu's shape. */
export interface Page<T> {
  items: T[];
  has_more: boolean;
  page_token?: string;
}

// The token is opaque to the caller, as Feishu's is; it also names the list it belongs to, so a token of one list
// used on another is refused instead of silently skipping items.
const encode = (list: string, offset: number): string =>
  Buffer.from(JSON.stringify({ l: list, o: offset })).toString('base64url');

function decode(list: string, token: string): number | null {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { l?: unknown; o?: unknown };
    return t.l === list && Number.isInteger(t.o) && (t.o as number) >= 0 ? (t.o as number) : null;
  } catch {
    return null;
  }
}

/**
 * Cuts `all` into Feishu pages: `page_size` (default `def`, at most `max`, else 99992402 like Feishu's field
 * validation) and `page_token` from the previous page. Returns the page or the Feishu error.
 */
export function paginate<T>(
  all: T[],
  query: { page_size?: unknown; page_token?: unknown },
  o: { list: string; def: number; max: number },
): Page<T> | { error: ApiResult } {
  let size = o.def;
  if (query.page_size !== undefined && query.page_size !== '') {
    size = Number(query.page_size);
    if (!Number.isInteger(size) || size < 1 || size > o.max) {
      return { error: fail(99992402, `field validation failed: page_size must be between 1 and ${o.max}`) };
    }
  }
  let offset = 0;
  if (typeof query.page_token === 'string' && query.page_token) {
    const at = decode(o.list, query.page_token);
    if (at === null) return { error: fail(99992402, 'field validation failed: page_token is invalid') };
    offset = at;
  }
  const items = all.slice(offset, offset + size);
  const next = offset + size;
  return next < all.length
    ? { items, has_more: true, page_token: encode(o.list, next) }
    : { items, has_more: false };
}
