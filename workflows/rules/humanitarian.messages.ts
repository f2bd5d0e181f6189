import { defineTerms, messages } from './messages.ts';

/** The texts of the humanitarian rule (humanitarian.ts), English and Arabic. */
export const say = messages({
  'KP-HUM-01.forbidden': {
    en: 'assistance eligibility may not depend on {concept:term} ({field})',
    ar: 'لا يجوز أن تتوقف أهلية الحصول على المساعدة على {concept:term} ({field})',
  },
  // Further forbidden criteria of the same command, after the first.
  'KP-HUM-01.also_forbidden': { en: 'nor on {concept:term} ({field})', ar: 'ولا على {concept:term} ({field})' },
  'KP-HUM-01.needs_only': { en: 'eligibility depends on needs only', ar: 'تتوقف الأهلية على الاحتياجات وحدها' },
  'KP-HUM-01.open': { en: 'no eligibility criteria: open to everyone', ar: 'لا معايير للأهلية: المساعدة متاحة للجميع' },
  'KP-HUM-01.allow_needs': {
    en: 'eligibility criteria on needs only, not on affiliation, screening result or family links',
    ar: 'معايير أهلية تقوم على الاحتياجات وحدها، لا على الانتماء أو نتيجة الفرز أو الروابط الأسرية',
  },
});

defineTerms({
  affiliation: { en: 'affiliation', ar: 'الانتماء' },
  screening_result: { en: 'screening result', ar: 'نتيجة الفرز' },
  family_links: { en: 'family links', ar: 'الروابط الأسرية' },
  security_classification: { en: 'security classification', ar: 'التصنيف الأمني' },
  cooperation_or_prosecution: { en: 'cooperation or prosecution', ar: 'التعاون أو الملاحقة القضائية' },
  detention: { en: 'detention', ar: 'الاحتجاز' },
  consent: { en: 'consent', ar: 'الموافقة' },
});
