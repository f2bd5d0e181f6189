import { z } from 'zod';
import { ROLES } from '../../../workflows/roles.ts';

/**
 * Answers about who may do what: users, tokens, privileged changes, teams, data-sharing
 * agreements and the security log. `CreatedUser`, `IssuedToken` and `Pending` are also the
 * response schemas the user routes serialize with: their answers have exactly these keys.
 */

const Role = z.enum(ROLES);

/** The contract's answer to a new user: exactly these keys, the token shown once. */
export const CreatedUser = z.object({ id: z.string(), name: z.string(), roles: z.array(Role), token: z.string() });
export const PrivilegedRequest = z.object({
  id: z.string(),
  kind: z.enum(['create_user', 'set_roles', 'issue_token']),
  status: z.enum(['pending', 'confirmed', 'rejected']),
  userId: z.string().nullable(),
  name: z.string().optional(),
  roles: z.array(Role).optional(),
  teamIds: z.array(z.string()).optional(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export const Pending = z.object({ request: PrivilegedRequest });
export const IssuedToken = z.object({ token: z.string(), expiresAt: z.string(), tokenId: z.string() });

const TokenView = z.looseObject({ id: z.string(), prefix: z.string().describe('the first characters, never the token'), issuedAt: z.string(), expiresAt: z.string(), revokedAt: z.string().nullable(), status: z.string() });

export const User = z.looseObject({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  teamIds: z.array(z.string()),
  status: z.string().describe('active or disabled'),
  disabled: z.boolean(),
  createdAt: z.string(),
  tokens: z.array(TokenView),
});

export const RevokedToken = TokenView.extend({ userId: z.string() });
export const RevokedTokens = z.looseObject({ userId: z.string(), revoked: z.array(z.looseObject({ id: z.string(), prefix: z.string() })) });
export const DecidedRequest = z.looseObject({ request: PrivilegedRequest, user: User.optional().describe('the user as changed (set_roles)') });

export const Team = z.looseObject({ id: z.string(), name: z.string(), organisation: z.string(), createdAt: z.string(), members: z.array(z.string()).describe('user ids') });

export const Agreement = z.looseObject({
  id: z.string(),
  recipient: z.looseObject({ name: z.string(), kind: z.string(), state: z.string().optional() }),
  legalBasis: z.string(),
  purposes: z.array(z.string()),
  fields: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  status: z.string().describe('proposed or approved'),
  proposedBy: z.string(),
  approvedBy: z.string().nullable(),
});

export const SecurityEvent = z.looseObject({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  actorId: z.string().nullable(),
  address: z.string().nullable(),
  tokenPrefix: z.string().nullable().describe('at most a prefix, never a token'),
  route: z.string().nullable(),
  status: z.number().int().nullable(),
  caseId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
