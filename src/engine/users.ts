import { randomUUID } from 'node:crypto';
import type { PrivilegedRequestRow, Repositories, UserRow } from '../../db/index.ts';
import { CASEWORK_ROLES, COMMAND_ROLES, type Actor, type Role } from '../../workflows/roles.ts';
import { DEFAULT_TOKEN_TTL_DAYS, isRole, issueToken, type CreatedUser, type IssuedToken } from '../auth/tokens.ts';
import { appendAudit } from './audit.ts';
import type { Clock } from './commands.ts';
import { AppError, invalid, notFound } from './errors.ts';

/** Roles that read a person's identity: granting one (or `admin`) through the API needs a second admin (four-eyes, like KP-SYS-03). */
export const IDENTITY_ROLES: readonly Role[] = CASEWORK_ROLES;
/** Roles that work on cases: never held together with `admin` (admin manages users, never case content). */
export const CASE_WORKING_ROLES: readonly Role[] = COMMAND_ROLES;

/** The operator at the machine (`npm run cli`): its grants apply at once and are audited under this actor. */
export const OPERATOR: Actor = { id: 'cli', roles: ['admin'] };
/** The first start's admin is created by the server itself. */
export const BOOTSTRAP: Actor = { id: 'bootstrap', roles: [] };

export type PrivilegedKind = 'create_user' | 'set_roles' | 'issue_token';

/** How a privileged change was allowed, as its audit record says. */
export type FourEyes = 'single_admin' | 'not_required' | 'confirmed' | 'operator' | 'bootstrap' | 'self';

export interface TokenView {
  id: string;
  prefix: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

export interface UserView {
  id: string;
  name: string;
  roles: Role[];
  teamIds: string[];
  status: 'active' | 'disabled';
  disabled: boolean;
  createdAt: string;
  tokens: TokenView[];
}

export interface PrivilegedRequestView {
  id: string;
  kind: PrivilegedKind;
  status: 'pending' | 'confirmed' | 'rejected';
  userId: string | null;
  name?: string;
  roles?: Role[];
  teamIds?: string[];
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** A change that applied, or the request now waiting for a second admin. */
export type Privileged<T> = { applied: T } | { pending: PrivilegedRequestView };

interface RequestBody {
  name?: string;
  roles?: Role[];
  teamIds?: string[];
  keepExisting?: boolean;
}

export interface UserServiceOptions {
  tokenTtlDays?: number;
}

/** How a change was allowed, in its audit record. */
interface How {
  fourEyes: FourEyes;
  requestId?: string;
  requestedBy?: string;
}

/** `via: 'operator'` for the CLI (the operator at the machine); the API is `'api'`. */
export type Via = 'api' | 'operator';

const rolesIssue = (message: string) => invalid([{ path: 'body.roles', message }]);

/** Refuses `admin` together with a case-working role (400 naming `roles`). */
export function checkRoles(roles: readonly Role[]): void {
  if (roles.length === 0) throw rolesIssue('name one or more roles');
  const working = roles.filter((r) => CASE_WORKING_ROLES.includes(r));
  if (roles.includes('admin') && working.length) {
    throw rolesIssue(`admin is never held with a case-working role (${working.join(', ')}): admin manages users and tokens, never case content`);
  }
}

const needsSecondAdmin = (gained: readonly Role[]): boolean => gained.some((r) => r === 'admin' || IDENTITY_ROLES.includes(r));

/**
 * Users, roles and tokens: every change is a record in the audit chain (workflow `access`, no case
 * data, never a token). Through the API, a grant of a role that sees identity or of `admin` waits
 * for a second, different active admin when there are two or more; with one active admin (the
 * first start) it applies at once, and its record says `fourEyes: "single_admin"`.
 */
export function createUserService(repos: Repositories, clock: Clock, options: UserServiceOptions = {}) {
  const ttlDays = options.tokenTtlDays ?? DEFAULT_TOKEN_TTL_DAYS;

  function audit(actor: Actor, type: string, data: Record<string, unknown>, at: string, toState: string | null = null): number {
    return appendAudit(repos, { at, caseId: null, workflow: 'access', instance: '', actor, type, data, fromState: null, toState, result: 'applied', verdicts: [] }).seq;
  }

  function view(user: UserRow, teams: Map<string, string[]>, now: string): UserView {
    return {
      id: user.id,
      name: user.name,
      roles: user.roles.filter(isRole),
      teamIds: teams.get(user.id) ?? [],
      status: user.disabled ? 'disabled' : 'active',
      disabled: user.disabled,
      createdAt: user.createdAt,
      tokens: repos.users.tokensOf(user.id).map(({ userId: _u, ...t }): TokenView => ({ ...t, status: tokenStatus(t, now) })),
    };
  }

  function row(id: string): UserRow {
    const user = repos.users.get(id);
    if (!user) throw notFound(`user ${id}`);
    return user;
  }

  function get(id: string): UserView {
    return view(row(id), repos.users.teamsOf([id]), clock.now());
  }

  const activeAdmins = (): UserRow[] => repos.users.list().filter((u) => !u.disabled && u.roles.includes('admin'));

  /** Why this grant may apply now, or undefined when it must wait for a second admin. */
  function allowedNow(gained: readonly Role[], actor: Actor, via: Via): FourEyes | undefined {
    if (via === 'operator') return 'operator';
    if (!needsSecondAdmin(gained)) return 'not_required';
    const others = activeAdmins().filter((u) => u.id !== actor.id);
    return others.length === 0 ? 'single_admin' : undefined;
  }

  function requestView(r: PrivilegedRequestRow): PrivilegedRequestView {
    const body = r.body as RequestBody;
    return {
      id: r.id,
      kind: r.kind as PrivilegedKind,
      status: r.status as PrivilegedRequestView['status'],
      userId: r.userId,
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.roles ? { roles: body.roles } : {}),
      ...(body.teamIds ? { teamIds: body.teamIds } : {}),
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt,
    };
  }

