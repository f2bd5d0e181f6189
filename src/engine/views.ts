import type { AuditRow, JurisdictionRow, PendingRow, Repositories, SettingsRow } from '../../db/index.ts';
import { keyringOf } from './personalData.ts';
import type { DateOfBirth } from '../../workflows/age.ts';
import type { CaseFacts, EvidenceItem, Relation } from '../../workflows/caseFile.ts';
import { Jurisdiction } from '../../workflows/jurisdictions.ts';
import { chooseDateOfBirth } from '../../workflows/rules/facts.ts';
import type { CaseView, FamilyMember, WorkflowView } from '../../workflows/rules/types.ts';
import { DEFAULT_SETTINGS, Settings } from '../../workflows/settings.ts';
import { contextOf } from './snapshots.ts';

/** Turns stored rows into the workflow layer's views. Reads only. */

export interface CaseState extends CaseView {
  readonly version: number;
  readonly updatedAt: string;
  readonly familyLinks: ReadonlyArray<{ caseId: string; relation: Relation }>;
}

/**
 * The case as the engine and its rules read it: the stored rows with the person's envelopes
 * opened (`[erased]` once the person was erased). The one place a case's rows are opened.
 */
export function loadCase(repos: Repositories, id: string): CaseState | undefined {
  const row = repos.cases.get(id);
  if (!row) return undefined;
  const keyring = keyringOf(repos);
  const workflows: WorkflowView[] = repos.cases.instances(id).map((i) => ({
    kind: i.kind,
    instance: i.instance,
    version: i.machineVersion,
    state: i.state,
    outcome: i.outcome,
    context: contextOf(i),
  }));
  const evidence = repos.cases.evidence(id).map((e) => ({ ...(e.item as object), id: e.id, recordedAt: e.recordedAt, recordedBy: e.recordedBy }) as EvidenceItem);
  const opened = keyring.open(id, { facts: row.facts, workflows, evidence });
  return {
    id: row.id,
    reference: row.reference,
    facts: opened.facts as CaseFacts,
    evidence: opened.evidence,
    workflows: opened.workflows,
    createdAt: row.createdAt,
    version: row.version,
    updatedAt: row.updatedAt,
    familyLinks: repos.cases.links(id).map((l) => ({ caseId: l.relatedCaseId, relation: l.relation as Relation })),
    ...(row.teamId ? { teamId: row.teamId } : {}),
  };
}

/** The effective date of birth of each case (a confirmed age assessment's range, else the recorded one), in one read. */
export function loadBirthDates(repos: Repositories, ids: readonly string[]): Map<string, DateOfBirth> {
  const keyring = keyringOf(repos);
  return new Map(
    repos.cases.birthInputs([...new Set(ids)]).map((r) => {
      const dob = keyring.open(r.id, r.dateOfBirth) as DateOfBirth;
      const assessment = r.ageAssessment ? { state: r.ageAssessment.state, context: keyring.open(r.id, contextOf({ kind: 'age_assessment', machineVersion: r.ageAssessment.machineVersion, instance: '', snapshot: r.ageAssessment.snapshot })) } : undefined;
      return [r.id, chooseDateOfBirth(dob, assessment)];
    }),
  );
}

/** Pending proposals with their command opened (data, justification). */
export function openPending(repos: Repositories, rows: readonly PendingRow[]): PendingRow[] {
  const keyring = keyringOf(repos);
  return rows.map((p) => ({ ...p, command: keyring.open(p.caseId, p.command) }));
}

/** Audit records with their data, justification and verdicts opened: what readers see before redaction. */
export function openRecords<R extends Pick<AuditRow, 'caseId' | 'data' | 'justification' | 'verdicts'>>(repos: Repositories, rows: readonly R[]): R[] {
  const keyring = keyringOf(repos);
  return rows.map((r) => {
    if (r.caseId === null) return r;
    const opened = keyring.open(r.caseId, { data: r.data, justification: r.justification, verdicts: r.verdicts });
    return opened.data === r.data && opened.justification === r.justification && opened.verdicts === r.verdicts ? r : { ...r, ...opened };
  });
}

/** The facts of a case row, opened. */
export function openFacts(repos: Repositories, caseId: string, facts: unknown): CaseFacts {
  return keyringOf(repos).open(caseId, facts) as CaseFacts;
}

export function loadFamily(repos: Repositories, c: CaseState): FamilyMember[] {
  return c.familyLinks.flatMap((l) => {
    const member = loadCase(repos, l.caseId);
    return member ? [{ ...member, relation: l.relation }] : [];
  });
}

/**
 * Every jurisdiction version, parsed. Read by every command, written rarely: the repository keeps
 * the parsed value until a write (through this connection, or a commit by another one). The value
 * is shared and frozen: copy it to change it.
 */
export function loadJurisdictions(repos: Repositories): readonly Jurisdiction[] {
  return repos.jurisdictions.derived(parseJurisdictions);
}

/** The settings in force, parsed; cached and shared like `loadJurisdictions`. */
export function loadSettings(repos: Repositories): Settings {
  return repos.settings.derived(parseSettings);
}

function parseJurisdictions(rows: JurisdictionRow[]): readonly Jurisdiction[] {
  return deepFreeze(rows.map((r) => Jurisdiction.parse(r.data)));
}

function parseSettings(row: SettingsRow | undefined): Settings {
  return row ? deepFreeze(Settings.parse(row.values)) : DEFAULT_SETTINGS;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
