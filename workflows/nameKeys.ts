/**
 * Search keys for personal names, tolerant of Arabic and Latin spellings of the same name
 * (Mohammed, Muhammad, Mohamed, محمد). Pure: the case list's name index is built from these, and
 * an encrypted-name blind index can be built from the same keys (hash each key under a secret).
 *
 * Each name token gives two kinds of term:
 * - `raw`: the token folded (lower case, no diacritics, Arabic letters transliterated), for prefix search;
 * - `keys`: the canonical key of a known name (a small table of common variants), else a
 *   consonant skeleton (vowels dropped, doubled letters collapsed), which matches most
 *   transliterations of names not in the table.
 * A query token matches a name token when its own key is among the name token's keys.
 */

/** Arabic letters as they are commonly romanised; short vowels and tashkeel drop out (combining marks). */
const ARABIC: Readonly<Record<string, string>> = {
  'ا': 'a', 'أ': 'a', 'إ': 'i', 'آ': 'a', 'ٱ': 'a', 'ء': '', 'ئ': 'i', 'ؤ': 'u',
  'ب': 'b', 'ت': 't', 'ث': 'th', 'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r', 'ز': 'z',
  'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': '', 'غ': 'gh', 'ف': 'f', 'ق': 'q',
  'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'و': 'u', 'ي': 'i', 'ى': 'a', 'ة': 'a', 'ـ': '',
  'پ': 'p', 'چ': 'ch', 'ژ': 'zh', 'گ': 'g', 'ک': 'k', 'ی': 'i',
};

/**
 * Common names and their usual spellings (Latin variants and the Arabic form, folded). The first
 * spelling names the group. A spelling appears in one group only.
 */
const VARIANTS: ReadonlyArray<readonly string[]> = [
  ['mohammed', 'muhammad', 'mohamed', 'mohammad', 'muhammed', 'mohamad', 'muhamad', 'mohammet', 'mehmet', 'mhmd', 'muhamed', 'mouhamed', 'mouhammad', 'mohd', 'محمد'],
  ['ahmed', 'ahmad', 'ahmet', 'ehmed', 'أحمد', 'احمد'],
  ['mahmoud', 'mahmud', 'mahmood', 'mehmud', 'محمود'],
  ['fatima', 'fatimah', 'fatma', 'fatema', 'fatemeh', 'fatimeh', 'faatima', 'فاطمة', 'فاطمه'],
  ['aisha', 'aysha', 'ayesha', 'aicha', 'aishah', 'ayşe', 'ayse', 'aischa', 'عائشة', 'عايشة'],
  ['khadija', 'khadijah', 'khadeeja', 'khadidja', 'hatice', 'kadija', 'خديجة'],
  ['maryam', 'mariam', 'meryem', 'mariyam', 'maryem', 'مريم'],
  ['zainab', 'zaynab', 'zeinab', 'zeynep', 'zaineb', 'زينب'],
  ['yusuf', 'youssef', 'yousef', 'yousif', 'yusef', 'youcef', 'yussuf', 'يوسف'],
  ['ibrahim', 'ebrahim', 'ibraheem', 'ibrahem', 'brahim', 'إبراهيم', 'ابراهيم'],
  ['abdullah', 'abdallah', 'abdulla', 'abdellah', 'abdalla', 'عبدالله'],
  ['omar', 'umar', 'omer', 'عمر'],
  ['ali', 'aly', 'علي', 'على'],
  ['hassan', 'hasan', 'hasson', 'حسن'],
  ['hussein', 'husain', 'hussain', 'husein', 'hussien', 'hossein', 'huseyin', 'حسين'],
  ['khalid', 'khaled', 'halid', 'خالد'],
  ['mustafa', 'mostafa', 'moustafa', 'mustapha', 'مصطفى'],
  ['amina', 'aminah', 'ameena', 'emine', 'آمنة', 'امينة', 'أمينة'],
  ['hamza', 'hamzah', 'hamsa', 'حمزة'],
  ['noor', 'nour', 'nur', 'نور'],
  ['layla', 'leila', 'laila', 'leyla', 'ليلى'],
  ['salma', 'selma', 'سلمى'],
  ['safiya', 'safia', 'safiyya', 'صفية'],
  ['ismail', 'ismael', 'ismaeel', 'إسماعيل', 'اسماعيل'],
  ['abdulrahman', 'abdurrahman', 'abderrahmane', 'abdelrahman', 'عبدالرحمن'],
];

/** Lower case, no diacritics, Arabic letters romanised; anything else but letters and digits is a separator. */
export function foldName(text: string): string {
  const marksGone = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  let out = '';
  for (const ch of marksGone) out += ARABIC[ch] ?? ch;
  return out.replace(/ß/g, 'ss').replace(/ı/g, 'i');
}

/** The tokens of a text, folded. */
export function nameTokens(text: string): string[] {
  return foldName(text).split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

const GROUP_OF: ReadonlyMap<string, string> = new Map(
  VARIANTS.flatMap((group) => group.flatMap((v) => nameTokens(v).length === 1 ? [[nameTokens(v)[0]!, `g${group[0]}`] as const] : [])),
);

/**
 * A consonant skeleton: spellings that differ in vowels, doubled letters, a final h or the
 * usual digraph variants (ph/f, ck/k, q/k, ou/u) share one.
 */
export function skeleton(token: string): string {
  const t = token
    .replace(/ph/g, 'f')
    .replace(/ck|q|c(?!h)/g, 'k')
    .replace(/(?<=[aeiouy])h$/, '')
    .replace(/[aeiouyw]/g, '')
    .replace(/(.)\1+/g, '$1');
  // A name of vowels only (e.g. "aia"): keep it as folded rather than an empty key.
  return t.length > 0 ? `s${t}` : `s${token}`;
}

/** The key of one folded token: its group when it is a known name, else its skeleton. */
export function tokenKey(token: string): string {
  return GROUP_OF.get(token) ?? skeleton(token);
}

/** The search terms of a person's names (every name, given and family): what the name index holds. */
export function nameSearchTerms(names: ReadonlyArray<{ given: string; family?: string | undefined }>): { raw: string[]; keys: string[] } {
  const raw = [...new Set(names.flatMap((n) => nameTokens(`${n.given} ${n.family ?? ''}`)))];
  // A known name is indexed under its group and its skeleton, so an unlisted spelling of it
  // (searched by skeleton) still finds it.
  const keys = [...new Set(raw.flatMap((t) => (GROUP_OF.has(t) ? [GROUP_OF.get(t)!, skeleton(t)] : [skeleton(t)])))];
  return { raw, keys };
}

/** A search text's tokens, each with the key it must match (empty: nothing to search by name). */
export function nameQuery(text: string): Array<{ token: string; key: string }> {
  return nameTokens(text).slice(0, 8).map((token) => ({ token, key: tokenKey(token) }));
}
