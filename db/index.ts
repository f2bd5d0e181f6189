import type { Db } from './connection.ts';
import { auditRepository } from './repositories/audit.ts';
import { changeWatch } from './repositories/changes.ts';
import { casesRepository } from './repositories/cases.ts';
import { assistanceEligibilityRepository, recordReadsRepository } from './repositories/privacy.ts';
import { idempotencyRepository, jurisdictionsRepository, pendingRepository, settingsRepository } from './repositories/support.ts';
import { auditTreeRepository, transparencyRepository } from './repositories/transparency.ts';
import { usersRepository } from './repositories/users.ts';

export { closeDatabase, copyDatabase, DatabaseOpenError, durabilityOf, integrityCheck, isPlainSqlite, openDatabase, quickCheck, type Db, type Durability } from './connection.ts';
export { databaseFailure, type DatabaseFailure } from './failures.ts';

/** Every repository over one connection: the only seam between the engine and the database. */
export function createRepositories(db: Db) {
  // Cached reference data (jurisdictions, settings) is re-read after writes: see changes.ts.
  const changes = changeWatch(db.$client);
  const committed = new Set<() => void>();
  return {
    db,
    users: usersRepository(db),
    cases: casesRepository(db),
    audit: auditRepository(db),
    auditTree: auditTreeRepository(db),
    transparency: transparencyRepository(db),
    idempotency: idempotencyRepository(db),
    pending: pendingRepository(db),
    jurisdictions: jurisdictionsRepository(db, changes),
    settings: settingsRepository(db, changes),
    recordReads: recordReadsRepository(db),
    assistanceEligibility: assistanceEligibilityRepository(db),
    /** One IMMEDIATE transaction: all of `fn` is written, or none of it. */
    transaction<T>(fn: () => T): T {
      // Inside an open transaction this is a SAVEPOINT (better-sqlite3 nests them): only the outermost commits.
      const outermost = !db.$client.inTransaction;
      try {
        const result = db.$client.transaction(fn).immediate();
        if (outermost) for (const listener of committed) listener();
        return result;
      } catch (e) {
        // Rolled back: anything cached from writes made inside it must be read again.
        changes.bump();
        throw e;
      }
    },
    /** Called after each transaction commits (the engine's health watches writes recover). */
    onCommit(listener: () => void): void {
      committed.add(listener);
    },
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
export type { CaseRow, InstanceRow, EvidenceRow, LinkRow, CaseListFilter } from './repositories/cases.ts';
export type { AuditRow, AuditFilter } from './repositories/audit.ts';
export type { PendingRow, JurisdictionRow, SettingsRow } from './repositories/support.ts';
export type { UserRow } from './repositories/users.ts';
export type { CheckpointRow, CosignatureRow, VerificationRow, ForkRow } from './repositories/transparency.ts';
export type { RecordReadRow, RecordReadsFilter, AssistanceEligibilityRow } from './repositories/privacy.ts';
