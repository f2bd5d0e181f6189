import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
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
  const last = db.select({ seq: audit.seq, hash: audit.hash }).from(audit).orderBy(desc(audit.seq)).limit(1).prepare();
  const insert = db
    .insert(audit)
    .values({
      seq: sql.placeholder('seq'),
      at: sql.placeholder('at'),
      caseId: sql.placeholder('caseId'),
      workflow: sql.placeholder('workflow'),
      instance: sql.placeholder('instance'),
      actor: sql.placeholder('actor'),
      type: sql.placeholder('type'),
      data: sql.placeholder('data'),
      justification: sql.placeholder('justification'),
      fromState: sql.placeholder('fromState'),
      toState: sql.placeholder('toState'),
      result: sql.placeholder('result'),
      verdicts: sql.placeholder('verdicts'),
      prevHash: sql.placeholder('prevHash'),
      hash: sql.placeholder('hash'),
    })
    .prepare();
  return {
    last(): { seq: number; hash: string } | undefined {
      return last.get();
    },
    insert(row: AuditRow): void {
      insert.run({ ...row, data: row.data ?? null });
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
      for (const r of stmt.iterate() as Iterable<Record<string, unknown>>) {
        yield {
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
export type AuditRepository = ReturnType<typeof auditRepository>;
