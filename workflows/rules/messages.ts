/**
 * Verdicts as structured explanations (issue 16.1). A rule's finding names a message — a `code`
 * and the `params` it used — and the text is rendered from a catalogue in the reader's language.
 * Each rule family keeps its catalogue beside its rules (`<family>.messages.ts`); the texts shared
 * by every family are here. Pure: no I/O.
 *
 * Params are stored in audit records and shown to reviewers: ids, dates, ages, counts and enums
 * only — never names, document numbers or free text about people.
 */

export const MESSAGE_LANGS = ['en', 'ar'] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

/** One param value: an id, a date, an age or count, an enum, or a list of them. */
export type Param = string | number | boolean | readonly (string | number)[];
export type Params = Readonly<Record<string, Param>>;

/** A code and the values it used; what a finding, a `toAllow` hint or an extra problem carries. */
export interface Message {
  readonly code: string;
  readonly params?: Params;
}

export interface Text {
  readonly en: string;
  readonly ar: string;
}

/**
 * Placeholders in a text: `{name}` renders the param as it is (joined with commas when a list);
 * `{name:term}` renders an enum through the shared vocabulary (`TERMS`), so `foster` reads
 * `foster` in English and `أسرة حاضنة` in Arabic.
 */
type PlaceholderNames<S extends string> = S extends `${string}{${infer P}}${infer R}` ? (P extends `${infer N}:${string}` ? N : P) | PlaceholderNames<R> : never;

const PLACEHOLDER = /\{([a-zA-Z0-9_]+)(?::(term))?\}/g;

/** The placeholder names of a text, sorted (the catalogue test compares English and Arabic). */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))].sort();
}

const catalogue = new Map<string, Text>();

/** Every registered code (family codes as `KP-XXX-NN.key`, shared ones as bare keys) and its texts. */
export const allMessages = (): ReadonlyMap<string, Text> => catalogue;

type ParamsArg<T extends string> = [PlaceholderNames<T>] extends [never] ? [params?: Params] : [params: Record<PlaceholderNames<T>, Param> & Params];

/**
 * Registers a family's catalogue and returns its message builder: `say('KP-AGE-04.single_method',
 * { methods: [...] })`. The compiler checks that the code exists and that every placeholder of
 * the English text has a param; the catalogue test checks the Arabic text has the same ones.
 */
export function messages<const C extends Readonly<Record<string, Text>>>(texts: C): <K extends keyof C & string>(code: K, ...params: ParamsArg<C[K]['en']>) => Message {
  for (const [code, text] of Object.entries(texts)) {
    if (catalogue.has(code) && catalogue.get(code) !== text) throw new Error(`message ${code} is declared twice`);
    catalogue.set(code, text);
  }
  return (code, ...[params]) => (params && Object.keys(params).length ? { code, params } : { code });
}

/** The rule-less part of a code: `KP-CHILD-01.not_a_child` -> `not_a_child`. */
const keyOf = (code: string): string => code.slice(code.indexOf('.') + 1);

/** The texts of a code: the family's own, else the shared text for its key. */
export function textOf(code: string): Text | undefined {
  return catalogue.get(code) ?? (code.includes('.') ? catalogue.get(keyOf(code)) : undefined);
}

/**
 * A message's code as a verdict of `rule` carries it: shared keys (`not_a_child`) become
 * `<rule>.not_a_child`, so a code always says which rule and which outcome.
 */
export const qualify = (rule: string, code: string): string => (code.includes('.') ? code : `${rule}.${code}`);

const LIST_SEPARATOR: Record<MessageLang, string> = { en: ', ', ar: '، ' };
/** Joins the texts of several problems found at once. */
export const PART_SEPARATOR: Record<MessageLang, string> = { en: '; ', ar: '؛ ' };

/** Enum values that appear in messages, in both languages. Values not listed render as they are. */
export const TERMS: Readonly<Record<string, Text>> = {};
const terms = TERMS as Record<string, Text>;

/** Adds enum values to the shared vocabulary (a family's catalogue file declares the ones it uses). */
export function defineTerms(entries: Readonly<Record<string, Text>>): void {
  for (const [value, text] of Object.entries(entries)) {
    const known = terms[value];
    if (known && (known.en !== text.en || known.ar !== text.ar)) throw new Error(`term ${value} is declared twice with different texts`);
    terms[value] = text;
  }
}

function renderParam(value: Param | undefined, lang: MessageLang, asTerm: boolean): string {
  if (value === undefined) return '?';
  const one = (v: string | number | boolean) => (asTerm && typeof v === 'string' ? (terms[v]?.[lang] ?? v) : String(v));
  return Array.isArray(value) ? value.map(one).join(LIST_SEPARATOR[lang]) : one(value as string | number | boolean);
}

/** A message rendered in `lang`; an unknown code renders as the code itself (never thrown: records outlive codes). */
export function render(message: Message, lang: MessageLang): string {
  const text = textOf(message.code);
  if (!text) return message.code;
  return text[lang].replace(PLACEHOLDER, (_all, name: string, kind?: string) => renderParam(message.params?.[name], lang, kind === 'term'));
}

/** Several messages rendered and joined (a refusal that names everything missing at once). */
export const renderAll = (list: readonly Message[], lang: MessageLang): string => list.map((m) => render(m, lang)).join(PART_SEPARATOR[lang]);

/** The language asked for by an Accept-Language header: Arabic when the first preference is Arabic. */
export function messageLangOf(acceptLanguage: string | undefined): MessageLang {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((t) => t.tag && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of tags) {
    if (tag.startsWith('ar')) return 'ar';
    if (tag.startsWith('en') || tag === '*') return 'en';
  }
  return 'en';
}

/** The texts every family uses. Family catalogues may override one for a rule (`KP-XXX-NN.key`). */
export const say = messages({
  not_a_child: { en: 'the person is not a child', ar: 'الشخص ليس طفلاً' },
  deferred: { en: 'decided on the command data when it is sent', ar: 'يُبتّ فيه على بيانات الأمر عند إرساله' },
  confirmed_by_second: { en: 'confirmed by a second {role:term}', ar: 'أكّده موافق ثانٍ بصفة {role:term}' },
  second_approver: { en: 'a second approver holding {role:term}', ar: 'موافق ثانٍ يحمل دور {role:term}' },
  justification: { en: 'a written justification (10 characters or more)', ar: 'تعليل مكتوب (عشرة أحرف أو أكثر)' },
  approved_bid: { en: 'an approved BID', ar: 'قرار معتمد بتحديد المصلحة الفضلى' },
  current_bia: { en: 'a completed, current best-interests assessment (BIA)', ar: 'تقييم مكتمل وساري المفعول للمصلحة الفضلى' },
});

defineTerms({
  caseworker: { en: 'caseworker', ar: 'مسؤول حالة' },
  supervisor: { en: 'supervisor', ar: 'مشرف' },
  bid_panel: { en: 'BID panel', ar: 'لجنة تحديد المصلحة الفضلى' },
  legal_officer: { en: 'legal officer', ar: 'موظف قانوني' },
  reviewer: { en: 'reviewer', ar: 'مراجع' },
  data_protection_officer: { en: 'data protection officer', ar: 'مسؤول حماية البيانات' },
  policy: { en: 'policy officer', ar: 'موظف سياسات' },
  admin: { en: 'administrator', ar: 'مدير النظام' },
});
