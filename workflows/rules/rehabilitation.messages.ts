import { defineTerms, messages } from './messages.ts';

/** The texts of the rehabilitation and reintegration rules (rehabilitation.ts), English and Arabic. */
export const say = messages({
  // KP-REH-01 on a plan (CREATE_PLAN, REVIEW_PLAN).
  'KP-REH-01.child_plan_gaps': {
    en: 'the plan for a child must cover {domains:term}',
    ar: 'يجب أن تشمل خطة الطفل: {domains:term}',
  },
  'KP-REH-01.woman_plan_gaps': {
    en: 'the plan for a woman must cover {domains:term}',
    ar: 'يجب أن تشمل خطة المرأة: {domains:term}',
  },
  'KP-REH-01.sgbv_unjustified': {
    en: 'the person is a survivor: the plan needs SGBV survivor support, or a justification (e.g. the survivor declined)',
    ar: 'الشخص من الناجين: تحتاج الخطة إلى دعم الناجين من العنف الجنسي والقائم على النوع الاجتماعي، أو إلى تعليل (كأن يكون الناجي قد رفض)',
  },
  'KP-REH-01.no_review_date': { en: 'the plan needs a review date', ar: 'تحتاج الخطة إلى موعد للمراجعة' },
  'KP-REH-01.review_in_past': {
    en: 'the review date {date} is in the past: the plan must be reviewed periodically',
    ar: 'موعد المراجعة {date} في الماضي: يجب مراجعة الخطة دورياً',
  },
  'KP-REH-01.late': {
    en: 'the plan is {days} days late: it was due on {due}, {sla} days after arrival',
    ar: 'تأخرت الخطة {days} يوماً: كانت مستحقة في {due}، بعد {sla} يوماً من الوصول',
  },
  'KP-REH-01.tailored': {
    en: 'individual plan covers {domains:term}; next review {review}',
    ar: 'خطة فردية تشمل: {domains:term}؛ والمراجعة التالية في {review}',
  },
  'KP-REH-01.recorded': {
    en: 'individual plan recorded (the rule requires plans for women and children); next review {review}',
    ar: 'سُجّلت خطة فردية (تشترط القاعدة وضع خطط للنساء والأطفال)؛ والمراجعة التالية في {review}',
  },
  // After `tailored` or `recorded`, when the plan is owed by a date.
  'KP-REH-01.due_by': { en: 'due by {due}', ar: 'مستحقة بحلول {due}' },
  'KP-REH-01.allow_domains': { en: 'services that cover {domains:term}', ar: 'خدمات تشمل: {domains:term}' },
  'KP-REH-01.allow_review_date': { en: 'a review date that is not in the past', ar: 'موعد للمراجعة لا يقع في الماضي' },
  'KP-REH-01.allow_sgbv': {
    en: 'SGBV survivor support in the plan, or a justification',
    ar: 'دعم الناجين من العنف الجنسي والقائم على النوع الاجتماعي ضمن الخطة، أو تعليل',
  },
  // KP-REH-01 on closure (case CLOSE).
  'KP-REH-01.not_returned': {
    en: 'the person has not returned: no rehabilitation plan is owed yet',
    ar: 'لم يعد الشخص بعد: لا تُستحق خطة لإعادة التأهيل حتى الآن',
  },
  'KP-REH-01.not_owed': {
    en: 'the rule requires plans for returnee women and children',
    ar: 'تشترط القاعدة وضع خطط للنساء والأطفال العائدين',
  },
  'KP-REH-01.closure_without_plan': {
    en: 'the person has returned but has no rehabilitation and reintegration plan: the case cannot be closed',
    ar: 'عاد الشخص لكن ليست لديه خطة لإعادة التأهيل والإدماج: لا يجوز إغلاق القضية',
  },
  'KP-REH-01.has_plan': {
    en: 'the returnee has a rehabilitation and reintegration plan ({state:term})',
    ar: 'لدى العائد خطة لإعادة التأهيل والإدماج (الحالة: {state:term})',
  },
  'KP-REH-01.allow_plan': {
    en: 'a rehabilitation and reintegration plan for the returnee',
    ar: 'خطة لإعادة تأهيل العائد وإدماجه',
  },

  'KP-REH-02.gated': {
    en: 'services may not be conditional on security classification, cooperation, prosecution or perceived affiliation',
    ar: 'لا يجوز أن تكون الخدمات مشروطة بالتصنيف الأمني أو التعاون أو الملاحقة القضائية أو الانتماء المفترض',
  },
  // What gates a service, after `gated`.
  'KP-REH-02.conditional': {
    en: '{service:term} is conditional on {condition} ({concept:term})',
    ar: 'خدمة {service:term} مشروطة بـ{condition} ({concept:term})',
  },
  'KP-REH-02.eligibility': {
    en: '{service:term} eligibility depends on {field}',
    ar: 'تتوقف الأهلية لخدمة {service:term} على {field}',
  },
  'KP-REH-02.institutional_unjustified': {
    en: 'family- and community-based settings come first: a residential or institutional setting needs a written justification',
    ar: 'الأولوية للبيئات الأسرية والمجتمعية: تحتاج البيئة الإيوائية أو المؤسسية إلى تعليل مكتوب',
  },
  'KP-REH-02.institutional_justified': { en: 'institutional setting justified', ar: 'البيئة المؤسسية مبرَّرة' },
  // Each service in an institution, after `institutional_unjustified` or `institutional_justified`.
  'KP-REH-02.institutional': {
    en: '{service:term} in a {setting:term} setting',
    ar: 'خدمة {service:term} في بيئة {setting:term}',
  },
  'KP-REH-02.unconditional': {
    en: 'services are unconditional and family- or community-based',
    ar: 'الخدمات غير مشروطة وتُقدَّم في بيئة أسرية أو مجتمعية',
  },
  'KP-REH-02.allow_unconditional': {
    en: 'services without conditions or eligibility on security, cooperation, prosecution or affiliation (informed consent to the service itself excepted)',
    ar: 'خدمات بلا شروط أو معايير أهلية تتعلق بالأمن أو التعاون أو الملاحقة القضائية أو الانتماء (باستثناء الموافقة المستنيرة على الخدمة ذاتها)',
  },
  'KP-REH-02.allow_family_setting': {
    en: 'a family- or community-based setting',
    ar: 'بيئة أسرية أو مجتمعية',
  },
});

defineTerms({
  // Plan domains (rehabilitation.ts PlanDomain); medical, mhpss, education and legal are declared with the children's vocabulary.
  family_community: { en: 'family and community reintegration', ar: 'إعادة الإدماج في الأسرة والمجتمع' },
  sgbv_support: { en: 'SGBV survivor support', ar: 'دعم الناجين من العنف الجنسي والقائم على النوع الاجتماعي' },
  // Service types (rehabilitation/model.ts SERVICE_TYPES) not declared elsewhere.
  family_tracing: { en: 'family tracing', ar: 'البحث عن الأسرة' },
  family_community_reintegration: { en: 'family and community reintegration', ar: 'إعادة الإدماج في الأسرة والمجتمع' },
  livelihood: { en: 'livelihood', ar: 'سبل العيش' },
  // Settings a service may be delivered in (SERVICE_SETTINGS) that need a justification, or may.
  institutional: { en: 'institutional', ar: 'المؤسسية' },
  hospital: { en: 'hospital', ar: 'المستشفى' },
  // States of the rehabilitation workflow with a plan (completed is declared with the children's vocabulary).
  planned: { en: 'planned', ar: 'مخطط لها' },
  active: { en: 'active', ar: 'نشطة' },
});
