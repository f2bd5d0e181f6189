import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Repositories, UserRow } from '../../db/index.ts';
import { ROLES, type Actor, type Role } from '../../workflows/roles.ts';

/** API tokens: 32 random bytes shown once; only their sha256 is stored. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newToken = (): string => `kp_${randomBytes(32).toString('base64url')}`;

export const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

export interface CreatedUser {
  id: string;
  name: string;
  roles: Role[];
  token: string;
}

export function createUser(repos: Repositories, name: string, roles: readonly Role[], at: string): CreatedUser {
  const token = newToken();
  const id = `u-${randomUUID()}`;
  repos.users.insert({ id, name, roles: [...roles], tokenHash: hashToken(token), disabled: false, createdAt: at });
  return { id, name, roles: [...roles], token };
}

/** The actor behind a bearer token, or undefined for an unknown or disabled token. */
export function authenticate(repos: Repositories, token: string): (Actor & { name: string }) | undefined {
  const user: UserRow | undefined = repos.users.findByTokenHash(hashToken(token));
  if (!user || user.disabled) return undefined;
  return { id: user.id, name: user.name, roles: user.roles.filter(isRole) };
}

/** On a first start with no users, an admin is created and its token printed once. */
export function bootstrapAdmin(repos: Repositories, at: string): CreatedUser | undefined {
  if (repos.users.count() > 0) return undefined;
  return createUser(repos, 'admin', ['admin'], at);
}
