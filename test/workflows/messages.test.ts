import { describe, expect, it } from 'vitest';
import { RULES } from '../../workflows/rules/registry.ts';
import { allMessages, messageLangOf, placeholdersOf, render, TERMS } from '../../workflows/rules/messages.ts';
import { localizeVerdicts, storedVerdict } from '../../workflows/rules/explain.ts';
import { World, caseworker, facts, newCase } from '../support/builders.ts';

/** Latin letters left in an Arabic text once its placeholders are taken out. */
const latinIn = (text: string): string[] => text.replace(/\{[^}]*\}/g, '').match(/[A-Za-z]+/g) ?? [];
const ids = new Set<string>(RULES.map((r) => r.id));

describe('message catalogues (issue 16.1)', () => {
  it('every code has an English and an Arabic text with the same placeholders, and the Arabic is Arabic', () => {
    expect(allMessages().size).toBeGreaterThan(0);
    for (const [code, text] of allMessages()) {
      expect(text.en.trim(), code).not.toBe('');
      expect(text.ar.trim(), code).not.toBe('');
      expect(placeholdersOf(text.ar), code).toEqual(placeholdersOf(text.en));
      expect(latinIn(text.ar), code).toEqual([]);
      expect(text.ar, code).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it("a family code names a rule of the catalogue; shared codes have no rule", () => {
    for (const code of allMessages().keys()) {
      if (code.includes('.')) expect(ids.has(code.slice(0, code.indexOf('.'))), code).toBe(true);
    }
  });

  it('every term of the vocabulary has both languages, the Arabic in Arabic', () => {
    for (const [value, text] of Object.entries(TERMS)) {
      expect(text.en, value).not.toBe('');
      expect(latinIn(text.ar), value).toEqual([]);
    }
  });

  it('renders params, terms and lists in the asked language', () => {
    const m = { code: 'KP-AGE-04.single_method', params: { methods: ['wrist_xray'] } };
    expect(render(m, 'en')).toBe('a single method (wrist X-ray) cannot decide an age: a holistic, multidisciplinary assessment is required');
    expect(render(m, 'ar')).toBe('لا يكفي أسلوب واحد (تصوير المعصم بالأشعة) للبتّ في العمر: يلزم تقييم شامل متعدد التخصصات');
    // A shared key under a rule's code renders with the shared text.
    expect(render({ code: 'KP-CHILD-01.not_a_child' }, 'ar')).toBe('الشخص ليس طفلاً');
    // A code a later version no longer knows renders as itself rather than failing a page.
    expect(render({ code: 'KP-XXX-99.gone' }, 'ar')).toBe('KP-XXX-99.gone');
  });

  it('reads the language from Accept-Language, preferences weighed', () => {
    expect(messageLangOf('ar')).toBe('ar');
    expect(messageLangOf('ar-EG,en;q=0.8')).toBe('ar');
    expect(messageLangOf('fr, en;q=0.5, ar;q=0.9')).toBe('ar');
    expect(messageLangOf('en-GB,ar;q=0.5')).toBe('en');
    expect(messageLangOf(undefined)).toBe('en');
  });

  it('a stored verdict keeps code and params, not the text; an old one keeps its reason; readers get their language', () => {
    const coded = { rule: 'KP-AGE-04', ok: false, severity: 'block' as const, code: 'KP-AGE-04.medical_only', reason: 'x', toAllow: [{ code: 'KP-AGE-04.allow_methods' }] };
    const stored = storedVerdict(coded);
    expect(stored).not.toHaveProperty('reason');
    const old = { rule: 'KP-AGE-04', ok: false, severity: 'block', reason: 'medical methods alone cannot decide an age' };
    expect(storedVerdict(old)).toEqual(old);
    const [ar, legacy] = localizeVerdicts([stored, old], 'ar');
    expect(ar).toMatchObject({ reason: 'لا تكفي الأساليب الطبية وحدها للبتّ في العمر: أضِف مقابلة أو وثائق أو أدلة نفسية اجتماعية', toAllow: [{ code: 'KP-AGE-04.allow_methods', text: 'أسلوبان للتقييم على الأقل، لا تكون كلها طبية' }] });
    expect(legacy).toBe(old);
    // A proof bundle's record in the form the log hashes is left as stored (a derived reason would break its hash).
    const bundle = { records: [{ seq: 1, hashed: { verdicts: [stored] } }] };
    expect(localizeVerdicts(bundle, 'ar')).toBe(bundle);
  });

  it('every verdict of a converted family renders completely in both languages (no placeholder left)', () => {
    const w = new World();
    w.add(newCase('p1', facts({ dob: { exact: '2000-01-01' }, sex: 'male' })));
    const d = w.send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents'], dateOfBirth: { earliest: '2007-06-01', latest: '2009-06-01', method: 'holistic', confidence: 'medium' }, assessors: ['A', 'B'] });
    const verdicts = d.kind === 'refused' ? d.failed : [];
    expect(verdicts.length).toBeGreaterThan(0);
    for (const lang of ['en', 'ar'] as const) for (const v of localizeVerdicts(verdicts, lang)) expect(v.reason).not.toMatch(/[{}?]/);
  });
});
