/**
 * English and Arabic for the reviewers' pages. Every label has both; states, roles, results,
 * severities and workflow names are translated too. Rule summaries stay English (marked `lang="en"`).
 */
export const LANGS = ['en', 'ar'] as const;
export type Lang = (typeof LANGS)[number];
export const isLang = (v: unknown): v is Lang => v === 'en' || v === 'ar';
export const dirOf = (lang: Lang): 'ltr' | 'rtl' => (lang === 'ar' ? 'rtl' : 'ltr');

const en = {
  appTitle: 'Key Principles case engine',
  skip: 'Skip to content',
  navCases: 'Cases',
  navAudit: 'Audit',
  navRules: 'Rules',
  signedInAs: 'Signed in as {name} ({roles})',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signInTitle: 'Reviewers sign in',
  signInIntro: 'Paste the API token you were given. It is checked once and never kept in this browser: you get a session that ends when you sign out or stop using the pages.',
  token: 'API token',
  badToken: 'Unknown or disabled token.',
  expiredToken: 'This token has expired: ask an administrator for a new one.',
  tooManySignIns: 'Too many failed sign-ins from this address: wait a minute and try again.',
  sessionEnded: 'Your session has ended (signed out, unused for a while, or too long open). Sign in again.',
  language: 'Language',
  switchTo: 'العربية',
  readOnly: 'Read-only view: nothing on these pages changes a case.',
  casesTitle: 'Cases',
  search: 'Search',
  reference: 'Reference',
  referenceHint: 'reference or case id',
  workflow: 'Workflow',
  state: 'State',
  nationality: 'Nationality',
  nationalityHint: 'two letters, e.g. FR',
  location: 'Location',
  locationHint: 'camp, detention, a place name or a state code',
  child: 'Child',
  any: 'Any',
  yes: 'Yes',
  no: 'No',
  apply: 'Apply filters',
  clear: 'Clear',
  name: 'Name',
  workflows: 'Workflows',
  updated: 'Updated',
  noCases: 'No case matches these filters.',
  next: 'Next page',
  first: 'First page',
  redacted: '[redacted]',
  redactedNote: 'Identifying data of a child is hidden for your role (KP-DATA-01).',
  caseTitle: 'Case {ref}',
  caseFile: 'Case file',
  sex: 'Sex',
  dateOfBirth: 'Date of birth',
  placeOfBirth: 'Place of birth',
  nationalities: 'Nationalities',
  documents: 'Documents',
  vulnerabilities: 'Vulnerabilities',
  familyLinks: 'Family links',
  evidence: 'Evidence items',
  version: 'Version',
  created: 'Registered',
  pendingApprovals: 'Awaiting a second approval',
  none: 'None',
  currentStates: 'Workflows and their current state',
  outcome: 'Outcome',
  diagrams: 'Workflow diagrams',
  diagramCaption: '{workflow}: current state {state} (highlighted)',
  diagramNoScript: 'The diagram needs JavaScript; its text form is shown instead.',
  timeline: 'Decision history',
  timelineCount: '{shown} of {total} records',
  result: 'Result',
  allResults: 'All results',
  allWorkflows: 'All workflows',
  when: 'When',
  who: 'Who',
  role: 'Role',
  command: 'Command',
  transition: 'From → to',
  verdicts: 'Verdicts',
  toAllow: 'Would pass with',
  factsRead: 'Facts read',
  evidenceUsed: 'Evidence weighed',
  verdictCode: 'Code',
  justification: 'Justification',
  noRecords: 'No record matches these filters.',
  passed: 'passed',
  failed: 'failed',
  export: 'Export',
  exportJson: 'Decision history (JSON)',
  exportPrint: 'Printable decision history',
  print: 'Print',
  printTitle: 'Decision history of case {ref}',
  generated: 'Generated {at} by {name}',
  auditTitle: 'Audit trail',
  chain: 'Chain status',
  breakGlassTitle: 'Break-glass openings',
  breakGlassIntro: 'Cases opened outside the opener\'s scope in an emergency: each is audited as BREAK_GLASS and waits for review by a supervisor of the owning team.',
  breakGlassNone: 'No case has been opened by break-glass.',
  openedBy: 'Opened by',
  expires: 'Access until',
  reviewed: 'Reviewed',
  notReviewed: 'not yet reviewed',
  chainOk: 'The hash chain is intact: {n} records verified.',
  chainBroken: 'The hash chain is broken at record {seq}: {reason}',
  proofsTitle: 'Signed log (transparency log)',
  checkpointLatest: 'Latest signed checkpoint: {size} records, signed {at}.',
  rootHash: 'Root hash',
  logKey: 'Log public key',
  cosignatures: 'Witness cosignatures',
  noCosignatures: 'No witness has cosigned this checkpoint yet.',
  forkAlert: 'FORK: a checkpoint signed with this log\'s key does not match this log (reported {at} by {by}). The log has shown two different histories.',
  browserCheck: 'Checked in this browser against the last checkpoint it saw:',
  browserCheckPending: 'not checked yet (needs JavaScript).',
  inclusionProof: 'proof',
  proofsPrintIntro: 'Every record above is in the log the operator signed. The JSON export carries each record in the exact form the log hashes with its inclusion proof; anyone can check it offline with the public key below and tools/audit-verify.mjs (plain node, no server, no database).',
  proofOf: 'Inclusion proof (leaf index, sibling hashes)',
  withheld: 'content withheld (redacted): presence in the log only',
  actor: 'Actor',
  rule: 'Rule',
  allRules: 'All rules',
  from: 'From',
  to: 'To',
  case: 'Case',
  seq: '#',
  failedRules: 'Failed rules',
  rulesTitle: 'Rules catalogue',
  rulesIntro: 'Each rule cites the Key Principles (2019) it enforces. Refusals count audited refused commands in the last 30 days.',
  summary: 'Summary',
  principle: 'Principle',
  severity: 'Severity',
  refusals30: 'Refusals (30 days)',
  summariesEnglish: '',
  forbiddenTitle: 'Not allowed',
  forbidden: 'Your role may not open this page (it needs one of: {roles}).',
  notFoundTitle: 'Not found',
  notFound: 'There is no such page or case.',
  badRequestTitle: 'Invalid request',
  csrfTitle: 'Form expired',
  csrf: 'This form has expired or did not come from these pages. Go back, reload the page and try again.',
  errorTitle: 'Something went wrong',
  errorText: 'The page could not be shown. The error was logged.',
  back: 'Back to cases',
  // The reviewers' case page (issue 16.4): what needs a reviewer's eye, the paged timeline, verdict details.
  attentionTitle: 'Needs a reviewer\'s eye',
  attentionNone: 'Nothing on this case needs a reviewer\'s eye: no refused command, no warning, no second approval pending, no overdue task.',
  attentionRefused: 'Refused commands',
  attentionWarned: 'Warnings (applied, flagged by a rule)',
  attentionPending: 'Awaiting a second approval',
  attentionOverdue: 'Overdue tasks',
  attentionMore: 'More: see the filtered decision history',
  attentionNewest: 'newest {n} shown',
  pendingItem: '{command} awaits a second approver holding {role}, since {at}',
  taskItem: '{task} ({workflow}) for {role}: due {due}',
  stayedIn: 'stayed in {state}',
  paramsUsed: 'Values used',
  evidenceList: 'Evidence',
  evidenceConcerns: 'concerns',
  evidenceObtained: 'obtained',
  torture: 'torture allegation',
  newestFirst: 'Newest first',
  oldestFirst: 'Oldest first',
  order: 'Order',
  previous: 'Previous page',
  newestPage: 'Newest records',
  oldestPage: 'Oldest records',
  timelineRange: 'records #{from} to #{to}',
  diagramsNone: 'No workflow has been started on this case yet.',
  actorHint: 'a user\'s name',
  unknownActor: 'no user is called “{name}”',
  filteredDates: 'Records from {from} to {to}',
  anyDate: '…',
};
export type Key = keyof typeof en;

