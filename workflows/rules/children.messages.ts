import { defineTerms, messages } from './messages.ts';

/** The texts of the best-interests, BID and family-unity rules (children.ts), English and Arabic. */
export const say = messages({
  'KP-CHILD-01.no_bia': { en: 'no completed best-interests assessment (BIA)', ar: 'لا يوجد تقييم مكتمل للمصلحة الفضلى' },
  'KP-CHILD-01.bia_expired': { en: 'the BIA expired on {until}', ar: 'انتهت صلاحية تقييم المصلحة الفضلى في {until}' },
  'KP-CHILD-01.no_prepared_bid': {
    en: 'no prepared BID with a recommendation and a family-unity analysis',
    ar: 'لا يوجد قرار مُعَدّ لتحديد المصلحة الفضلى يتضمن توصية وتحليلاً لوحدة الأسرة',
  },
  'KP-CHILD-01.no_panel_reasons': { en: 'the panel decision records no reasons', ar: 'لا يسجّل قرار اللجنة أي أسباب' },
  'KP-CHILD-01.placement_unreasoned': {
    en: "the placement records no reasons weighing the child's best interests",
    ar: 'لا يسجّل الإيداع أي أسباب توازن المصلحة الفضلى للطفل',
  },
  'KP-CHILD-01.bid_required': {
    en: 'the BIA requires a BID and none is approved',
    ar: 'يستلزم تقييم المصلحة الفضلى قراراً بتحديدها، ولم يُعتمد أي قرار',
  },
  'KP-CHILD-01.reasoned': {
    en: 'a current BIA is linked and the best interests are reasoned',
    ar: 'رُبط تقييم ساري المفعول للمصلحة الفضلى، والمصلحة الفضلى معلَّلة',
  },
  'KP-CHILD-01.allow_prepared_bid': {
    en: 'a BID prepared with a recommendation and a family-unity analysis',
    ar: 'قرار مُعَدّ لتحديد المصلحة الفضلى يتضمن توصية وتحليلاً لوحدة الأسرة',
  },
  'KP-CHILD-01.allow_panel_reasons': { en: "the panel's written reasons", ar: 'الأسباب المكتوبة للجنة' },
  'KP-CHILD-01.allow_placement_reasons': {
    en: "written reasons weighing the child's best interests (or a reason for each care option considered)",
    ar: 'أسباب مكتوبة توازن المصلحة الفضلى للطفل (أو سبب لكل خيار رعاية جرى النظر فيه)',
  },

  'KP-CHILD-02.kinship': { en: 'kinship care needs no BID', ar: 'لا تحتاج الرعاية لدى الأقارب إلى قرار بتحديد المصلحة الفضلى' },
  'KP-CHILD-02.non_kin_on_bid': {
    en: '{type:term} care on an approved BID',
    ar: 'إيداع في {type:term} بناءً على قرار معتمد بتحديد المصلحة الفضلى',
  },
  'KP-CHILD-02.interim': {
    en: 'interim {type:term} care after an urgent protective action, BID due {due} ({rule})',
    ar: 'إيداع مؤقت في {type:term} بعد إجراء حماية عاجل، وقرار تحديد المصلحة الفضلى مستحق في {due} (القاعدة {rule})',
  },
  'KP-CHILD-02.non_kin_needs_bid': {
    en: 'placement in non-kin ({type:term}) care needs an approved BID',
    ar: 'يحتاج الإيداع في رعاية من غير الأقارب ({type:term}) إلى قرار معتمد بتحديد المصلحة الفضلى',
  },
  'KP-CHILD-02.no_trigger': {
    en: 'no BID trigger: the child travels with the parents and no consent is refused',
    ar: 'لا يستدعي الأمر قراراً بتحديد المصلحة الفضلى: يسافر الطفل مع والديه ولم تُرفض أي موافقة',
  },
  'KP-CHILD-02.bid_covers': { en: 'approved BID covers', ar: 'يشمل القرار المعتمد بتحديد المصلحة الفضلى' },
  'KP-CHILD-02.bid_needed': { en: 'an approved BID is required', ar: 'يلزم قرار معتمد بتحديد المصلحة الفضلى' },
  // What makes a BID required on a return (after `bid_covers` or `bid_needed`).
  'KP-CHILD-02.separation': { en: 'separation from {relation:term} ({parent})', ar: 'الفصل عن {relation:term} ({parent})' },
  'KP-CHILD-02.uasc': { en: 'the child is {status:term}', ar: 'الطفل {status:term}' },
  'KP-CHILD-02.travels_separated': {
    en: 'the child travels separated (no parent, guardian or caregiver in the move; other relatives are)',
    ar: 'يسافر الطفل منفصلاً عن ذويه (لا أحد من الوالدين أو الأوصياء أو مقدمي الرعاية في عملية النقل؛ بل أقارب آخرون)',
  },
  'KP-CHILD-02.travels_unaccompanied': {
    en: 'the child travels unaccompanied (no parent, guardian, caregiver or other relative in the move)',
    ar: 'يسافر الطفل غير مصحوب (لا أحد من الوالدين أو الأوصياء أو مقدمي الرعاية أو الأقارب الآخرين في عملية النقل)',
  },
  'KP-CHILD-02.consent_refused': { en: 'parental consent refused ({parent})', ar: 'رُفضت موافقة الوالد أو الوالدة ({parent})' },
  'KP-CHILD-02.consent_withdrawn': { en: 'parental consent withdrawn ({parent})', ar: 'سُحبت موافقة الوالد أو الوالدة ({parent})' },

  'KP-CHILD-05.not_approved': { en: 'the BID is not approved', ar: 'لم يُعتمد قرار تحديد المصلحة الفضلى' },
  'KP-CHILD-05.no_language': {
    en: 'the language in which the child was informed and heard is not recorded (nor is a screening interview in a language the child understands)',
    ar: 'لم تُسجَّل اللغة التي أُبلغ بها الطفل واستُمع إليه بها (ولا مقابلة فرز بلغة يفهمها الطفل)',
  },
  'KP-CHILD-05.no_weight': {
    en: "the weight given to the child's views is not recorded (in the BID or the panel's reasons)",
    ar: 'لم يُسجَّل الوزن المعطى لآراء الطفل (في القرار أو في أسباب اللجنة)',
  },
  // The language is free text (it may say more than a language): the verdict says where it is recorded.
  'KP-CHILD-05.heard_bid_language': {
    en: 'the child was informed and heard in the language recorded in the BID',
    ar: 'أُبلغ الطفل واستُمع إليه باللغة المسجّلة في قرار تحديد المصلحة الفضلى',
  },
  'KP-CHILD-05.heard_screening_language': {
    en: 'the child was informed and heard in the language of the screening interview',
    ar: 'أُبلغ الطفل واستُمع إليه بلغة مقابلة الفرز',
  },
  'KP-CHILD-05.heard_screening_language_interpreter': {
    en: 'the child was informed and heard in the language of the screening interview, with an interpreter',
    ar: 'أُبلغ الطفل واستُمع إليه بلغة مقابلة الفرز، بمساعدة مترجم',
  },
  'KP-CHILD-05.weight_in_bid': { en: 'the weight given to the views is recorded in the BID', ar: 'الوزن المعطى للآراء مسجَّل في القرار' },
  'KP-CHILD-05.weight_in_reasons': {
    en: "the weight given to the views is recorded in the panel's reasons",
    ar: 'الوزن المعطى للآراء مسجَّل في أسباب اللجنة',
  },
  'KP-CHILD-05.weight_pending': {
    en: "the weight given to the views is to be recorded in the panel's reasons",
    ar: 'يُسجَّل الوزن المعطى للآراء في أسباب اللجنة',
  },
  'KP-CHILD-05.not_heard_documented': {
    en: 'the child could not be heard: the reason is documented in the BID',
    ar: 'تعذّر الاستماع إلى الطفل: والسبب موثَّق في القرار',
  },
  'KP-CHILD-05.no_views': {
    en: "the BID records neither the child's views nor a documented reason they could not be obtained",
    ar: 'لا يسجّل القرار آراء الطفل ولا سبباً موثَّقاً لتعذّر الحصول عليها',
  },
  'KP-CHILD-05.allow_language': {
    en: 'the language in which the child was informed and heard, recorded in the BID (or a screening interview in a language the child understands)',
    ar: 'تسجيل اللغة التي أُبلغ بها الطفل واستُمع إليه بها في القرار (أو مقابلة فرز بلغة يفهمها الطفل)',
  },
  'KP-CHILD-05.allow_weight': {
    en: "the weight given to the child's views, in the BID or the panel's reasons",
    ar: 'الوزن المعطى لآراء الطفل، في القرار أو في أسباب اللجنة',
  },
  'KP-CHILD-05.allow_views': {
    en: "the child's views, or the documented reason they could not be obtained, in the BID",
    ar: 'آراء الطفل، أو السبب الموثَّق لتعذّر الحصول عليها، في القرار',
  },

  'KP-CHILD-06.aid_conditional': {
    en: 'consent is never a condition of aid or services',
    ar: 'لا تكون الموافقة أبداً شرطاً للمساعدة أو الخدمات',
  },
  // What makes aid depend on consent (after `aid_conditional`).
  'KP-CHILD-06.eligibility_on_consent': { en: 'eligibility depends on {field}', ar: 'تتوقف الأهلية على {field}' },
  'KP-CHILD-06.service_on_consent': {
    en: '{service:term} is conditional on {condition}',
    ar: 'الخدمة ({service:term}) مشروطة بـ {condition}',
  },
  'KP-CHILD-06.not_a_parent': {
    en: 'case {parent} is not a parent, caregiver or guardian of this child',
    ar: 'القضية {parent} ليست لأحد والدي هذا الطفل أو مقدّم الرعاية له أو وصيّه',
  },
  'KP-CHILD-06.refused_recorded': {
    en: 'consent refused is recorded (the parent is not penalised)',
    ar: 'سُجّل رفض الموافقة (ولا يُعاقَب الوالد أو الوالدة على ذلك)',
  },
  'KP-CHILD-06.withdrawn_recorded': {
    en: 'consent withdrawn is recorded (the parent is not penalised)',
    ar: 'سُجّل سحب الموافقة (ولا يُعاقَب الوالد أو الوالدة على ذلك)',
  },
  'KP-CHILD-06.not_free_informed': { en: 'not free and informed consent', ar: 'ليست موافقة حرة ومستنيرة' },
  'KP-CHILD-06.free_informed': { en: 'free and informed consent is recorded', ar: 'سُجّلت موافقة حرة ومستنيرة' },
  // Why a consent is not free and informed (after `not_free_informed` or `invalid_consent`).
  'KP-CHILD-06.defect_refused': { en: 'consent refused', ar: 'الموافقة مرفوضة' },
  'KP-CHILD-06.defect_withdrawn': { en: 'consent withdrawn', ar: 'الموافقة مسحوبة' },
  'KP-CHILD-06.defect_consequences': { en: 'the consequences were not explained', ar: 'لم تُشرح العواقب' },
  'KP-CHILD-06.defect_language': { en: 'no language recorded', ar: 'لم تُسجَّل اللغة' },
  'KP-CHILD-06.defect_coercion_unrecorded': {
    en: 'the circumstances do not record that coercion was ruled out',
    ar: 'لا تسجّل الظروف أن الإكراه قد استُبعد',
  },
  'KP-CHILD-06.defect_coercion': { en: 'coercion was not ruled out', ar: 'لم يُستبعد الإكراه' },
  'KP-CHILD-06.defect_condition_of_aid': {
    en: 'consent was made a condition of aid or services',
    ar: 'جُعلت الموافقة شرطاً للمساعدة أو الخدمات',
  },
  'KP-CHILD-06.no_separation': { en: 'no separation decided', ar: 'لم يُتخذ قرار بالفصل' },
  'KP-CHILD-06.not_separated': { en: 'the child is not separated from a parent', ar: 'لا يُفصل الطفل عن أحد والديه' },
  'KP-CHILD-06.no_consent': { en: 'no consent from the {relation:term} ({parent})', ar: 'لا توجد موافقة من {relation:term} ({parent})' },
  'KP-CHILD-06.withdrew': {
    en: 'the {relation:term} ({parent}) withdrew consent: the BID must be redone',
    ar: 'سحب {relation:term} ({parent}) الموافقة: يجب إعادة قرار تحديد المصلحة الفضلى',
  },
  'KP-CHILD-06.invalid_consent': {
    en: "the {relation:term}'s ({parent}) consent is not valid",
    ar: 'موافقة {relation:term} ({parent}) غير صحيحة',
  },
  'KP-CHILD-06.needs_consent_or_bid': {
    en: "separation needs valid consent or an approved BID concluding it is in the child's best interests",
    ar: 'يحتاج الفصل إلى موافقة صحيحة أو إلى قرار معتمد يخلص إلى أنه يحقق المصلحة الفضلى للطفل',
  },
  'KP-CHILD-06.bid_separates': {
    en: "an approved BID concludes separation is in the child's best interests",
    ar: 'يخلص قرار معتمد إلى أن الفصل يحقق المصلحة الفضلى للطفل',
  },
  'KP-CHILD-06.each_consented': {
    en: 'each parent left behind gave free and informed consent',
    ar: 'أعطى كل من يبقى من الوالدين موافقة حرة ومستنيرة',
  },
  'KP-CHILD-06.allow_unconditional_aid': {
    en: 'aid and services that do not depend on anyone\'s consent',
    ar: 'مساعدة وخدمات لا تتوقف على موافقة أحد',
  },
  'KP-CHILD-06.allow_parent': {
    en: 'consent recorded from a linked parent, caregiver or guardian of the child',
    ar: 'تسجيل الموافقة من أحد الوالدين أو مقدّم الرعاية أو الوصيّ المرتبط بالطفل',
  },
  'KP-CHILD-06.allow_free_consent': {
    en: 'consent given in a language the parent understands, with the consequences explained, coercion ruled out and no aid made conditional on it',
    ar: 'موافقة تُعطى بلغة يفهمها الوالد، مع شرح العواقب واستبعاد الإكراه ودون جعل أي مساعدة مشروطة بها',
  },
  'KP-CHILD-06.allow_consent': {
    en: 'free and informed consent of each parent left behind',
    ar: 'موافقة حرة ومستنيرة من كل من يبقى من الوالدين',
  },
  'KP-CHILD-06.allow_bid_separation': {
    en: "an approved BID concluding separation is in the child's best interests",
    ar: 'قرار معتمد يخلص إلى أن الفصل يحقق المصلحة الفضلى للطفل',
  },

  'KP-CHILD-07.together': { en: 'the family travels together', ar: 'تسافر الأسرة مجتمعة' },
  'KP-CHILD-07.separated_from': {
    en: 'this child is separated from {relation:term} ({member})',
    ar: 'يُفصل هذا الطفل عن {relation:term} ({member})',
  },
  'KP-CHILD-07.child_left_behind': { en: 'the child {child} is left behind', ar: 'يبقى الطفل {child} متخلِّفاً عن الأسرة' },
  'KP-CHILD-07.no_bid': {
    en: 'no approved BID supports the separation ({cases})',
    ar: 'لا يوجد قرار معتمد بتحديد المصلحة الفضلى يؤيد الفصل ({cases})',
  },
  'KP-CHILD-07.second_needed': {
    en: 'supported by an approved BID; a second supervisor must approve the split',
    ar: 'يؤيده قرار معتمد بتحديد المصلحة الفضلى؛ ويجب أن يوافق مشرف ثانٍ على الفصل',
  },
  'KP-CHILD-07.allow_bid_separation': {
    en: "an approved BID for each child concerned concluding separation is in the child's best interests",
    ar: 'قرار معتمد لكل طفل معني يخلص إلى أن الفصل يحقق مصلحته الفضلى',
  },
  'KP-CHILD-07.allow_together': { en: 'a plan in which the family travels together', ar: 'خطة تسافر فيها الأسرة مجتمعة' },

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
  // Family relations (caseFile.ts RELATIONS) named in separation and consent verdicts.
  mother: { en: 'mother', ar: 'الأم' },
  father: { en: 'father', ar: 'الأب' },
  parent: { en: 'parent', ar: 'أحد الوالدين' },
  caregiver: { en: 'caregiver', ar: 'مقدّم الرعاية' },
  sibling: { en: 'sibling', ar: 'الأخ أو الأخت' },
  // Vulnerabilities that make a child's return need a BID (KP-CHILD-02).
  unaccompanied: { en: 'unaccompanied', ar: 'غير مصحوب' },
  separated: { en: 'separated', ar: 'منفصل عن ذويه' },
  orphan: { en: 'orphan', ar: 'يتيم' },
});
