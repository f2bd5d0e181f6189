import { createHash, randomBytes } from 'node:crypto';
import type { Repositories } from '../../db/index.ts';
import { ROLES, type Actor, type Role } from '../../workflows/roles.ts';
import type { Clock } from './commands.ts';

/** How long a reviewers' page session lives: idle (`SESSION_IDLE_MINUTES`) and at most (`SESSION_MAX_HOURS`). */
export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMinutes: 30, maxHours: 12 };

/**
 * last_seen_at is written at most this often: one write per page view would turn reading into
 * writing. The idle limit is therefore exact to within this much.
 */
export const TOUCH_EVERY_MS = 60_000;

/** Why a session no longer holds (never shown to anyone but the process log and tests). */
export type SessionEnd = 'unknown' | 'ended' | 'idle' | 'expired' | 'user_disabled' | 'token_revoked' | 'token_expired';

export type SessionCheck = { actor: Actor & { name: string }; sessionHash: string } | { refused: SessionEnd };

const hashId = (id: string): string => createHash('sha256').update(id).digest('hex');
const plus = (at: string, ms: number): string => new Date(Date.parse(at) + ms).toISOString();
const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);
/** Ended and expired sessions are kept this long, then removed at a later sign-in. */
const KEEP_MS = 30 * 86_400_000;

/**
 * Server-side sessions for the reviewers' pages. The browser holds only a random id (32 bytes,
 * base64url); the database holds its sha256, so a copy of the database opens no session. A
 * session ends at sign-out, after `idleMinutes` without a request, `maxHours` after sign-in, or as
 * soon as its user is disabled or the token it was signed in with is revoked or expires.
 */
export function createWebSessions(repos: Repositories, clock: Clock, limits: SessionLimits = DEFAULT_SESSION_LIMITS) {
  const idleMs = limits.idleMinutes * 60_000;
  const maxMs = limits.maxHours * 3_600_000;
  return {
    limits,
    /** A new session for a user signed in with `tokenId`: returns the id for the cookie (shown nowhere else). */
    start(userId: string, tokenId: string | null): { id: string; expiresAt: string } {
      const now = clock.now();
      const id = randomBytes(32).toString('base64url');
      const expiresAt = plus(now, maxMs);
      repos.transaction(() => {
        repos.webSessions.purge(plus(now, -KEEP_MS));
        repos.webSessions.insert({ idHash: hashId(id), userId, tokenId, createdAt: now, lastSeenAt: now, expiresAt, endedAt: null });
      });
      return { id, expiresAt };
    },
    /** The user behind a session id, now; a session that no longer holds is ended on the way. */
    check(id: string): SessionCheck {
      const idHash = hashId(id);
      const found = repos.webSessions.findByIdHash(idHash);
      if (!found) return { refused: 'unknown' };
      const { session, user, token } = found;
      if (session.endedAt !== null) return { refused: 'ended' };
      const now = clock.now();
      // Reading must keep working when the database cannot write (health reports that): a
      // session that should end is refused all the same, and a missed touch only shortens it.
      const end = (reason: SessionEnd): SessionCheck => {
        try {
          repos.transaction(() => repos.webSessions.end(idHash, now));
        } catch {
          // refused below whether or not the end was written
        }
        return { refused: reason };
      };
      if (session.expiresAt <= now) return end('expired');
      if (Date.parse(session.lastSeenAt) + idleMs <= Date.parse(now)) return end('idle');
      if (user.disabled) return end('user_disabled');
      if (session.tokenId !== null) {
        if (!token || token.revokedAt !== null) return end('token_revoked');
        if (token.expiresAt <= now) return end('token_expired');
      }
      if (Date.parse(now) - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
        try {
          repos.transaction(() => repos.webSessions.touch(idHash, now));
        } catch {
          // see above: the page is still served
        }
      }
      return { actor: { id: user.id, name: user.name, roles: user.roles.filter(isRole) }, sessionHash: idHash };
    },
    /** Sign-out: the session ends server-side, so its cookie opens nothing any more. */
    end(id: string): void {
      repos.transaction(() => repos.webSessions.end(hashId(id), clock.now()));
    },
    /** Ends every open session of a user (for disabling a user or revoking their tokens). */
    endForUser(userId: string): number {
      return repos.transaction(() => repos.webSessions.endForUser(userId, clock.now()));
    },
  };
}
export type WebSessions = ReturnType<typeof createWebSessions>;
