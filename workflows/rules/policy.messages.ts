import { defineTerms, messages } from './messages.ts';

/**
 * The texts of the verdicts on an assistance-eligibility configuration (src/engine/policy.ts,
 * validated by workflows/assistance.ts): KP-HUM-01 for criteria on affiliation, screening result,
 * family links, security or prosecution; KP-CHILD-06 for criteria on consent.
 */
export const say = messages({
  'KP-HUM-01.config_forbidden': {
    en: '{assistance:term} eligibility may not depend on {concept:term} (field {field}): basic assistance is given without discrimination',
    ar: 'لا يجوز أن تتوقف الأهلية للمساعدة ({assistance:term}) على {concept:term} (الحقل {field}): تُقدَّم المساعدة الأساسية دون تمييز',
  },
  'KP-HUM-01.config_needs_only': {
    en: 'no eligibility criterion refers to affiliation, screening result, family links or security rating',
    ar: 'لا يشير أي معيار للأهلية إلى الانتماء أو نتيجة الفرز أو الروابط الأسرية أو التصنيف الأمني',
  },
  'KP-HUM-01.allow_config_needs': {
    en: 'criteria on needs only (age, sex, vulnerabilities, household, location), not on field {field}',
    ar: 'معايير تقوم على الاحتياجات وحدها (العمر، والجنس، ومواطن الضعف، والأسرة المعيشية، والموقع)، لا على الحقل {field}',
  },
  'KP-CHILD-06.config_consent': {
    en: '{assistance:term} eligibility may not depend on consent (field {field}): consent is never a condition of aid or services',
    ar: 'لا يجوز أن تتوقف الأهلية للمساعدة ({assistance:term}) على الموافقة (الحقل {field}): لا تكون الموافقة شرطاً للمساعدة أو الخدمات أبداً',
  },
  'KP-CHILD-06.allow_config_without_consent': {
    en: 'the criterion on field {field} removed: aid never waits for anyone\'s consent',
    ar: 'حذف المعيار القائم على الحقل {field}: لا تنتظر المساعدة موافقة أحد أبداً',
  },
});

defineTerms({
  // Kinds of basic assistance (workflows/assistance.ts ASSISTANCE_KINDS); health, education,
  // protection and other are declared with the children's and age rules' vocabulary.
  food: { en: 'food', ar: 'الغذاء' },
  shelter: { en: 'shelter', ar: 'المأوى' },
  water_sanitation: { en: 'water and sanitation', ar: 'المياه والصرف الصحي' },
  non_food_items: { en: 'non-food items', ar: 'المواد غير الغذائية' },
  cash: { en: 'cash', ar: 'المساعدة النقدية' },
});