const ar: Record<Key, string> = {
  appTitle: 'محرك القضايا وفق المبادئ الأساسية',
  skip: 'انتقل إلى المحتوى',
  navCases: 'القضايا',
  navAudit: 'سجل التدقيق',
  navRules: 'القواعد',
  signedInAs: 'تم تسجيل الدخول باسم {name} ({roles})',
  signIn: 'تسجيل الدخول',
  signOut: 'تسجيل الخروج',
  signInTitle: 'تسجيل دخول المراجعين',
  signInIntro: 'الصق رمز الواجهة البرمجية الذي أُعطي لك. يُتحقَّق منه مرة واحدة ولا يُحفظ في هذا المتصفح: تحصل على جلسة تنتهي عند تسجيل الخروج أو عند التوقف عن استخدام الصفحات.',
  token: 'رمز الواجهة البرمجية',
  badToken: 'رمز غير معروف أو معطّل.',
  expiredToken: 'انتهت صلاحية هذا الرمز: اطلب رمزاً جديداً من المسؤول.',
  tooManySignIns: 'محاولات دخول فاشلة كثيرة من هذا العنوان: انتظر دقيقة ثم حاول مجدداً.',
  sessionEnded: 'انتهت جلستك (بتسجيل الخروج، أو لعدم الاستخدام مدة من الوقت، أو لطول مدة فتحها). سجّل الدخول مجدداً.',
  language: 'اللغة',
  switchTo: 'English',
  readOnly: 'عرض للقراءة فقط: لا شيء في هذه الصفحات يغيّر أي قضية.',
  casesTitle: 'القضايا',
  search: 'بحث',
  reference: 'المرجع',
  referenceHint: 'المرجع أو معرّف القضية',
  workflow: 'مسار العمل',
  state: 'الحالة',
  nationality: 'الجنسية',
  nationalityHint: 'حرفان، مثل FR',
  location: 'المكان',
  locationHint: 'مخيم أو احتجاز أو اسم مكان أو رمز دولة',
  child: 'طفل',
  any: 'الكل',
  yes: 'نعم',
  no: 'لا',
  apply: 'تطبيق عوامل التصفية',
  clear: 'مسح',
  name: 'الاسم',
  workflows: 'مسارات العمل',
  updated: 'آخر تحديث',
  noCases: 'لا توجد قضية تطابق عوامل التصفية هذه.',
  next: 'الصفحة التالية',
  first: 'الصفحة الأولى',
  redacted: '[محجوب]',
  redactedNote: 'البيانات المحددة لهوية الطفل مخفية عن دورك (KP-DATA-01).',
  caseTitle: 'القضية {ref}',
  caseFile: 'ملف القضية',
  sex: 'الجنس',
  dateOfBirth: 'تاريخ الميلاد',
  placeOfBirth: 'مكان الميلاد',
  nationalities: 'الجنسيات',
  documents: 'الوثائق',
  vulnerabilities: 'أوجه الضعف',
  familyLinks: 'الروابط الأسرية',
  evidence: 'عناصر الأدلة',
  version: 'الإصدار',
  created: 'تاريخ التسجيل',
  pendingApprovals: 'بانتظار موافقة ثانية',
  none: 'لا يوجد',
  currentStates: 'مسارات العمل وحالتها الحالية',
  outcome: 'النتيجة النهائية',
  diagrams: 'مخططات مسارات العمل',
  diagramCaption: '{workflow}: الحالة الحالية {state} (مميّزة)',
  diagramNoScript: 'يحتاج المخطط إلى جافاسكربت؛ يظهر شكله النصي بدلاً منه.',
  timeline: 'سجل القرارات',
  timelineCount: '{shown} من {total} سجلات',
  result: 'النتيجة',
  allResults: 'كل النتائج',
  allWorkflows: 'كل مسارات العمل',
  when: 'التاريخ',
  who: 'من',
  role: 'الدور',
  command: 'الأمر',
  transition: 'من ← إلى',
  verdicts: 'الأحكام',
  toAllow: 'يُستوفى بتوفّر',
  factsRead: 'الوقائع المقروءة',
  evidenceUsed: 'الأدلة الموزونة',
  verdictCode: 'الرمز',
  justification: 'المبرر',
  noRecords: 'لا يوجد سجل يطابق عوامل التصفية هذه.',
  passed: 'مستوفاة',
  failed: 'غير مستوفاة',
  export: 'تصدير',
  exportJson: 'سجل القرارات (JSON)',
  exportPrint: 'سجل القرارات للطباعة',
  print: 'طباعة',
  printTitle: 'سجل قرارات القضية {ref}',
  generated: 'أُنشئ في {at} بواسطة {name}',
  auditTitle: 'سجل التدقيق',
  chain: 'حالة السلسلة',
  breakGlassTitle: 'فتح القضايا في حالات الطوارئ',
  breakGlassIntro: 'قضايا فُتحت خارج نطاق صلاحية من فتحها في حالة طارئة: كل منها مسجّل في التدقيق وينتظر مراجعة مشرف من الفريق المالك.',
  breakGlassNone: 'لم تُفتح أي قضية في حالة طوارئ.',
  openedBy: 'فتحها',
  expires: 'الوصول حتى',
  reviewed: 'تمت المراجعة',
  notReviewed: 'لم تتم المراجعة بعد',
  chainOk: 'سلسلة التجزئة سليمة: تم التحقق من {n} سجلات.',
  chainBroken: 'سلسلة التجزئة مكسورة عند السجل {seq}: {reason}',
  proofsTitle: 'السجل الموقَّع (سجل الشفافية)',
  checkpointLatest: 'آخر نقطة تحقق موقَّعة: {size} سجلات، وُقِّعت في {at}.',
  rootHash: 'تجزئة الجذر',
  logKey: 'المفتاح العام للسجل',
  cosignatures: 'التوقيعات المشتركة للشهود',
  noCosignatures: 'لم يوقّع أي شاهد على نقطة التحقق هذه بعد.',
  forkAlert: 'تشعّب: نقطة تحقق موقَّعة بمفتاح هذا السجل لا تطابق هذا السجل (أُبلغ عنها في {at} من قبل {by}). عرض السجل تاريخين مختلفين.',
  browserCheck: 'تم التحقق في هذا المتصفح مقارنةً بآخر نقطة تحقق رآها:',
  browserCheckPending: 'لم يتم التحقق بعد (يتطلب JavaScript).',
  inclusionProof: 'برهان',
  proofsPrintIntro: 'كل سجل أعلاه موجود في السجل الذي وقّعه المشغّل. يحمل تصدير JSON كل سجل بالصيغة الدقيقة التي يُجزَّأ بها مع برهان تضمينه؛ يمكن لأي شخص التحقق منه دون اتصال بالمفتاح العام أدناه وبالأداة tools/audit-verify.mjs.',
  proofOf: 'برهان التضمين (فهرس الورقة، تجزئات الأشقاء)',
  withheld: 'المحتوى محجوب (منقّح): الوجود في السجل فقط',
  actor: 'المستخدم',
  rule: 'القاعدة',
  allRules: 'كل القواعد',
  from: 'من',
  to: 'إلى',
  case: 'القضية',
  seq: 'رقم',
  failedRules: 'القواعد غير المستوفاة',
  rulesTitle: 'فهرس القواعد',
  rulesIntro: 'تستند كل قاعدة إلى المبادئ الأساسية (2019) التي تطبقها. يُحتسب عدد الرفض من الأوامر المرفوضة المسجلة خلال آخر 30 يوماً.',
  summary: 'الملخص',
  principle: 'المبدأ',
  severity: 'الشدة',
  refusals30: 'مرات الرفض (30 يوماً)',
  summariesEnglish: 'ملخصات القواعد متاحة بالإنجليزية فقط.',
  forbiddenTitle: 'غير مسموح',
  forbidden: 'لا يسمح دورك بفتح هذه الصفحة (تتطلب أحد الأدوار: {roles}).',
  notFoundTitle: 'غير موجود',
  notFound: 'لا توجد صفحة أو قضية كهذه.',
  badRequestTitle: 'طلب غير صالح',
  csrfTitle: 'انتهت صلاحية النموذج',
  csrf: 'انتهت صلاحية هذا النموذج أو لم يصدر عن هذه الصفحات. ارجع وأعد تحميل الصفحة ثم حاول مجدداً.',
  errorTitle: 'حدث خطأ',
  errorText: 'تعذر عرض الصفحة. تم تسجيل الخطأ.',
  back: 'العودة إلى القضايا',
  attentionTitle: 'ما يستدعي انتباه المراجع',
  attentionNone: 'لا شيء في هذه القضية يستدعي انتباه المراجع: لا أمر مرفوض، ولا تحذير، ولا موافقة ثانية معلّقة، ولا مهمة متأخرة.',
  attentionRefused: 'أوامر مرفوضة',
  attentionWarned: 'تحذيرات (نُفّذت ونبّهت إليها قاعدة)',
  attentionPending: 'بانتظار موافقة ثانية',
  attentionOverdue: 'مهام متأخرة',
  attentionMore: 'المزيد: انظر سجل القرارات بعد التصفية',
  attentionNewest: 'تُعرض أحدث {n}',
  pendingItem: '{command} بانتظار موافق ثانٍ بصفة {role}، منذ {at}',
  taskItem: '{task} ({workflow}) على {role}: موعدها {due}',
  stayedIn: 'بقيت في حالة {state}',
  paramsUsed: 'القيم المستخدمة',
  evidenceList: 'الأدلة',
  evidenceConcerns: 'تتعلق بـ',
  evidenceObtained: 'تاريخ الحصول عليها',
  torture: 'ادعاء التعذيب',
  newestFirst: 'الأحدث أولاً',
  oldestFirst: 'الأقدم أولاً',
  order: 'الترتيب',
  previous: 'الصفحة السابقة',
  newestPage: 'أحدث السجلات',
  oldestPage: 'أقدم السجلات',
  timelineRange: 'السجلات من #{from} إلى #{to}',
  diagramsNone: 'لم يبدأ أي مسار عمل في هذه القضية بعد.',
  actorHint: 'اسم المستخدم',
  unknownActor: 'لا يوجد مستخدم باسم «{name}»',
  filteredDates: 'السجلات من {from} إلى {to}',
  anyDate: '…',
};

