import type { Db } from './connection.ts';
import { agreementsRepository } from './repositories/agreements.ts';
import { auditRepository } from './repositories/audit.ts';
import { changeWatch } from './repositories/changes.ts';
import { casesRepository, dirtyCases } from './repositories/cases.ts';
import { tasksRepository } from './repositories/tasks.ts';
import { assistanceEligibilityRepository, recordReadsRepository } from './repositories/privacy.ts';
import { idempotencyRepository, jurisdictionsRepository, pendingRepository, settingsRepository } from './repositories/support.ts';
import { auditTreeRepository, transparencyRepository } from './repositories/transparency.ts';
import { rulesetsRepository } from './repositories/rulesets.ts';
import { personKeysRepository } from './repositories/personKeys.ts';
import { privilegedRequestsRepository } from './repositories/privileged.ts';
import { securityEventsRepository } from './repositories/security.ts';
import { scopeRepository } from './repositories/scope.ts';
import { webSessionsRepository } from './repositories/sessions.ts';
import { usersRepository } from './repositories/users.ts';

export { closeDatabase, copyDatabase, DatabaseOpenError, durabilityOf, integrityCheck, isPlainSqlite, openDatabase, quickCheck, type Db, type Durability } from './connection.ts';
export { databaseFailure, type DatabaseFailure } from './failures.ts';

/** Every repository over one connection: the only seam between the engine and the database. */
export function createRepositories(db: Db) {
  // Cached reference data (jurisdictions, settings) is re-read after writes: see changes.ts.
  const changes = changeWatch(db.$client);
  const committed = new Set<() => void>();
  const dirty = dirtyCases();
  // Called with the cases written in a transaction, before it commits: the engine keeps what it
  // derives from them (list columns, name index, tasks) in the same transaction.
  let beforeCommit: ((changed: Map<string, { facts: boolean }>) => void) | undefined;
  const flush = (): void => {
    // Deriving may write (a derivation never marks cases itself); a bound keeps a bug from looping.
    for (let round = 0; round < 4; round++) {
      const changed = dirty.drain();
      if (changed.size === 0 || !beforeCommit) return;
      beforeCommit(changed);
    }
  };
  return {
    db,
    users: usersRepository(db),
    cases: casesRepository(db, dirty),
    tasks: tasksRepository(db, changes),
    audit: auditRepository(db),
    auditTree: auditTreeRepository(db),
    transparency: transparencyRepository(db),
    rulesets: rulesetsRepository(db),
    idempotency: idempotencyRepository(db),
    pending: pendingRepository(db, dirty),
    jurisdictions: jurisdictionsRepository(db, changes),
    settings: settingsRepository(db, changes),
    recordReads: recordReadsRepository(db),
    agreements: agreementsRepository(db),
    assistanceEligibility: assistanceEligibilityRepository(db),
    securityEvents: securityEventsRepository(db),
    scope: scopeRepository(db),
    privilegedRequests: privilegedRequestsRepository(db),
    webSessions: webSessionsRepository(db),
    personKeys: personKeysRepository(db),
    /** One IMMEDIATE transaction: all of `fn` is written, or none of it. */
    transaction<T>(fn: () => T): T {
      // Inside an open transaction this is a SAVEPOINT (better-sqlite3 nests them): only the outermost commits.
      const outermost = !db.$client.inTransaction;
      try {
        const result = db.$client.transaction(() => {
          const out = fn();
          flush();
          return out;
        }).immediate();
        if (outermost) for (const listener of committed) listener();
        return result;
      } catch (e) {
        // Rolled back: anything cached from writes made inside it must be read again.
        changes.bump();
        dirty.clear();
        throw e;
      }
    },
    /** Called after each transaction commits (the engine's health watches writes recover). */
    onCommit(listener: () => void): void {
      committed.add(listener);
    },
    /** Registers what runs on the cases a transaction wrote, before it commits (one hook: the engine's). */
    onBeforeCommit(hook: (changed: Map<string, { facts: boolean }>) => void): void {
      beforeCommit = hook;
    },
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
export type { CaseRow, InstanceRow, EvidenceRow, LinkRow, CaseListFilter, CaseIndexRow, ListCursor, ListDriver } from './repositories/cases.ts';
export type { TaskRow, TaskCursor } from './repositories/tasks.ts';
export { UNDATED } from './repositories/tasks.ts';
export type { AuditRow, AuditFilter } from './repositories/audit.ts';
export type { PendingRow, JurisdictionRow, SettingsRow } from './repositories/support.ts';
export type { UserRow, TokenRow, TokenOwner } from './repositories/users.ts';
export type { PrivilegedRequestRow } from './repositories/privileged.ts';
export type { SecurityEventRow, SecurityEventInput, SecurityEventFilter } from './repositories/security.ts';
export type { WebSessionRow, WebSessionOwner } from './repositories/sessions.ts';
export type { PersonKeyRow } from './repositories/personKeys.ts';
export type { AgreementRow } from './repositories/agreements.ts';
export type { TeamRow, BreakGlassRow, CaseScope } from './repositories/scope.ts';
export type { CheckpointRow, CosignatureRow, VerificationRow, ForkRow } from './repositories/transparency.ts';
export type { RecordReadRow, RecordReadsFilter, AssistanceEligibilityRow } from './repositories/privacy.ts';
