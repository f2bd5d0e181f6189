import { and, desc, eq, gt, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../connection.ts';
import { idempotencyKeys, jurisdictions, pendingCommands, settings } from '../schema.ts';
import type { ChangeWatch } from './changes.ts';
import type { DirtyCases } from './cases.ts';

/** Idempotency keys, pending second approvals, jurisdiction versions and policy settings. */

export interface IdempotencyRow {
  actorId: string;
  key: string;
  requestHash: string;
  status: number;
  response: unknown;
  createdAt: string;
}

export interface PendingRow {
  id: string;
  caseId: string;
  workflow: string;
  instance: string;
  command: unknown;
  proposedBy: unknown;
  requiredRole: string;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface JurisdictionRow {
  code: string;
  validFrom: string;
  /** 1 for a new version; a correction of it is the next revision. */
  revision?: number;
  data: unknown;
  recordedAt: string;
  recordedBy: string;
}

export function idempotencyRepository(db: Db) {
  const get = db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.actorId, sql.placeholder('actorId')), eq(idempotencyKeys.key, sql.placeholder('key'))))
    .prepare();
  // Prepared: the query builder costs more than the insert itself on the command path.
  const put = db
    .insert(idempotencyKeys)
    .values({
      actorId: sql.placeholder('actorId'),
      key: sql.placeholder('key'),
      requestHash: sql.placeholder('requestHash'),
      status: sql.placeholder('status'),
      response: sql.placeholder('response'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare();
  return {
    get(actorId: string, key: string): IdempotencyRow | undefined {
      return get.get({ actorId, key });
    },
    put(row: IdempotencyRow): void {
      put.run({ ...row });
    },
  };
}

export function pendingRepository(db: Db, dirty?: DirtyCases) {
  // Prepared once: every write to a case reads its open approvals again (its tasks are derived from them).
  const openOfCase = db.select().from(pendingCommands).where(and(eq(pendingCommands.status, 'pending'), eq(pendingCommands.caseId, sql.placeholder('caseId')))).orderBy(pendingCommands.createdAt).prepare();
  return {
    insert(row: PendingRow): void {
      db.insert(pendingCommands).values(row).run();
      dirty?.mark(row.caseId, false);
    },
    get(id: string): PendingRow | undefined {
      return db.select().from(pendingCommands).where(eq(pendingCommands.id, id)).get();
    },
    open(caseId?: string): PendingRow[] {
      if (caseId !== undefined) return openOfCase.all({ caseId });
      return db.select().from(pendingCommands).where(eq(pendingCommands.status, 'pending')).orderBy(pendingCommands.createdAt).all();
    },
    resolve(id: string, status: 'confirmed' | 'rejected', by: string, at: string): void {
      const row = db.update(pendingCommands).set({ status, resolvedAt: at, resolvedBy: by }).where(eq(pendingCommands.id, id)).returning({ caseId: pendingCommands.caseId }).get();
      if (row) dirty?.mark(row.caseId, false);
    },
  };
}

export function jurisdictionsRepository(db: Db, changes: ChangeWatch) {
  const newer = alias(jurisdictions, 'newer');
  // Read by every command (the rules' context): prepared once. Only the highest revision of each
  // version is in force; corrected revisions stay in the table for the record.
  const current = db
    .select()
    .from(jurisdictions)
    .where(notExists(db.select({ r: newer.revision }).from(newer).where(and(eq(newer.code, jurisdictions.code), eq(newer.validFrom, jurisdictions.validFrom), gt(newer.revision, jurisdictions.revision)))))
    .orderBy(jurisdictions.code, jurisdictions.validFrom)
    .prepare();
  const read = (): JurisdictionRow[] => current.all();
  return {
    all: read,
    /**
     * `derive(all())`, computed again only after a write through this connection (also inside
     * the current transaction) or a commit by another connection: the per-command read of the
     * rules' context. The value is shared between calls: callers must not mutate it.
     */
    derived<T>(derive: (rows: JurisdictionRow[]) => T): T {
      return changes.memo(read, derive);
    },
    insert(row: JurisdictionRow): void {
      changes.bump();
      db.insert(jurisdictions).values(row).run();
    },
    /** The revision in force of one version, if the version exists. */
    version(code: string, validFrom: string): JurisdictionRow | undefined {
      return db.select().from(jurisdictions).where(and(eq(jurisdictions.code, code), eq(jurisdictions.validFrom, validFrom))).orderBy(desc(jurisdictions.revision)).limit(1).get();
    },
    /** Every revision of every version of one jurisdiction, superseded ones included. */
    revisions(code: string): JurisdictionRow[] {
      return db.select().from(jurisdictions).where(eq(jurisdictions.code, code)).orderBy(jurisdictions.validFrom, jurisdictions.revision).all();
    },
  };
}

export interface SettingsRow {
  id: number;
  values: unknown;
  recordedAt: string;
  recordedBy: string;
}

export function settingsRepository(db: Db, changes: ChangeWatch) {
  // Read by every command (the rules' context): prepared once.
  const latest = db.select().from(settings).orderBy(desc(settings.id)).limit(1).prepare();
  const read = (): SettingsRow | undefined => latest.get();
  return {
    latest: read,
    /** `derive(latest())`, cached like `jurisdictions.derived`: callers must not mutate the value. */
    derived<T>(derive: (row: SettingsRow | undefined) => T): T {
      return changes.memo(read, derive);
    },
    history() {
      return db.select().from(settings).orderBy(settings.id).all();
    },
    insert(values: unknown, recordedAt: string, recordedBy: string): void {
      changes.bump();
      db.insert(settings).values({ values, recordedAt, recordedBy }).run();
    },
  };
}
