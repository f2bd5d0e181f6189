/**
 * The Key Principles catalogue (UN, 2019). The original bullets are not numbered; the `ref`
 * follows the shorthand of RULES.md §0.2, which numbers them in the order they appear in
 * KEY-PRINCIPLES.md. Ids are stable: rules and verdicts cite them.
 */
export interface Principle {
  readonly id: string;
  readonly ref: string;
  readonly section: string;
  readonly summary: string;
}

const catalogue = [
  ['F.statelessness', 'KP F¶2', 'Foreword', 'Statelessness must be avoided; the best interests of the child are a primary consideration'],
  ['F.due-process', 'KP F¶3', 'Foreword', 'No assumption of active participation without due process'],
  ['A.consular-dependence', 'KP A¶6', 'Background', 'Repatriation is slow and depends on consular services'],
  ['A.documentation', 'KP A¶7', 'Background', 'Many lack documents; orphans and separated children; mothers\' fate uncertain'],
  ['B.general.international-law', 'KP B-GEN1', 'B. General', 'Comply with human rights, humanitarian and refugee law; children treated primarily as victims (SC res. 2427)'],
  ['B.general.nationals', 'KP B-GEN2', 'B. General', 'States have primary responsibility for their nationals: consular assistance, repatriation of family members who face no serious charges'],
  ['B.general.nationality', 'KP B-GEN3', 'B. General', 'Right to a nationality; statelessness safeguards; mothers pass nationality to children; documentation'],
  ['B.general.individual-assessment', 'KP B-GEN4', 'B. General', 'Individual assessment and screening of affiliation and/or victimhood, sensitive to age and gender'],
  ['B.general.children-victims', 'KP B-GEN5', 'B. General', 'Children are first of all victims; best interests are the primary consideration whatever the family\'s affiliation'],
  ['B.general.due-process', 'KP B-GEN6', 'B. General', 'Due process and fair trial: presumption of innocence, right of appeal'],
  ['B.humanitarian.non-discrimination', 'KP B-HUM1', 'B. Humanitarian', 'Humanitarian assistance without discrimination, whatever perceived status or affiliation'],
  ['B.humanitarian.access', 'KP B-HUM2', 'B. Humanitarian', 'Timely and unimpeded humanitarian access'],
  ['B.humanitarian.right-to-return', 'KP B-HUM3', 'B. Humanitarian', 'Right to return to one\'s own country; limits lawful, legitimate, necessary and proportionate'],
  ['B.humanitarian.non-refoulement', 'KP B-HUM4', 'B. Humanitarian', 'Non-refoulement: no transfer where substantial grounds show a risk of torture or other serious violations'],
  ['B.children.best-interests', 'KP B-CH1', 'B. Children', 'Best interests including family unity; BIA/BID with safeguards; free and informed parental consent before separation unless a BID decides otherwise'],
  ['B.children.alternative-care', 'KP B-CH2', 'B. Children', 'Alternative care: family-based interim care first, then community-based'],
  ['B.children.detention-last-resort', 'KP B-CH3', 'B. Children', 'Detention of children only as a last resort, for the shortest appropriate time, apart from adults'],
  ['B.children.rehabilitation', 'KP B-CH4', 'B. Children', 'Rehabilitation and reintegration are a priority; MHPSS, education, legal assistance'],
  ['B.children.privacy', 'KP B-CH5', 'B. Children', 'Privacy and confidentiality of children'],
  ['B.children.stigmatisation', 'KP B-CH6', 'B. Children', 'Prevent stigmatisation; no watch lists for children based on family affiliation without criminal evidence'],
  ['B.women.roles', 'KP B-W1', 'B. Women', 'Women may be facilitators, supporters, perpetrators and victims; fair prosecution plus victim support'],
  ['B.women.gender-responsive', 'KP B-W2', 'B. Women', 'Gender-responsive criminal justice; avoid secondary victimisation of SGBV survivors'],
  ['B.women.support', 'KP B-W3', 'B. Women', 'Support for women survivors; tailored rehabilitation and reintegration'],
  ['B.prosecution.individual-responsibility', 'KP B-PR1', 'B. Prosecution', 'Criminal responsibility is individual; no detention or prosecution for relatives\' acts'],
  ['B.prosecution.children-presumption', 'KP B-PR2', 'B. Prosecution', 'Presumption against prosecuting children; not for mere association; prefer non-judicial measures'],
  ['B.prosecution.juvenile-justice', 'KP B-PR3', 'B. Prosecution', 'Juvenile justice standards; MACR not below 12; age at the alleged act; no death penalty or life without parole for child acts'],
  ['B.prosecution.juvenile-courts', 'KP B-PR4', 'B. Prosecution', 'Juvenile courts, not military or special security courts; no lower MACR for terrorism offences'],
  ['B.prosecution.torture', 'KP B-PR5', 'B. Prosecution', 'Torture prohibited; information obtained through torture is inadmissible'],
  ['C.repatriation', 'KP C6', 'C. Operational', 'States carry out repatriations in line with non-refoulement'],
  ['C.services-privacy', 'KP C7', 'C. Operational', 'Individualised medical, MHPSS, education and legal services; privacy of the utmost concern'],
] as const;

