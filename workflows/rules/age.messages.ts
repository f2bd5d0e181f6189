import { defineTerms, messages } from './messages.ts';

/** The texts of the age and MACR rules (age.ts), English and Arabic. */
export const say = messages({
  'KP-AGE-04.single_method': {
    en: 'a single method ({methods:term}) cannot decide an age: a holistic, multidisciplinary assessment is required',
    ar: 'لا يكفي أسلوب واحد ({methods:term}) للبتّ في العمر: يلزم تقييم شامل متعدد التخصصات',
  },
  'KP-AGE-04.medical_only': {
    en: 'medical methods alone cannot decide an age: include interview, documents or psychosocial evidence',
    ar: 'لا تكفي الأساليب الطبية وحدها للبتّ في العمر: أضِف مقابلة أو وثائق أو أدلة نفسية اجتماعية',
  },
  'KP-AGE-04.one_discipline': {
    en: 'the assessors must come from more than one discipline',
    ar: 'يجب أن ينتمي المقيّمون إلى أكثر من تخصص واحد',
  },
  'KP-AGE-04.one_discipline_unrecorded': {
    en: 'the assessors must come from more than one discipline (the discipline of {unrecorded} assessor(s) is not recorded)',
    ar: 'يجب أن ينتمي المقيّمون إلى أكثر من تخصص واحد (لم يُسجَّل تخصص {unrecorded} من المقيّمين)',
  },
  'KP-AGE-04.holistic': { en: 'holistic assessment with several methods and disciplines', ar: 'تقييم شامل بعدة أساليب وتخصصات' },
  'KP-AGE-04.adult': { en: 'the youngest plausible age is 18 or over', ar: 'أصغر عمر محتمل هو 18 عاماً أو أكثر' },
  'KP-AGE-04.adult_forum': {
    en: 'the age range allows a child: an adult, military or special forum is refused',
    ar: 'نطاق العمر يحتمل أن يكون الشخص طفلاً: تُرفض المحاكمة أمام محكمة للبالغين أو محكمة عسكرية أو خاصة',
  },
  'KP-AGE-04.with_adults': {
    en: 'the age range allows a child: detention with adults is refused',
    ar: 'نطاق العمر يحتمل أن يكون الشخص طفلاً: يُرفض الاحتجاز مع البالغين',
  },
  'KP-AGE-04.treated_as_child': { en: 'the person is treated as a child', ar: 'يُعامَل الشخص معاملة الطفل' },
  'KP-AGE-04.allow_methods': {
    en: 'at least two assessment methods, not all of them medical',
    ar: 'أسلوبان للتقييم على الأقل، لا تكون كلها طبية',
  },
  'KP-AGE-04.allow_disciplines': {
    en: 'assessors from at least two recorded disciplines',
    ar: 'مقيّمون من تخصصين مسجّلين على الأقل',
  },
  'KP-AGE-04.allow_juvenile': { en: 'the juvenile forum', ar: 'قضاء الأحداث' },
  'KP-AGE-04.allow_separate': { en: 'detention separate from adults', ar: 'احتجاز منفصل عن البالغين' },

  'KP-AGE-01.no_charges': {
    en: 'a justice referral needs charges with an alleged act date range',
    ar: 'تتطلب الإحالة إلى القضاء تهماً لكل منها نطاق زمني للفعل المزعوم',
  },
  'KP-AGE-01.inverted': {
    en: 'charge {charge}: the act date range is inverted ({earliest} after {latest})',
    ar: 'التهمة {charge}: نطاق تاريخ الفعل معكوس ({earliest} بعد {latest})',
  },
  'KP-AGE-01.future': {
    en: 'charge {charge}: the alleged act date {earliest} is in the future',
    ar: 'التهمة {charge}: تاريخ الفعل المزعوم {earliest} يقع في المستقبل',
  },
  'KP-AGE-01.child_act_adult_forum': {
    en: 'charges {charges}: the act may have been committed under 18 (youngest plausible age {age}): an adult, military or special forum is refused',
    ar: 'التهم {charges}: ربما ارتُكب الفعل قبل سن 18 (أصغر عمر محتمل {age}): تُرفض المحاكمة أمام محكمة للبالغين أو محكمة عسكرية أو خاصة',
  },
  'KP-AGE-01.child_acts_juvenile': {
    en: 'acts possibly committed under 18 stay in the juvenile forum',
    ar: 'تبقى الأفعال التي ربما ارتُكبت قبل سن 18 أمام قضاء الأحداث',
  },
  'KP-AGE-01.adult_acts': { en: 'every alleged act was committed at 18 or over', ar: 'ارتُكب كل فعل مزعوم في سن 18 أو أكثر' },
  'KP-AGE-01.allow_dates': {
    en: 'an alleged act date range that is in the past and in order',
    ar: 'نطاق زمني للفعل المزعوم يقع في الماضي وبترتيب صحيح',
  },

  // The MACR check (KP-AGE-02), shared with the detention commands.
  'KP-AGE-02.no_charge': {
    en: 'no charge with an alleged act date is on record: the age at the act cannot be checked against the MACR',
    ar: 'لا توجد في السجل تهمة بتاريخ للفعل المزعوم: لا يمكن مقارنة العمر وقت الفعل بالحد الأدنى لسن المسؤولية الجنائية',
  },
  'KP-AGE-02.no_jurisdiction': {
    en: 'no jurisdiction is recorded: the applicable MACR cannot be determined',
    ar: 'لم تُسجَّل ولاية قضائية: لا يمكن تحديد الحد الأدنى لسن المسؤولية الجنائية الواجب التطبيق',
  },
  'KP-AGE-02.no_law_version': {
    en: 'no {jurisdiction} law version covers the alleged act date {date}: the MACR cannot be determined',
    ar: 'لا توجد نسخة من قانون الولاية {jurisdiction} تغطي تاريخ الفعل المزعوم {date}: لا يمكن تحديد الحد الأدنى لسن المسؤولية الجنائية',
  },
  'KP-AGE-02.below_macr': {
    en: 'charge {charge} ({category:term}): youngest plausible age at the act {age} is below the MACR of {macr} ({jurisdiction}, version of {version})',
    ar: 'التهمة {charge} ({category:term}): أصغر عمر محتمل وقت الفعل {age} أدنى من الحد الأدنى لسن المسؤولية الجنائية البالغ {macr} (الولاية {jurisdiction}، نسخة {version})',
  },
  'KP-AGE-02.below_floor': {
    en: 'charge {charge} ({category:term}): youngest plausible age at the act {age} is below the MACR of {macr} (policy floor; {jurisdiction}, version of {version}: {lawMacr})',
    ar: 'التهمة {charge} ({category:term}): أصغر عمر محتمل وقت الفعل {age} أدنى من الحد الأدنى لسن المسؤولية الجنائية البالغ {macr} (الحد الأدنى الداخلي للسياسة؛ الولاية {jurisdiction}، نسخة {version}: {lawMacr})',
  },
  'KP-AGE-02.route_to_protection': {
    en: 'refuse the prosecution or criminal detention and route to child protection',
    ar: 'تُرفض الملاحقة القضائية أو الاحتجاز الجنائي ويُحال الأمر إلى حماية الطفل',
  },
  'KP-AGE-02.flag_below_kp_floor': {
    en: 'compliance flag: {jurisdiction} MACR {macr} is below the KP/CRC floor of {floor}',
    ar: 'تنبيه امتثال: الحد الأدنى لسن المسؤولية الجنائية في الولاية {jurisdiction} ({macr}) أدنى من الحد الأدنى للمبادئ الأساسية واتفاقية حقوق الطفل ({floor})',
  },
  'KP-AGE-02.flag_below_gc24': {
    en: 'compliance flag: {jurisdiction} MACR {macr} is below the GC24 recommendation of {floor}',
    ar: 'تنبيه امتثال: الحد الأدنى لسن المسؤولية الجنائية في الولاية {jurisdiction} ({macr}) أدنى مما يوصي به التعليق العام رقم 24 ({floor})',
  },
  'KP-AGE-02.macr_met': {
    en: 'the youngest plausible age at every alleged act is at or above the applicable MACR',
    ar: 'أصغر عمر محتمل وقت كل فعل مزعوم يساوي الحد الأدنى الواجب التطبيق لسن المسؤولية الجنائية أو يتجاوزه',
  },
  'KP-AGE-02.not_criminal': { en: 'not a criminal detention', ar: 'ليس احتجازاً جنائياً' },
  'KP-AGE-02.another_authority': {
    en: 'criminal detention by another authority, flagged and escalated',
    ar: 'احتجاز جنائي من قِبل سلطة أخرى، مُنبَّه إليه ومُصعَّد',
  },
  'KP-AGE-02.allow_charge': {
    en: 'a recorded charge with its alleged act date and jurisdiction',
    ar: 'تهمة مسجّلة بتاريخ فعلها المزعوم وولايتها القضائية',
  },
  'KP-AGE-02.allow_child_protection': {
    en: 'child protection instead of prosecution or criminal detention',
    ar: 'حماية الطفل بدلاً من الملاحقة القضائية أو الاحتجاز الجنائي',
  },

  'KP-AGE-03.no_jurisdiction': { en: 'no jurisdiction named', ar: 'لم تُحدَّد ولاية قضائية' },
  'KP-AGE-03.decisive': {
    en: 'charge {charge} ({category:term}): only the prohibited offence-specific age of {specificAge} would make age {age} responsible; the general MACR of {macr} applies',
    ar: 'التهمة {charge} ({category:term}): وحدها السن الخاصة بالجريمة المحظورة ({specificAge}) تجعل عمر {age} مسؤولاً جنائياً؛ ويُطبَّق الحد العام البالغ {macr}',
  },
  'KP-AGE-03.configured': {
    en: 'compliance flag: {jurisdiction} sets a lower MACR for {categories:term} (ages {ages}; KP B-PR4); ignored, the general MACR applies',
    ar: 'تنبيه امتثال: تحدد الولاية {jurisdiction} سناً أدنى للمسؤولية الجنائية لفئات {categories:term} (الأعمار {ages})؛ لا يُعتدّ بها ويُطبَّق الحد العام',
  },
  'KP-AGE-03.none_configured': {
    en: 'no offence-specific lower MACR is configured',
    ar: 'لا توجد سن أدنى للمسؤولية الجنائية خاصة بنوع الجريمة',
  },
  'KP-AGE-03.allow_general': {
    en: 'charges decided on the general MACR only',
    ar: 'تهم يُبتّ فيها على أساس الحد العام لسن المسؤولية الجنائية وحده',
  },
});

defineTerms({
  interview: { en: 'interview', ar: 'مقابلة' },
  documents: { en: 'documents', ar: 'وثائق' },
  psychosocial: { en: 'psychosocial', ar: 'تقييم نفسي اجتماعي' },
  developmental: { en: 'developmental', ar: 'تقييم نمائي' },
  family_testimony: { en: 'family testimony', ar: 'شهادة الأسرة' },
  physical_examination: { en: 'physical examination', ar: 'فحص جسدي' },
  dental_xray: { en: 'dental X-ray', ar: 'تصوير الأسنان بالأشعة' },
  wrist_xray: { en: 'wrist X-ray', ar: 'تصوير المعصم بالأشعة' },
  other_medical: { en: 'other medical method', ar: 'أسلوب طبي آخر' },
  membership_or_association: { en: 'membership or association', ar: 'العضوية أو الارتباط' },
  support: { en: 'support', ar: 'الدعم' },
  violent_act: { en: 'violent act', ar: 'فعل عنيف' },
  terrorism: { en: 'terrorism', ar: 'الإرهاب' },
  national_security: { en: 'national security', ar: 'الأمن الوطني' },
  other: { en: 'other', ar: 'أخرى' },
});
