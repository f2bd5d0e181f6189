import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { audit } from '../schema.ts';

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
  limit?: number;
}

export function auditRepository(db: Db) {
  // Read by every audited command, inside its IMMEDIATE transaction (so no other connection can
  // append in between): a plain prepared statement, no row mapping. `seq` is the rowid.
  const last = db.$client.prepare<[], { seq: number; hash: string }>('select seq, hash from audit order by seq desc limit 1');
  // One per audited command: a plain prepared statement. JSON columns are encoded as drizzle's
  // `mode: 'json'` encodes them (JSON.stringify, so a null `data` is stored as the text 'null').
  const insert = db.$client.prepare(
    `insert into audit (seq, at, case_id, workflow, instance, actor, type, data, justification, from_state, to_state, result, verdicts, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const chunk = db.$client.prepare('select * from audit where seq > ? and seq <= ? order by seq asc limit ?');
  return {
    last(): { seq: number; hash: string } | undefined {
      const r = last.get();
      return r && { seq: r.seq, hash: r.hash };
    },
    insert(row: AuditRow): void {
      insert.run(
        row.seq, row.at, row.caseId, row.workflow, row.instance, JSON.stringify(row.actor), row.type, JSON.stringify(row.data ?? null), row.justification,
        row.fromState, row.toState, row.result, JSON.stringify(row.verdicts), row.prevHash, row.hash,
      );
    },
    list(filter: AuditFilter = {}): AuditRow[] {
      const where: SQL[] = [];
      if (filter.caseId) where.push(eq(audit.caseId, filter.caseId));
      if (filter.actor) where.push(sql`json_extract(${audit.actor}, '$.id') = ${filter.actor}`);
      if (filter.result) where.push(eq(audit.result, filter.result));
      if (filter.workflow) where.push(eq(audit.workflow, filter.workflow));
      if (filter.from) where.push(gte(audit.at, filter.from));
      if (filter.to) where.push(lte(audit.at, filter.to));
      if (filter.afterSeq !== undefined) where.push(sql`${audit.seq} > ${filter.afterSeq}`);
      if (filter.rule) where.push(sql`exists (select 1 from json_each(${audit.verdicts}) v where json_extract(v.value, '$.rule') = ${filter.rule})`);
      const q = db.select().from(audit).where(and(...where)).orderBy(asc(audit.seq));
      return (filter.limit ? q.limit(filter.limit) : q).all() as AuditRow[];
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
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