export type PrincipleId = (typeof catalogue)[number][0];

export const principles: ReadonlyMap<PrincipleId, Principle> = new Map(
  catalogue.map(([id, ref, section, summary]) => [id, { id, ref, section, summary }]),
);

/**
 * Each principle's short human title in the languages verdicts are rendered in: what a page shows
 * instead of the id (`B.general.due-process` → "Due process"). One table, both languages, so a
 * principle added above without its titles fails to compile.
 */
export const principleTitles: Readonly<Record<PrincipleId, { readonly en: string; readonly ar: string }>> = {
  'F.statelessness': { en: 'Avoiding statelessness', ar: 'تجنّب انعدام الجنسية' },
  'F.due-process': { en: 'No assumption without due process', ar: 'لا افتراض دون إجراءات قانونية واجبة' },
  'A.consular-dependence': { en: 'Dependence on consular services', ar: 'الاعتماد على الخدمات القنصلية' },
  'A.documentation': { en: 'Missing documentation', ar: 'نقص الوثائق' },
  'B.general.international-law': { en: 'Compliance with international law', ar: 'الامتثال للقانون الدولي' },
  'B.general.nationals': { en: "States' responsibility for their nationals", ar: 'مسؤولية الدول عن رعاياها' },
  'B.general.nationality': { en: 'Right to a nationality', ar: 'الحق في الجنسية' },
  'B.general.individual-assessment': { en: 'Individual assessment', ar: 'التقييم الفردي' },
  'B.general.children-victims': { en: 'Children first of all victims', ar: 'الأطفال ضحايا قبل كل شيء' },
  'B.general.due-process': { en: 'Due process', ar: 'الإجراءات القانونية الواجبة' },
  'B.humanitarian.non-discrimination': { en: 'Assistance without discrimination', ar: 'المساعدة دون تمييز' },
  'B.humanitarian.access': { en: 'Humanitarian access', ar: 'وصول المساعدات الإنسانية' },
  'B.humanitarian.right-to-return': { en: 'Right to return', ar: 'الحق في العودة' },
  'B.humanitarian.non-refoulement': { en: 'Non-refoulement', ar: 'عدم الإعادة القسرية' },
  'B.children.best-interests': { en: 'Best interests of the child', ar: 'المصلحة الفضلى للطفل' },
  'B.children.alternative-care': { en: 'Alternative care', ar: 'الرعاية البديلة' },
  'B.children.detention-last-resort': { en: 'Detention of children only as a last resort', ar: 'احتجاز الأطفال كملاذ أخير فقط' },
  'B.children.rehabilitation': { en: 'Rehabilitation and reintegration', ar: 'إعادة التأهيل وإعادة الإدماج' },
  'B.children.privacy': { en: "Children's privacy", ar: 'خصوصية الأطفال' },
  'B.children.stigmatisation': { en: 'Preventing stigmatisation', ar: 'منع الوصم' },
  'B.women.roles': { en: "Women's roles", ar: 'أدوار النساء' },
  'B.women.gender-responsive': { en: 'Gender-responsive justice', ar: 'عدالة مراعية للنوع الاجتماعي' },
  'B.women.support': { en: 'Support for women survivors', ar: 'دعم الناجيات' },
  'B.prosecution.individual-responsibility': { en: 'Individual criminal responsibility', ar: 'المسؤولية الجنائية الفردية' },
  'B.prosecution.children-presumption': { en: 'Presumption against prosecuting children', ar: 'قرينة عدم ملاحقة الأطفال قضائياً' },
  'B.prosecution.juvenile-justice': { en: 'Juvenile justice standards', ar: 'معايير قضاء الأحداث' },
  'B.prosecution.juvenile-courts': { en: 'Juvenile courts', ar: 'محاكم الأحداث' },
  'B.prosecution.torture': { en: 'Prohibition of torture', ar: 'حظر التعذيب' },
  'C.repatriation': { en: 'Repatriation in line with non-refoulement', ar: 'الإعادة إلى الوطن وفق مبدأ عدم الإعادة القسرية' },
  'C.services-privacy': { en: 'Individual services and privacy', ar: 'الخدمات الفردية والخصوصية' },
};
