import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { teamMembers, teams, tokens, users } from '../schema.ts';

export interface UserRow {
  id: string;
  name: string;
  roles: string[];
  disabled: boolean;
  createdAt: string;
}

export interface TokenRow {
  id: string;
  userId: string;
  tokenHash: string;
  prefix: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** A token looked up by its hash, with its user: the caller decides on expiry, revocation and a disabled user. */
export interface TokenOwner {
  user: UserRow;
  token: Omit<TokenRow, 'tokenHash'>;
}

const publicColumns = { id: users.id, name: users.name, roles: users.roles, disabled: users.disabled, createdAt: users.createdAt };
const tokenColumns = { id: tokens.id, userId: tokens.userId, prefix: tokens.prefix, issuedAt: tokens.issuedAt, expiresAt: tokens.expiresAt, revokedAt: tokens.revokedAt };

export function usersRepository(db: Db) {
  const byToken = db
    .select({ user: publicColumns, token: tokenColumns })
    .from(tokens)
    .innerJoin(users, eq(users.id, tokens.userId))
    .where(eq(tokens.tokenHash, sql.placeholder('hash')))
    .prepare();
  return {
    /** A user, in the teams named (the default team when none is). */
    insert(user: UserRow, teamIds: readonly string[] = ['team-default']): void {
      db.insert(users).values(user).run();
      for (const teamId of teamIds) db.insert(teamMembers).values({ teamId, userId: user.id }).run();
    },
    insertToken(token: TokenRow): void {
      db.insert(tokens).values(token).run();
    },
    findByTokenHash(hash: string): TokenOwner | undefined {
      return byToken.get({ hash });
    },
    get(id: string): UserRow | undefined {
      return db.select(publicColumns).from(users).where(eq(users.id, id)).get();
    },
    list(): UserRow[] {
      return db.select(publicColumns).from(users).orderBy(users.createdAt, users.id).all();
    },
    count(): number {
      return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
    },
    setDisabled(id: string, disabled: boolean): void {
      db.update(users).set({ disabled }).where(eq(users.id, id)).run();
    },
    setRoles(id: string, roles: readonly string[]): void {
      db.update(users).set({ roles: [...roles] }).where(eq(users.id, id)).run();
    },
    /** The team ids of each user named (of every user when none is). */
    teamsOf(userIds?: readonly string[]): Map<string, string[]> {
      const rows = db
        .select({ userId: teamMembers.userId, teamId: teamMembers.teamId })
        .from(teamMembers)
        .where(userIds ? inArray(teamMembers.userId, [...userIds]) : undefined)
        .orderBy(teamMembers.userId, teamMembers.teamId)
        .all();
      const out = new Map<string, string[]>();
      for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.teamId]);
      return out;
    },
    /** Which of the team ids name no team (checked before a user is put in them). */
    unknownTeams(teamIds: readonly string[]): string[] {
      if (teamIds.length === 0) return [];
      const known = new Set(db.select({ id: teams.id }).from(teams).where(inArray(teams.id, [...teamIds])).all().map((t) => t.id));
      return teamIds.filter((id) => !known.has(id));
    },
    token(tokenId: string): Omit<TokenRow, 'tokenHash'> | undefined {
      return db.select(tokenColumns).from(tokens).where(eq(tokens.id, tokenId)).get();
    },
    /** Revokes one token; false when it was already revoked. */
    revokeToken(tokenId: string, at: string): boolean {
      return db.update(tokens).set({ revokedAt: at }).where(and(eq(tokens.id, tokenId), isNull(tokens.revokedAt))).run().changes === 1;
    },
    /** Revokes every live token of a user (before a new one is issued, or when asked). */
    revokeTokens(userId: string, at: string): Array<Pick<TokenRow, 'id' | 'prefix'>> {
      return db
        .update(tokens)
        .set({ revokedAt: at })
        .where(and(eq(tokens.userId, userId), isNull(tokens.revokedAt)))
        .returning({ id: tokens.id, prefix: tokens.prefix })
        .all();
    },
    tokensOf(userId: string): Array<Omit<TokenRow, 'tokenHash'>> {
      return db.select(tokenColumns).from(tokens).where(eq(tokens.userId, userId)).orderBy(tokens.issuedAt, tokens.id).all();
    },
  };
}
export type UsersRepository = ReturnType<typeof usersRepository>;
