import { asc, eq } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { sharingAgreements } from '../schema.ts';

export interface AgreementRow {
  id: string;
  body: unknown;
  status: string;
  proposedBy: string;
  proposedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

/** Data-sharing agreements (KP-DATA-01). */
export function agreementsRepository(db: Db) {
  return {
    insert(row: AgreementRow): void {
      db.insert(sharingAgreements).values(row).run();
    },
    get(id: string): AgreementRow | undefined {
      return db.select().from(sharingAgreements).where(eq(sharingAgreements.id, id)).get();
    },
    list(): AgreementRow[] {
      return db.select().from(sharingAgreements).orderBy(asc(sharingAgreements.proposedAt), asc(sharingAgreements.id)).all();
    },
    approve(id: string, by: string, at: string): void {
      db.update(sharingAgreements).set({ status: 'approved', approvedBy: by, approvedAt: at }).where(eq(sharingAgreements.id, id)).run();
    },
  };
}