const DICTS: Record<Lang, Record<Key, string>> = { en, ar };

/** Vocabulary of the engine: states, workflows, roles, results, severities, sexes, locations. */
const TERMS: Record<Lang, Record<string, string>> = {
  en: {},
  ar: {
    // workflows
    screening: 'الفرز والتقييم الفردي',
    age_assessment: 'تقييم العمر',
    case: 'القضية',
    best_interests: 'المصالح الفضلى للطفل',
    non_refoulement: 'عدم الإعادة القسرية',
    rehabilitation: 'إعادة التأهيل والإدماج',
    // states
    pending: 'قيد الانتظار',
    in_progress: 'قيد التنفيذ',
    submitted: 'مقدَّم',
    completed: 'مكتمل',
    recorded: 'مسجَّل',
    confirmed: 'مؤكَّد',
    open: 'مفتوحة',
    closed: 'مغلقة',
    sealed: 'مختومة',
    erased: 'ممحوّة',
    not_started: 'لم يبدأ',
    bia: 'تقييم المصالح الفضلى',
    bia_completed: 'اكتمل تقييم المصالح الفضلى',
    bid_preparation: 'إعداد قرار المصالح الفضلى',
    panel_review: 'قيد مراجعة اللجنة',
    bid_approved: 'اعتُمد قرار المصالح الفضلى',
    planned: 'مخطط له',
    active: 'نشط',
    assessing: 'قيد التقييم',
    cleared: 'مسموح',
    blocked: 'ممنوع',
    expired: 'منتهي الصلاحية',
    risk_identified: 'تم تحديد خطر',
    nationality: 'الجنسية',
    repatriation: 'الإعادة إلى الوطن',
    unverified: 'غير متحقق منها',
    verification_requested: 'طُلب التحقق',
    statelessness_referral: 'إحالة بشأن انعدام الجنسية',
    stateless_protected: 'عديم الجنسية مشمول بالحماية',
    no_nationality: 'بلا جنسية',
    not_planned: 'غير مخطط لها',
    planning: 'قيد التخطيط',
    consular_engaged: 'تم التواصل القنصلي',
    barrier: 'عائق',
    documents_ready: 'الوثائق جاهزة',
    approved: 'موافق عليه',
    legal: 'الإجراءات القانونية',
    no_proceedings: 'لا إجراءات',
    investigation: 'قيد التحقيق',
    diversion: 'تدابير بديلة',
    charged: 'موجّه إليه اتهام',
    trial: 'قيد المحاكمة',
    appeal: 'استئناف',
    not_detained: 'غير محتجز',
    detained: 'محتجز',
    released: 'مُفرج عنه',
    // outcomes
    victim: 'ضحية',
    suspect: 'مشتبه به',
    victim_and_suspect: 'ضحية ومشتبه به',
    no_concern: 'لا مخاوف',
    annulled: 'ملغى',
    acquitted: 'بُرّئ',
    convicted: 'أُدين',
    judgment: 'حكم',
    upheld: 'مؤيَّد',
    withdrawn: 'مسحوب',
    rejected: 'مرفوض',
    // results
    applied: 'نُفِّذ',
    refused: 'رُفض',
    // roles
    caseworker: 'أخصائي الحالة',
    supervisor: 'المشرف',
    bid_panel: 'لجنة المصالح الفضلى',
    legal_officer: 'الموظف القانوني',
    reviewer: 'المراجع',
    policy: 'السياسات',
    admin: 'المسؤول',
    engine: 'المحرك',
    // severities
    block: 'مانعة',
    'block-unless': 'مانعة ما لم',
    '2nd': 'موافقة ثانية',
    justify: 'تتطلب مبرراً',
    warn: 'تحذير',
    timer: 'مهلة',
    // sexes, location kinds, nationality status
    female: 'أنثى',
    male: 'ذكر',
    unknown: 'غير معروف',
    camp: 'مخيم',
    detention: 'احتجاز',
    hospital: 'مستشفى',
    community: 'المجتمع المحلي',
    returned: 'عائد',
    claimed: 'مدّعاة',
    verified: 'متحقق منها',
    disputed: 'متنازع عليها',
  },
};

