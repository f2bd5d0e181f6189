import { defineTerms } from './messages.ts';

/**
 * The names of every workflow state and every command, in both languages, for the verdicts that
 * name them (`{state:term}`, `{type:term}`: JOINT on a family member, KP-DATA-04 on an open case,
 * KP-JUS-05's checklist command). States some family already declares with the same words (the
 * repatriation, nationality, non-refoulement and rehabilitation states) are not repeated here.
 * test/workflows/terms.test.ts fails when a registered workflow gains a state or a command without one.
 */

// States, by workflow.
defineTerms({
  // screening
  pending: { en: 'pending', ar: 'قيد الانتظار' },
  in_progress: { en: 'in progress', ar: 'قيد التنفيذ' },
  // age_assessment
  recorded: { en: 'recorded', ar: 'مسجَّل' },
  confirmed: { en: 'confirmed', ar: 'مؤكَّد' },
  // case
  open: { en: 'open', ar: 'مفتوحة' },
  closed: { en: 'closed', ar: 'مغلقة' },
  sealed: { en: 'sealed', ar: 'مختومة' },
  erased: { en: 'erased', ar: 'ممحوّة' },
  // best_interests
  bia: { en: 'best-interests assessment (BIA)', ar: 'تقييم المصلحة الفضلى' },
  bia_completed: { en: 'BIA completed', ar: 'اكتمل تقييم المصلحة الفضلى' },
  bid_preparation: { en: 'BID in preparation', ar: 'إعداد تحديد المصلحة الفضلى' },
  panel_review: { en: 'under panel review', ar: 'قيد مراجعة اللجنة' },
  bid_approved: { en: 'BID approved', ar: 'اعتُمد تحديد المصلحة الفضلى' },
  // non_refoulement
  cleared: { en: 'cleared', ar: 'مسموح' },
  risk_identified: { en: 'risk identified', ar: 'تم تحديد خطر' },
  // nationality
  verified: { en: 'verified', ar: 'متحقق منها' },
  stateless_protected: { en: 'protected as stateless', ar: 'عديم الجنسية مشمول بالحماية' },
  // parent states (a group of states that share transitions; docs/workflow-machines.md)
  not_erased: { en: 'not erased', ar: 'غير ممحوّة' },
  unsealed: { en: 'not sealed', ar: 'غير مختومة' },
  reviewable: { en: 'open to review', ar: 'قابلة للمراجعة' },
  awaiting_approval: { en: 'awaiting approval', ar: 'بانتظار الموافقة' },
  proceedings: { en: 'in proceedings', ar: 'إجراءات جارية' },
  court: { en: 'before a court', ar: 'أمام المحكمة' },
  // legal
  no_proceedings: { en: 'no proceedings', ar: 'لا إجراءات' },
  investigation: { en: 'investigation', ar: 'قيد التحقيق' },
  diversion: { en: 'diversion', ar: 'تدابير بديلة' },
  charged: { en: 'charged', ar: 'موجّه إليه اتهام' },
  judgment: { en: 'judgment', ar: 'حكم' },
  appeal: { en: 'appeal', ar: 'استئناف' },
  // detention
  not_detained: { en: 'not detained', ar: 'غير محتجز' },
  detained: { en: 'detained', ar: 'محتجز' },
});

