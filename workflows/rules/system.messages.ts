import { messages } from './messages.ts';

/** The texts of the system-integrity and separation-of-duties rules (system.ts), English and Arabic. */
export const say = messages({
  'KP-SYS-01.reasoned': { en: 'the decision records its reasons', ar: 'يسجّل القرار أسبابه' },
  'KP-SYS-01.favourable_unreasoned': {
    en: "no written reasons are recorded for this move in the person's favour: add them (reason or justification)",
    ar: 'لم تُسجَّل أسباب مكتوبة لهذه الخطوة التي تصبّ في مصلحة الشخص: أضِفها (سبباً أو تعليلاً)',
  },
  'KP-SYS-01.unreasoned': { en: 'a decision needs written reasons', ar: 'يتطلب القرار أسباباً مكتوبة' },
  'KP-SYS-01.allow_reasons': {
    en: 'written reasons in the command (reason) or a justification',
    ar: 'أسباب مكتوبة في الأمر (السبب) أو تعليل',
  },

  'KP-SYS-02.no_jurisdiction': {
    en: 'no jurisdiction is named: the law in force cannot be determined',
    ar: 'لم تُحدَّد ولاية قضائية: لا يمكن تحديد القانون النافذ',
  },
  'KP-SYS-02.no_law_version': {
    en: 'no {jurisdiction} law version is in force on {date}, the earliest plausible date of charge {charge}',
    ar: 'لا توجد نسخة من قانون الولاية {jurisdiction} نافذة في {date}، وهو أبكر تاريخ محتمل للتهمة {charge}',
  },
  'KP-SYS-02.no_charge': { en: 'law applied: none (no charge to evaluate)', ar: 'القانون المطبَّق: لا شيء (لا توجد تهمة للتقييم)' },
  'KP-SYS-02.law_at_act': {
    en: 'law applied: {jurisdiction} {version}',
    ar: 'القانون المطبَّق: الولاية {jurisdiction}، نسخة {version}',
  },
  'KP-SYS-02.law_more_favourable': {
    en: 'law applied: {jurisdiction} {version} (more favourable than {atAct} in force at the act)',
    ar: 'القانون المطبَّق: الولاية {jurisdiction}، نسخة {version} (أصلح للشخص من نسخة {atAct} النافذة وقت الفعل)',
  },
  // Further laws of the same charge list, after the first "law applied".
  'KP-SYS-02.also_at_act': { en: '{jurisdiction} {version}', ar: 'الولاية {jurisdiction}، نسخة {version}' },
  'KP-SYS-02.also_more_favourable': {
    en: '{jurisdiction} {version} (more favourable than {atAct} in force at the act)',
    ar: 'الولاية {jurisdiction}، نسخة {version} (أصلح للشخص من نسخة {atAct} النافذة وقت الفعل)',
  },
  'KP-SYS-02.allow_jurisdiction': {
    en: 'a named jurisdiction with a law version in force on the alleged act date',
    ar: 'ولاية قضائية محددة لها نسخة قانون نافذة في تاريخ الفعل المزعوم',
  },

  'KP-SYS-03.same_user': {
    en: 'the approver submitted or authored the work being approved: a different user must approve',
    ar: 'الموافق هو من قدّم العمل المطلوب اعتماده أو أعدّه: يجب أن يوافق عليه مستخدم آخر',
  },
  'KP-SYS-03.other_user': { en: 'approved by a user other than the author', ar: 'وافق عليه مستخدم غير من أعدّه' },
  // Built by the engine when a proposal (2ND) is confirmed by the user who proposed it (src/engine/commands.ts).
  'KP-SYS-03.own_proposal': {
    en: 'the proposer cannot confirm their own proposal: a different user must',
    ar: 'لا يجوز لمقدّم الاقتراح أن يؤكّد اقتراحه بنفسه: يجب أن يؤكّده مستخدم آخر',
  },
  'KP-SYS-03.allow_other_user': {
    en: 'approval by a user who neither submitted nor authored the work',
    ar: 'موافقة مستخدم لم يقدّم العمل ولم يُعدّه',
  },
});
