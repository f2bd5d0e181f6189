import { defineTerms, messages } from './messages.ts';

/** The texts of the best-interests, BID and family-unity rules (children.ts), English and Arabic. Converted: KP-CHILD-03, -04, -08, -09. */
export const say = messages({
  'KP-CHILD-03.needs_bia': {
    en: 'urgent action before a BID still needs a completed BIA',
    ar: 'يظل الإجراء العاجل قبل قرار تحديد المصلحة الفضلى بحاجة إلى تقييم مكتمل للمصلحة الفضلى',
  },
  'KP-CHILD-03.needs_supervisor': {
    en: "urgent protective action needs a supervisor's approval",
    ar: 'يحتاج إجراء الحماية العاجل إلى موافقة مشرف',
  },
  'KP-CHILD-03.under_bid': { en: 'urgent action under an approved BID', ar: 'إجراء عاجل في إطار قرار معتمد بتحديد المصلحة الفضلى' },
  'KP-CHILD-03.on_bia': {
    en: 'urgent action on a BIA, approved by a supervisor; the BID is due within {days} days',
    ar: 'إجراء عاجل بناءً على تقييم المصلحة الفضلى وبموافقة مشرف؛ ويجب إصدار قرار تحديد المصلحة الفضلى خلال {days} يوماً',
  },

  'KP-CHILD-04.no_reasons': { en: 'the decision carries no written reasons', ar: 'لا يتضمن القرار أسباباً مكتوبة' },
  'KP-CHILD-04.returned': { en: 'the BID is returned with reasons', ar: 'أُعيد قرار تحديد المصلحة الفضلى مع الأسباب' },
  'KP-CHILD-04.too_few_members': {
    en: 'the panel has {members} voting member(s); at least {min} are required',
    ar: 'تضم اللجنة {members} من الأعضاء المصوّتين؛ ويلزم {min} على الأقل',
  },
  'KP-CHILD-04.not_multidisciplinary': { en: 'the panel is not multidisciplinary', ar: 'اللجنة ليست متعددة التخصصات' },
  'KP-CHILD-04.bia_author_on_panel': { en: 'the BIA author sits on the panel', ar: 'كاتب تقييم المصلحة الفضلى عضو في اللجنة' },
  'KP-CHILD-04.undertakings': {
    en: 'not every member signed the confidentiality and conflict-of-interest undertakings',
    ar: 'لم يوقّع جميع الأعضاء تعهدات السرية وتضارب المصالح',
  },
  'KP-CHILD-04.no_review_date': { en: 'the BID has no review date', ar: 'ليس لقرار تحديد المصلحة الفضلى تاريخ مراجعة' },
  'KP-CHILD-04.approved': {
    en: 'approved by a {members}-member multidisciplinary panel ({disciplines:term}) with reasons and a review date',
    ar: 'اعتمدته لجنة متعددة التخصصات من {members} أعضاء ({disciplines:term}) مع الأسباب وتاريخ للمراجعة',
  },
  'KP-CHILD-04.allow_panel': {
    en: 'a multidisciplinary panel of at least {min} voting members, without the BIA author, all bound by the undertakings, with written reasons and a review date',
    ar: 'لجنة متعددة التخصصات من {min} أعضاء مصوّتين على الأقل، ليس بينهم كاتب التقييم، وقّعوا جميعاً التعهدات، مع أسباب مكتوبة وتاريخ للمراجعة',
  },

  'KP-CHILD-08.no_durable_solution': { en: 'no durable solution decided', ar: 'لم يُتخذ قرار بحل دائم' },
  'KP-CHILD-08.accompanied': { en: 'the child is not unaccompanied or separated', ar: 'الطفل ليس غير مصحوب ولا منفصلاً عن ذويه' },
  'KP-CHILD-08.no_tracing': { en: 'family tracing has not been started and documented', ar: 'لم يبدأ البحث عن الأسرة ولم يُوثَّق' },
  'KP-CHILD-08.no_guardian': { en: 'no guardian or legal representative is appointed', ar: 'لم يُعيَّن وصيّ أو ممثل قانوني' },
  'KP-CHILD-08.ready': {
    en: 'tracing {tracing:term}; {guardian:term} appointed',
    ar: 'البحث عن الأسرة: {tracing:term}؛ وتم تعيين {guardian:term}',
  },
  'KP-CHILD-08.allow_tracing': { en: 'family tracing started and documented', ar: 'بدء البحث عن الأسرة وتوثيقه' },
  'KP-CHILD-08.allow_guardian': { en: 'a guardian or legal representative appointed', ar: 'تعيين وصيّ أو ممثل قانوني' },

  'KP-CHILD-09.no_handover': { en: 'no custody hand-over recorded', ar: 'لم يُسجَّل تسليم للحضانة' },
  'KP-CHILD-09.civilian_source': {
    en: 'received from {source:term}: not a military or security actor',
    ar: 'استُلم من {source:term}: ليست جهة عسكرية أو أمنية',
  },
  'KP-CHILD-09.handed_over_late': {
    en: 'handed over {hours} h after receipt, over the {sla} h hand-over time (due {due})',
    ar: 'سُلِّم بعد {hours} ساعة من الاستلام، متجاوزاً مهلة التسليم البالغة {sla} ساعة (الموعد {due})',
  },
  'KP-CHILD-09.not_handed_over_late': {
    en: 'not yet handed over {hours} h after receipt, over the {sla} h hand-over time (due {due})',
    ar: 'لم يُسلَّم بعد مرور {hours} ساعة على الاستلام، متجاوزاً مهلة التسليم البالغة {sla} ساعة (الموعد {due})',
  },
  'KP-CHILD-09.handed_over': { en: 'handed over within {sla} h', ar: 'سُلِّم خلال {sla} ساعة' },
  'KP-CHILD-09.due': { en: 'hand-over due by {due} ({days} day(s))', ar: 'التسليم مستحق بحلول {due} (خلال {days} يوم)' },
  'KP-CHILD-09.allow_handover': {
    en: 'hand-over to civilian child protection',
    ar: 'التسليم إلى جهة مدنية لحماية الطفل',
  },
});