export interface Translator {
  lang: Lang;
  dir: 'ltr' | 'rtl';
  locale: string;
  t(key: Key, params?: Record<string, string | number>): string;
  /** An engine term (state, workflow, role...) in this language; the id itself when unknown. */
  term(id: string): string;
  /** True when `term(id)` has a translation (untranslated ids are marked lang="en"). */
  hasTerm(id: string): boolean;
  date(iso: string): string;
  /** A calendar date (YYYY-MM-DD) in the page's format, without a time. */
  day(date: string): string;
  number(n: number): string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function dateFormat(locale: string): Intl.DateTimeFormat {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    formatters.set(locale, f);
  }
  return f;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(locale: string): Intl.DateTimeFormat {
  let f = dayFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dayFormats.set(locale, f);
  }
  return f;
}

/**
 * The locale for dates and numbers: the first Accept-Language tag of the chosen language (so an
 * `ar-EG` or `en-US` browser gets its own conventions), else a default for the language.
 */
export function localeFor(lang: Lang, acceptLanguage: string | undefined): string {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim() ?? '';
    if (tag.toLowerCase() === lang || tag.toLowerCase().startsWith(`${lang}-`)) {
      try {
        return Intl.DateTimeFormat.supportedLocalesOf([tag])[0] ?? (lang === 'ar' ? 'ar' : 'en-GB');
      } catch {
        break;
      }
    }
  }
  return lang === 'ar' ? 'ar' : 'en-GB';
}

export function translator(lang: Lang, acceptLanguage?: string): Translator {
  const dict = DICTS[lang];
  const terms = TERMS[lang];
  const locale = localeFor(lang, acceptLanguage);
  let nf = numberFormats.get(locale);
  if (!nf) {
    nf = new Intl.NumberFormat(locale);
    numberFormats.set(locale, nf);
  }
  const numbers = nf;
  return {
    lang,
    dir: dirOf(lang),
    locale,
    t: (key, params) => dict[key].replace(/\{(\w+)\}/g, (_m, name: string) => (params && name in params ? String(params[name]) : `{${name}}`)),
    term: (id) => (lang === 'en' ? id.replace(/_/g, ' ') : (terms[id] ?? id)),
    hasTerm: (id) => lang === 'en' || id in terms,
    date: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateFormat(locale).format(d);
    },
    day: (date) => {
      const d = new Date(`${date}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? date : dayFormat(locale).format(d);
    },
    number: (n) => numbers.format(n),
  };
}

/** Every key of the Arabic vocabulary, for the completeness test. */
export const arabicTerms = (): ReadonlySet<string> => new Set(Object.keys(TERMS.ar));