  function request(kind: PrivilegedKind, userId: string | null, body: RequestBody, actor: Actor, at: string): PrivilegedRequestView {
    const id = `pr-${randomUUID()}`;
    repos.privilegedRequests.insert({ id, kind, userId, body, status: 'pending', requestedBy: actor.id, requestedAt: at, decidedBy: null, decidedAt: null });
    // The name stays in the request row: the chain holds ids, roles and teams only.
    audit(actor, 'PRIVILEGED_REQUESTED', { requestId: id, kind, userId, ...(body.roles ? { roles: body.roles } : {}), ...(body.teamIds ? { teamIds: body.teamIds } : {}) }, at, 'pending');
    return requestView(repos.privilegedRequests.get(id)!);
  }

  function checkTeams(teamIds: readonly string[]): void {
    const unknown = repos.users.unknownTeams(teamIds);
    if (unknown.length) throw invalid([{ path: 'body.teamIds', message: `no team ${unknown.join(', ')}` }]);
  }

  function doCreate(body: Required<Pick<RequestBody, 'name' | 'roles'>> & { teamIds?: string[] | undefined }, actor: Actor, at: string, how: How): CreatedUser {
    const id = `u-${randomUUID()}`;
    const teamIds = body.teamIds ?? ['team-default'];
    repos.users.insert({ id, name: body.name, roles: [...body.roles], disabled: false, createdAt: at }, teamIds);
    const issued = issueToken(repos, id, at, ttlDays);
    audit(actor, 'USER_CREATED', { userId: id, roles: body.roles, teamIds, ...how }, at, 'active');
    audit(actor, 'TOKEN_ISSUED', { ...tokenData(id, issued, []), ...how }, at);
    return { id, name: body.name, roles: [...body.roles], token: issued.token };
  }

  function doSetRoles(user: UserRow, roles: Role[], actor: Actor, at: string, how: How): UserView {
    repos.users.setRoles(user.id, roles);
    audit(actor, 'ROLES_CHANGED', { userId: user.id, from: user.roles, roles, ...how }, at);
    return get(user.id);
  }

  function doIssue(user: UserRow, keepExisting: boolean, actor: Actor, at: string, how: How): IssuedToken {
    const revoked = keepExisting ? [] : repos.users.revokeTokens(user.id, at);
    if (revoked.length) audit(actor, 'TOKEN_REVOKED', { userId: user.id, tokens: revoked, reason: 'replaced' }, at);
    const issued = issueToken(repos, user.id, at, ttlDays);
    audit(actor, 'TOKEN_ISSUED', { ...tokenData(user.id, issued, revoked), ...how }, at);
    return issued;
  }

