import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { assistanceEligibility, recordReads } from '../schema.ts';

/** The read log of child records (KP-DATA-01) and the assistance-eligibility versions (KP-HUM-01). */

export interface RecordReadRow {
  id: number;
  at: string;
  actorId: string;
  roles: string[];
  caseId: string;
  route: string;
  purpose: string;
}

export interface RecordReadsFilter {
  caseId: string;
  afterId?: number;
  limit?: number;
}

export function recordReadsRepository(db: Db) {
  // Written on every read of a child's record: prepared once.
  const insert = db
    .insert(recordReads)
    .values({
      at: sql.placeholder('at'),
      actorId: sql.placeholder('actorId'),
      roles: sql.placeholder('roles'),
      caseId: sql.placeholder('caseId'),
      route: sql.placeholder('route'),
      purpose: sql.placeholder('purpose'),
    })
    .prepare();
  return {
    insert(row: Omit<RecordReadRow, 'id'>): void {
      insert.run({ ...row });
    },
    /** Oldest first. */
    list(filter: RecordReadsFilter): RecordReadRow[] {
      const where = and(eq(recordReads.caseId, filter.caseId), filter.afterId !== undefined ? gt(recordReads.id, filter.afterId) : undefined);
      const q = db.select().from(recordReads).where(where).orderBy(asc(recordReads.id));
      return filter.limit ? q.limit(filter.limit).all() : q.all();
    },
  };
}
export type RecordReadsRepository = ReturnType<typeof recordReadsRepository>;

export interface AssistanceEligibilityRow {
  version: number;
  rules: unknown;
  recordedAt: string;
  recordedBy: string;
}

export function assistanceEligibilityRepository(db: Db) {
  return {
    latest(): AssistanceEligibilityRow | undefined {
      return db.select().from(assistanceEligibility).orderBy(desc(assistanceEligibility.version)).limit(1).get();
    },
    /** Stores a new version and returns its number. */
    insert(rules: unknown, recordedAt: string, recordedBy: string): number {
      const row = db.insert(assistanceEligibility).values({ rules, recordedAt, recordedBy }).returning({ version: assistanceEligibility.version }).get();
      return row.version;
    },
  };
}
export type AssistanceEligibilityRepository = ReturnType<typeof assistanceEligibilityRepository>;
