import { defineTerms, messages } from './messages.ts';

/** The texts of the alternative-care rules (care.ts), English and Arabic. */
export const say = messages({
  'KP-CARE-01.no_type': { en: 'the placement type is missing', ar: 'نوع الإيداع غير مذكور' },
  'KP-CARE-01.unexplained': {
    en: '{type:term} care needs reasons why {preferred:term} care is unavailable or unsuitable',
    ar: 'يتطلب الإيداع في {type:term} بيان أسباب عدم توفر {preferred:term} أو عدم ملاءمتها',
  },
  'KP-CARE-01.kinship_first': { en: 'kinship care is the first choice', ar: 'الرعاية لدى الأقارب هي الخيار الأول' },
  'KP-CARE-01.with_reasons': {
    en: '{type:term} care, with reasons for each preferred option',
    ar: 'إيداع في {type:term}، مع بيان أسباب استبعاد كل خيار مفضَّل',
  },
  'KP-CARE-01.residential_too_young': {
    en: 'residential care is barred for children under {min} except in an emergency (youngest plausible age {age})',
    ar: 'الرعاية الإيوائية محظورة للأطفال دون سن {min} إلا في حالات الطوارئ (أصغر عمر محتمل {age})',
  },
  'KP-CARE-01.residential_unexplained': {
    en: 'no reasons why {preferred:term} care is unavailable or unsuitable',
    ar: 'لا أسباب لعدم توفر {preferred:term} أو عدم ملاءمتها',
  },
  'KP-CARE-01.residential_unjustified': {
    en: 'residential care needs a written justification (last resort, time-limited)',
    ar: 'تتطلب الرعاية الإيوائية تعليلاً مكتوباً (ملاذ أخير ولمدة محدودة)',
  },
  'KP-CARE-01.residential_last_resort': {
    en: 'residential care is a last resort: a second supervisor must approve it',
    ar: 'الرعاية الإيوائية ملاذ أخير: يجب أن يوافق عليها مشرف ثانٍ',
  },
  'KP-CARE-01.allow_reasons': {
    en: 'a reason for each preferred care option ({preferred:term}) that is unavailable or unsuitable',
    ar: 'سبب لكل خيار رعاية مفضَّل ({preferred:term}) غير متوفر أو غير ملائم',
  },
  'KP-CARE-01.allow_emergency': {
    en: 'a family-based placement, or an emergency placement',
    ar: 'إيداع في رعاية أسرية، أو إيداع طارئ',
  },

  'KP-CARE-02.closure_overdue': {
    en: 'closure refused while a review is overdue',
    ar: 'يُرفض الإغلاق ما دامت هناك مراجعة متأخرة عن موعدها',
  },
  'KP-CARE-02.none_overdue': { en: 'no placement or BID review is overdue', ar: 'لا مراجعة للإيداع أو لتحديد المصلحة الفضلى متأخرة عن موعدها' },
  // A review that was due: the placement's (with its care type) or the BID's.
  'KP-CARE-02.placement_review_due': {
    en: '{type:term} care placement review was due {due}',
    ar: 'كانت مراجعة الإيداع في {type:term} مستحقة في {due}',
  },
  'KP-CARE-02.bid_review_was_due': {
    en: 'BID review was due {due}',
    ar: 'كانت مراجعة تحديد المصلحة الفضلى مستحقة في {due}',
  },
  'KP-CARE-02.next_review_capped': {
    en: 'the next BID review ({next}) is past the {days}-day interval: it is due {cap}',
    ar: 'موعد المراجعة التالية لتحديد المصلحة الفضلى ({next}) يتجاوز المدة المحددة ({days} يوماً): وهي مستحقة في {cap}',
  },
  'KP-CARE-02.review_late': {
    en: 'review recorded late or capped',
    ar: 'سُجّلت المراجعة متأخرة أو حُدّد موعدها بالحد الأقصى',
  },
  'KP-CARE-02.on_time': { en: 'reviewed on time', ar: 'رُوجعت في موعدها' },
  'KP-CARE-02.no_bid': { en: 'no BID approved: no review date set', ar: 'لم يُعتمد قرار بتحديد المصلحة الفضلى: لا موعد للمراجعة' },
  'KP-CARE-02.review_date_capped': {
    en: 'the BID review date {chosen} is past the {days}-day interval: the review is due {due}',
    ar: 'موعد مراجعة تحديد المصلحة الفضلى {chosen} يتجاوز المدة المحددة ({days} يوماً): والمراجعة مستحقة في {due}',
  },
  'KP-CARE-02.review_due': { en: 'the BID review is due {due}', ar: 'مراجعة تحديد المصلحة الفضلى مستحقة في {due}' },
  'KP-CARE-02.allow_review': {
    en: 'the overdue reviews recorded first',
    ar: 'تسجيل المراجعات المتأخرة أولاً',
  },
  'KP-CARE-02.allow_interval': {
    en: 'a BID review date within {days} days',
    ar: 'موعد لمراجعة تحديد المصلحة الفضلى في غضون {days} يوماً',
  },
});

defineTerms({
  kinship: { en: 'kinship', ar: 'الرعاية لدى الأقارب' },
  foster: { en: 'foster', ar: 'الأسرة الحاضنة' },
  community: { en: 'community', ar: 'الرعاية المجتمعية' },
  residential: { en: 'residential', ar: 'الرعاية الإيوائية' },
});
