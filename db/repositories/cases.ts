import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { Db } from '../connection.ts';
import { cases, evidence, familyLinks, workflowInstances } from '../schema.ts';
import { scopeCondition, type CaseScope } from './scope.ts';

/** Plain rows; the engine turns them into the workflow layer's CaseView. */
export interface CaseRow {
  id: string;
  reference: string;
  facts: unknown;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** The owning team (read with the case; written by registration and case.TRANSFER). */
  teamId?: string;
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

/** A list driver: the index a list is read in order from; the other filters are checked per row. */
export type ListDriver = 'all' | 'workflow' | 'nationality' | 'location' | 'child' | 'reference' | 'id' | 'names';

/** Where the previous page ended: the driver it was read with, its sort key there and the case id. */
export interface ListCursor {
  driver: ListDriver;
  key: string | number;
  id: string;
}

export interface CaseListFilter {
  workflow?: string;
  state?: string;
  outcome?: string;
  nationality?: string;
  location?: string;
  /** `child` on `today`: adult_from > today (a child) or <= today (an adult). */
  child?: { value: boolean; today: string };
  /** A reference prefix (upper case), an id prefix, or name search keys (the FTS5 query built from them). */
  reference?: string;
  idPrefix?: string;
  names?: ReadonlyArray<{ token: string; key: string }>;
  after?: ListCursor;
  /** Only cases within this scope (src/engine/scope.ts): one indexed check per row. */
  scope?: CaseScope;
  limit: number;
}

/** The derived columns of a case kept by the engine (the list filters, name search). */
export interface CaseIndexRow {
  adultFrom: string;
  nationalities: readonly string[];
  locations: readonly string[];
  names: { raw: readonly string[]; keys: readonly string[] } | null;
  indexVersion: number;
}

/** Rows an estimate counts up to: a driver with fewer matches is read instead of one with more. */
const ESTIMATE_CAP = 1000;

/** Writes that change what the engine derives from a case: `facts` when the facts (names, terms) may have changed. */
export interface DirtyCases {
  mark(id: string, facts: boolean): void;
  drain(): Map<string, { facts: boolean }>;
  clear(): void;
}

export function dirtyCases(): DirtyCases {
  let dirty = new Map<string, { facts: boolean }>();
  return {
    mark(id, facts) {
      const d = dirty.get(id);
      if (d) d.facts ||= facts;
      else dirty.set(id, { facts });
    },
    drain() {
      const out = dirty;
      dirty = new Map();
      return out;
    },
    clear() {
      dirty = new Map();
    },
  };
}

/** A JSON column as drizzle's `mode: 'json'` reads it (NULL stays null). */
const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function casesRepository(db: Db, dirty: DirtyCases = dirtyCases()) {
  // The reads of every command (loading the case) are plain prepared statements: drizzle's row
  // mapping cost more than the queries. Same columns, order and JSON decoding as the schema's.
  const getCase = db.$client.prepare<[string], { id: string; reference: string; facts: string; version: number; created_at: string; created_by: string; updated_at: string; team_id: string }>(
    'select id, reference, facts, version, created_at, created_by, updated_at, team_id from cases where id = ?',
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

  const statements = new Map<string, Database.Statement>();
  const stmt = (text: string): Database.Statement => {
    let st = statements.get(text);
    if (!st) statements.set(text, (st = db.$client.prepare(text)));
    return st;
  };
  const nextSeq = db.$client.prepare<[], { value: number }>(`update counters set value = value + 1 where name = 'case_reference' returning value`);
  const setIndex = db.$client.prepare('update cases set adult_from = ?, index_version = ? where id = ?');
  const setAdultFrom = db.$client.prepare('update cases set adult_from = ? where id = ?');
  const getAdultFrom = db.$client.prepare<[string], { adult_from: string | null }>('select adult_from from cases where id = ?');
  const clearTerms = db.$client.prepare('delete from case_terms where case_id = ?');
  const addTerm = db.$client.prepare('insert or ignore into case_terms (field, term, case_id) values (?, ?, ?)');
  const touch = (id: string) => dirty.mark(id, false);
  const seqOf = db.$client.prepare<[string], { seq: number | null }>('select seq from cases where id = ?');
  const deleteNames = db.$client.prepare('delete from case_names where rowid = ?');
  const insertNames = db.$client.prepare('insert into case_names (rowid, raw, keys) values (?, ?, ?)');
  const clearDerived = db.$client.prepare('update cases set adult_from = null, index_version = ? where id = ?');
  const staleIndex = db.$client.prepare<[number, number], { id: string }>('select id from cases where index_version < ? limit ?');

  function count(text: string, params: unknown[]): number {
    return (stmt(`select count(*) as n from (${text} limit ${ESTIMATE_CAP})`).get(...params) as { n: number }).n;
  }

  /** The driver with the fewest matches; ties go to the earlier (usually more selective) one. */
  function chooseDriver(f: CaseListFilter): ListDriver {
    if (f.reference !== undefined) return 'reference';
    if (f.idPrefix !== undefined) return 'id';
    const candidates: Array<[ListDriver, () => number]> = [];
    if (f.names) candidates.push(['names', () => count('select 1 from case_names where case_names match ?', [ftsQuery(f.names!)])]);
    if (f.workflow || f.state || f.outcome) {
      const w = workflowConds(f, 'w');
      candidates.push(['workflow', () => count(`select 1 from workflow_instances w where ${w.sql}`, w.params)]);
    }
    if (f.nationality) candidates.push(['nationality', () => count(`select 1 from case_terms where field = 'nationality' and term = ?`, [f.nationality])]);
    if (f.location) candidates.push(['location', () => count(`select 1 from case_terms where field = 'location' and term = ?`, [f.location])]);
    if (f.child) candidates.push(['child', () => count(`select 1 from cases where adult_from ${f.child!.value ? '>' : '<='} ?`, [f.child!.today])]);
    if (candidates.length === 0) return 'all';
    if (candidates.length === 1) return candidates[0]![0];
    let best: [ListDriver, number] | undefined;
    for (const [driver, estimate] of candidates) {
      const n = estimate();
      if (!best || n < best[1]) best = [driver, n];
      if (n === 0) break;
    }
    return best![0];
  }

  return {
    get(id: string): CaseRow | undefined {
      const r = getCase.get(id);
      return r && { id: r.id, reference: r.reference, facts: json(r.facts), version: r.version, createdAt: r.created_at, createdBy: r.created_by, updatedAt: r.updated_at, teamId: r.team_id };
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
    birthInputs(ids: readonly string[]): Array<{ id: string; dateOfBirth: unknown; ageAssessment: { state: string; machineVersion: number; snapshot: unknown } | null }> {
      if (ids.length === 0) return [];
      const rows = db
        .select({ id: cases.id, dob: sql<string>`json_extract(${cases.facts}, '$.person.dateOfBirth')`, state: workflowInstances.state, machineVersion: workflowInstances.machineVersion, snapshot: workflowInstances.snapshot })
        .from(cases)
        .leftJoin(workflowInstances, and(eq(workflowInstances.caseId, cases.id), eq(workflowInstances.kind, 'age_assessment'), eq(workflowInstances.instance, '')))
        .where(inArray(cases.id, [...ids]))
        .all();
      return rows.map((r) => ({ id: r.id, dateOfBirth: json(r.dob), ageAssessment: r.state === null || r.machineVersion === null ? null : { state: r.state, machineVersion: r.machineVersion, snapshot: r.snapshot } }));
    },
    evidence(id: string): EvidenceRow[] {
      return getEvidence.all(id).map((r) => ({ id: r.id, caseId: r.case_id, item: json(r.item), recordedAt: r.recorded_at, recordedBy: r.recorded_by }));
    },
    links(id: string): LinkRow[] {
      return getLinks.all(id).map((r) => ({ caseId: r.case_id, relatedCaseId: r.related_case_id, relation: r.relation }));
    },
    insert(row: CaseRow & { seq?: number; teamId?: string }): void {
      db.insert(cases).values(row).run();
      dirty.mark(row.id, true);
    },
    updateFacts(id: string, facts: unknown, at: string): void {
      db.update(cases).set({ facts, updatedAt: at }).where(eq(cases.id, id)).run();
      dirty.mark(id, true);
    },
    /** Compare-and-set on the version: false when another command got there first. */
    bumpVersion(id: string, expected: number, at: string): boolean {
      dirty.mark(id, false);
      return bump.run(at, id, expected).changes === 1;
    },
    saveInstance(row: InstanceRow): void {
      dirty.mark(row.caseId, false);
      saveInstance.run({ ...row, snapshot: JSON.stringify(row.snapshot) });
    },
    addEvidence(row: EvidenceRow): void {
      db.insert(evidence).values(row).run();
      dirty.mark(row.caseId, false);
    },
    /** Replaces one direction of links of a case; callers keep both directions in step. */
    addLink(row: LinkRow): void {
      db.insert(familyLinks).values(row).onConflictDoUpdate({ target: [familyLinks.caseId, familyLinks.relatedCaseId], set: { relation: row.relation } }).run();
    },
    removeLink(caseId: string, relatedCaseId: string): void {
      db.delete(familyLinks).where(and(eq(familyLinks.caseId, caseId), eq(familyLinks.relatedCaseId, relatedCaseId))).run();
    },
    /** Marks a case's facts as changed without writing them (an erasure): everything derived from them is derived again before commit. */
    touchFacts(id: string): void {
      dirty.mark(id, true);
    },
    /** Removes what was derived from an erased person's facts: the name index row, the list terms and the child date. */
    clearIndex(id: string, indexVersion: number): void {
      const seq = seqOf.get(id)?.seq;
      if (seq !== undefined && seq !== null) deleteNames.run(seq);
      clearTerms.run(id);
      clearDerived.run(indexVersion, id);
    },
    /** Marks a case written without changing it (a break-glass grant): its tasks are derived again before commit. */
    touch(id: string): void {
      touch(id);
    },
    existing(ids: readonly string[]): string[] {
      if (ids.length === 0) return [];
      return db.select({ id: cases.id }).from(cases).where(inArray(cases.id, [...ids])).all().map((r) => r.id);
    },
    /**
     * One page of cases in keyset order. The driver is the filter with the fewest matches (counted
     * up to ESTIMATE_CAP through its index), or the cursor's: its index is read in order and each
     * other filter is one indexed lookup per row, so no filter walks the table (EXPLAIN QUERY PLAN
     * test in test/db/queryPlans.test.ts). Returns the rows and the cursor after the last one.
     */
    list(f: CaseListFilter): Array<CaseRow & { adultFrom: string | null; cursor: ListCursor }> {
      const { sql: text, params, driver } = listQuery(f, f.after?.driver ?? chooseDriver(f));
      const rows = stmt(text).all(...params) as Array<RawCase & { k: string | number; adult_from: string | null }>;
      return rows.map((r) => ({ ...fromRaw(r), adultFrom: r.adult_from, cursor: { driver, key: r.k, id: r.id } }));
    },
    /** The SQL a list would run (the query-plan test explains it). */
    listSql(f: CaseListFilter, driver?: ListDriver): { sql: string; params: unknown[] } {
      return listQuery(f, driver ?? f.after?.driver ?? chooseDriver(f));
    },
    /** The state and outcome of every instance of each case, in one query (a list page). */
    instanceStates(ids: readonly string[]): Map<string, Array<{ kind: string; instance: string; state: string; outcome: string | null }>> {
      const out = new Map<string, Array<{ kind: string; instance: string; state: string; outcome: string | null }>>();
      if (ids.length === 0) return out;
      const rows = stmt(`select case_id, kind, instance, state, outcome from workflow_instances where case_id in (${ids.map(() => '?').join(', ')}) order by case_id, kind, instance`)
        .all(...ids) as Array<{ case_id: string; kind: string; instance: string; state: string; outcome: string | null }>;
      for (const r of rows) {
        const list = out.get(r.case_id) ?? [];
        list.push({ kind: r.kind, instance: r.instance, state: r.state, outcome: r.outcome });
        out.set(r.case_id, list);
      }
      return out;
    },
    /** The next case number from the counter (inside the writing transaction). */
    nextSeq(): number {
      return nextSeq.get()!.value;
    },
    /** Writes the derived columns of a case: the list's terms, the child date and the name index. */
    writeIndex(id: string, row: CaseIndexRow): void {
      setIndex.run(row.adultFrom, row.indexVersion, id);
      clearTerms.run(id);
      for (const t of new Set(row.nationalities)) addTerm.run('nationality', t, id);
      for (const t of new Set(row.locations)) addTerm.run('location', t, id);
      if (row.names) {
        const seq = seqOf.get(id)?.seq;
        if (seq === undefined || seq === null) return;
        deleteNames.run(seq);
        insertNames.run(seq, row.names.raw.join(' '), row.names.keys.join(' '));
      }
    },
    /** Updates only the child date (an age assessment changed, the facts did not). */
    writeAdultFrom(id: string, adultFrom: string): void {
      setAdultFrom.run(adultFrom, id);
    },
    adultFrom(id: string): string | null {
      return getAdultFrom.get(id)?.adult_from ?? null;
    },
    /** Cases whose derived columns were made by an older index version (reindexed at start-up). */
    staleIndex(version: number, limit: number): string[] {
      return staleIndex.all(version, limit).map((r) => r.id);
    },
    dirty,
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

interface RawCase { id: string; reference: string; facts: string; version: number; created_at: string; created_by: string; updated_at: string }

function fromRaw(r: RawCase): CaseRow {
  return { id: r.id, reference: r.reference, facts: json(r.facts), version: r.version, createdAt: r.created_at, createdBy: r.created_by, updatedAt: r.updated_at };
}

/**
 * The FTS5 query of a name search: every token matches by its key or as a prefix of a spelling.
 * Both are blind index terms (src/engine/blindIndex.ts): the index holds one term per prefix.
 */
export function ftsQuery(names: ReadonlyArray<{ token: string; key: string }>): string {
  return names.map((n) => `(keys : "${n.key}" OR raw : "${n.token}")`).join(' AND ');
}

function workflowConds(f: CaseListFilter, alias: string): { sql: string; params: unknown[] } {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (f.workflow) conds.push(`${alias}.kind = ?`), params.push(f.workflow);
  if (f.state) conds.push(`${alias}.state = ?`), params.push(f.state);
  if (f.outcome) conds.push(`${alias}.outcome = ?`), params.push(f.outcome);
  return { sql: conds.join(' and '), params };
}

const CASE_COLUMNS = 'c.id, c.reference, c.facts, c.version, c.created_at, c.created_by, c.updated_at, c.adult_from';
/** A reference or id prefix as a range: everything that starts with `p` sorts between p and p + U+FFFF. */
const PREFIX_END = '\uffff';

/** The SELECT of one page for a driver: its rows in (key, id) order after the cursor, the other filters per row. */
function listQuery(f: CaseListFilter, driver: ListDriver): { sql: string; params: unknown[]; driver: ListDriver } {
  const where: string[] = [];
  const params: unknown[] = [];
  const after = f.after && f.after.driver === driver ? f.after : undefined;
  let from = 'cases c';
  let key = "''";
  let order = 'c.id';
  let group = '';
  switch (driver) {
    case 'all':
      if (after) where.push('c.id > ?'), params.push(after.id);
      break;
    case 'workflow': {
      const w = workflowConds(f, 'w');
      from = "workflow_instances w cross join cases c on c.id = w.case_id";
      where.push(w.sql), params.push(...w.params);
      if (after) where.push('w.case_id > ?'), params.push(after.id);
      order = 'w.case_id';
      group = ' group by w.case_id';
      break;
    }
    case 'nationality':
    case 'location':
      from = "case_terms t cross join cases c on c.id = t.case_id";
      where.push('t.field = ? and t.term = ?'), params.push(driver, driver === 'nationality' ? f.nationality : f.location);
      if (after) where.push('t.case_id > ?'), params.push(after.id);
      order = 't.case_id';
      break;
    case 'child':
      // The range on adult_from must drive (a reference or id range would need a sort).
      from = 'cases c indexed by cases_adult_from';
      where.push(`c.adult_from ${f.child!.value ? '>' : '<='} ?`), params.push(f.child!.today);
      if (after) where.push('(c.adult_from, c.id) > (?, ?)'), params.push(after.key, after.id);
      key = 'c.adult_from';
      order = 'c.adult_from, c.id';
      break;
    case 'reference':
      where.push('c.reference >= ? and c.reference < ?'), params.push(f.reference, `${f.reference}${PREFIX_END}`);
      if (after) where.push('c.reference > ?'), params.push(after.key);
      key = 'c.reference';
      order = 'c.reference';
      break;
    case 'id':
      where.push('c.id >= ? and c.id < ?'), params.push(f.idPrefix, `${f.idPrefix}${PREFIX_END}`);
      if (after) where.push('c.id > ?'), params.push(after.id);
      break;
    case 'names':
      from = "case_names n cross join cases c on c.seq = n.rowid";
      where.push("n.case_names match ?"), params.push(ftsQuery(f.names!));
      if (after) where.push('n.rowid > ?'), params.push(after.key);
      key = 'n.rowid';
      order = 'n.rowid';
      break;
  }
  // Every filter that is not the driver: one indexed lookup for the row.
  if (driver !== 'workflow' && (f.workflow || f.state || f.outcome)) {
    const w = workflowConds(f, 'x');
    where.push(`exists (select 1 from workflow_instances x where x.case_id = c.id and ${w.sql})`), params.push(...w.params);
  }
  if (driver !== 'nationality' && f.nationality) where.push(`exists (select 1 from case_terms tn where tn.field = 'nationality' and tn.term = ? and tn.case_id = c.id)`), params.push(f.nationality);
  if (driver !== 'location' && f.location) where.push(`exists (select 1 from case_terms tl where tl.field = 'location' and tl.term = ? and tl.case_id = c.id)`), params.push(f.location);
  if (driver !== 'child' && f.child) where.push(`c.adult_from ${f.child.value ? '>' : '<='} ?`), params.push(f.child.today);
  if (driver !== 'reference' && f.reference !== undefined) where.push('c.reference >= ? and c.reference < ?'), params.push(f.reference, `${f.reference}${PREFIX_END}`);
  if (driver !== 'id' && f.idPrefix !== undefined) where.push('c.id >= ? and c.id < ?'), params.push(f.idPrefix, `${f.idPrefix}${PREFIX_END}`);
  if (driver !== 'names' && f.names) where.push('exists (select 1 from case_names nn where nn.case_names match ? and nn.rowid = c.seq)'), params.push(ftsQuery(f.names));
  if (f.scope) {
    const s = scopeCondition(f.scope, 'c');
    where.push(s.sql), params.push(...s.params);
  }
  params.push(f.limit);
  const text = `select ${CASE_COLUMNS}, ${key} as k from ${from}${where.length ? ` where ${where.join(' and ')}` : ''}${group} order by ${order} limit ?`;
  return { sql: text, params, driver };
}
