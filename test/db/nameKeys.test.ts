import { describe, expect, it } from 'vitest';
import { foldName, nameQuery, nameSearchTerms, skeleton, tokenKey } from '../../workflows/nameKeys.ts';

/** A query token finds a name when its key is among the name's keys (what the FTS5 index matches). */
const finds = (query: string, given: string, family = '') => {
  const { keys } = nameSearchTerms([{ given, family }]);
  return nameQuery(query).every((q) => keys.includes(q.key));
};

describe('name search keys: Arabic and Latin spellings of one name share a key', () => {
  it.each([
    ['Mohammed', ['Muhammad', 'Mohamed', 'Mohammad', 'Muhammed', 'محمد', 'Mohamad']],
    ['Fatima', ['Fatimah', 'Fatma', 'فاطمة', 'Fatemeh']],
    ['Aisha', ['Aysha', 'Ayesha', 'Aicha', 'عائشة']],
    ['Yusuf', ['Youssef', 'Yousef', 'يوسف']],
    ['Khadija', ['Khadijah', 'Khadeeja', 'خديجة']],
    ['Ibrahim', ['Ebrahim', 'Ibraheem', 'إبراهيم']],
    ['Zainab', ['Zaynab', 'Zeinab', 'زينب']],
  ])('%s', (name, variants) => {
    for (const v of variants) {
      expect(finds(v, name), `${v} -> ${name}`).toBe(true);
      expect(finds(name, v), `${name} -> ${v}`).toBe(true);
    }
  });

  it('distinct names stay apart: Mohammed is not Mahmoud, Fatima is not Fadia, Ali is not Alia', () => {
    expect(finds('Mohammed', 'Mahmoud')).toBe(false);
    expect(finds('Mahmoud', 'Mohammed')).toBe(false);
    expect(finds('Fatima', 'Fadia')).toBe(false);
    expect(finds('Ali', 'Amal')).toBe(false);
  });

  it('names outside the table match by consonant skeleton: doubled letters, vowels, a final h, ph/f', () => {
    expect(skeleton('haddad')).toBe(skeleton('hadad'));
    expect(skeleton('rania')).toBe(skeleton('raniah'));
    expect(skeleton('philippa')).toBe(skeleton('filipa'));
    expect(finds('Haddad', 'Amina', 'Hadad')).toBe(true);
    expect(finds('Haddad', 'Amina', 'Hamdan')).toBe(false);
  });

  it('folds case, diacritics and Arabic letters; tashkeel drops out', () => {
    expect(foldName('Ça Élodie')).toBe('ca elodie');
    expect(foldName('مُحَمَّد')).toBe(foldName('محمد'));
    expect(tokenKey(foldName('مُحَمَّد'))).toBe(tokenKey('mohammed'));
  });

  it('every token of a query must match (given and family name together)', () => {
    expect(finds('Amina Haddad', 'Amina', 'Haddad')).toBe(true);
    expect(finds('Amina Haddad', 'Amina', 'Khalil')).toBe(false);
    expect(nameQuery('  ')).toEqual([]);
  });

  it('raw spellings are kept for prefix search, once each', () => {
    const { raw } = nameSearchTerms([{ given: 'Amina', family: 'Haddad' }, { given: 'AMINA' }]);
    expect(raw).toEqual(['amina', 'haddad']);
  });
});
