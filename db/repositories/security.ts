import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { securityEvents } from '../schema.ts';

export interface SecurityEventRow {
  id: number;
  at: string;
  kind: string;
  actorId: string | null;
  address: string | null;
  tokenPrefix: string | null;
  route: string | null;
  status: number | null;
  caseId: string | null;
  detail: unknown;
}

export type SecurityEventInput = Omit<SecurityEventRow, 'id'>;

export interface SecurityEventFilter {
  kind?: string | undefined;
  /** Newest first: events with an id below this one (the cursor). */
  beforeId?: number | undefined;
  limit: number;
}

/** The security log (failed authentication, refusals, rate limits, break-glass, audit forks): append and read. */
export function securityEventsRepository(db: Db) {
  return {
    insert(row: SecurityEventInput): number {
      return Number(db.insert(securityEvents).values(row).returning({ id: securityEvents.id }).get().id);
    },
    list(filter: SecurityEventFilter): SecurityEventRow[] {
      const where: SQL[] = [];
      if (filter.kind) where.push(eq(securityEvents.kind, filter.kind));
      if (filter.beforeId !== undefined) where.push(lt(securityEvents.id, filter.beforeId));
      return db.select().from(securityEvents).where(where.length ? and(...where) : undefined).orderBy(desc(securityEvents.id)).limit(filter.limit).all();
    },
  };
}
export type SecurityEventsRepository = ReturnType<typeof securityEventsRepository>;
