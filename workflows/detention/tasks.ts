import { calendarDate, isChild } from '../age.ts';
import type { Task } from '../definition.ts';
import type { LegalContext } from '../legal/model.ts';
import { ageAtAct } from '../rules/age.ts';
import { effectiveDateOfBirth, workflowOf } from '../rules/facts.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';
import type { Settings } from '../settings.ts';
import { detentionContextOf, PROSECUTION_BASES, type Detention } from './model.ts';

export function detentionTasks(w: WorkflowView, subject: CaseView, settings: Settings, at: string): Task[] {
  const cx = detentionContextOf(w);
  const today = calendarDate(at);
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
  const out: Task[] = [];
  const d = cx.current;
  if (w.state === 'detained' && d) {
    const overdue = d.reviewDueAt < today;
    for (const role of ['legal_officer', 'supervisor'] as const) {
      out.push({
        ...base,
        kind: overdue ? 'detention_review_overdue' : 'detention_review',
        role,
        due: d.reviewDueAt,
        rule: 'KP-DET-02',
        summary: overdue ? `detention review overdue since ${d.reviewDueAt}: escalated` : `detention review due ${d.reviewDueAt}`,
      });
    }
    out.push(...breachTasks(d, subject, settings, today, base));
    if (d.maxEnd && d.maxEnd <= today) {
      out.push({ ...base, kind: 'detention_max_reached', role: 'legal_officer', due: d.maxEnd, rule: 'KP-DET-02', summary: `maximum detention reached on ${d.maxEnd}: a release decision is required` });
    }
  }
  // A child in a closed camp or centre is deprived of liberty: record it as detention (KP-DET-01).
  const loc = subject.facts.location;
  if (w.state === 'not_detained' && loc.closed && isChild(effectiveDateOfBirth(subject), today)) {
    out.push({ ...base, kind: 'record_deprivation_of_liberty', role: 'legal_officer', due: null, rule: 'KP-DET-01', summary: `a child held in a closed ${loc.kind} is deprived of liberty: record and review it as detention` });
  }
  return out;
}

const PROHIBITED_FOR_ANYONE: ReadonlySet<string> = new Set(['relative_conduct']);
const PROHIBITED_FOR_A_CHILD: ReadonlySet<string> = new Set(['association', 'membership']);

/**
 * Escalations for what the rules flag on a detention recorded as it is (RECORD_DETENTION warns
 * rather than refuses): each breach still standing puts a task on the supervisor's list at once,
 * due from the day the person was held there, until the record shows it remedied.
 */
function breachTasks(d: Detention, subject: CaseView, settings: Settings, today: string, base: Pick<Task, 'caseId' | 'workflow' | 'instance'>): Task[] {
  const out: Task[] = [];
  const child = isChild(effectiveDateOfBirth(subject), today);
  const by = d.moved?.authority ?? d.recorded?.authority;
  const heldSince = d.recorded?.since ?? calendarDate(d.startedAt);
  // A task summary never quotes what was typed about the person (the authority's name is free
  // text, KP-DATA-01): every role's task list shows it, the case says who.
  const holder = by ? ' by another authority' : '';
  // KP-DET-03: a child held with unrelated adults: the separation failure escalates and the return is prioritised.
  if (child && !d.separateFromAdults && !d.staysWithParent) {
    const placeSince = d.moved?.since ?? heldSince;
    out.push({
      ...base,
      kind: 'adult_separation_failure',
      role: 'supervisor',
      due: placeSince,
      rule: 'KP-DET-03',
      summary: `a child held with unrelated adults in a ${d.facility.kind.replace(/_/g, ' ')}${holder} since ${placeSince}: press for separation; return prioritised`,
    });
  }
  // KP-DET-01: held with no known legal basis.
  if (!d.legalBasis) {
    out.push({ ...base, kind: 'detention_without_legal_basis', role: 'supervisor', due: heldSince, rule: 'KP-DET-01', summary: `held${holder} since ${heldSince} with no known legal basis: challenge its legality and press for release` });
  }
  // KP-DET-04: grounds never allowed (a relative's conduct; a child's mere association or membership).
  const prohibited = (d.grounds ?? []).filter((g) => PROHIBITED_FOR_ANYONE.has(g) || (child && PROHIBITED_FOR_A_CHILD.has(g)));
  if (prohibited.length) {
    out.push({ ...base, kind: 'prohibited_detention_grounds', role: 'supervisor', due: heldSince, rule: 'KP-DET-04', summary: `held${holder} on prohibited grounds (${prohibited.map((g) => g.replace(/_/g, ' ')).join(', ')}): challenge the detention and press for release` });
  }
  // KP-AGE-02: a criminal detention for an act possibly committed below the MACR (or with no charge to check it against, for a child).
  if (d.legalBasis && PROSECUTION_BASES.has(d.legalBasis.kind)) {
    const legal = workflowOf(subject, 'legal')?.context as Partial<LegalContext> | undefined;
    const charges = legal?.charges ?? [];
    const below = charges.filter((ch) => ch.appliedLaw && ageAtAct(subject, ch.allegedActDate) < Math.max(ch.appliedLaw.macr, settings.macrHardFloor ?? 0));
    if (below.length) {
      out.push({ ...base, kind: 'criminal_detention_macr', role: 'supervisor', due: heldSince, rule: 'KP-AGE-02', summary: `criminal detention${holder} for acts possibly committed below the age of criminal responsibility (${[...new Set(below.map((ch) => ch.category.replace(/_/g, ' ')))].join(', ')}): press for release and route to child protection` });
    } else if (child && charges.length === 0) {
      out.push({ ...base, kind: 'criminal_detention_macr', role: 'supervisor', due: heldSince, rule: 'KP-AGE-02', summary: `a child held${holder} on a ${d.legalBasis.kind.replace(/_/g, ' ')} basis with no charge on record: the age at the act cannot be checked against the MACR; obtain the charges or press for release` });
    }
  }
  return out;
}
