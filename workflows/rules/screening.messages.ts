import { defineTerms, messages } from './messages.ts';

/** The texts of the screening rules (screening.ts), English and Arabic. An interview's language is free text: it is never quoted. */
export const say = messages({
  'KP-SCR-01.evidence_elsewhere': {
    en: "cited evidence {evidence} is not in this person's own record",
    ar: 'الدليل المستشهد به {evidence} ليس في السجل الخاص بهذا الشخص',
  },
  'KP-SCR-01.own_case': {
    en: "the assessment is recorded on this person's own case",
    ar: 'سُجّل التقييم في القضية الخاصة بهذا الشخص',
  },
  'KP-SCR-01.no_assessment': {
    en: 'this person has no individual assessment of their own',
    ar: 'ليس لهذا الشخص تقييم فردي خاص به',
  },
  'KP-SCR-01.own_assessment': { en: "this person's own assessment is on record", ar: 'التقييم الخاص بهذا الشخص مسجَّل' },
  'KP-SCR-01.allow_own_evidence': {
    en: "evidence recorded on this person's own case",
    ar: 'أدلة مسجّلة في القضية الخاصة بهذا الشخص',
  },
  'KP-SCR-01.allow_assessment': {
    en: "this person's own screening assessment recorded",
    ar: 'تسجيل تقييم الفرز الخاص بهذا الشخص',
  },

  'KP-SCR-02.no_adverse_finding': { en: 'no finding against the person', ar: 'لا توجد نتيجة ضد الشخص' },
  'KP-SCR-02.detain_no_evidence': {
    en: 'no evidence cited and none on record: a detention needs person-specific evidence',
    ar: 'لم يُستشهد بأي دليل ولا يوجد دليل في السجل: يحتاج الاحتجاز إلى أدلة تخص الشخص نفسه',
  },
  'KP-SCR-02.detain_record_specific': {
    en: 'no evidence cited; the case record holds person-specific evidence',
    ar: 'لم يُستشهد بأي دليل؛ ويتضمن سجل القضية أدلة تخص الشخص نفسه',
  },
  'KP-SCR-02.detain_record_not_specific': {
    en: "no evidence cited, and the case's evidence concerns only family members, places or general context (or is tainted): person-specific evidence is required",
    ar: 'لم يُستشهد بأي دليل، وأدلة القضية لا تتعلق إلا بأفراد الأسرة أو الأماكن أو السياق العام (أو هي مشوبة): يلزم دليل يخص الشخص نفسه',
  },
  'KP-SCR-02.no_evidence': { en: 'a finding against the person cites no evidence', ar: 'لا تستشهد النتيجة ضد الشخص بأي دليل' },
  'KP-SCR-02.not_specific': {
    en: 'the cited evidence concerns only family members, places or general context: person-specific evidence is required',
    ar: 'لا تتعلق الأدلة المستشهد بها إلا بأفراد الأسرة أو الأماكن أو السياق العام: يلزم دليل يخص الشخص نفسه',
  },
  'KP-SCR-02.specific': { en: 'person-specific evidence is cited', ar: 'استُشهد بدليل يخص الشخص نفسه' },
  'KP-SCR-02.allow_specific': {
    en: "usable evidence of the person's own conduct",
    ar: 'دليل صالح للاستخدام على سلوك الشخص نفسه',
  },

  'KP-SCR-03.still_owed': {
    en: 'victim indicators still without a protection referral: {indicators:term} (due {due})',
    ar: 'مؤشرات على الإيذاء لا تزال دون إحالة للحماية: {indicators:term} (الموعد {due})',
  },
  'KP-SCR-03.all_referred': { en: 'every victim indicator has a referral', ar: 'لكل مؤشر على الإيذاء إحالة' },
  'KP-SCR-03.missing': {
    en: 'victim indicators without a protection referral: {indicators:term}; a referral task is due within {days} days',
    ar: 'مؤشرات على الإيذاء دون إحالة للحماية: {indicators:term}؛ ومهمة الإحالة مستحقة خلال {days} يوماً',
  },
  'KP-SCR-03.allow_referral': {
    en: 'a protection referral for each victim indicator',
    ar: 'إحالة للحماية لكل مؤشر على الإيذاء',
  },

  'KP-SCR-04.protection_track': { en: 'the child is on the protection track', ar: 'الطفل في مسار الحماية' },
  'KP-SCR-04.no_protection_referral': {
    en: "a child's assessment must refer the child to child protection (protection track)",
    ar: 'يجب أن يحيل تقييم الطفل الطفلَ إلى حماية الطفل (مسار الحماية)',
  },
  'KP-SCR-04.no_bia': { en: 'no completed best-interests assessment', ar: 'لا يوجد تقييم مكتمل للمصلحة الفضلى' },
  'KP-SCR-04.needs_legal_officer': {
    en: 'a legal officer must approve a move into the justice track',
    ar: 'يجب أن يوافق موظف قانوني على الانتقال إلى مسار العدالة',
  },
  'KP-SCR-04.justice_track': {
    en: 'a current BIA and legal-officer approval are present',
    ar: 'يوجد تقييم ساري المفعول للمصلحة الفضلى وموافقة موظف قانوني',
  },
  'KP-SCR-04.allow_child_protection': { en: 'a referral to child protection', ar: 'إحالة إلى حماية الطفل' },
  'KP-SCR-04.allow_legal_officer': { en: 'a legal officer opening the investigation', ar: 'فتح التحقيق من قِبل موظف قانوني' },

  'KP-SCR-05.no_appropriate_adult': {
    en: 'a child was interviewed without an appropriate adult or guardian present',
    ar: 'أُجريت مقابلة مع طفل دون حضور شخص بالغ مناسب أو وصيّ',
  },
  'KP-SCR-05.no_child_protection_staff': {
    en: 'a child was interviewed without trained child-protection staff',
    ar: 'أُجريت مقابلة مع طفل دون موظفين مدرَّبين على حماية الطفل',
  },
  'KP-SCR-05.no_female_interviewer': {
    en: 'a woman or girl was not offered a female interviewer',
    ar: 'لم يُعرض على امرأة أو فتاة أن تجري المقابلة معها امرأة',
  },
  'KP-SCR-05.language_not_understood': {
    en: 'the interview language is not one the person understands and no interpreter was used',
    ar: 'لغة المقابلة ليست لغة يفهمها الشخص ولم يُستعن بمترجم',
  },
  'KP-SCR-05.emergency_needs_justification': {
    en: 'an emergency interview needs a written justification',
    ar: 'تحتاج المقابلة الطارئة إلى تعليل مكتوب',
  },
  'KP-SCR-05.emergency_justified': { en: 'emergency interview, justified', ar: 'مقابلة طارئة، معلَّلة' },
  'KP-SCR-05.preview': { en: 'checked on the interview record', ar: 'يُتحقق منه على سجل المقابلة' },
  'KP-SCR-05.safeguards_met': { en: 'the interview meets the safeguards', ar: 'تستوفي المقابلة الضمانات' },
  'KP-SCR-05.no_interview': { en: 'no interview has been recorded', ar: 'لم تُسجَّل أي مقابلة' },
  'KP-SCR-05.all_met': { en: 'every recorded interview meets the safeguards', ar: 'تستوفي كل مقابلة مسجّلة الضمانات' },
  'KP-SCR-05.allow_safeguards': {
    en: 'an interview with the safeguards: trained child-protection staff and an appropriate adult for a child, a female interviewer offered to a woman or girl, a language the person understands',
    ar: 'مقابلة بضماناتها: موظفون مدرَّبون على حماية الطفل وشخص بالغ مناسب للطفل، وعرض محاوِرة على المرأة أو الفتاة، ولغة يفهمها الشخص',
  },
  'KP-SCR-05.allow_interview': { en: 'an interview recorded', ar: 'تسجيل مقابلة' },
});

defineTerms({
  // Victim indicators (screening/model.ts VICTIM_INDICATORS); `other` is declared with the BID panel disciplines.
  trafficking: { en: 'trafficking', ar: 'الاتجار بالبشر' },
  sgbv: { en: 'sgbv', ar: 'العنف الجنسي والقائم على النوع الاجتماعي' },
  forced_marriage: { en: 'forced_marriage', ar: 'الزواج القسري' },
  coercion: { en: 'coercion', ar: 'الإكراه' },
  child_recruitment: { en: 'child_recruitment', ar: 'تجنيد الأطفال' },
});