// Commands (one name for a command id several workflows share), then the records the engine writes itself.
defineTerms({
  START: { en: 'start', ar: 'البدء' },
  RECORD_INTERVIEW: { en: 'record an interview', ar: 'تسجيل مقابلة' },
  RECORD_ASSESSMENT: { en: 'record the individual assessment', ar: 'تسجيل التقييم الفردي' },
  RECORD_REFERRAL: { en: 'record a protection referral', ar: 'تسجيل إحالة إلى الحماية' },
  SUBMIT: { en: 'submit for approval', ar: 'التقديم للاعتماد' },
  RETURN: { en: 'return to the caseworker', ar: 'الإعادة إلى أخصائي الحالة' },
  APPROVE: { en: 'approve', ar: 'الاعتماد' },
  REOPEN: { en: 'reopen', ar: 'إعادة الفتح' },
  RECORD_AGE: { en: 'record an age assessment', ar: 'تسجيل تقييم العمر' },
  CONFIRM: { en: 'confirm', ar: 'التأكيد' },
  CLOSE: { en: 'close', ar: 'الإغلاق' },
  SHARE_RECORD: { en: 'share the record', ar: 'مشاركة السجل' },
  ASSIGN: { en: 'assign the case', ar: 'إسناد الملف' },
  SEAL: { en: 'seal the record', ar: 'ختم السجل' },
  ERASE: { en: 'erase the record', ar: 'محو السجل' },
  TRANSFER: { en: 'transfer to another team', ar: 'النقل إلى فريق آخر' },
  START_BIA: { en: 'start the BIA', ar: 'بدء تقييم المصلحة الفضلى' },
  COMPLETE_BIA: { en: 'complete the BIA', ar: 'إكمال تقييم المصلحة الفضلى' },
  URGENT_ACTION: { en: 'urgent protective action', ar: 'إجراء حماية عاجل' },
  RECORD_CONSENT: { en: 'record consent', ar: 'تسجيل الموافقة' },
  PREPARE_BID: { en: 'prepare the BID', ar: 'إعداد تحديد المصلحة الفضلى' },
  SUBMIT_TO_PANEL: { en: 'submit the BID to the panel', ar: 'عرض تحديد المصلحة الفضلى على اللجنة' },
  PANEL_DECIDE: { en: 'panel decision', ar: 'قرار اللجنة' },
  PLACE_IN_CARE: { en: 'place in alternative care', ar: 'الإيداع في رعاية بديلة' },
  REVIEW: { en: 'review', ar: 'المراجعة' },
  ANNUL_BID: { en: 'annul the BID', ar: 'إلغاء تحديد المصلحة الفضلى' },
  RECORD_TRACING: { en: 'record family tracing', ar: 'تسجيل البحث عن الأسرة' },
  APPOINT_GUARDIAN: { en: 'appoint a guardian', ar: 'تعيين وصيّ' },
  RECORD_HANDOVER: { en: 'record the hand-over', ar: 'تسجيل التسليم' },
  CREATE_PLAN: { en: 'create the plan', ar: 'وضع الخطة' },
  REVIEW_PLAN: { en: 'review the plan', ar: 'مراجعة الخطة' },
  RECORD_PROGRESS: { en: 'record progress', ar: 'تسجيل التقدّم' },
  COMPLETE: { en: 'complete the plan', ar: 'إكمال الخطة' },
  RECORD_FINDINGS: { en: 'record the risk findings', ar: 'تسجيل نتائج تقييم المخاطر' },
  CONCLUDE: { en: 'conclude the assessment', ar: 'البتّ في التقييم' },
  REQUEST_VERIFICATION: { en: 'request verification', ar: 'طلب التحقق' },
  RECORD_DISPUTE: { en: 'record a dispute', ar: 'تسجيل النزاع على الجنسية' },
  REFER_STATELESSNESS: { en: 'refer for statelessness determination', ar: 'الإحالة لتحديد انعدام الجنسية' },
  RESOLVE: { en: 'resolve the nationality', ar: 'البتّ في الجنسية' },
  RECORD_REGISTRATION: { en: 'record a registration or document', ar: 'تسجيل قيد أو وثيقة' },
  PLAN: { en: 'plan the return', ar: 'تخطيط العودة' },
  RECORD_CONSULAR_CONTACT: { en: 'record consular contact', ar: 'تسجيل التواصل القنصلي' },
  RECORD_STATE_REFUSAL: { en: "record a State's refusal", ar: 'تسجيل رفض الدولة' },
  ISSUE_DOCUMENTS: { en: 'record documents issued', ar: 'تسجيل إصدار الوثائق' },
  APPROVE_RETURN: { en: 'approve the return', ar: 'اعتماد العودة' },
  NOTIFY_DECISION: { en: 'record the notification of the decision', ar: 'تسجيل الإبلاغ بالقرار' },
  RECORD_REVIEW_REQUEST: { en: 'record a review request', ar: 'تسجيل طلب المراجعة' },
  RECORD_REVIEW_DECISION: { en: 'record the review decision', ar: 'تسجيل قرار المراجعة' },
  CONFIRM_ARRIVAL: { en: 'confirm the arrival', ar: 'تأكيد الوصول' },
  CANCEL: { en: 'cancel the plan', ar: 'إلغاء الخطة' },
  OPEN_INVESTIGATION: { en: 'open an investigation', ar: 'فتح تحقيق' },
  REFER_DIVERSION: { en: 'refer to diversion', ar: 'الإحالة إلى تدابير بديلة' },
  CHARGE: { en: 'refer for prosecution', ar: 'الإحالة إلى الملاحقة القضائية' },
  RECORD_JUDGMENT: { en: 'record the judgment', ar: 'تسجيل الحكم' },
  RECORD_FAIR_TRIAL: { en: 'record the fair-trial checklist', ar: 'تسجيل قائمة ضمانات المحاكمة العادلة' },
  FILE_APPEAL: { en: 'file an appeal', ar: 'تقديم استئناف' },
  ANNUL_REFERRAL: { en: 'annul the prosecution referral', ar: 'إلغاء الإحالة إلى الملاحقة القضائية' },
  REQUEST_WATCHLIST_ENTRY: { en: 'request a watch-list entry', ar: 'طلب الإدراج في قائمة المراقبة' },
  REVIEW_WATCHLIST_ENTRY: { en: 'review a watch-list entry', ar: 'مراجعة الإدراج في قائمة المراقبة' },
  DETAIN: { en: 'order detention', ar: 'الأمر بالاحتجاز' },
  RECORD_DETENTION: { en: 'record a deprivation of liberty', ar: 'تسجيل الحرمان من الحرية' },
  RELEASE: { en: 'release', ar: 'الإفراج' },
  // Sent to the engine, not to a workflow (a second approver's answer to a proposal).
  CONFIRM_PENDING: { en: 'confirm a pending proposal', ar: 'تأكيد اقتراح معلّق' },
  REJECT_PENDING: { en: 'reject a pending proposal', ar: 'رفض اقتراح معلّق' },
  // Records the engine writes itself (workflows/recordSchemas.ts ENGINE_RECORDS).
  CASE_REGISTERED: { en: 'case registered', ar: 'سُجّل الملف' },
  FACTS_UPDATED: { en: 'facts updated', ar: 'حُدّثت بيانات الملف' },
  EVIDENCE_ADDED: { en: 'evidence added', ar: 'أُضيف دليل' },
  FAMILY_LINKS_UPDATED: { en: 'family links updated', ar: 'حُدّثت الروابط الأسرية' },
  BID_ANNULLED: { en: 'BID annulled', ar: 'أُلغي تحديد المصلحة الفضلى' },
  CLEARANCE_WITHDRAWN: { en: 'clearance withdrawn', ar: 'سُحب الإذن بالعودة' },
  REFERRAL_ANNULLED: { en: 'prosecution referral annulled', ar: 'أُلغيت الإحالة إلى الملاحقة القضائية' },
  WORKFLOW_MIGRATED: { en: 'workflow migrated', ar: 'نُقل سير العمل إلى إصدار جديد' },
});
