import { defineTerms, messages } from './messages.ts';

/** The texts of the return and non-refoulement rules (return.ts), English and Arabic. */
export const say = messages({
  // KP-RET-01 on the assessment (SUBMIT, CONCLUDE): every required risk covered.
  'KP-RET-01.no_findings': {
    en: 'no findings are recorded: the assessment is incomplete',
    ar: 'لم تُسجَّل أي نتائج: التقييم غير مكتمل',
  },
  'KP-RET-01.not_covered': {
    en: 'the assessment does not cover: {missing:term}',
    ar: 'لا يشمل التقييم: {missing:term}',
  },
  'KP-RET-01.not_covered_law_allows_lwop': {
    en: 'the assessment does not cover: {missing:term} ({destination} law in force allows life without parole for minors)',
    ar: 'لا يشمل التقييم: {missing:term} (القانون النافذ في الدولة {destination} يجيز السجن المؤبد دون إمكانية الإفراج المشروط للقاصرين)',
  },
  'KP-RET-01.not_covered_no_law': {
    en: 'the assessment does not cover: {missing:term} (no {destination} jurisdiction data in force says whether life without parole is possible for minors)',
    ar: 'لا يشمل التقييم: {missing:term} (لا توجد بيانات نافذة عن الولاية القضائية للدولة {destination} تبيّن ما إذا كان السجن المؤبد دون إمكانية الإفراج المشروط جائزاً للقاصرين)',
  },
  'KP-RET-01.covered': { en: 'the findings cover every required risk', ar: 'تشمل النتائج كل المخاطر المطلوب تقييمها' },
  'KP-RET-01.covered_lwop_by_law': {
    en: 'the findings cover every required risk; life without parole for minors is excluded by {destination} law in force ({version})',
    ar: 'تشمل النتائج كل المخاطر المطلوب تقييمها؛ ويستبعد القانون النافذ في الدولة {destination} (نسخة {version}) السجن المؤبد دون إمكانية الإفراج المشروط للقاصرين',
  },
  'KP-RET-01.allow_coverage': {
    en: 'findings that cover {required:term}',
    ar: 'نتائج تشمل: {required:term}',
  },
  // KP-RET-01 on the move (APPROVE_RETURN): a cleared, current assessment of the destination.
  'KP-RET-01.no_destination': { en: 'the move names no destination State', ar: 'لا تحدد عملية النقل دولة المقصد' },
  'KP-RET-01.no_assessment': {
    en: 'no individual non-refoulement assessment of {destination} for this person',
    ar: 'لا يوجد تقييم فردي لعدم الإعادة القسرية إلى الدولة {destination} خاص بهذا الشخص',
  },
  'KP-RET-01.risk_identified': {
    en: 'the non-refoulement assessment found substantial grounds for believing this person would be at risk in {destination}: the move is blocked',
    ar: 'خلص تقييم عدم الإعادة القسرية إلى وجود أسباب جوهرية للاعتقاد بأن هذا الشخص سيتعرض للخطر في الدولة {destination}: النقل ممنوع',
  },
  'KP-RET-01.not_concluded': {
    en: 'the non-refoulement assessment of {destination} is not concluded ({state:term})',
    ar: 'لم يُستكمل تقييم عدم الإعادة القسرية إلى الدولة {destination} (الحالة: {state:term})',
  },
  'KP-RET-01.no_conclusion_date': {
    en: 'the non-refoulement clearance for {destination} has no conclusion date',
    ar: 'ليس لإجازة عدم الإعادة القسرية إلى الدولة {destination} تاريخ إنجاز',
  },
  'KP-RET-01.clearance_expired': {
    en: 'the non-refoulement clearance for {destination} of {concluded} is {age} days old (valid {valid}): reassess before any return',
    ar: 'مضى {age} يوماً على إجازة عدم الإعادة القسرية إلى الدولة {destination} الصادرة في {concluded} (مدة صلاحيتها {valid} يوماً): يجب إعادة التقييم قبل أي إعادة',
  },
  'KP-RET-01.cleared': {
    en: 'non-refoulement assessment of {destination} cleared on {concluded}',
    ar: 'أجاز تقييم عدم الإعادة القسرية الإعادة إلى الدولة {destination} في {concluded}',
  },
  'KP-RET-01.allow_destination': { en: 'a plan that names the destination State', ar: 'خطة تحدد دولة المقصد' },
  'KP-RET-01.allow_clearance': {
    en: 'a concluded, current non-refoulement assessment of {destination} that clears the move',
    ar: 'تقييم مكتمل وساري المفعول لعدم الإعادة القسرية إلى الدولة {destination} يجيز النقل',
  },
  'KP-RET-01.allow_other_destination': {
    en: 'another destination where no substantial risk is found, or a reassessment on new information',
    ar: 'دولة مقصد أخرى لا يثبت فيها خطر جوهري، أو إعادة التقييم بناءً على معلومات جديدة',
  },
  'KP-RET-01.allow_reassess': {
    en: 'a reassessment of {destination} concluded within the last {valid} days',
    ar: 'إعادة تقييم للدولة {destination} أُنجزت خلال آخر {valid} يوماً',
  },

  'KP-RET-02.review_pending': {
    en: 'a review or appeal is pending: the transfer is suspended',
    ar: 'هناك مراجعة أو طعن قيد النظر: النقل معلّق',
  },
  'KP-RET-02.not_individual': {
    en: "this person's own screening is not completed: a return decision must be individual, never a household's",
    ar: 'لم يكتمل الفرز الخاص بهذا الشخص: يجب أن يكون قرار الإعادة فردياً، لا قراراً يخص الأسرة المعيشية بأكملها',
  },
  'KP-RET-02.rights_not_explained': {
    en: 'the person must be told how to seek review of the decision',
    ar: 'يجب إبلاغ الشخص بكيفية طلب مراجعة القرار',
  },
  'KP-RET-02.not_notified': {
    en: 'the decision was not recorded as notified to the person (NOTIFY_DECISION: the decision and how to seek review)',
    ar: 'لم يُسجَّل إبلاغ الشخص بالقرار (أمر الإبلاغ بالقرار: القرار وكيفية طلب مراجعته)',
  },
  'KP-RET-02.notified_late': {
    en: 'the decision was notified ({notified}) only after the transfer ({date})',
    ar: 'لم يُبلَّغ القرار ({notified}) إلا بعد النقل ({date})',
  },
  'KP-RET-02.individual': { en: 'individual decision; no review pending', ar: 'قرار فردي؛ ولا مراجعة قيد النظر' },
  'KP-RET-02.allow_review_decided': {
    en: 'the pending review or appeal decided',
    ar: 'البتّ في المراجعة أو الطعن قيد النظر',
  },
  'KP-RET-02.allow_own_screening': { en: "this person's own screening completed", ar: 'إكمال الفرز الخاص بهذا الشخص' },
  'KP-RET-02.allow_rights': {
    en: 'the person told how to seek review of the decision',
    ar: 'إبلاغ الشخص بكيفية طلب مراجعة القرار',
  },
  'KP-RET-02.allow_notify': {
    en: 'the decision notified to the person before the transfer',
    ar: 'إبلاغ الشخص بالقرار قبل النقل',
  },

  'KP-RET-03.no_risk': { en: 'no substantial risk: assurances are not needed', ar: 'لا يوجد خطر جوهري: لا حاجة إلى ضمانات' },
  'KP-RET-03.evidence_only': {
    en: 'assurances, if any, are recorded as evidence only: the risk stands',
    ar: 'تُسجَّل الضمانات، إن وُجدت، بوصفها دليلاً فحسب: ويبقى الخطر قائماً',
  },
  'KP-RET-03.torture_forbidden': {
    en: 'policy forbids reliance on diplomatic assurances against a risk of torture',
    ar: 'تحظر السياسة الاعتماد على الضمانات الدبلوماسية في مواجهة خطر التعذيب',
  },
  'KP-RET-03.cannot_lift': {
    en: 'assurances cannot lift the risk ({risks:term})',
    ar: 'لا يمكن للضمانات أن ترفع الخطر ({risks:term})',
  },
  // What keeps the assurances from lifting the risk, after `cannot_lift`.
  'KP-RET-03.no_assurances': {
    en: 'no diplomatic assurances are recorded in the findings',
    ar: 'لم تُسجَّل ضمانات دبلوماسية في النتائج',
  },
  'KP-RET-03.uncovered': {
    en: 'the assurances do not address: {risks:term}',
    ar: 'لا تتناول الضمانات: {risks:term}',
  },
  'KP-RET-03.no_review': {
    en: 'no independent legal review of the assurances',
    ar: 'لا توجد مراجعة قانونية مستقلة للضمانات',
  },
  'KP-RET-03.not_independent': {
    en: 'the legal review of the assurances is not independent of the assessment',
    ar: 'المراجعة القانونية للضمانات ليست مستقلة عن التقييم',
  },
  'KP-RET-03.no_monitoring': { en: 'no post-return monitoring plan', ar: 'لا توجد خطة للرصد بعد الإعادة' },
  'KP-RET-03.unjustified': {
    en: 'relying on assurances needs written reasons',
    ar: 'يتطلب الاعتماد على الضمانات أسباباً مكتوبة',
  },
  'KP-RET-03.needs_second': {
    en: 'clearing a substantial risk ({risks:term}) on assurances needs a second legal officer',
    ar: 'تتطلب إجازة الإعادة رغم خطر جوهري ({risks:term}) بناءً على الضمانات موافقة موظف قانوني ثانٍ',
  },
  'KP-RET-03.allow_no_reliance': {
    en: 'a conclusion that does not rely on the assurances (the risk stands)',
    ar: 'خلاصة لا تعتمد على الضمانات (ويبقى الخطر قائماً)',
  },
  'KP-RET-03.allow_safeguards': {
    en: 'assurances that address every substantial risk, reviewed by an independent lawyer, with a post-return monitoring plan',
    ar: 'ضمانات تتناول كل خطر جوهري، راجعها محامٍ مستقل، مع خطة للرصد بعد الإعادة',
  },

  'KP-RET-04.stands_after_review': {
    en: "the State's refusal of the return stands after review: the case stays open (other nationalities, statelessness checks, assistance); cancel the repatriation with reasons to close",
    ar: 'يظل رفض الدولة للإعادة قائماً بعد المراجعة: تبقى القضية مفتوحة (جنسيات أخرى، والتحقق من انعدام الجنسية، والمساعدة)؛ ولإغلاقها تُلغى الإعادة إلى الوطن مع بيان الأسباب',
  },
  'KP-RET-04.unreviewed': {
    en: 'the State refused the return and no independent review has decided it: the case stays open',
    ar: 'رفضت الدولة الإعادة ولم تبتّ فيها أي مراجعة مستقلة: تبقى القضية مفتوحة',
  },
  'KP-RET-04.no_refusal': { en: 'no refused return stands', ar: 'لا يوجد رفض قائم للإعادة' },
  'KP-RET-04.no_review_route': {
    en: 'the refusal names no route of review by an independent body',
    ar: 'لا يحدد الرفض سبيلاً للمراجعة أمام هيئة مستقلة',
  },
  'KP-RET-04.lacks': { en: 'the refusal lacks: {missing:term}', ar: 'ينقص الرفضَ: {missing:term}' },
  'KP-RET-04.child_no_bia': {
    en: "the State's refusal records no best-interests analysis for the child: a ground for the independent review",
    ar: 'لا يتضمن رفض الدولة تحليلاً للمصلحة الفضلى للطفل: وهذا سبب يُستند إليه في المراجعة المستقلة',
  },
  'KP-RET-04.reasoned': {
    en: 'the refusal is reasoned and reviewable; the case stays open',
    ar: 'الرفض مسبَّب وقابل للمراجعة؛ وتبقى القضية مفتوحة',
  },
  'KP-RET-04.reasoned_in_justification': {
    en: 'the refusal is reasoned (aim, necessity and proportionality in the justification) and reviewable; the case stays open',
    ar: 'الرفض مسبَّب (الهدف والضرورة والتناسب واردة في التعليل) وقابل للمراجعة؛ وتبقى القضية مفتوحة',
  },
  'KP-RET-04.allow_review_route': {
    en: 'a route of review by an independent body',
    ar: 'سبيل للمراجعة أمام هيئة مستقلة',
  },
  'KP-RET-04.allow_reasons': {
    en: 'the legal basis, with the legitimate aim, necessity and proportionality recorded or given in a written justification',
    ar: 'الأساس القانوني، مع تسجيل الهدف المشروع والضرورة والتناسب أو بيانها في تعليل مكتوب',
  },
  'KP-RET-04.allow_review_decided': {
    en: 'a decision of the independent review of the refusal',
    ar: 'قرار من المراجعة المستقلة للرفض',
  },
  'KP-RET-04.allow_cancel': {
    en: 'the repatriation cancelled with reasons before the case is closed',
    ar: 'إلغاء الإعادة إلى الوطن مع بيان الأسباب قبل إغلاق القضية',
  },

  'KP-RET-05.not_national': {
    en: 'not a confirmed national: repatriation is not the default here',
    ar: 'ليس مواطناً مؤكَّد الجنسية: الإعادة إلى الوطن ليست الخيار الافتراضي هنا',
  },
  'KP-RET-05.serious_charges': {
    en: 'the person faces serious charges: repatriation for proceedings is considered on its own track',
    ar: 'يواجه الشخص تهماً خطيرة: يُنظر في إعادته لغرض الإجراءات القضائية في مسار مستقل',
  },
  'KP-RET-05.cancel_unjustified': {
    en: 'cancelling the repatriation of a confirmed national ({states}) without serious charges needs written reasons',
    ar: 'يتطلب إلغاء إعادة مواطن مؤكَّد الجنسية ({states}) لا يواجه تهماً خطيرة أسباباً مكتوبة',
  },
  'KP-RET-05.cancel_second': {
    en: 'cancelling the repatriation of a confirmed national without serious charges needs a second supervisor',
    ar: 'يتطلب إلغاء إعادة مواطن مؤكَّد الجنسية لا يواجه تهماً خطيرة موافقة مشرف ثانٍ',
  },
  'KP-RET-05.national_return': {
    en: 'return to the State of nationality ({destination})',
    ar: 'إعادة إلى دولة الجنسية ({destination})',
  },
  'KP-RET-05.third_state_unjustified': {
    en: 'a transfer to {destination}, not a State of verified nationality, needs written reasons',
    ar: 'يتطلب النقل إلى الدولة {destination}، وهي ليست دولة جنسية متحققاً منها، أسباباً مكتوبة',
  },
  'KP-RET-05.unspecified_unjustified': {
    en: 'a transfer to an unspecified State, not a State of verified nationality, needs written reasons',
    ar: 'يتطلب النقل إلى دولة غير محددة، ليست دولة جنسية متحققاً منها، أسباباً مكتوبة',
  },
  'KP-RET-05.third_state_second': {
    en: 'a transfer to a third State ({destination}) needs a second supervisor',
    ar: 'يتطلب النقل إلى دولة ثالثة ({destination}) موافقة مشرف ثانٍ',
  },
  'KP-RET-05.unspecified_second': {
    en: 'a transfer to an unspecified third State needs a second supervisor',
    ar: 'يتطلب النقل إلى دولة ثالثة غير محددة موافقة مشرف ثانٍ',
  },

  'KP-RET-06.contact_recorded': {
    en: 'consular progress recorded; next follow-up within {days} days',
    ar: 'سُجّل تقدم في التواصل القنصلي؛ والمتابعة التالية خلال {days} يوماً',
  },
  'KP-RET-06.not_national': { en: 'not a confirmed national', ar: 'ليس مواطناً مؤكَّد الجنسية' },
  'KP-RET-06.no_contact': {
    en: 'no consular contact is recorded for a confirmed national',
    ar: 'لم يُسجَّل أي تواصل قنصلي بشأن مواطن مؤكَّد الجنسية',
  },
  'KP-RET-06.stalled': {
    en: 'no consular progress for {days} days (SLA {sla}): escalate',
    ar: 'لا تقدم في التواصل القنصلي منذ {days} يوماً (المهلة المحددة {sla} يوماً): يجب التصعيد',
  },
  'KP-RET-06.progress': { en: 'consular progress {days} days ago', ar: 'آخر تقدم في التواصل القنصلي قبل {days} يوماً' },
  'KP-RET-06.allow_contact': {
    en: 'a consular contact recorded within {sla} days',
    ar: 'تسجيل تواصل قنصلي خلال {sla} يوماً',
  },
});

