import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { cases, evidence, familyLinks, workflowInstances } from '../schema.ts';

/** Plain rows; the engine turns them into the workflow layer's CaseView. */
export interface CaseRow {
  id: string;
  reference: string;
  facts: unknown;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface InstanceRow {
  caseId: string;
  kind: string;
  instance: string;
  machineVersion: number;
  state: string;
  outcome: string | null;
  snapshot: unknown;
  updatedAt: string;
}

export interface EvidenceRow {
  id: string;
  caseId: string;
  item: unknown;
  recordedAt: string;
  recordedBy: string;
}

export interface LinkRow {
  caseId: string;
  relatedCaseId: string;
  relation: string;
}

export interface CaseListFilter {
  workflow?: string;
  state?: string;
  nationality?: string;
  location?: string;
  q?: string;
  /** `q` also matches a given or family name (only for readers who may see a child's identity). */
  qNames?: boolean;
  /** Cases whose latest plausible birth date is after this date (children, derived at query time). */
  bornAfter?: string;
  bornOnOrBefore?: string;
  after?: string;
  limit: number;
}

/** A JSON column as drizzle's `mode: 'json'` reads it (NULL stays null). */
const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function casesRepository(db: Db) {
  // The reads of every command (loading the case) are plain prepared statements: drizzle's row
  // mapping cost more than the queries. Same columns, order and JSON decoding as the schema's.
  const getCase = db.$client.prepare<[string], { id: string; reference: string; facts: string; version: number; created_at: string; created_by: string; updated_at: string }>(
    'select id, reference, facts, version, created_at, created_by, updated_at from cases where id = ?',
  );
  const getByReference = db.$client.prepare<[string], { id: string; reference: string; facts: string; version: number; created_at: string; created_by: string; updated_at: string }>(
    'select id, reference, facts, version, created_at, created_by, updated_at from cases where reference = ?',
  );
  const getInstances = db.$client.prepare<[string], { case_id: string; kind: string; instance: string; machine_version: number; state: string; outcome: string | null; snapshot: string; updated_at: string }>(
    'select case_id, kind, instance, machine_version, state, outcome, snapshot, updated_at from workflow_instances where case_id = ?',
  );
  // Evidence is append-only: listed in the order it was recorded (rowid breaks ties within one instant).
  const getEvidence = db.$client.prepare<[string], { id: string; case_id: string; item: string; recorded_at: string; recorded_by: string }>(
    'select id, case_id, item, recorded_at, recorded_by from evidence where case_id = ? order by recorded_at asc, rowid',
  );
  const getLinks = db.$client.prepare<[string], { case_id: string; related_case_id: string; relation: string }>(
    'select case_id, related_case_id, relation from family_links where case_id = ?',
  );
  const bump = db.$client.prepare('update cases set version = version + 1, updated_at = ? where id = ? and version = ?');
  const saveInstance = db.$client.prepare(
    `insert into workflow_instances (case_id, kind, instance, machine_version, state, outcome, snapshot, updated_at)
     values (@caseId, @kind, @instance, @machineVersion, @state, @outcome, @snapshot, @updatedAt)
     on conflict (case_id, kind, instance) do update set machine_version = excluded.machine_version, state = excluded.state,
       outcome = excluded.outcome, snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
  );

  return {
    get(id: string): CaseRow | undefined {
      const r = getCase.get(id);
      return r && { id: r.id, reference: r.reference, facts: json(r.facts), version: r.version, createdAt: r.created_at, createdBy: r.created_by, updatedAt: r.updated_at };
    },
    byReference(reference: string): CaseRow | undefined {
      const r = getByReference.get(reference);
      return r && { id: r.id, reference: r.reference, facts: json(r.facts), version: r.version, createdAt: r.created_at, createdBy: r.created_by, updatedAt: r.updated_at };
    },
    instances(id: string): InstanceRow[] {
      return getInstances.all(id).map((r) => ({
        caseId: r.case_id, kind: r.kind, instance: r.instance, machineVersion: r.machine_version, state: r.state, outcome: r.outcome, snapshot: json(r.snapshot), updatedAt: r.updated_at,
      }));
    },
    /**
     * For each case: the recorded date of birth and the age assessment instance, if any (what
     * decides whether a record is a child's), in one query for a page of records.
     */
    birthInputs(ids: readonly string[]): Array<{ id: string; dateOfBirth: unknown; ageAssessment: { state: string; snapshot: unknown } | null }> {
      if (ids.length === 0) return [];
      const rows = db
        .select({ id: cases.id, dob: sql<string>`json_extract(${cases.facts}, '$.person.dateOfBirth')`, state: workflowInstances.state, snapshot: workflowInstances.snapshot })
        .from(cases)
        .leftJoin(workflowInstances, and(eq(workflowInstances.caseId, cases.id), eq(workflowInstances.kind, 'age_assessment'), eq(workflowInstances.instance, '')))
        .where(inArray(cases.id, [...ids]))
        .all();
      return rows.map((r) => ({ id: r.id, dateOfBirth: json(r.dob), ageAssessment: r.state === null ? null : { state: r.state, snapshot: r.snapshot } }));
    },
    evidence(id: string): EvidenceRow[] {
      return getEvidence.all(id).map((r) => ({ id: r.id, caseId: r.case_id, item: json(r.item), recordedAt: r.recorded_at, recordedBy: r.recorded_by }));
    },
    links(id: string): LinkRow[] {
      return getLinks.all(id).map((r) => ({ caseId: r.case_id, relatedCaseId: r.related_case_id, relation: r.relation }));
    },
    insert(row: CaseRow): void {
      db.insert(cases).values(row).run();
    },
    referenceCount(): number {
      return db.select({ n: sql<number>`count(*)` }).from(cases).get()?.n ?? 0;
    },
    updateFacts(id: string, facts: unknown, at: string): void {
      db.update(cases).set({ facts, updatedAt: at }).where(eq(cases.id, id)).run();
    },
    /** Compare-and-set on the version: false when another command got there first. */
    bumpVersion(id: string, expected: number, at: string): boolean {
      return bump.run(at, id, expected).changes === 1;
    },
    saveInstance(row: InstanceRow): void {
      saveInstance.run({ ...row, snapshot: JSON.stringify(row.snapshot) });
    },
    addEvidence(row: EvidenceRow): void {
      db.insert(evidence).values(row).run();
    },
    /** Replaces one direction of links of a case; callers keep both directions in step. */
    addLink(row: LinkRow): void {
      db.insert(familyLinks).values(row).onConflictDoUpdate({ target: [familyLinks.caseId, familyLinks.relatedCaseId], set: { relation: row.relation } }).run();
    },
    removeLink(caseId: string, relatedCaseId: string): void {
      db.delete(familyLinks).where(and(eq(familyLinks.caseId, caseId), eq(familyLinks.relatedCaseId, relatedCaseId))).run();
    },
    existing(ids: readonly string[]): string[] {
      if (ids.length === 0) return [];
      return db.select({ id: cases.id }).from(cases).where(inArray(cases.id, [...ids])).all().map((r) => r.id);
    },
    list(f: CaseListFilter): CaseRow[] {
      const where: SQL[] = [];
      if (f.after) where.push(gt(cases.id, f.after));
      if (f.workflow || f.state) {
        const conds: SQL[] = [sql`w.case_id = ${cases.id}`];
        if (f.workflow) conds.push(sql`w.kind = ${f.workflow}`);
        if (f.state) conds.push(sql`w.state = ${f.state}`);
        where.push(sql`exists (select 1 from workflow_instances w where ${sql.join(conds, sql` and `)})`);
      }
      if (f.nationality) where.push(sql`exists (select 1 from json_each(${cases.facts}, '$.person.nationalities') n where json_extract(n.value, '$.state') = ${f.nationality})`);
      if (f.location) where.push(sql`(json_extract(${cases.facts}, '$.location.name') = ${f.location} or json_extract(${cases.facts}, '$.location.kind') = ${f.location} or json_extract(${cases.facts}, '$.location.state') = ${f.location})`);
      if (f.q) {
        const like = `%${f.q}%`;
        const byName = f.qNames
          ? sql` or exists (select 1 from json_each(${cases.facts}, '$.person.names') n where json_extract(n.value, '$.given') like ${like} or json_extract(n.value, '$.family') like ${like} or (json_extract(n.value, '$.given') || ' ' || json_extract(n.value, '$.family')) like ${like})`
          : sql``;
        where.push(sql`(${cases.reference} like ${like} or ${cases.id} = ${f.q}${byName})`);
      }
      // The birth date that decides "child" (workflows/rules/facts.ts effectiveDateOfBirth): a
      // confirmed age assessment's range replaces the recorded date of birth.
      const assessedBirth = sql`(select coalesce(json_extract(wi.snapshot, '$.context.dateOfBirth.exact'), json_extract(wi.snapshot, '$.context.dateOfBirth.latest')) from ${workflowInstances} wi where wi.case_id = ${cases.id} and wi.kind = 'age_assessment' and wi.state = 'confirmed')`;
      const latestBirth = sql`coalesce(${assessedBirth}, json_extract(${cases.facts}, '$.person.dateOfBirth.exact'), json_extract(${cases.facts}, '$.person.dateOfBirth.latest'))`;
      if (f.bornAfter) where.push(sql`${latestBirth} > ${f.bornAfter}`);
      if (f.bornOnOrBefore) where.push(sql`${latestBirth} <= ${f.bornOnOrBefore}`);
      return db.select().from(cases).where(and(...where)).orderBy(asc(cases.id)).limit(f.limit).all();
    },
    /** Instances of a kind (tasks, migrations). */
    instancesOfKind(kind?: string): InstanceRow[] {
      const q = db.select().from(workflowInstances);
      return (kind ? q.where(eq(workflowInstances.kind, kind)) : q).all();
    },
    allIds(): string[] {
      return db.select({ id: cases.id }).from(cases).orderBy(asc(cases.id)).all().map((r) => r.id);
    },
  };
}
export type CasesRepository = ReturnType<typeof casesRepository>;