defineTerms({
  child_protection: { en: 'child protection', ar: 'حماية الطفل' },
  social_work: { en: 'social work', ar: 'العمل الاجتماعي' },
  legal: { en: 'legal', ar: 'القانون' },
  protection: { en: 'protection', ar: 'الحماية' },
  health: { en: 'health', ar: 'الصحة' },
  medical: { en: 'medical', ar: 'الطب' },
  mhpss: { en: 'mental health and psychosocial support', ar: 'الصحة النفسية والدعم النفسي الاجتماعي' },
  psychology: { en: 'psychology', ar: 'علم النفس' },
  education: { en: 'education', ar: 'التعليم' },
  gender: { en: 'gender', ar: 'النوع الاجتماعي' },
  interpreter: { en: 'interpreter', ar: 'مترجم' },
  other: { en: 'other', ar: 'أخرى' },
  started: { en: 'started', ar: 'بدأ' },
  ongoing: { en: 'ongoing', ar: 'جارٍ' },
  completed: { en: 'completed', ar: 'اكتمل' },
  closed_unsuccessful: { en: 'closed without success', ar: 'أُغلق دون نجاح' },
  guardian: { en: 'guardian', ar: 'وصيّ' },
  legal_representative: { en: 'legal representative', ar: 'ممثل قانوني' },
  military: { en: 'military', ar: 'جهة عسكرية' },
  security: { en: 'security', ar: 'جهة أمنية' },
  police: { en: 'police', ar: 'الشرطة' },
  civilian_authority: { en: 'civilian authority', ar: 'سلطة مدنية' },
});
