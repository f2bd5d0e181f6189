import type { Db } from './connection.ts';
import { auditRepository } from './repositories/audit.ts';
import { casesRepository } from './repositories/cases.ts';
import { idempotencyRepository, jurisdictionsRepository, pendingRepository, settingsRepository } from './repositories/support.ts';
import { usersRepository } from './repositories/users.ts';

export { openDatabase, type Db } from './connection.ts';

/** Every repository over one connection: the only seam between the engine and the database. */
export function createRepositories(db: Db) {
  return {
    db,
    users: usersRepository(db),
    cases: casesRepository(db),
    audit: auditRepository(db),
    idempotency: idempotencyRepository(db),
    pending: pendingRepository(db),
    jurisdictions: jurisdictionsRepository(db),
    settings: settingsRepository(db),
    /** One IMMEDIATE transaction: all of `fn` is written, or none of it. */
    transaction<T>(fn: () => T): T {
      return db.$client.transaction(fn).immediate();
    },
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
export type { CaseRow, InstanceRow, EvidenceRow, LinkRow, CaseListFilter } from './repositories/cases.ts';
export type { AuditRow, AuditFilter } from './repositories/audit.ts';
export type { PendingRow, JurisdictionRow } from './repositories/support.ts';
export type { UserRow } from './repositories/users.ts';
