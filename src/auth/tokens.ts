import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Repositories } from '../../db/index.ts';
import { ROLES, type Actor, type Role } from '../../workflows/roles.ts';

/** API tokens: 32 random bytes shown once; only their sha256 is stored, with a short prefix for throttling and the security log. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newToken = (): string => `kp_${randomBytes(32).toString('base64url')}`;

/** The first characters of a token after `kp_`: enough to group attempts, far too few to use (6 of 43 base64url characters). */
export const tokenPrefix = (token: string): string => token.slice(0, 9);

export const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** How long a token lives unless configured otherwise (`TOKEN_TTL_DAYS`). */
export const DEFAULT_TOKEN_TTL_DAYS = 90;

export interface CreatedUser {
  id: string;
  name: string;
  roles: Role[];
  token: string;
}

const addDays = (at: string, days: number): string => new Date(Date.parse(at) + days * 86_400_000).toISOString();

/** Issues a new token for a user (the caller revokes older ones when it replaces them). */
export function issueToken(repos: Repositories, userId: string, at: string, ttlDays = DEFAULT_TOKEN_TTL_DAYS): IssuedToken {
  const token = newToken();
  const expiresAt = addDays(at, ttlDays);
  const tokenId = `t-${randomUUID()}`;
  const prefix = tokenPrefix(token);
  repos.users.insertToken({ id: tokenId, userId, tokenHash: hashToken(token), prefix, issuedAt: at, expiresAt, revokedAt: null });
  return { token, expiresAt, tokenId, prefix };
}

/** A token as issued: the token itself is shown once and never stored; the rest is listed with the user. */
export interface IssuedToken {
  token: string;
  expiresAt: string;
  tokenId: string;
  prefix: string;
}

export interface CreateUserOptions {
  teamIds?: readonly string[];
  ttlDays?: number;
}

export function createUser(repos: Repositories, name: string, roles: readonly Role[], at: string, options: CreateUserOptions = {}): CreatedUser {
  const id = `u-${randomUUID()}`;
  return repos.transaction(() => {
    repos.users.insert({ id, name, roles: [...roles], disabled: false, createdAt: at }, options.teamIds);
    // The contract's answer is exactly { id, name, roles, token }: the expiry is listed with the user's tokens.
    const { token } = issueToken(repos, id, at, options.ttlDays);
    return { id, name, roles: [...roles], token };
  });
}

/** Why a token was refused: the 401's message says which (an expired token must be told apart). */
export type TokenRefusal = 'unknown' | 'expired' | 'revoked' | 'disabled';

export type Authentication = { actor: Actor & { name: string }; tokenId: string } | { refused: TokenRefusal };

/** The actor behind a bearer token at `now`, or why it is refused. */
export function authenticateToken(repos: Repositories, token: string, now: string): Authentication {
  const found = repos.users.findByTokenHash(hashToken(token));
  if (!found) return { refused: 'unknown' };
  if (found.token.revokedAt !== null) return { refused: 'revoked' };
  if (found.token.expiresAt <= now) return { refused: 'expired' };
  if (found.user.disabled) return { refused: 'disabled' };
  return { actor: { id: found.user.id, name: found.user.name, roles: found.user.roles.filter(isRole) }, tokenId: found.token.id };
}

/** The actor behind a bearer token, or undefined for a refused one. */
export function authenticate(repos: Repositories, token: string, now: string = new Date().toISOString()): (Actor & { name: string }) | undefined {
  const result = authenticateToken(repos, token, now);
  return 'actor' in result ? result.actor : undefined;
}

/** On a first start with no users, an admin is created; the caller puts its token where only the operator reads it. */
export function bootstrapAdmin(repos: Repositories, at: string, ttlDays?: number): CreatedUser | undefined {
  if (repos.users.count() > 0) return undefined;
  return createUser(repos, 'admin', ['admin'], at, ttlDays !== undefined ? { ttlDays } : {});
}
