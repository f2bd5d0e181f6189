import { defineTerms, messages } from './messages.ts';

/** The texts of the data-protection rules (dataProtection.ts), English and Arabic. */
export const say = messages({
  // KP-DATA-01 on an external share (SHARE_RECORD): each problem found is named.
  'KP-DATA-01.no_agreement': {
    en: 'no data-sharing agreement is named (agreementId)',
    ar: 'لم يُذكر أي اتفاق لتبادل البيانات (معرّف الاتفاق)',
  },
  'KP-DATA-01.unknown_agreement': {
    en: 'no data-sharing agreement {agreement} exists',
    ar: 'لا يوجد اتفاق لتبادل البيانات بالمعرّف {agreement}',
  },
  'KP-DATA-01.not_approved': {
    en: 'agreement {agreement} is not approved by a data protection officer',
    ar: 'الاتفاق {agreement} غير معتمد من مسؤول حماية البيانات',
  },
  'KP-DATA-01.not_yet_in_force': {
    en: 'agreement {agreement} is in force only from {validFrom}',
    ar: 'لا يسري الاتفاق {agreement} إلا اعتباراً من {validFrom}',
  },
  'KP-DATA-01.expired': { en: 'agreement {agreement} expired on {validTo}', ar: 'انتهت صلاحية الاتفاق {agreement} في {validTo}' },
  'KP-DATA-01.other_recipient': {
    en: "the recipient is not agreement {agreement}'s",
    ar: 'الجهة المتلقية ليست الجهة المحددة في الاتفاق {agreement}',
  },
  'KP-DATA-01.no_purpose': { en: 'no purpose recorded for the log', ar: 'لم يُسجَّل أي غرض في السجل' },
  'KP-DATA-01.other_purpose': {
    en: "the purpose is not one of agreement {agreement}'s",
    ar: 'الغرض ليس من الأغراض المحددة في الاتفاق {agreement}',
  },
  'KP-DATA-01.fields_outside': {
    en: 'fields outside agreement {agreement}: {fields:term}',
    ar: 'حقول خارج نطاق الاتفاق {agreement}: {fields:term}',
  },
  'KP-DATA-01.no_fields': {
    en: 'data minimisation: list the fields to share',
    ar: 'تقليل البيانات إلى الحد الأدنى: حدِّد الحقول المراد مشاركتها',
  },
  'KP-DATA-01.whole_record': {
    en: 'data minimisation: the whole record may not be shared',
    ar: 'تقليل البيانات إلى الحد الأدنى: لا يجوز مشاركة السجل بأكمله',
  },
  'KP-DATA-01.child_identifying': {
    en: 'identifying data of a child is never exported ({fields:term})',
    ar: 'لا تُصدَّر أبداً البيانات التي تكشف هوية طفل ({fields:term})',
  },
  'KP-DATA-01.shared': {
    en: 'sharing of {fields:term} under agreement {agreement}',
    ar: 'مشاركة {fields:term} بموجب الاتفاق {agreement}',
  },
  'KP-DATA-01.allow_agreement': {
    en: 'a data-sharing agreement approved by a data protection officer and in force, for this recipient and one of its purposes',
    ar: 'اتفاق لتبادل البيانات معتمد من مسؤول حماية البيانات وساري المفعول، لهذه الجهة المتلقية ولأحد أغراضه',
  },
  'KP-DATA-01.allow_fields': {
    en: 'only the fields the agreement allows, as few as the purpose needs, and never a child\'s identifying data',
    ar: 'الحقول التي يجيزها الاتفاق فقط، وبأقل قدر يتطلبه الغرض، ودون البيانات التي تكشف هوية طفل أبداً',
  },
  // KP-DATA-01 on a transfer (TRANSFER).
  'KP-DATA-01.unknown_team': {
    en: 'the transfer names a team the engine does not know',
    ar: 'يحدد النقل فريقاً غير معروف للنظام',
  },
  'KP-DATA-01.same_organisation': {
    en: 'a transfer within organisation {organisation}',
    ar: 'نقل داخل المنظمة {organisation}',
  },
  'KP-DATA-01.disclosure_unbased': {
    en: 'a transfer to another organisation ({organisation}) discloses the record: name its {missing:term}',
    ar: 'النقل إلى منظمة أخرى ({organisation}) إفصاح عن السجل: حدِّد {missing:term}',
  },
  'KP-DATA-01.disclosure': {
    en: 'a transfer to organisation {organisation} with a legal basis and a purpose',
    ar: 'نقل إلى المنظمة {organisation} بأساس قانوني وغرض محدد',
  },
  'KP-DATA-01.allow_known_team': { en: 'a team that exists', ar: 'فريق موجود' },
  'KP-DATA-01.allow_basis_purpose': {
    en: 'the legal basis and the purpose of the disclosure',
    ar: 'الأساس القانوني للإفصاح والغرض منه',
  },

  // KP-DATA-02 on a share to a security body.
  'KP-DATA-02.not_security': {
    en: 'the recipient is not a security or intelligence body',
    ar: 'الجهة المتلقية ليست جهة أمنية أو استخبارية',
  },
  'KP-DATA-02.association_grounds': {
    en: "a child's file is never shared with a security or intelligence body on family or association grounds ({grounds:term})",
    ar: 'لا يُشارك ملف الطفل أبداً مع جهة أمنية أو استخبارية على أساس الروابط الأسرية أو الارتباط ({grounds:term})',
  },
  'KP-DATA-02.no_grounds': {
    en: "a child's file is never shared with a security or intelligence body on family or association grounds (no grounds stated)",
    ar: 'لا يُشارك ملف الطفل أبداً مع جهة أمنية أو استخبارية على أساس الروابط الأسرية أو الارتباط (لم تُذكر أي أسباب)',
  },
  'KP-DATA-02.grounds_stated': { en: 'grounds stated: {grounds:term}', ar: 'الأسباب المذكورة: {grounds:term}' },
  'KP-DATA-02.allow_own_grounds': {
    en: "grounds other than family or association, such as the child's own conduct",
    ar: 'أسباب غير الروابط الأسرية أو الارتباط، كسلوك الطفل نفسه',
  },
  // KP-DATA-02 on the watch list.
  'KP-DATA-02.entry_deleted': { en: 'the entry is deleted', ar: 'حُذف القيد' },
  'KP-DATA-02.weak_entry': {
    en: "a child's watch-list entry without a child-specific criminal-evidence basis must be deleted ({entries} entry(ies))",
    ar: 'يجب حذف قيد الطفل في قائمة المراقبة إذا لم يستند إلى أدلة جنائية خاصة بالطفل (عدد القيود {entries})',
  },
  'KP-DATA-02.basis_stands': { en: 'the child-specific basis still stands', ar: 'لا يزال الأساس الخاص بالطفل قائماً' },
  'KP-DATA-02.allow_delete': { en: 'the entry deleted', ar: 'حذف القيد' },
  'KP-DATA-02.watchlist_refused': {
    en: 'a child may not be entered on a watch list',
    ar: 'لا يجوز إدراج طفل في قائمة المراقبة',
  },
  'KP-DATA-02.not_legal_officer': {
    en: 'only a legal officer may record the basis',
    ar: 'لا يسجّل الأساس إلا موظف قانوني',
  },
  'KP-DATA-02.no_basis': {
    en: 'no child-specific criminal-evidence basis is recorded',
    ar: 'لم يُسجَّل أساس من الأدلة الجنائية خاص بالطفل',
  },
  'KP-DATA-02.not_own_conduct': {
    en: "the cited evidence is not criminal evidence of the child's own conduct (family affiliation is never a basis)",
    ar: 'الأدلة المستشهد بها ليست أدلة جنائية على سلوك الطفل نفسه (الانتماء الأسري لا يكون أساساً أبداً)',
  },
  'KP-DATA-02.basis_recorded': {
    en: 'child-specific criminal-evidence basis recorded by a legal officer',
    ar: 'سجّل موظف قانوني أساساً من الأدلة الجنائية خاصاً بالطفل',
  },
  'KP-DATA-02.allow_legal_officer': { en: 'a legal officer recording the basis', ar: 'موظف قانوني يسجّل الأساس' },
  'KP-DATA-02.allow_basis': {
    en: 'a child-specific criminal-evidence basis (10 characters or more)',
    ar: 'أساس من الأدلة الجنائية خاص بالطفل (عشرة أحرف أو أكثر)',
  },
  'KP-DATA-02.allow_own_conduct_evidence': {
    en: "usable evidence of the child's own conduct",
    ar: 'أدلة صالحة للاستخدام على سلوك الطفل نفسه',
  },

  'KP-DATA-03.sealed_used': {
    en: 'evidence {evidence} belongs to a sealed child-justice record and may not be used in adult proceedings or exported',
    ar: 'الدليل {evidence} جزء من سجل مختوم لقضاء الأحداث ولا يجوز استخدامه في إجراءات خاصة بالبالغين أو تصديره',
  },
  // The stigmatising words are quoted as the command wrote them: they are matched from a fixed list.
  'KP-DATA-03.also_stigmatising': { en: 'stigmatising language: {words}', ar: 'لغة وصم: {words}' },
  'KP-DATA-03.stigmatising': {
    en: 'use non-stigmatising language instead of {words}',
    ar: 'استخدم لغة خالية من الوصم بدلاً من: {words}',
  },
  'KP-DATA-03.clean': {
    en: 'no sealed child-justice record is used; no stigmatising labels',
    ar: 'لم يُستخدم أي سجل مختوم لقضاء الأحداث؛ ولا توجد أوصاف تنطوي على وصم',
  },
  'KP-DATA-03.allow_unsealed': {
    en: 'evidence outside the sealed child-justice record, or juvenile proceedings',
    ar: 'أدلة من خارج سجل قضاء الأحداث المختوم، أو إجراءات أمام قضاء الأحداث',
  },
  'KP-DATA-03.allow_neutral': { en: 'neutral, non-stigmatising language', ar: 'لغة محايدة خالية من الوصم' },
});