  /** The last active admin must stay: nobody could manage users otherwise (the CLI still can, on the machine). */
  function keepAnAdmin(user: UserRow, losesAdmin: boolean): void {
    if (!losesAdmin || user.disabled || !user.roles.includes('admin')) return;
    if (activeAdmins().filter((u) => u.id !== user.id).length === 0) {
      throw new AppError('INVALID_TRANSITION', `user ${user.id} is the last active admin: make another admin first`);
    }
  }

  return {
    list(): UserView[] {
      const now = clock.now();
      const teams = repos.users.teamsOf();
      return repos.users.list().map((u) => view(u, teams, now));
    },
    get,

    /** A new user and its first token (shown once), or a request waiting for a second admin. */
    create(input: { name: string; roles: Role[]; teamIds?: string[] | undefined }, actor: Actor, via: Via = 'api'): Privileged<CreatedUser> {
      const roles = [...new Set(input.roles)];
      checkRoles(roles);
      const teamIds = input.teamIds ? [...new Set(input.teamIds)] : undefined;
      if (teamIds) checkTeams(teamIds);
      const at = clock.now();
      return repos.transaction(() => {
        const fourEyes = allowedNow(roles, actor, via);
        if (!fourEyes) return { pending: request('create_user', null, { name: input.name, roles, ...(teamIds ? { teamIds } : {}) }, actor, at) };
        return { applied: doCreate({ name: input.name, roles, teamIds }, actor, at, { fourEyes }) };
      });
    },

    /** Replaces a user's roles; gaining a role that sees identity, or admin, is four-eyes. */
    setRoles(id: string, rolesIn: Role[], actor: Actor, via: Via = 'api'): Privileged<UserView> {
      const roles = [...new Set(rolesIn)];
      checkRoles(roles);
      const at = clock.now();
      return repos.transaction(() => {
        const user = row(id);
        keepAnAdmin(user, !roles.includes('admin'));
        const gained = roles.filter((r) => !user.roles.includes(r));
        const fourEyes = allowedNow(gained, actor, via);
        if (!fourEyes) return { pending: request('set_roles', id, { roles }, actor, at) };
        return { applied: doSetRoles(user, roles, actor, at, { fourEyes }) };
      });
    },

    setDisabled(id: string, disabled: boolean, actor: Actor): UserView {
      const at = clock.now();
      return repos.transaction(() => {
        const user = row(id);
        if (user.disabled === disabled) return get(id);
        if (disabled) keepAnAdmin(user, true);
        repos.users.setDisabled(id, disabled);
        audit(actor, disabled ? 'USER_DISABLED' : 'USER_ENABLED', { userId: id }, at, disabled ? 'disabled' : 'active');
        return get(id);
      });
    },

    /**
     * A new token for a user (older ones revoked unless `keepExisting`). An admin's own token
     * applies at once; another user's that sees identity, or an admin's, is four-eyes like a
     * grant: whoever holds the token acts as that user.
     */
    issueToken(id: string, keepExisting: boolean, actor: Actor, via: Via = 'api'): Privileged<IssuedToken> {
      const at = clock.now();
      return repos.transaction(() => {
        const user = row(id);
        const fourEyes: FourEyes | undefined = via === 'api' && id === actor.id ? 'self' : allowedNow(user.roles.filter(isRole), actor, via);
        if (!fourEyes) return { pending: request('issue_token', id, { keepExisting }, actor, at) };
        return { applied: doIssue(user, keepExisting, actor, at, { fourEyes }) };
      });
    },

    /** Revokes every live token of a user. */
    revokeTokens(id: string, actor: Actor): { userId: string; revoked: Array<{ id: string; prefix: string }> } {
      const at = clock.now();
      return repos.transaction(() => {
        row(id);
        const revoked = repos.users.revokeTokens(id, at);
        if (revoked.length) audit(actor, 'TOKEN_REVOKED', { userId: id, tokens: revoked, reason: 'revoked' }, at);
        return { userId: id, revoked };
      });
    },

    /** Revokes one token by its id. */
    revokeToken(tokenId: string, actor: Actor): TokenView & { userId: string } {
      const at = clock.now();
      return repos.transaction(() => {
        const token = repos.users.token(tokenId);
        if (!token) throw notFound(`token ${tokenId}`);
        if (repos.users.revokeToken(tokenId, at)) audit(actor, 'TOKEN_REVOKED', { userId: token.userId, tokens: [{ id: token.id, prefix: token.prefix }], reason: 'revoked' }, at);
        const after = repos.users.token(tokenId)!;
        return { ...after, status: 'revoked' };
      });
    },

    requests(status: 'pending' | 'confirmed' | 'rejected' | undefined = 'pending'): PrivilegedRequestView[] {
      return repos.privilegedRequests.list(status).map(requestView);
    },

    /** A second, different admin applies a pending request; the requester confirming their own is refused (403). */
    confirm(requestId: string, actor: Actor): { request: PrivilegedRequestView; created?: CreatedUser; user?: UserView; token?: IssuedToken } {
      const at = clock.now();
      return repos.transaction(() => {
        const r = pendingRequest(requestId);
        if (r.requestedBy === actor.id) {
          throw new AppError('FORBIDDEN', `four-eyes: request ${requestId} is confirmed by an admin other than the one who made it`);
        }
        repos.privilegedRequests.decide(requestId, 'confirmed', actor.id, at);
        const body = r.body as RequestBody;
        // Applied by the confirming admin; the records name who asked.
        const how: How = { fourEyes: 'confirmed', requestId, requestedBy: r.requestedBy };
        audit(actor, 'PRIVILEGED_CONFIRMED', { requestId, kind: r.kind, userId: r.userId, requestedBy: r.requestedBy }, at, 'confirmed');
        const result: { request: PrivilegedRequestView; created?: CreatedUser; user?: UserView; token?: IssuedToken } = { request: requestView(repos.privilegedRequests.get(requestId)!) };
        if (r.kind === 'create_user') {
          // Checked again: the rule may have been asked of a body written before it (and teams may be gone).
          checkRoles(body.roles ?? []);
          if (body.teamIds) checkTeams(body.teamIds);
          result.created = doCreate({ name: body.name ?? '', roles: body.roles ?? [], teamIds: body.teamIds }, actor, at, how);
        } else if (r.kind === 'set_roles') {
          const user = row(r.userId!);
          checkRoles(body.roles ?? []);
          keepAnAdmin(user, !(body.roles ?? []).includes('admin'));
          result.user = doSetRoles(user, body.roles ?? [], actor, at, how);
        } else {
          result.token = doIssue(row(r.userId!), body.keepExisting ?? false, actor, at, how);
        }
        return result;
      });
    },

    reject(requestId: string, actor: Actor): PrivilegedRequestView {
      const at = clock.now();
      return repos.transaction(() => {
        const r = pendingRequest(requestId);
        repos.privilegedRequests.decide(requestId, 'rejected', actor.id, at);
        audit(actor, 'PRIVILEGED_REJECTED', { requestId, kind: r.kind, userId: r.userId, requestedBy: r.requestedBy }, at, 'rejected');
        return requestView(repos.privilegedRequests.get(requestId)!);
      });
    },

    /** On a first start with no users: an admin, audited; the caller puts its token where only the operator reads it. */
    bootstrapAdmin(): CreatedUser | undefined {
      if (repos.users.count() > 0) return undefined;
      const at = clock.now();
      return repos.transaction(() => (repos.users.count() > 0 ? undefined : doCreate({ name: 'admin', roles: ['admin'] }, BOOTSTRAP, at, { fourEyes: 'bootstrap' })));
    },

    /** Ids of the active admins (the CLI's `users rotate-admin` picks the first). */
    activeAdmins: () => activeAdmins().map((u) => u.id),
  };

  function pendingRequest(requestId: string): PrivilegedRequestRow {
    const r = repos.privilegedRequests.get(requestId);
    if (!r) throw notFound(`request ${requestId}`);
    if (r.status !== 'pending') throw new AppError('INVALID_TRANSITION', `request ${requestId} is already ${r.status}`);
    return r;
  }
}

const tokenStatus = (t: { revokedAt: string | null; expiresAt: string }, now: string): TokenView['status'] =>
  t.revokedAt !== null ? 'revoked' : t.expiresAt <= now ? 'expired' : 'active';

function tokenData(userId: string, issued: IssuedToken, replaced: ReadonlyArray<{ id: string }>): Record<string, unknown> {
  return { userId, tokenId: issued.tokenId, prefix: issued.prefix, expiresAt: issued.expiresAt, ...(replaced.length ? { replaced: replaced.map((t) => t.id) } : {}) };
}

export type UserService = ReturnType<typeof createUserService>;
