import { messages } from './messages.ts';

/** The texts of the gender and SGBV rule (gender.ts), English and Arabic. */
export const say = messages({
  'KP-GEN-01.repeat_interview': {
    en: 'an SGBV survivor is being interviewed again ({interviews} interviews): avoid repeat interviewing',
    ar: 'تُجرى مقابلة جديدة مع ناجية أو ناجٍ من العنف الجنسي والقائم على النوع الاجتماعي (عدد المقابلات {interviews}): تجنّب تكرار المقابلات',
  },
  'KP-GEN-01.no_repeat': {
    en: 'no repeat interview of an SGBV survivor',
    ar: 'لا مقابلة متكررة مع ناجية أو ناجٍ من العنف الجنسي والقائم على النوع الاجتماعي',
  },
  'KP-GEN-01.no_referral': { en: 'no SGBV referral in this record', ar: 'لا إحالة بشأن العنف الجنسي والقائم على النوع الاجتماعي في هذا السجل' },
  'KP-GEN-01.declined': {
    en: 'SGBV referral offered and declined by the survivor: recorded, not pressed',
    ar: 'عُرضت الإحالة بشأن العنف الجنسي والقائم على النوع الاجتماعي ورفضها الناجي: سُجّل الرفض دون ضغط',
  },
  'KP-GEN-01.without_consent': {
    en: "SGBV referral recorded without the survivor's consent",
    ar: 'سُجّلت الإحالة بشأن العنف الجنسي والقائم على النوع الاجتماعي دون موافقة الناجي',
  },
  'KP-GEN-01.with_consent': {
    en: 'SGBV referral made with consent',
    ar: 'أُجريت الإحالة بشأن العنف الجنسي والقائم على النوع الاجتماعي بموافقة الناجي',
  },
  'KP-GEN-01.no_indicator': { en: 'no SGBV indicator', ar: 'لا مؤشر على العنف الجنسي والقائم على النوع الاجتماعي' },
  'KP-GEN-01.referral_missing': {
    en: 'SGBV indicated but no survivor-centred SGBV referral recorded; a referral task is due within {days} days',
    ar: 'توجد مؤشرات على العنف الجنسي والقائم على النوع الاجتماعي دون تسجيل إحالة تتمحور حول الناجي؛ ومهمة الإحالة مستحقة خلال {days} يوماً',
  },
  'KP-GEN-01.allow_single_interview': {
    en: 'the earlier interview record instead of a new interview',
    ar: 'الاعتماد على سجل المقابلة السابقة بدلاً من مقابلة جديدة',
  },
  'KP-GEN-01.allow_consent': { en: "the survivor's recorded consent to the referral", ar: 'موافقة الناجي المسجّلة على الإحالة' },
  'KP-GEN-01.allow_referral': {
    en: 'a survivor-centred SGBV support referral, with consent',
    ar: 'إحالة لدعم الناجين من العنف الجنسي والقائم على النوع الاجتماعي تتمحور حول الناجي، بموافقته',
  },
});
