/**
 * How a person is written where an admin names them (a spreadsheet cell, a config value): a name (张敏), a mobile
 * (13800000001, 138-0000-0001, +86 138 0000 0001), an e-mail, an open_id (ou_…, for scripts), or a name with an
 * identifier 「张敏（13800000001）」. Pure parsing: resolve.ts turns these into people through the directory.
 */

/** One person as written; `text` is the admin's own spelling, quoted back in problems. */
export type PersonRef =
  | { kind: 'name'; text: string; name: string }
  | { kind: 'mobile'; text: string; mobile: string; name?: string }
  | { kind: 'email'; text: string; email: string; name?: string }
  | { kind: 'openId'; text: string; openId: string; name?: string }
  | { kind: 'invalid'; text: string; problem: string };

/** A ref that names someone by an identifier (mobile, e-mail, open_id), with the name the admin wrote beside it. */
export type IdentifierRef = Extract<PersonRef, { kind: 'mobile' | 'email' | 'openId' }>;

/**
 * What separates people in one cell: 、 , ， ; ； / and line breaks. Spaces do not: Chinese documents pad
 * two-character names to three (「王  伟」), mobiles are grouped with spaces (+86 138 0000 0001), and minority or
 * foreign names contain them; an unmatched name with a space in it is told to use 、 instead (resolve.ts).
 */
