/**
 * The contact lines of the preamble are printed as typed (「联系电话：…，邮编：…」), so what is not a post code
 * or a phone number must not get in: 邮编 「abc」 would be published. Generous to real formats:
 * 0517-83606185, (0517)83606185, 0517-83606185 转 8001, +86 10 1234 5678, 12345, several numbers with 、,
 * 「0517-83606185（兼传真）」.
 */
export type ContactValue = { ok: true; value: string } | { ok: false; message: string };

const FULL_WIDTH_DIGIT = /[０-９]/g;
const halfWidth = (text: string) =>
  text.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** Digits, separators, brackets, a country code, an extension word, and a separator between numbers. */
const PHONE = /^(?:[0-9\s\-－–—‐()（）+＋、，,;；/]|转|分机|内线|或|兼?传真|ext\.?|x)+$/i;

/** 12345 (the citizens' hotline) is the shortest number a contact line prints. */
const PHONE_MIN_DIGITS = 5;

/** The keys this module checks. */
export const CONTACT_KEYS: ReadonlySet<string> = new Set(['meta.postcode', 'meta.phone']);

/** Checks a contact line that has a format (post code, phone); other keys pass unchanged. */
export function parseContact(key: string, text: string): ContactValue {
  if (key === 'meta.postcode') {
    // Six digits; spaces and full-width digits are how people type them, not errors.
    const value = halfWidth(text).replace(/\s+/g, '');
    if (/^[0-9]{6}$/.test(value)) return { ok: true, value };
    return { ok: false, message: '邮编应是 6 位数字，例如 223001' };
  }
  if (key === 'meta.phone') {
    const digits = halfWidth(text).replace(/[^0-9]/g, '').length;
    if (PHONE.test(halfWidth(text)) && digits >= PHONE_MIN_DIGITS) return { ok: true, value: text };
    return {
      ok: false,
      message: '电话只能写号码，例如 0517-83606185、0517-83606185 转 8001 或 12345；几个号码之间用「、」隔开',
    };
  }
  return { ok: true, value: text };
}
