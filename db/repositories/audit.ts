import type Database from 'better-sqlite3';
import type { Db } from '../connection.ts';
import { scopeCondition, type CaseScope } from './scope.ts';

/** An audit row as stored (API.md "Audit record"). */
export interface AuditRow {
  seq: number;
  at: string;
  caseId: string | null;
  workflow: string;
  instance: string;
  actor: unknown;
  type: string;
  data: unknown;
  justification: string | null;
  fromState: string | null;
  toState: string | null;
  result: string;
  verdicts: unknown;
  prevHash: string;
  hash: string;
  /** The hash of the rule set in force (GET /v1/rules?hash=…); only on records written since it is kept. */
  rulesetHash?: string;
}

export interface AuditFilter {
  caseId?: string;
  actor?: string;
  rule?: string;
  result?: string;
  workflow?: string;
  from?: string;
  to?: string;
  afterSeq?: number;
  /** Only records before this seq (a page read backwards: the case page's newer/older links). */
  beforeSeq?: number;
  /** `desc`: newest first (the page nearest `beforeSeq`, or the newest); default oldest first. */
  order?: 'asc' | 'desc';
  /** Only records with a WARN verdict that flagged something (`ok: false`, severity `warn`): applied, but worth a reviewer's eye. */
  warned?: boolean;
  limit?: number;
  /** Only records without a case (user, team, token, policy changes): what an admin reads. */
  caseless?: boolean;
  /** Only records without a case or of a case within this scope (src/engine/scope.ts). */
  scope?: CaseScope;
}

/** The index an audit query reads in seq order; the other filters are checked per record. */
export type AuditDriver = 'seq' | 'case' | 'actor' | 'actorResult' | 'result' | 'workflow' | 'rule';

/** Records an estimate counts up to: the driver with fewer matches is read. */
const ESTIMATE_CAP = 1000;

const COLUMNS = 'a.seq, a.at, a.case_id, a.workflow, a.instance, a.actor, a.type, a.data, a.justification, a.from_state, a.to_state, a.result, a.verdicts, a.prev_hash, a.hash, a.ruleset_hash';

/** The seq range a filter reads: its cursor and, since `at` never falls as seq rises, its time range. */
interface SeqRange {
  lo: number;
  hi: number;
}

/**
 * The query of one audit page for a driver: its index in seq order within the range, the other
 * filters as per-record checks (one indexed lookup each for the rule).
 */
function auditQuery(f: AuditFilter, driver: AuditDriver, range: SeqRange): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  let from = 'audit a';
  let seq = 'a.seq';
  const actor = "json_extract(a.actor, '$.id')";
  switch (driver) {
    case 'seq':
      break;
    case 'case':
      from = 'audit a indexed by audit_case';
      break;
    case 'actor':
      from = 'audit a indexed by audit_actor';
      break;
    case 'actorResult':
      from = 'audit a indexed by audit_actor_result';
      break;
    case 'result':
      from = 'audit a indexed by audit_result';
      break;
    case 'workflow':
      from = 'audit a indexed by audit_workflow';
      break;
    case 'rule':
      from = 'audit_rules r cross join audit a on a.seq = r.seq';
      seq = 'r.seq';
      where.push('r.rule = ?'), params.push(f.rule);
      break;
  }
  if (f.caseId) where.push('a.case_id = ?'), params.push(f.caseId);
  if (f.caseless) where.push('a.case_id is null');
  if (f.scope) {
    const s = scopeCondition(f.scope, 'sc');
    where.push(`(a.case_id is null or exists (select 1 from cases sc where sc.id = a.case_id and ${s.sql}))`), params.push(...s.params);
  }
  if (f.actor) where.push(`${actor} = ?`), params.push(f.actor);
  if (f.result) where.push('a.result = ?'), params.push(f.result);
  if (f.workflow) where.push('a.workflow = ?'), params.push(f.workflow);
  if (f.rule && driver !== 'rule') where.push('exists (select 1 from audit_rules x where x.rule = ? and x.seq = a.seq)'), params.push(f.rule);
  if (f.warned) where.push("exists (select 1 from json_each(a.verdicts) v where json_extract(v.value, '$.severity') = 'warn' and json_extract(v.value, '$.ok') = 0)");
  where.push(`${seq} > ?`, `${seq} <= ?`), params.push(range.lo, range.hi);
  // The exact time bounds stay: the seq range only narrows what is read.
  if (f.from) where.push('a.at >= ?'), params.push(f.from);
  if (f.to) where.push('a.at <= ?'), params.push(f.to);
  const text = `select ${COLUMNS} from ${from} where ${where.join(' and ')} order by ${seq}${f.order === 'desc' ? ' desc' : ''}${f.limit ? ' limit ?' : ''}`;
  if (f.limit) params.push(f.limit);
  return { sql: text, params };
}

