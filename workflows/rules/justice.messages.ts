import { defineTerms, messages } from './messages.ts';

/** The texts of the justice rules (justice.ts), English and Arabic. A charge is named by its number in the command, never by its offence. */
export const say = messages({
  'KP-JUS-01.investigation_reasoned': {
    en: 'investigation of a child opened with written reasons why diversion is not enough',
    ar: 'فُتح التحقيق مع طفل مع أسباب مكتوبة توضح لماذا لا تكفي التدابير البديلة',
  },
  'KP-JUS-01.investigation_unjustified': {
    en: 'investigating a child needs written reasons why diversion or a non-judicial measure is not enough',
    ar: 'يتطلب التحقيق مع طفل أسباباً مكتوبة توضح لماذا لا تكفي التدابير البديلة أو غير القضائية',
  },
  'KP-JUS-01.no_child_act': { en: 'no alleged act was committed under 18', ar: 'لم يُرتكب أي فعل منسوب قبل سن الثامنة عشرة' },
  'KP-JUS-01.needs_measures': {
    en: 'prosecuting an act committed under 18 ({charges}) needs the non-judicial measures considered and why each is unsuitable',
    ar: 'تتطلب الملاحقة القضائية على فعل ارتُكب قبل سن الثامنة عشرة ({charges}) بيان التدابير غير القضائية التي جرى النظر فيها وسبب عدم ملاءمة كل منها',
  },
  'KP-JUS-01.needs_justification': {
    en: 'prosecuting an act committed under 18 ({charges}) needs a written justification for prosecuting a child',
    ar: 'تتطلب الملاحقة القضائية على فعل ارتُكب قبل سن الثامنة عشرة ({charges}) تعليلاً مكتوباً لملاحقة طفل',
  },
  'KP-JUS-01.also_justification': {
    en: 'and a written justification for prosecuting a child',
    ar: 'وتعليلاً مكتوباً لملاحقة طفل',
  },
  'KP-JUS-01.needs_second': {
    en: "a prosecution referral for an act committed under 18 needs a supervisor's second approval",
    ar: 'تحتاج الإحالة إلى الملاحقة القضائية على فعل ارتُكب قبل سن الثامنة عشرة إلى موافقة ثانية من مشرف',
  },
  'KP-JUS-01.allow_measures': {
    en: 'the non-judicial measures considered, each with why it is unsuitable',
    ar: 'التدابير غير القضائية التي جرى النظر فيها، مع سبب عدم ملاءمة كل منها',
  },

  'KP-JUS-02.association_only': {
    en: 'charge {charges}: a child may not be charged for mere association or membership',
    ar: 'التهمة {charges}: لا يجوز اتهام طفل لمجرد الارتباط أو العضوية',
  },
  'KP-JUS-02.no_association_charge': {
    en: 'no charge of a child rests on mere association or membership',
    ar: 'لا تستند أي تهمة موجهة إلى طفل إلى مجرد الارتباط أو العضوية',
  },
  'KP-JUS-02.allow_own_conduct': {
    en: "charges resting on the child's own conduct, not on association or membership",
    ar: 'تهم تستند إلى سلوك الطفل نفسه، لا إلى الارتباط أو العضوية',
  },

  'KP-JUS-03.no_child_act': { en: 'no alleged act was committed under 18', ar: 'لم يُرتكب أي فعل منسوب قبل سن الثامنة عشرة' },
  'KP-JUS-03.adult_court': {
    en: 'a defendant who may have been a child at the act may not be tried in an adult court',
    ar: 'لا يجوز أن يُحاكم أمام محكمة للبالغين متهمٌ ربما كان طفلاً وقت الفعل',
  },
  'KP-JUS-03.military_court': {
    en: 'a defendant who may have been a child at the act may not be tried in a military court',
    ar: 'لا يجوز أن يُحاكم أمام محكمة عسكرية متهمٌ ربما كان طفلاً وقت الفعل',
  },
  'KP-JUS-03.special_court': {
    en: 'a defendant who may have been a child at the act may not be tried in a special security court',
    ar: 'لا يجوز أن يُحاكم أمام محكمة أمنية خاصة متهمٌ ربما كان طفلاً وقت الفعل',
  },
  'KP-JUS-03.no_forum': {
    en: 'a defendant who may have been a child at the act may not be tried in an unnamed court',
    ar: 'لا يجوز أن يُحاكم أمام محكمة غير محددة متهمٌ ربما كان طفلاً وقت الفعل',
  },
  'KP-JUS-03.no_juvenile_court': {
    en: '{jurisdiction} has no juvenile court: route the child to diversion or a non-judicial measure',
    ar: 'لا توجد محكمة أحداث في {jurisdiction}: أحِل الطفل إلى تدبير بديل أو غير قضائي',
  },
  'KP-JUS-03.special_courts_flag': {
    en: 'compliance flag: {jurisdiction} allows military or special courts for children; this case stays juvenile',
    ar: 'تنبيه امتثال: تجيز {jurisdiction} محاكمة الأطفال أمام محاكم عسكرية أو خاصة؛ وتبقى هذه القضية أمام قضاء الأحداث',
  },
  'KP-JUS-03.juvenile': {
    en: 'a child-at-offence defendant is tried in the juvenile forum',
    ar: 'يُحاكم المتهم الذي كان طفلاً وقت الفعل أمام قضاء الأحداث',
  },
  'KP-JUS-03.allow_juvenile': { en: 'trial in a juvenile court', ar: 'المحاكمة أمام محكمة للأحداث' },
  'KP-JUS-03.allow_diversion': { en: 'diversion or a non-judicial measure', ar: 'تدبير بديل أو غير قضائي' },

  'KP-JUS-04.death_for_child_act': {
    en: 'a death sentence for an act committed under 18 is prohibited',
    ar: 'يُحظر الحكم بالإعدام على فعل ارتُكب قبل سن الثامنة عشرة',
  },
  'KP-JUS-04.lwop_for_child_act': {
    en: 'a life without parole sentence for an act committed under 18 is prohibited',
    ar: 'يُحظر الحكم بالسجن المؤبد دون إمكانية الإفراج المشروط على فعل ارتُكب قبل سن الثامنة عشرة',
  },
  'KP-JUS-04.death_recorded': {
    en: 'death sentence recorded: alert, and re-check non-refoulement ({rule}) before any transfer',
    ar: 'سُجّل حكم بالإعدام: تنبيه، ويجب إعادة التحقق من عدم الإعادة القسرية ({rule}) قبل أي نقل',
  },
  'KP-JUS-04.life_no_parole': {
    en: 'a life sentence with no possibility of parole for an act committed under 18 is prohibited',
    ar: 'يُحظر الحكم بالسجن المؤبد دون إمكانية الإفراج المشروط على فعل ارتُكب قبل سن الثامنة عشرة',
  },
  'KP-JUS-04.life_parole_unrecorded_lwop_law': {
    en: 'life imprisonment for an act committed under 18, where {jurisdiction} law allows life without parole for minors, and no possibility of parole is recorded: record it ({field}) or the sentence is prohibited',
    ar: 'حكم بالسجن المؤبد على فعل ارتُكب قبل سن الثامنة عشرة، حيث يجيز قانون {jurisdiction} السجن المؤبد دون إفراج مشروط للقاصرين، ولم تُسجَّل إمكانية الإفراج المشروط: سجّلها ({field}) وإلا فالحكم محظور',
  },
  'KP-JUS-04.life_parole_unrecorded': {
    en: 'life imprisonment for an act committed under 18: whether parole is possible is not recorded; check it is not life without parole',
    ar: 'حكم بالسجن المؤبد على فعل ارتُكب قبل سن الثامنة عشرة: لم يُسجَّل ما إذا كان الإفراج المشروط ممكناً؛ تحقق من أنه ليس سجناً مؤبداً دون إفراج مشروط',
  },
  // The sentence's own description is free text: the verdict does not quote it.
  'KP-JUS-04.unclassified': {
    en: 'the sentence could not be classified: check it is neither death nor life without parole for an act committed under 18',
    ar: 'تعذّر تصنيف الحكم: تحقق من أنه ليس إعداماً ولا سجناً مؤبداً دون إفراج مشروط على فعل ارتُكب قبل سن الثامنة عشرة',
  },
  'KP-JUS-04.no_prohibited_penalty': { en: 'no prohibited penalty', ar: 'لا عقوبة محظورة' },
  'KP-JUS-04.no_jurisdiction': { en: 'no jurisdiction named', ar: 'لم تُحدَّد أي ولاية قضائية' },
  'KP-JUS-04.death_possible': {
    en: '{jurisdiction} law allows the death penalty: flagged, re-check non-refoulement on any transfer',
    ar: 'يجيز قانون {jurisdiction} عقوبة الإعدام: وُضع تنبيه، ويجب إعادة التحقق من عدم الإعادة القسرية عند أي نقل',
  },
  'KP-JUS-04.lwop_possible': {
    en: '{jurisdiction} law allows life without parole for minors: flagged, re-check non-refoulement on any transfer',
    ar: 'يجيز قانون {jurisdiction} السجن المؤبد دون إفراج مشروط للقاصرين: وُضع تنبيه، ويجب إعادة التحقق من عدم الإعادة القسرية عند أي نقل',
  },
  'KP-JUS-04.death_and_lwop_possible': {
    en: '{jurisdiction} law allows the death penalty and life without parole for minors: flagged, re-check non-refoulement on any transfer',
    ar: 'يجيز قانون {jurisdiction} عقوبة الإعدام والسجن المؤبد دون إفراج مشروط للقاصرين: وُضع تنبيه، ويجب إعادة التحقق من عدم الإعادة القسرية عند أي نقل',
  },
  'KP-JUS-04.no_penalty_possible': {
    en: 'no death penalty or life without parole is legally possible here',
    ar: 'لا يجيز القانون هنا عقوبة الإعدام ولا السجن المؤبد دون إفراج مشروط',
  },
  'KP-JUS-04.allow_lawful_sentence': {
    en: 'a sentence other than death or life without parole, with parole possible on a life sentence',
    ar: 'حكم غير الإعدام أو السجن المؤبد دون إفراج مشروط، مع إمكانية الإفراج المشروط في حالة السجن المؤبد',
  },
  'KP-JUS-04.allow_parole': {
    en: 'the possibility of parole recorded ({field})',
    ar: 'تسجيل إمكانية الإفراج المشروط ({field})',
  },

  'KP-JUS-05.not_met': { en: 'fair-trial guarantees not met', ar: 'ضمانات المحاكمة العادلة غير مستوفاة' },
  'KP-JUS-05.checklist': { en: 'fair-trial checklist', ar: 'قائمة التحقق من ضمانات المحاكمة العادلة' },
  'KP-JUS-05.unrecorded': { en: 'fair-trial checklist: not recorded: {items:term}', ar: 'قائمة التحقق من ضمانات المحاكمة العادلة: لم يُسجَّل: {items:term}' },
  // After the refusals of a finding, what is only not recorded.
  'KP-JUS-05.also_unrecorded': { en: 'not recorded: {items:term}', ar: 'لم يُسجَّل: {items:term}' },
  'KP-JUS-05.unrecorded_after_conviction': {
    en: 'not recorded after a conviction: {items:term} (“{command:term}”)',
    ar: 'لم يُسجَّل بعد الإدانة: {items:term} («{command:term}»)',
  },
  'KP-JUS-05.presumption_breached': {
    en: 'the presumption of innocence is recorded as not respected',
    ar: 'سُجّل أن قرينة البراءة لم تُحترم',
  },
  'KP-JUS-05.no_counsel': { en: 'no legal counsel appointed', ar: 'لم يُعيَّن محامٍ' },
  'KP-JUS-05.interpreter_not_provided': { en: 'an interpreter is needed and not provided', ar: 'هناك حاجة إلى مترجم ولم يُوفَّر' },
  'KP-JUS-05.interpreter_needed_at_screening': {
    en: 'no interpreter is provided, yet the person needed one at the screening interview',
    ar: 'لم يُوفَّر مترجم، مع أن الشخص احتاج إلى مترجم في مقابلة الفرز',
  },
  'KP-JUS-05.not_informed': {
    en: 'the person is recorded as not informed of the charges',
    ar: 'سُجّل أن الشخص لم يُبلَّغ بالتهم',
  },
  'KP-JUS-05.no_appropriate_adult': {
    en: 'a child without a parent or appropriate adult',
    ar: 'طفل دون أحد الوالدين أو شخص بالغ مناسب',
  },
  'KP-JUS-05.appeal_not_informed': {
    en: 'the person is recorded as not informed of the right of appeal',
    ar: 'سُجّل أن الشخص لم يُبلَّغ بحقه في الطعن',
  },
  'KP-JUS-05.no_appeal_deadline': { en: 'the conviction records no appeal deadline', ar: 'لا يسجّل حكم الإدانة موعداً نهائياً للطعن' },
  'KP-JUS-05.appeal_deadline_passed': {
    en: 'the appeal deadline {deadline} has already passed',
    ar: 'انقضى بالفعل الموعد النهائي للطعن {deadline}',
  },
  'KP-JUS-05.complete': { en: 'the fair-trial checklist is complete', ar: 'قائمة التحقق من ضمانات المحاكمة العادلة مكتملة' },
  'KP-JUS-05.acquittal': { en: 'acquittal', ar: 'براءة' },
  'KP-JUS-05.appeal_recorded': {
    en: 'the conviction records the appeal route and deadline',
    ar: 'يسجّل حكم الإدانة سبيل الطعن وموعده النهائي',
  },
  'KP-JUS-05.no_charge': { en: 'no charge was brought', ar: 'لم توجَّه أي تهمة' },
  'KP-JUS-05.allow_guarantees': {
    en: 'each fair-trial guarantee respected and recorded (“{command:term}”)',
    ar: 'احترام كل ضمانة من ضمانات المحاكمة العادلة وتسجيلها («{command:term}»)',
  },
  'KP-JUS-05.allow_appeal': {
    en: 'the person informed of the right of appeal, with an appeal deadline still to come',
    ar: 'إبلاغ الشخص بحقه في الطعن، مع موعد نهائي للطعن لم يحن بعد',
  },

  'KP-JUS-06.confirmed': {
    en: 'evidence {evidence} is tainted by confirmed torture and permanently inadmissible',
    ar: 'الدليل {evidence} مشوب بتعذيب ثابت وغير مقبول بصفة دائمة',
  },
  'KP-JUS-06.alleged': {
    en: 'evidence {evidence} carries a torture allegation and is quarantined until investigated',
    ar: 'الدليل {evidence} محل ادعاء بالتعذيب ومعزول إلى حين التحقيق',
  },
  'KP-JUS-06.untainted': { en: 'no cited evidence is tainted by torture', ar: 'لا يشوب التعذيب أي دليل مستشهد به' },
  'KP-JUS-06.allow_other_evidence': {
    en: 'a decision resting on other evidence, free of torture allegations',
    ar: 'قرار يستند إلى أدلة أخرى خالية من ادعاءات التعذيب',
  },
  'KP-JUS-06.allow_investigation': {
    en: 'the allegation investigated and cleared, or other evidence',
    ar: 'التحقيق في الادعاء وتبرئة الدليل، أو أدلة أخرى',
  },

  'KP-JUS-07.not_female': { en: 'not a woman or girl', ar: 'ليست امرأة أو فتاة' },
  'KP-JUS-07.gaps': { en: 'gender-responsive safeguards missing', ar: 'ضمانات مراعاة النوع الاجتماعي ناقصة' },
  'KP-JUS-07.no_female_staff': {
    en: 'female staff for searches and interviews not confirmed',
    ar: 'لم يُؤكَّد توفر موظفات لإجراء التفتيش والمقابلات',
  },
  'KP-JUS-07.no_sgbv_screening': {
    en: 'no SGBV and victimisation screening on record',
    ar: 'لا يوجد في السجل فرز بشأن العنف الجنسي والقائم على النوع الاجتماعي والإيذاء',
  },
  'KP-JUS-07.no_victim_referral': {
    en: 'victim indicators without a victim-support referral alongside the prosecution',
    ar: 'مؤشرات على الإيذاء دون إحالة لدعم الضحايا إلى جانب الملاحقة القضائية',
  },
  'KP-JUS-07.family_link_evidence': {
    en: 'cited evidence rests on a marital or family link ({evidence})',
    ar: 'يستند الدليل المستشهد به إلى رابطة زوجية أو أسرية ({evidence})',
  },
  'KP-JUS-07.in_place': { en: 'gender-responsive safeguards in place', ar: 'ضمانات مراعاة النوع الاجتماعي متوفرة' },
  'KP-JUS-07.allow_safeguards': {
    en: "female staff confirmed, an SGBV and victimisation screening with any victim-support referral, and evidence of the woman's own conduct",
    ar: 'تأكيد توفر موظفات، وفرز بشأن العنف الجنسي والقائم على النوع الاجتماعي والإيذاء مع أي إحالة لدعم الضحايا، وأدلة على سلوك المرأة نفسها',
  },
});

defineTerms({
  // Fair-trial items not recorded (KP-JUS-05).
  interpreter_provided: { en: 'the interpreter', ar: 'المترجم' },
  presumption_of_innocence: { en: 'the presumption of innocence', ar: 'قرينة البراءة' },
  interpreter_needed: { en: 'whether an interpreter is needed', ar: 'ما إذا كانت هناك حاجة إلى مترجم' },
  informed_of_charges: { en: 'that the person was informed of the charges', ar: 'إبلاغ الشخص بالتهم' },
  appropriate_adult: { en: 'a parent or appropriate adult for the child', ar: 'أحد الوالدين أو شخص بالغ مناسب للطفل' },
  appeal_deadline: { en: 'the appeal deadline of the last conviction', ar: 'الموعد النهائي للطعن في آخر حكم إدانة' },
});
