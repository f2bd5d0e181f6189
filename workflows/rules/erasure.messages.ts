import { messages } from './messages.ts';

/** The texts of the erasure rule (erasure.ts), English and Arabic. */
export const say = messages({
  'KP-DATA-04.not_closed': {
    en: 'only a closed or sealed case can be erased (the case is {state:term})',
    ar: 'لا يجوز محو إلا ملف مغلق أو مختوم (حالة الملف: {state:term})',
  },
  'KP-DATA-04.active_proceedings': {
    en: 'the record cannot be erased while legal proceedings are open ({state:term})',
    ar: 'لا يجوز محو السجل ما دامت الإجراءات القانونية قائمة ({state:term})',
  },
  'KP-DATA-04.detained': {
    en: 'the record cannot be erased while the person is recorded as detained',
    ar: 'لا يجوز محو السجل ما دام الشخص مسجلاً محتجزاً',
  },
  'KP-DATA-04.needs_dpo': {
    en: 'erasure destroys the person\'s key for good: a data protection officer must confirm it',
    ar: 'المحو يتلف مفتاح الشخص نهائياً: يجب أن يؤكده مسؤول حماية البيانات',
  },
  'KP-DATA-04.confirmed': {
    en: 'erasure proposed by a supervisor and confirmed by a data protection officer',
    ar: 'محو اقترحه مشرف وأكده مسؤول حماية البيانات',
  },
  'KP-DATA-04.allow_close': { en: 'close the case first', ar: 'أغلق الملف أولاً' },
  'KP-DATA-04.allow_proceedings': { en: 'the end of the legal proceedings', ar: 'انتهاء الإجراءات القانونية' },
  'KP-DATA-04.allow_release': { en: 'the person\'s release recorded', ar: 'تسجيل الإفراج عن الشخص' },
});
