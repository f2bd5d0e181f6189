import { defineTerms, messages } from './messages.ts';

/** The texts of the nationality and statelessness rules (nationality.ts), English and Arabic. */
export const say = messages({
  // KP-NAT-01 on RESOLVE.
  'KP-NAT-01.no_nationality': {
    en: 'concluding "no nationality" without statelessness protection leaves the person stateless',
    ar: 'إن الانتهاء إلى "انعدام الجنسية" دون توفير الحماية لعديمي الجنسية يترك الشخص عديم الجنسية',
  },
  'KP-NAT-01.no_protection': {
    en: 'a stateless outcome must record the protection given (statelessness determination, residence, documents, naturalisation ...)',
    ar: 'يجب أن تسجّل نتيجة انعدام الجنسية الحماية المقدَّمة (تحديد وضع انعدام الجنسية، أو الإقامة، أو الوثائق، أو التجنيس...)',
  },
  'KP-NAT-01.resolved': {
    en: 'the outcome leaves the person with a nationality or with statelessness protection',
    ar: 'تترك النتيجة الشخص متمتعاً بجنسية أو بالحماية المقررة لعديمي الجنسية',
  },
  'KP-NAT-01.allow_protection': {
    en: 'a stateless outcome that records the protection given',
    ar: 'نتيجة انعدام جنسية تسجّل الحماية المقدَّمة',
  },
  // KP-NAT-01 on a State's refusal and on the return.
  'KP-NAT-01.not_a_denial': {
    en: "the refusal does not deny the person's nationality",
    ar: 'لا ينكر الرفض جنسية الشخص',
  },
  'KP-NAT-01.keeps_nationality': {
    en: 'the person keeps the nationality of {states}',
    ar: 'يحتفظ الشخص بجنسية {states}',
  },
  'KP-NAT-01.stateless_protected': { en: 'the person is protected as stateless', ar: 'الشخص مشمول بالحماية بوصفه عديم الجنسية' },
  'KP-NAT-01.refusal_leaves_stateless': {
    en: "{destination} denies the person's nationality and no other nationality is verified: accepting the refusal would leave the person stateless; refer for statelessness determination first",
    ar: 'تنكر الدولة {destination} جنسية الشخص ولم يُتحقق من أي جنسية أخرى: قبول الرفض يترك الشخص عديم الجنسية؛ أحِل الحالة أولاً لتحديد وضع انعدام الجنسية',
  },
  'KP-NAT-01.refusal_leaves_stateless_unnamed': {
    en: "the State denies the person's nationality and no other nationality is verified: accepting the refusal would leave the person stateless; refer for statelessness determination first",
    ar: 'تنكر الدولة جنسية الشخص ولم يُتحقق من أي جنسية أخرى: قبول الرفض يترك الشخص عديم الجنسية؛ أحِل الحالة أولاً لتحديد وضع انعدام الجنسية',
  },
  'KP-NAT-01.verified_national': {
    en: 'the person is a verified national of {destination}',
    ar: 'الشخص مواطن متحقَّق من جنسيته لدى الدولة {destination}',
  },
  'KP-NAT-01.protected_admitted': {
    en: 'the person is protected as stateless and {destination} agreed to admit them',
    ar: 'الشخص مشمول بالحماية بوصفه عديم الجنسية ووافقت الدولة {destination} على استقباله',
  },
  'KP-NAT-01.return_leaves_stateless': {
    en: 'no nationality is verified: the return to {destination} would leave the person stateless',
    ar: 'لم يُتحقق من أي جنسية: الإعادة إلى الدولة {destination} تترك الشخص عديم الجنسية',
  },
  'KP-NAT-01.return_leaves_stateless_unnamed': {
    en: 'no nationality is verified: the return to an unspecified State would leave the person stateless',
    ar: 'لم يُتحقق من أي جنسية: الإعادة إلى دولة غير محددة تترك الشخص عديم الجنسية',
  },
  'KP-NAT-01.allow_statelessness_referral': {
    en: 'a referral for statelessness determination first, or another verified nationality',
    ar: 'الإحالة أولاً لتحديد وضع انعدام الجنسية، أو التحقق من جنسية أخرى',
  },
  'KP-NAT-01.allow_nationality_or_admission': {
    en: "a verified nationality, or statelessness protection and the destination's agreement to admit the person",
    ar: 'جنسية متحقَّق منها، أو الحماية بوصف الشخص عديم الجنسية مع موافقة دولة المقصد على استقباله',
  },

  'KP-NAT-02.no_conclusion': { en: 'no "no nationality" conclusion', ar: 'لا توجد خلاصة بـ"انعدام الجنسية"' },
  'KP-NAT-02.lines_not_recorded': {
    en: "the mother's and the father's lines must both be recorded as checked",
    ar: 'يجب تسجيل التحقق من نسب الأم ومن نسب الأب كليهما',
  },
  'KP-NAT-02.mother_no_state': {
    en: "the mother's line names no State checked",
    ar: 'لا يذكر نسب الأم أي دولة جرى التحقق لديها',
  },
  'KP-NAT-02.father_no_state': {
    en: "the father's line names no State checked",
    ar: 'لا يذكر نسب الأب أي دولة جرى التحقق لديها',
  },
  'KP-NAT-02.mother_known': {
    en: "the mother is known (case {case}) but the mother's line is recorded as unknown",
    ar: 'الأم معروفة (القضية {case}) لكن نسب الأم مسجَّل على أنه مجهول',
  },
  'KP-NAT-02.father_known': {
    en: "the father is known (case {case}) but the father's line is recorded as unknown",
    ar: 'الأب معروف (القضية {case}) لكن نسب الأب مسجَّل على أنه مجهول',
  },
  'KP-NAT-02.mother_unchecked': {
    en: "the mother's State(s) {states} were not checked",
    ar: 'لم يجرِ التحقق لدى دولة الأم أو دولها: {states}',
  },
  'KP-NAT-02.father_unchecked': {
    en: "the father's State(s) {states} were not checked",
    ar: 'لم يجرِ التحقق لدى دولة الأب أو دوله: {states}',
  },
  'KP-NAT-02.parent_unchecked': {
    en: "a parent's State(s) {states} were not checked (case {case})",
    ar: 'لم يجرِ التحقق لدى دولة أحد الوالدين أو دوله: {states} (القضية {case})',
  },
  'KP-NAT-02.safeguards_unchecked': {
    en: '1961 Convention safeguards not checked: {missing:term}',
    ar: 'لم يجرِ التحقق من ضمانات اتفاقية عام 1961: {missing:term}',
  },
  'KP-NAT-02.checked': {
    en: 'both parental lines and the 1961 safeguards were checked',
    ar: 'جرى التحقق من نسب الوالدين كليهما ومن ضمانات اتفاقية عام 1961',
  },
  'KP-NAT-02.allow_lines': {
    en: "both parents' lines checked with every State linked to them, and the 1961 safeguards ({required:term})",
    ar: 'التحقق من نسب الوالدين كليهما لدى كل دولة يرتبطان بها، ومن ضمانات اتفاقية عام 1961 ({required:term})',
  },

  'KP-NAT-03.no_documents': {
    en: 'a lack of documents never makes a person ineligible for assessment or return: pursue alternative evidence (testimony, consular records)',
    ar: 'لا يجعل نقص الوثائق الشخص غير مؤهل للتقييم أو للإعادة أبداً: اسعَ إلى أدلة بديلة (شهادات، سجلات قنصلية)',
  },
  'KP-NAT-03.dna_without': { en: 'DNA evidence without {missing:term}', ar: 'دليل الحمض النووي دون {missing:term}' },
  'KP-NAT-03.no_bar': {
    en: 'no documentary bar; alternative evidence accepted',
    ar: 'لا عائق بسبب الوثائق؛ وتُقبل الأدلة البديلة',
  },
  'KP-NAT-03.allow_alternative_evidence': {
    en: 'a ground other than the lack of documents, with alternative evidence pursued',
    ar: 'سبب غير نقص الوثائق، مع السعي إلى أدلة بديلة',
  },
  'KP-NAT-03.allow_dna_safeguards': {
    en: 'DNA evidence only with informed consent, purpose limitation and data-protection safeguards',
    ar: 'دليل الحمض النووي فقط بموافقة مستنيرة وتقييد للغرض وضمانات لحماية البيانات',
  },

  'KP-NAT-04.on_destination': {
    en: "decided on the plan's destination",
    ar: 'يُبتّ فيه على أساس دولة المقصد في الخطة',
  },
  'KP-NAT-04.disputed_plan': {
    en: "{destination} disputes the person's nationality: no plan of removal to an unwilling State",
    ar: 'تنازع الدولة {destination} في جنسية الشخص: لا خطة لنقله إلى دولة غير راغبة في استقباله',
  },
  'KP-NAT-04.planning': {
    en: 'planning may proceed while nationality is determined; removal is checked at approval',
    ar: 'يجوز المضي في التخطيط أثناء تحديد الجنسية؛ ويُتحقق من النقل عند الموافقة',
  },
  'KP-NAT-04.no_destination': { en: 'no removal to an unspecified State', ar: 'لا نقل إلى دولة غير محددة' },
  'KP-NAT-04.verified': {
    en: 'the nationality of {destination} is verified',
    ar: 'جنسية الدولة {destination} متحقَّق منها',
  },
  'KP-NAT-04.disputed': {
    en: "{destination} disputes the person's nationality: no removal to an unwilling State",
    ar: 'تنازع الدولة {destination} في جنسية الشخص: لا نقل إلى دولة غير راغبة في استقباله',
  },
  'KP-NAT-04.pending': {
    en: 'the nationality determination is pending ({state:term}): no removal until it is concluded',
    ar: 'تحديد الجنسية قيد النظر ({state:term}): لا نقل قبل البتّ فيه',
  },
  'KP-NAT-04.admitted': {
    en: '{destination} agreed to admit the person',
    ar: 'وافقت الدولة {destination} على استقبال الشخص',
  },
  'KP-NAT-04.not_admitted': {
    en: '{destination} is neither a verified State of nationality nor has it agreed to admit the person',
    ar: 'الدولة {destination} ليست دولة جنسية متحققاً منها ولم توافق على استقبال الشخص',
  },
  'KP-NAT-04.allow_destination': { en: 'a plan that names the destination State', ar: 'خطة تحدد دولة المقصد' },
  'KP-NAT-04.allow_willing_destination': {
    en: "a destination that does not dispute the person's nationality",
    ar: 'دولة مقصد لا تنازع في جنسية الشخص',
  },
  'KP-NAT-04.allow_determination': {
    en: 'the nationality determination concluded',
    ar: 'البتّ في تحديد الجنسية',
  },
  'KP-NAT-04.allow_admission': {
    en: "{destination}'s nationality verified, or its agreement, through consular contact, to admit the person",
    ar: 'التحقق من جنسية الدولة {destination}، أو موافقتها عبر التواصل القنصلي على استقبال الشخص',
  },
});

