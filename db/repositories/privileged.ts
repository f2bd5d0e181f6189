import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { privilegedRequests } from '../schema.ts';

export interface PrivilegedRequestRow {
  id: string;
  kind: string;
  userId: string | null;
  body: unknown;
  status: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** Privileged changes waiting for a second admin (four-eyes): insert, read, decide. */
export function privilegedRequestsRepository(db: Db) {
  return {
    insert(row: PrivilegedRequestRow): void {
      db.insert(privilegedRequests).values(row).run();
    },
    get(id: string): PrivilegedRequestRow | undefined {
      return db.select().from(privilegedRequests).where(eq(privilegedRequests.id, id)).get();
    },
    list(status?: string): PrivilegedRequestRow[] {
      return db
        .select()
        .from(privilegedRequests)
        .where(status ? eq(privilegedRequests.status, status) : undefined)
        .orderBy(asc(privilegedRequests.requestedAt), asc(privilegedRequests.id))
        .all();
    },
    /** Decides a pending request; false when it was no longer pending (decided meanwhile). */
    decide(id: string, status: 'confirmed' | 'rejected', by: string, at: string): boolean {
      return (
        db
          .update(privilegedRequests)
          .set({ status, decidedBy: by, decidedAt: at })
          .where(and(eq(privilegedRequests.id, id), eq(privilegedRequests.status, 'pending')))
          .run().changes === 1
      );
    },
  };
}
export type PrivilegedRequestsRepository = ReturnType<typeof privilegedRequestsRepository>;