export function auditRepository(db: Db) {
  const statements = new Map<string, Database.Statement>();
  const stmt = (text: string): Database.Statement => {
    let st = statements.get(text);
    if (!st) statements.set(text, (st = db.$client.prepare(text)));
    return st;
  };
  const countForCase = db.$client.prepare('select count(*) as n from audit where case_id = ?');
  const caseSeqs = db.$client.prepare<[string, number, number], { seq: number }>('select seq from audit where case_id = ? and seq between ? and ? order by seq');
  const insertRule = db.$client.prepare('insert or ignore into audit_rules (rule, seq) values (?, ?)');
  // `at` never falls as seq rises (appendAudit), so a time bound is a seq bound found on the `at` index.
  const firstAtOrAfter = db.$client.prepare<[string], { seq: number }>('select seq from audit where at >= ? order by at, seq limit 1');
  const lastAtOrBefore = db.$client.prepare<[string], { seq: number }>('select seq from audit where at <= ? order by at desc, seq desc limit 1');

  function seqRange(f: AuditFilter): SeqRange | undefined {
    let lo = f.afterSeq ?? 0;
    let hi = f.beforeSeq !== undefined ? f.beforeSeq - 1 : Number.MAX_SAFE_INTEGER;
    if (f.from) {
      const first = firstAtOrAfter.get(f.from);
      if (!first) return undefined;
      lo = Math.max(lo, first.seq - 1);
    }
    if (f.to) {
      const last = lastAtOrBefore.get(f.to);
      if (!last) return undefined;
      hi = Math.min(hi, last.seq);
    }
    return lo < hi ? { lo, hi } : undefined;
  }

  function candidates(f: AuditFilter): AuditDriver[] {
    const out: AuditDriver[] = [];
    if (f.caseId || f.caseless) out.push('case');
    if (f.actor && f.result) out.push('actorResult');
    else if (f.actor) out.push('actor');
    if (f.rule) out.push('rule');
    if (f.result && !f.actor) out.push('result');
    if (f.workflow) out.push('workflow');
    return out;
  }

  /** The candidate with the fewest matches in the range, each counted on its own index (up to ESTIMATE_CAP). */
  function chooseDriver(f: AuditFilter, range: SeqRange): AuditDriver {
    const options = candidates(f);
    if (options.length === 0) return 'seq';
    if (options.length === 1) return options[0]!;
    let best: [AuditDriver, number] | undefined;
    for (const d of options) {
      const only: AuditFilter = {
        ...(d === 'case' ? (f.caseless ? { caseless: true } : { caseId: f.caseId }) : {}),
        ...(d === 'actor' || d === 'actorResult' ? { actor: f.actor } : {}),
        ...(d === 'actorResult' || d === 'result' ? { result: f.result } : {}),
        ...(d === 'workflow' ? { workflow: f.workflow } : {}),
        ...(d === 'rule' ? { rule: f.rule } : {}),
      };
      const q = auditQuery(only, d, range);
      const n = (stmt(`select count(*) as n from (${q.sql} limit ${ESTIMATE_CAP})`).get(...q.params) as { n: number }).n;
      if (!best || n < best[1]) best = [d, n];
      if (n === 0) break;
    }
    return best![0];
  }

  // Read by every audited command, inside its IMMEDIATE transaction (so no other connection can
  // append in between): a plain prepared statement, no row mapping. `seq` is the rowid.
  const last = db.$client.prepare<[], { seq: number; hash: string; at: string }>('select seq, hash, at from audit order by seq desc limit 1');
  // One per audited command: a plain prepared statement. JSON columns are encoded as drizzle's
  // `mode: 'json'` encodes them (JSON.stringify, so a null `data` is stored as the text 'null').
  const insert = db.$client.prepare(
    `insert into audit (seq, at, case_id, workflow, instance, actor, type, data, justification, from_state, to_state, result, verdicts, prev_hash, hash, ruleset_hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const chunk = db.$client.prepare('select * from audit where seq > ? and seq <= ? order by seq asc limit ?');
  return {
    last(): { seq: number; hash: string; at: string } | undefined {
      const r = last.get();
      return r && { seq: r.seq, hash: r.hash, at: r.at };
    },
    insert(row: AuditRow): void {
      insert.run(
        row.seq, row.at, row.caseId, row.workflow, row.instance, JSON.stringify(row.actor), row.type, JSON.stringify(row.data ?? null), row.justification,
        row.fromState, row.toState, row.result, JSON.stringify(row.verdicts), row.prevHash, row.hash, row.rulesetHash ?? null,
      );
      const verdicts = Array.isArray(row.verdicts) ? (row.verdicts as Array<{ rule?: unknown }>) : [];
      for (const rule of new Set(verdicts.map((v) => v.rule))) if (typeof rule === 'string') insertRule.run(rule, row.seq);
    },
    /**
     * Records in seq order, filtered. The filter with the fewest matches drives (its index, in seq
     * order); a time range is first turned into a seq range. No filter walks the table
     * (test/db/queryPlans.test.ts).
     */
    list(filter: AuditFilter = {}): AuditRow[] {
      const range = seqRange(filter);
      if (!range) return [];
      const q = auditQuery(filter, chooseDriver(filter, range), range);
      return (stmt(q.sql).all(...q.params) as Array<Record<string, unknown>>).map(toRow);
    },
    /** The SQL a list would run for a driver (the query-plan test explains it). */
    listSql(filter: AuditFilter, driver: AuditDriver): { sql: string; params: unknown[] } {
      return auditQuery(filter, driver, { lo: filter.afterSeq ?? 0, hi: filter.beforeSeq !== undefined ? filter.beforeSeq - 1 : Number.MAX_SAFE_INTEGER });
    },
    /** Every row in chain order, streamed (verification walks the whole table). */
    *iterate(): Generator<AuditRow> {
      const stmt = db.$client.prepare('select * from audit order by seq asc');
      for (const r of stmt.iterate() as Iterable<Record<string, unknown>>) yield toRow(r);
    },
    /**
     * Up to `limit` rows after `afterSeq` and no later than `upTo`, in chain order: what a walk
     * that yields between chunks reads (an open iterator would hold the connection busy).
     */
    chunk(afterSeq: number, upTo: number, limit: number): AuditRow[] {
      return (chunk.all(afterSeq, upTo, limit) as Array<Record<string, unknown>>).map(toRow);
    },
    /** The rows with these sequence numbers, in chain order. */
    bySeqs(seqs: readonly number[]): AuditRow[] {
      if (seqs.length === 0) return [];
      const rows = db.$client.prepare(`select * from audit where seq in (${seqs.map(() => '?').join(',')}) order by seq`).all(...seqs) as Array<Record<string, unknown>>;
      return rows.map(toRow);
    },
    /** The sequence numbers of a case's records from `fromSeq` to `toSeq` (inclusive), in chain order (on the case's index). */
    caseSeqs(caseId: string, fromSeq: number, toSeq: number): number[] {
      return caseSeqs.all(caseId, fromSeq, toSeq).map((r) => r.seq);
    },
    countForCase(caseId: string): number {
      return (countForCase.get(caseId) as { n: number }).n;
    },
    /** The workflow migrations, in chain order (impact analysis starts each instance on the version it started on). */
    migrations(): Array<{ caseId: string; workflow: string; instance: string; from: number }> {
      const rows = db.$client
        .prepare(`select case_id, workflow, instance, json_extract(data, '$.from') as v from audit where type = 'WORKFLOW_MIGRATED' and case_id is not null order by seq`)
        .all() as Array<{ case_id: string; workflow: string; instance: string; v: number }>;
      return rows.map((r) => ({ caseId: r.case_id, workflow: r.workflow, instance: r.instance, from: Number(r.v) }));
    },
    /** Refusals per rule since a moment (reviewers' rules page). */
    refusalsByRule(since: string): Record<string, number> {
      const rows = db.$client
        .prepare(
          `select json_extract(v.value, '$.rule') as rule, count(*) as n from audit a, json_each(a.verdicts) v
           where a.result = 'refused' and a.at >= ? and json_extract(v.value, '$.ok') = 0 group by rule`,
        )
        .all(since) as Array<{ rule: string; n: number }>;
      return Object.fromEntries(rows.map((r) => [r.rule, r.n]));
    },
  };
}
function toRow(r: Record<string, unknown>): AuditRow {
  return {
    seq: r['seq'] as number,
    at: r['at'] as string,
    caseId: (r['case_id'] as string | null) ?? null,
    workflow: r['workflow'] as string,
    instance: r['instance'] as string,
    actor: JSON.parse(r['actor'] as string),
    type: r['type'] as string,
    data: r['data'] === null ? null : JSON.parse(r['data'] as string),
    justification: (r['justification'] as string | null) ?? null,
    fromState: (r['from_state'] as string | null) ?? null,
    toState: (r['to_state'] as string | null) ?? null,
    result: r['result'] as string,
    verdicts: JSON.parse(r['verdicts'] as string),
    prevHash: r['prev_hash'] as string,
    hash: r['hash'] as string,
    // Hashed only when present: records from before it was kept keep their hash.
    ...(r['ruleset_hash'] ? { rulesetHash: r['ruleset_hash'] as string } : {}),
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