defineTerms({
  // Risks a non-refoulement assessment weighs (non_refoulement/model.ts RISK_TYPES).
  torture: { en: 'torture', ar: 'التعذيب' },
  cruel_treatment: { en: 'cruel treatment', ar: 'المعاملة القاسية أو اللاإنسانية أو المهينة' },
  death_penalty: { en: 'death penalty', ar: 'عقوبة الإعدام' },
  life_without_parole: { en: 'life without parole', ar: 'السجن المؤبد دون إمكانية الإفراج المشروط' },
  flagrant_unfair_trial: { en: 'flagrantly unfair trial', ar: 'المحاكمة الجائرة بشكل صارخ' },
  persecution: { en: 'persecution', ar: 'الاضطهاد' },
  enforced_disappearance: { en: 'enforced disappearance', ar: 'الاختفاء القسري' },
  onward_removal: { en: 'onward removal', ar: 'الترحيل اللاحق إلى دولة أخرى' },
  // States of the non-refoulement assessment before its conclusion.
  not_started: { en: 'not started', ar: 'لم يبدأ' },
  assessing: { en: 'assessing', ar: 'قيد التقييم' },
  submitted: { en: 'submitted', ar: 'مقدَّم' },
  // States of the repatriation workflow (a joint move names the state a member stands in).
  not_planned: { en: 'not planned', ar: 'غير مخطط لها' },
  planning: { en: 'planning', ar: 'قيد التخطيط' },
  consular_engaged: { en: 'consular contact engaged', ar: 'تم التواصل القنصلي' },
  barrier: { en: 'barrier', ar: 'عائق' },
  documents_ready: { en: 'documents ready', ar: 'الوثائق جاهزة' },
  approved: { en: 'approved', ar: 'موافق عليه' },
  returned: { en: 'returned', ar: 'عائد' },
  // What a State's refusal of the return must record (KP-RET-04).
  legal_basis: { en: 'legal basis', ar: 'الأساس القانوني' },
  legitimate_aim: { en: 'legitimate aim', ar: 'الهدف المشروع' },
  necessity_and_proportionality: { en: 'necessity and proportionality', ar: 'الضرورة والتناسب' },
  written_justification: { en: 'written justification', ar: 'التعليل المكتوب' },
  best_interests_analysis: { en: 'best-interests analysis for the child', ar: 'تحليل المصلحة الفضلى للطفل' },
});
