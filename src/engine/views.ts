import type { Repositories } from '../../db/index.ts';
import type { CaseFacts, EvidenceItem, Relation } from '../../workflows/caseFile.ts';
import { Jurisdiction } from '../../workflows/jurisdictions.ts';
import type { CaseView, FamilyMember, WorkflowView } from '../../workflows/rules/types.ts';
import { DEFAULT_SETTINGS, Settings } from '../../workflows/settings.ts';

/** Turns stored rows into the workflow layer's views. Reads only. */

export interface CaseState extends CaseView {
  readonly version: number;
  readonly updatedAt: string;
  readonly familyLinks: ReadonlyArray<{ caseId: string; relation: Relation }>;
}

export interface Snapshot {
  value: string;
  context: Record<string, unknown>;
}

export function loadCase(repos: Repositories, id: string): CaseState | undefined {
  const row = repos.cases.get(id);
  if (!row) return undefined;
  const workflows: WorkflowView[] = repos.cases.instances(id).map((i) => ({
    kind: i.kind,
    instance: i.instance,
    version: i.machineVersion,
    state: i.state,
    outcome: i.outcome,
    context: (i.snapshot as Snapshot).context,
  }));
  const evidence = repos.cases.evidence(id).map((e) => ({ ...(e.item as object), id: e.id, recordedAt: e.recordedAt, recordedBy: e.recordedBy }) as EvidenceItem);
  return {
    id: row.id,
    reference: row.reference,
    facts: row.facts as CaseFacts,
    evidence,
    workflows,
    createdAt: row.createdAt,
    version: row.version,
    updatedAt: row.updatedAt,
    familyLinks: repos.cases.links(id).map((l) => ({ caseId: l.relatedCaseId, relation: l.relation as Relation })),
  };
}

export function loadFamily(repos: Repositories, c: CaseState): FamilyMember[] {
  return c.familyLinks.flatMap((l) => {
    const member = loadCase(repos, l.caseId);
    return member ? [{ ...member, relation: l.relation }] : [];
  });
}

export function loadJurisdictions(repos: Repositories): Jurisdiction[] {
  return repos.jurisdictions.all().map((r) => Jurisdiction.parse(r.data));
}

export function loadSettings(repos: Repositories): Settings {
  const row = repos.settings.latest();
  return row ? Settings.parse(row.values) : DEFAULT_SETTINGS;
}
