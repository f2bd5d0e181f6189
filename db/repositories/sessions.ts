import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../connection.ts';
import { tokens, users, webSessions } from '../schema.ts';

export interface WebSessionRow {
  idHash: string;
  userId: string;
  tokenId: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  endedAt: string | null;
}

/**
 * A session looked up by its id's hash, with what decides whether it still holds: its user (name,
 * roles, disabled) and the token it was signed in with (expiry, revocation; null when that token
 * row is gone or the session predates the column).
 */
export interface WebSessionOwner {
  session: WebSessionRow;
  user: { id: string; name: string; roles: string[]; disabled: boolean };
  token: { id: string; expiresAt: string; revokedAt: string | null } | null;
}

/** Reviewers' page sessions (only the sha256 of a session id is ever stored). */
export function webSessionsRepository(db: Db) {
  const signedWith = alias(tokens, 'signed_with');
  const byHash = db
    .select({
      session: {
        idHash: webSessions.idHash,
        userId: webSessions.userId,
        tokenId: webSessions.tokenId,
        createdAt: webSessions.createdAt,
        lastSeenAt: webSessions.lastSeenAt,
        expiresAt: webSessions.expiresAt,
        endedAt: webSessions.endedAt,
      },
      user: { id: users.id, name: users.name, roles: users.roles, disabled: users.disabled },
      token: { id: signedWith.id, expiresAt: signedWith.expiresAt, revokedAt: signedWith.revokedAt },
    })
    .from(webSessions)
    .innerJoin(users, eq(users.id, webSessions.userId))
    .leftJoin(signedWith, eq(signedWith.id, webSessions.tokenId))
    .where(eq(webSessions.idHash, sql.placeholder('hash')))
    .prepare();
  return {
    insert(row: WebSessionRow): void {
      db.insert(webSessions).values(row).run();
    },
    findByIdHash(idHash: string): WebSessionOwner | undefined {
      const found = byHash.get({ hash: idHash });
      if (!found) return undefined;
      // A left join yields a token of nulls when none matched.
      return { ...found, token: found.token?.id ? found.token : null } as WebSessionOwner;
    },
    touch(idHash: string, at: string): void {
      db.update(webSessions).set({ lastSeenAt: at }).where(and(eq(webSessions.idHash, idHash), isNull(webSessions.endedAt))).run();
    },
    /** Ends one session; a session already ended keeps its first end. */
    end(idHash: string, at: string): void {
      db.update(webSessions).set({ endedAt: at }).where(and(eq(webSessions.idHash, idHash), isNull(webSessions.endedAt))).run();
    },
    /** Ends every open session of a user (disabling a user, revoking their tokens). */
    endForUser(userId: string, at: string): number {
      return db.update(webSessions).set({ endedAt: at }).where(and(eq(webSessions.userId, userId), isNull(webSessions.endedAt))).run().changes;
    },
    /** Removes sessions that ended, or expired absolutely, before `before` (housekeeping). */
    purge(before: string): number {
      return db.delete(webSessions).where(or(lt(webSessions.endedAt, before), lt(webSessions.expiresAt, before))).run().changes;
    },
  };
}
export type WebSessionsRepository = ReturnType<typeof webSessionsRepository>;