defineTerms({
  // The 1961 Convention safeguards (nationality/model.ts SAFEGUARDS_1961).
  art1_born_in_territory: { en: 'art. 1 (born in the territory)', ar: 'المادة 1 (الولادة في الإقليم)' },
  art2_foundling: { en: 'art. 2 (foundling)', ar: 'المادة 2 (اللقيط)' },
  art4_born_abroad_to_national: { en: 'art. 4 (born abroad to a national)', ar: 'المادة 4 (الولادة في الخارج لأحد المواطنين)' },
  // The DNA safeguards, named by their fields in `dnaSafeguards`.
  informedConsent: { en: 'informed consent', ar: 'الموافقة المستنيرة' },
  purposeLimited: { en: 'purpose limitation', ar: 'تقييد الغرض' },
  dataProtected: { en: 'data-protection safeguards', ar: 'ضمانات حماية البيانات' },
  // States of the nationality workflow while a determination is pending.
  unverified: { en: 'unverified', ar: 'غير متحقق منها' },
  verification_requested: { en: 'verification requested', ar: 'طُلب التحقق' },
  disputed: { en: 'disputed', ar: 'متنازع عليها' },
  statelessness_referral: { en: 'statelessness referral', ar: 'إحالة بشأن انعدام الجنسية' },
});