defineTerms({
  // Fields a share names (workflows/sharing.ts SHAREABLE_FIELDS); documents, legal and detention
  // are declared with the age, children's and humanitarian vocabulary.
  names: { en: 'names', ar: 'الأسماء' },
  dateOfBirth: { en: 'date of birth', ar: 'تاريخ الميلاد' },
  placeOfBirth: { en: 'place of birth', ar: 'مكان الميلاد' },
  photo: { en: 'photo', ar: 'الصورة' },
  biometrics: { en: 'biometrics', ar: 'البيانات البيومترية' },
  contact: { en: 'contact details', ar: 'بيانات الاتصال' },
  sex: { en: 'sex', ar: 'الجنس' },
  ageBand: { en: 'age band', ar: 'الفئة العمرية' },
  nationalities: { en: 'nationalities', ar: 'الجنسيات' },
  location: { en: 'location', ar: 'الموقع' },
  vulnerabilities: { en: 'vulnerabilities', ar: 'مواطن الضعف' },
  familyLinks: { en: 'family links', ar: 'الروابط الأسرية' },
  evidence: { en: 'evidence', ar: 'الأدلة' },
  screening: { en: 'screening', ar: 'الفرز' },
  bestInterests: { en: 'best interests', ar: 'المصلحة الفضلى' },
  rehabilitation: { en: 'rehabilitation', ar: 'إعادة التأهيل' },
  full_record: { en: 'the whole record', ar: 'السجل بأكمله' },
  // Grounds of a share to a security body (workflows/agreements.ts SHARE_GROUNDS).
  individual_conduct: { en: 'individual conduct', ar: 'السلوك الفردي' },
  repatriation: { en: 'repatriation', ar: 'الإعادة إلى الوطن' },
  association: { en: 'association', ar: 'الارتباط' },
  // What a transfer to another organisation must name.
  purpose: { en: 'purpose', ar: 'الغرض' },
});
