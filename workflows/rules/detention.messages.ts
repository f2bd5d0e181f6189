import { defineTerms, messages } from './messages.ts';

/**
 * The texts of the detention rules (detention.ts), English and Arabic. The detaining authority,
 * the legal basis's reference and the alternatives considered are free text: an alternative is
 * named by its number in the command, the authority not at all.
 */
export const say = messages({
  'KP-DET-01.own_order_recorded': {
    en: "this organisation's own order is a {detain}, with every safeguard: {record} records only another authority's",
    ar: 'أمر المنظمة نفسها يصدر بأمر احتجاز ({detain}) مع كل الضمانات: ولا يسجّل أمر تسجيل الاحتجاز ({record}) إلا ما قررته سلطة أخرى',
  },
  'KP-DET-01.orderer_unknown': {
    en: "the record does not say that another authority ordered it ({field}): this organisation's own order is a {detain}",
    ar: 'لا يذكر السجل أن سلطة أخرى هي التي أمرت به ({field}): أمر المنظمة نفسها يصدر بأمر احتجاز ({detain})',
  },
  'KP-DET-01.future_since': {
    en: 'held since {since}, a date still to come: a detention not yet begun is ordered with {detain}, not recorded',
    ar: 'محتجز منذ {since}، وهو تاريخ لم يحن بعد: الاحتجاز الذي لم يبدأ يصدر بأمر احتجاز ({detain}) ولا يُسجَّل',
  },
  'KP-DET-01.move_changes_more': {
    en: "a move changes only the place: the current detention's {kept:term} cannot be changed by it (release it, then record the new detention)",
    ar: 'النقل لا يغيّر إلا المكان: لا يمكن أن يغيّر {kept:term} للاحتجاز الحالي (أفرج عنه أولاً ثم سجّل الاحتجاز الجديد)',
  },
  'KP-DET-01.move_predates': {
    en: 'the move on {since} predates the current place (held there since {placeSince})',
    ar: 'النقل في {since} سابق للمكان الحالي (المحتجز فيه منذ {placeSince})',
  },
  'KP-DET-01.no_known_basis': {
    en: 'held by another authority with no known legal basis: recorded as detention; its legality is flagged for review and escalated',
    ar: 'محتجز لدى سلطة أخرى دون أساس قانوني معروف: سُجّل احتجازاً؛ ووُضع تنبيه بشأن مشروعيته للمراجعة وصُعّد',
  },
  'KP-DET-01.recorded': {
    en: 'deprivation of liberty by another authority recorded as detention ({basis:term} basis)',
    ar: 'سُجّل الحرمان من الحرية لدى سلطة أخرى احتجازاً (الأساس: {basis:term})',
  },
  'KP-DET-01.needs': { en: 'detention needs {missing:term}', ar: 'يحتاج الاحتجاز إلى: {missing:term}' },
  'KP-DET-01.child_needs_supervisor': {
    en: "detention of a child needs a supervisor's approval besides the legal officer's",
    ar: 'يحتاج احتجاز الطفل إلى موافقة مشرف إضافة إلى موافقة الموظف القانوني',
  },
  'KP-DET-01.approved_by_two': {
    en: 'approved by a legal officer and a second supervisor',
    ar: 'وافق عليه موظف قانوني ومشرف ثانٍ',
  },
  'KP-DET-01.ordered': {
    en: 'legal basis recorded; ordered by a legal officer',
    ar: 'سُجّل الأساس القانوني؛ وصدر الأمر عن موظف قانوني',
  },
  // After the finding's first message: alternatives named without why each is unsuitable.
  'KP-DET-01.unreasoned_alternatives': {
    en: 'alternatives considered with no reason recorded why they are unsuitable: alternative(s) {alternatives}',
    ar: 'بدائل جرى النظر فيها دون تسجيل سبب عدم ملاءمتها: البديل أو البدائل رقم {alternatives}',
  },
  'KP-DET-01.lawful': {
    en: 'legal basis and alternatives recorded; ordered by a legal officer',
    ar: 'سُجّل الأساس القانوني والبدائل؛ وصدر الأمر عن موظف قانوني',
  },
  'KP-DET-01.allow_detain': {
    en: "this organisation's own order given with {detain}, or another authority's recorded as such ({field})",
    ar: 'إصدار أمر المنظمة نفسها بأمر احتجاز ({detain})، أو تسجيل أمر سلطة أخرى بوصفه كذلك ({field})',
  },
  'KP-DET-01.allow_release_first': {
    en: 'the current detention released, then the new one recorded',
    ar: 'الإفراج عن الاحتجاز الحالي أولاً، ثم تسجيل الاحتجاز الجديد',
  },
  'KP-DET-01.allow_order': {
    en: 'a legal basis and the alternatives considered, ordered by a legal officer',
    ar: 'أساس قانوني والبدائل التي جرى النظر فيها، بأمر من موظف قانوني',
  },
  'KP-DET-01.allow_reasons': {
    en: 'a reason why each alternative considered is unsuitable',
    ar: 'سبب عدم ملاءمة كل بديل جرى النظر فيه',
  },

  'KP-DET-02.move_resets_max': {
    en: 'a move cannot extend or reset the maximum end {from} (to {to})',
    ar: 'لا يمكن للنقل أن يمدد أو يعيد تحديد نهاية الحد الأقصى {from} (إلى {to})',
  },
  'KP-DET-02.move_resets_review': {
    en: 'a move cannot extend or reset the next review due {from} (to {to})',
    ar: 'لا يمكن للنقل أن يمدد أو يعيد تحديد المراجعة التالية المستحقة في {from} (إلى {to})',
  },
  'KP-DET-02.only_review': {
    en: 'only a review decision ({review}) can, within the interval and never past the maximum',
    ar: 'لا يملك ذلك إلا قرار مراجعة ({review})، ضمن المدة المحددة ودون تجاوز الحد الأقصى أبداً',
  },
  'KP-DET-02.moved_past_max': {
    en: 'moved while held past the maximum end {maxEnd}: a release decision is required',
    ar: 'نُقل وهو محتجز بعد نهاية الحد الأقصى {maxEnd}: يلزم قرار بالإفراج',
  },
  'KP-DET-02.moved_child_no_max': {
    en: 'moved; the detention of a child still has no known maximum duration',
    ar: 'نُقل؛ ولا يزال احتجاز الطفل دون حد أقصى معروف لمدته',
  },
  'KP-DET-02.move_keeps': {
    en: 'the move keeps the maximum, the review date and the reviews',
    ar: 'يحافظ النقل على الحد الأقصى وموعد المراجعة والمراجعات',
  },
  'KP-DET-02.own_review': {
    en: "this organisation's review of the recorded detention",
    ar: 'مراجعة المنظمة للاحتجاز المسجَّل',
  },
  'KP-DET-02.recorded_flagged': {
    en: 'recorded as it is, flagged and escalated',
    ar: 'سُجّل كما هو، ووُضع عليه تنبيه وصُعّد',
  },
  'KP-DET-02.child_no_max_known': {
    en: 'the detention of a child has no known maximum duration',
    ar: 'احتجاز الطفل دون حد أقصى معروف لمدته',
  },
  'KP-DET-02.past_max': {
    en: 'held past the maximum end {maxEnd}: a release decision is required',
    ar: 'محتجز بعد نهاية الحد الأقصى {maxEnd}: يلزم قرار بالإفراج',
  },
  'KP-DET-02.pretrial_beyond_limit': {
    en: "pre-trial detention of a child beyond {jurisdiction}'s limit of {days} days",
    ar: 'احتجاز سابق للمحاكمة لطفل يتجاوز الحد المقرر في {jurisdiction} البالغ {days} يوماً',
  },
  'KP-DET-02.recorded_ok': {
    en: 'the maximum is known and the review falls within the interval',
    ar: 'الحد الأقصى معروف والمراجعة تقع ضمن المدة المحددة',
  },
  'KP-DET-02.safeguards': { en: 'detention review safeguards', ar: 'ضمانات مراجعة الاحتجاز' },
  'KP-DET-02.no_max': { en: 'no maximum duration ({field})', ar: 'لا حد أقصى للمدة ({field})' },
  'KP-DET-02.no_review_date': { en: 'no next review date', ar: 'لا موعد للمراجعة التالية' },
  'KP-DET-02.max_not_future': { en: 'the maximum end {maxEnd} is not in the future', ar: 'نهاية الحد الأقصى {maxEnd} ليست في المستقبل' },
  'KP-DET-02.first_review_late': {
    en: 'the first review {reviewDueAt} is later than the {interval}-day interval allows ({latest})',
    ar: 'المراجعة الأولى في {reviewDueAt} أبعد مما تسمح به المدة المحددة البالغة {interval} يوماً ({latest})',
  },
  'KP-DET-02.first_review_after_max': {
    en: 'the first review falls after the maximum end',
    ar: 'تقع المراجعة الأولى بعد نهاية الحد الأقصى',
  },
  'KP-DET-02.within_interval': {
    en: 'maximum duration and review date within the interval',
    ar: 'الحد الأقصى للمدة وموعد المراجعة ضمن المدة المحددة',
  },
  'KP-DET-02.released': { en: 'the review releases the person', ar: 'تقضي المراجعة بالإفراج عن الشخص' },
  'KP-DET-02.max_ended': {
    en: 'the maximum duration ended on {maxEnd}: continued detention is refused, a release decision is required',
    ar: 'انتهى الحد الأقصى للمدة في {maxEnd}: يُرفض استمرار الاحتجاز، ويلزم قرار بالإفراج',
  },
  'KP-DET-02.child_needs_next_review': {
    en: 'continued detention of a child needs the next review date',
    ar: 'يحتاج استمرار احتجاز الطفل إلى موعد المراجعة التالية',
  },
  'KP-DET-02.next_review_late': {
    en: 'the next review {next} is later than the {interval}-day interval allows',
    ar: 'المراجعة التالية في {next} أبعد مما تسمح به المدة المحددة البالغة {interval} يوماً',
  },
  'KP-DET-02.next_review_after_max': {
    en: 'the next review falls after the maximum end {maxEnd}: the maximum is never extended',
    ar: 'تقع المراجعة التالية بعد نهاية الحد الأقصى {maxEnd}: ولا يُمدَّد الحد الأقصى أبداً',
  },
  'KP-DET-02.continued': {
    en: 'continued within the maximum, next review within the interval',
    ar: 'استمر الاحتجاز ضمن الحد الأقصى، والمراجعة التالية ضمن المدة المحددة',
  },
  'KP-DET-02.allow_review_decision': {
    en: 'a review decision ({review}) within the interval and the maximum',
    ar: 'قرار مراجعة ({review}) ضمن المدة المحددة والحد الأقصى',
  },
  'KP-DET-02.allow_dates': {
    en: 'a maximum end still to come and a review within {interval} days, before the maximum',
    ar: 'نهاية للحد الأقصى لم تحن بعد، ومراجعة خلال {interval} يوماً قبل الحد الأقصى',
  },
  'KP-DET-02.allow_release': { en: 'a release decision', ar: 'قرار بالإفراج' },

  'KP-DET-03.child_with_adults': {
    en: 'a child held with adults who are not a recorded parent or caregiver',
    ar: 'طفل محتجز مع بالغين ليسوا من الوالدين أو مقدمي الرعاية المسجَّلين',
  },
  'KP-DET-03.child_with_parent_no_bia': {
    en: "a child held with a parent without a BIA or BID showing it is in the child's best interests",
    ar: 'طفل محتجز مع أحد والديه دون تقييم أو قرار يبيّن أن ذلك يحقق مصلحته الفضلى',
  },
  'KP-DET-03.children_not_recorded': {
    en: "the detained woman's children are not recorded (names, ages, whereabouts, carer): her known children {cases} must be recorded",
    ar: 'لم يُسجَّل أطفال المرأة المحتجزة (الأسماء والأعمار وأماكن الوجود ومقدّم الرعاية): يجب تسجيل أطفالها المعروفين {cases}',
  },
  'KP-DET-03.no_children_linked': {
    en: "no children recorded; none linked to her case (the detained woman's children are not recorded: add them if she has any)",
    ar: 'لم يُسجَّل أي طفل؛ ولا يرتبط أي طفل بقضيتها (لم يُسجَّل أطفال المرأة المحتجزة: أضفهم إن كان لها أطفال)',
  },
  'KP-DET-03.children_on_file_unrecorded': {
    en: 'children on file not recorded: {cases}',
    ar: 'أطفال في الملف لم يُسجَّلوا: {cases}',
  },
  'KP-DET-03.no_basis_one': {
    en: 'no best-interests basis for whether {children} stays with the mother',
    ar: 'لا يوجد أساس قائم على المصلحة الفضلى لتحديد ما إذا كان {children} سيبقى مع الأم',
  },
  'KP-DET-03.no_basis_many': {
    en: 'no best-interests basis for whether {children} stay with the mother',
    ar: 'لا يوجد أساس قائم على المصلحة الفضلى لتحديد ما إذا كان {children} سيبقون مع الأم',
  },
  'KP-DET-03.recorded_flagged': {
    en: 'recorded as it is, flagged and escalated',
    ar: 'سُجّل كما هو، ووُضع عليه تنبيه وصُعّد',
  },
  'KP-DET-03.arranged': {
    en: "separation from adults and children's arrangements recorded",
    ar: 'سُجّل الفصل عن البالغين وترتيبات الأطفال',
  },
  'KP-DET-03.allow_arrangements': {
    en: "a child held apart from adults, or with a parent on a current BIA or approved BID; a detained woman's children recorded, each with a best-interests basis",
    ar: 'احتجاز الطفل بمعزل عن البالغين، أو مع أحد والديه بناءً على تقييم ساري المفعول أو قرار معتمد؛ وتسجيل أطفال المرأة المحتجزة، لكل منهم أساس قائم على المصلحة الفضلى',
  },

  'KP-DET-04.prohibited_recorded': {
    en: "the detaining authority's grounds are prohibited, flagged and escalated",
    ar: 'أسباب السلطة المحتجِزة محظورة، ووُضع عليها تنبيه وصُعّدت',
  },
  'KP-DET-04.relative_conduct': {
    en: "a relative's conduct is never a ground for detention",
    ar: 'لا يكون سلوك أحد الأقارب أبداً سبباً للاحتجاز',
  },
  'KP-DET-04.child_association': {
    en: 'a child may not be detained for mere association or membership',
    ar: 'لا يجوز احتجاز طفل لمجرد الارتباط أو العضوية',
  },
  'KP-DET-04.own_conduct': {
    en: "the grounds concern the person's own conduct",
    ar: 'تتعلق الأسباب بسلوك الشخص نفسه',
  },
  'KP-DET-04.allow_own_conduct': {
    en: "grounds resting on the person's own conduct",
    ar: 'أسباب تستند إلى سلوك الشخص نفسه',
  },
});

defineTerms({
  // Legal bases of a detention (detention/model.ts LEGAL_BASIS_KINDS) and what a move keeps.
  pretrial: { en: 'pretrial', ar: 'احتجاز سابق للمحاكمة' },
  sentence: { en: 'sentence', ar: 'تنفيذ حكم' },
  administrative: { en: 'administrative', ar: 'احتجاز إداري' },
  immigration: { en: 'immigration', ar: 'احتجاز متعلق بالهجرة' },
  legal_basis_of_detention: { en: 'legal basis', ar: 'الأساس القانوني' },
  grounds: { en: 'grounds', ar: 'الأسباب' },
  jurisdiction: { en: 'jurisdiction', ar: 'الولاية القضائية' },
  // What a detention order lacks (KP-DET-01).
  a_legal_basis: { en: 'a legal basis', ar: 'أساس قانوني' },
  alternatives_considered: { en: 'the alternatives to detention considered', ar: 'بدائل الاحتجاز التي جرى النظر فيها' },
  legal_officer_order: { en: "a legal officer's order", ar: 'أمر من موظف قانوني' },
});