const SEPARATORS = /[、,，;；/\n\r]+/;

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
/** E.164 allows at most 15 digits including the country code. */
const INTERNATIONAL_MOBILE = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@()<>,;:"]+@[^\s@()<>,;:"]+\.[^\s@()<>,;:".]+$/;
/** The same shape round-file.ts accepts: `ou_` + letters/digits, so test tenants work. */
const OPEN_ID = /^ou_[A-Za-z0-9]{1,64}$/;
/** Only digits and the marks people group phone numbers with. */
const PHONE_LIKE = /^\+?[\d\s\-().]+$/;

/** The cell's people, each as written (trimmed, empty parts dropped). */
export function splitPeople(cell: string): string[] {
  return cell
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Every person named in a cell. */
export function parsePeople(cell: string): PersonRef[] {
  return splitPeople(cell).map(parsePersonRef);
}

/**
 * A mainland mobile as 11 digits, any other with + and the country code (as the contact API wants them);
 * undefined when the text is not a mobile number.
 */
export function normalizeMobile(text: string): string | undefined {
  const compact = text.normalize('NFKC').replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;
  // 00 is how people dial abroad from China: 00852 … is +852 ….
  const dialled = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  let national = dialled;
  if (dialled.startsWith('+86')) national = dialled.slice(3);
  else if (dialled.startsWith('+')) return INTERNATIONAL_MOBILE.test(dialled) ? dialled : undefined;
  else if (dialled.length === 13 && dialled.startsWith('86')) national = dialled.slice(2);
  return MAINLAND_MOBILE.test(national) ? national : undefined;
}

/** How two spellings of a display name compare: full-width and half-width spaces do not count. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

type Identifier =
  | { kind: 'mobile'; mobile: string }
  | { kind: 'email'; email: string }
  | { kind: 'openId'; openId: string }
  | { kind: 'badNumber' }
  | undefined;

function identifier(text: string): Identifier {
  const t = text.normalize('NFKC').trim();
  if (OPEN_ID.test(t)) return { kind: 'openId', openId: t };
  // Addresses are case-insensitive in practice; one spelling keeps one lookup per person.
  if (t.includes('@')) return EMAIL.test(t) ? { kind: 'email', email: t.toLowerCase() } : undefined;
  if (PHONE_LIKE.test(t) && (t.match(/\d/g) ?? []).length >= 5) {
    const mobile = normalizeMobile(t);
    return mobile ? { kind: 'mobile', mobile } : { kind: 'badNumber' };
  }
  return undefined;
}

/** Feishu names may carry short digits (「王伟2」 for a namesake) or a note in brackets, never a phone number. */
function looksLikeName(text: string): boolean {
  return text.length > 0 && !text.includes('@') && !/\d{5,}/.test(text);
}

const HOW_TO_WRITE = '人员请写姓名、手机号或邮箱，重名时写成「张敏（13800000001）」';

function invalid(text: string, problem: string): PersonRef {
  return { kind: 'invalid', text, problem };
}

function withName(text: string, name: string | undefined, id: Identifier, idText: string): PersonRef {
  if (!id) return invalid(text, `「${text}」看不懂：${HOW_TO_WRITE}`);
  if (id.kind === 'badNumber') return badNumber(text, idText);
  const named = name ? { name } : {};
  return { ...id, text, ...named };
}

function badNumber(text: string, number: string): PersonRef {
  return invalid(
    text,
    `「${number}」不是手机号：中国大陆手机号是 1 开头的 11 位数字，其他国家和地区的手机号要写 + 和国家代码（如 +852 6123 4567）；也可以写邮箱或姓名`,
  );
}

/** One person as written in a cell or a config value. */
export function parsePersonRef(written: string): PersonRef {
  const text = written.trim();
  if (!text) return invalid(text, '人员是空的');
  const t = text.normalize('NFKC');

  // 「张敏（13800000001）」: the identifier decides, the name is checked against it (resolve.ts).
  const bracketed = /^(.*?)\s*\(\s*([^()]*?)\s*\)$/.exec(t);
  if (bracketed) {
    const [, outside, inside] = bracketed;
    const insideId = identifier(inside);
    if (insideId && looksLikeName(outside.trim())) return withName(text, outside.trim(), insideId, inside);
    if (insideId && !outside.trim()) return withName(text, undefined, insideId, inside);
    // Written the other way round: 「13800000001（张敏）」.
    const outsideId = identifier(outside);
    if (outsideId && looksLikeName(inside)) return withName(text, inside, outsideId, outside);
    // 「张敏（科长）」: some tenants put such notes in display names, so it is looked up as written (resolve.ts
    // explains brackets when no one has that name).
    if (looksLikeName(t)) return { kind: 'name', text, name: text };
    return invalid(text, `「${text}」看不懂：${HOW_TO_WRITE}`);
  }

  const id = identifier(t);
  if (id) return withName(text, undefined, id, t);

  // 「张敏 13800000001」, 「张敏13800000001」, 「张敏 zhangmin@x.gov.cn」: a name, then an identifier, no brackets.
  const pair = /^(\D*?[^\d\s+])\s*(\+?\d[\d\s\-().]*)$/.exec(t) ?? /^(.*?\S)\s+(\S+@\S+|ou_\S+)$/.exec(t);
  if (pair && looksLikeName(pair[1].trim())) {
    const rest = identifier(pair[2]);
    if (rest) return withName(text, pair[1].trim(), rest, pair[2].trim());
  }

  if (!looksLikeName(t)) return invalid(text, `「${text}」看不懂：${HOW_TO_WRITE}`);
  return { kind: 'name', text, name: text };
}

/**
 * The key under which a ref is resolved: refs that must resolve the same way share it, so a person named in
 * 200 rows is looked up once. The name beside an identifier is part of it: it is checked against the person.
 */
export function refKey(ref: PersonRef): string {
  const name = 'name' in ref && ref.name !== undefined ? `|${nameKey(ref.name)}` : '';
  switch (ref.kind) {
    case 'name':
      return `n:${nameKey(ref.name)}`;
    case 'mobile':
      return `m:${ref.mobile}${name}`;
    case 'email':
      return `e:${ref.email}${name}`;
    case 'openId':
      return `o:${ref.openId}${name}`;
    case 'invalid':
      return `x:${ref.text}`;
  }
}

/** What a person's contact details look like in a cell: 「张敏（13800000001）」, so reading it back finds them. */
export function formatPersonRef(p: {
  openId: string;
  name?: string;
  mobile?: string;
  email?: string;
}): string {
  const id = p.mobile ?? p.email;
  if (p.name && id) return `${p.name}（${id}）`;
  return p.name || id || p.openId;
}
